"""Warnings that need no search: quiz titles naming a time, hotspot layout accidents."""

from __future__ import annotations

from pathlib import Path

import pytest

from escape_game.check.layout_lint import picture_rect, png_size
from escape_game.check.lints import lint
from escape_game.check.quiz_titles import time_word
from escape_game.loading import load_campaign

ROOT = Path(__file__).resolve().parents[2]

LEVEL = """format: 1
id: lint_me
title: Lint me
languages: [en, fr]
start: {{room: hall, money: 10}}
concepts:
  - {{id: premium, name: {{en: Premium, fr: Prime}}, definition: {{en: Paid., fr: Payée.}}}}
quiz_forms:
  - id: form_a
    title: {{en: "{title_a}", fr: "Quiz A"}}
    items:
      - {{id: q1, kind: choice, concept: premium, prompt: {{en: Q?, fr: Q ?}},
         options: [{{id: a, text: {{en: A, fr: A}}}}, {{id: b, text: {{en: B, fr: B}}}}],
         answer: a}}
  - id: form_b
    title: {{en: "Quiz B", fr: "Quiz B"}}
    items:
      - {{id: q2, kind: choice, concept: premium, prompt: {{en: Q?, fr: Q ?}},
         options: [{{id: a, text: {{en: A, fr: A}}}}, {{id: b, text: {{en: B, fr: B}}}}],
         answer: a}}
quizzes: {{pre: form_a, post: form_b, counterbalance: {counterbalance}}}
rooms:
  - id: hall
    title: {{en: Hall, fr: Entrée}}
    description: {{en: A hall., fr: Une entrée.}}
    concepts: [premium]
    objects:
      - id: lamp
        name: {{en: Lamp, fr: Lampe}}
        description: {{en: A lamp., fr: Une lampe.}}
        position: {{x: 0.3, y: 0.5}}
      - id: desk
        name: {{en: "{desk}", fr: Bureau}}
        description: {{en: A desk., fr: Un bureau.}}
        position: {{x: {desk_x}, y: 0.52}}
    puzzles:
      - id: door
        kind: code_lock
        title: {{en: Door, fr: Porte}}
        prompt: {{en: Code?, fr: Code ?}}
        code: "1"
        concepts: [premium]
        on_success: [{{escape: true}}]
"""


def _problems(tmp_path: Path, **values: object) -> list[str]:
    fields = {"title_a": "Quiz A", "counterbalance": "true", "desk": "Desk", "desk_x": 0.8}
    fields.update(values)
    (tmp_path / "campaign.yaml").write_text(LEVEL.format(**fields), "utf-8")
    return [f"{p.line}:{p.column}: {p.message}" for p in lint(load_campaign(tmp_path))]


def test_a_clean_level_has_no_lint(tmp_path: Path) -> None:
    assert _problems(tmp_path) == []


def test_a_title_naming_a_time_is_flagged_under_counterbalance(tmp_path: Path) -> None:
    (found,) = _problems(tmp_path, title_a="Before you play")
    assert found.startswith("10:12: the title of quiz form 'form_a' says “Before” (en)")
    assert "counterbalance: false" in found
    assert _problems(tmp_path, title_a="Before you play", counterbalance="false") == []


@pytest.mark.parametrize(("text", "lang", "word"), [
    ("After the game", "en", "After"), ("Quiz de fin", "fr", "fin"),
    ("Avant de jouer", "fr", "Avant"), ("Post-test", "en", "Post-test"),
    ("Quiz A", "en", None), ("Endurance quiz", "en", None), ("Définir", "fr", None)])
def test_time_words(text: str, lang: str, word: str | None) -> None:
    assert time_word(text, lang) == word


def test_overlapping_hotspots_are_flagged_with_where(tmp_path: Path) -> None:
    (found,) = _problems(tmp_path, desk_x=0.34)
    assert "of object 'lamp' and object 'desk' overlap in room 'hall'" in found
    assert found.startswith("35:19:")  # the desk's position


def test_a_label_too_long_is_flagged(tmp_path: Path) -> None:
    (found,) = _problems(tmp_path, desk="A very long name for a small wooden desk")
    assert "“A very long name for a small wooden desk” (en)" in found
    assert "is cut with '…'" in found and "shorten it" in found


def test_png_size_and_the_picture_keeps_its_shape() -> None:
    hall = ROOT / "assets" / "images" / "rooms" / "hall.png"
    size = png_size(hall)
    assert size is not None
    rect = picture_rect(size)
    assert abs(rect.w / rect.h - size[0] / size[1]) < 0.01
    assert png_size(ROOT / "README.md") is None
