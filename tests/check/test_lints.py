"""Warnings that need no search: quiz titles naming a time, hotspot layout accidents."""

from __future__ import annotations

from pathlib import Path

import pytest

from escape_game.check.layout_lint import lint_shop, picture_rect, png_size
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


def test_overlapping_pictures_are_flagged_with_where(tmp_path: Path) -> None:
    found = _problems(tmp_path, desk_x=0.34)
    (pictures,) = [f for f in found if "the pictures of" in f]
    assert "of object 'lamp' and object 'desk' overlap in room 'hall'" in pictures
    assert pictures.startswith("35:19:")  # the desk's position
    # their names cannot sit under them either: the room lists them, and says why
    (listed,) = [f for f in found if "lists every name" in f]
    assert "would cover the picture of object" in listed


def test_a_long_name_wraps_and_is_not_flagged(tmp_path: Path) -> None:
    assert _problems(tmp_path, desk="A very long name for a small wooden desk") == []


def test_names_that_would_overlap_are_listed_beside_the_picture(tmp_path: Path) -> None:
    (found,) = _problems(tmp_path, desk="A very long name for a small wooden desk",
                         desk_x=0.43)
    assert "the names of object 'lamp' and object 'desk' would overlap" in found
    assert "lists every name as a button beside the picture" in found
    assert "nothing is lost" in found and "cut" not in found


def test_a_word_too_long_for_the_picture_moves_the_names_to_the_list(tmp_path: Path) -> None:
    found = _problems(tmp_path, desk="Hausratversicherungsschutz")
    (listed,) = [f for f in found if "lists every name" in f]
    assert "the word “Hausratversicherungsschutz” in the name of object 'desk'" in listed
    assert listed.startswith("35:19:")
    # in the list, the word has a wider line and is whole
    assert not [f for f in found if "split between letters" in f]


def test_a_word_too_long_even_for_the_list_is_flagged(tmp_path: Path) -> None:
    found = _problems(tmp_path, desk="Pneumonoultramicroscopicsilicovolcanoconiosis")
    assert any("split between letters" in f and "list beside the picture" in f for f in found)


def _shop_lint(**changes: object) -> list[str]:
    loaded = load_campaign(ROOT / "levels" / "risk_academy")
    campaign = loaded.campaign
    room = next(r for r in campaign.rooms if r.id == "protection")
    shop = list(room.shop)
    if "extra" in changes:
        shop.append(shop[0].model_copy(update={"id": "extra"}))
    if "brand" in changes:
        shop[0] = shop[0].model_copy(update={"brand": {"en": changes["brand"],
                                                       "fr": changes["brand"]}})
    room = room.model_copy(update={"shop": tuple(shop)})
    return [message for *_, message in lint_shop(room, campaign)]


def test_the_shipped_shop_is_side_by_side_and_whole() -> None:
    assert _shop_lint() == []


def test_a_fifth_product_turns_the_shop_into_cards() -> None:
    (found,) = _shop_lint(extra=True)
    assert "shows its 5 products as cards one under another" in found
    assert "Offer at most 4 products" in found


def test_a_brand_word_too_long_for_its_column_is_flagged() -> None:
    (found,) = _shop_lint(brand="Rückversicherungsgesellschaft")
    assert "the word “Rückversicherungsgesellschaft” in the brand" in found
    assert "split between letters" in found


def test_png_size_and_the_picture_keeps_its_shape() -> None:
    hall = ROOT / "assets" / "images" / "rooms" / "hall.png"
    size = png_size(hall)
    assert size is not None
    rect = picture_rect(size)
    assert abs(rect.w / rect.h - size[0] / size[1]) < 0.01
    assert png_size(ROOT / "README.md") is None
