"""Every scene of both shipped levels, at every text size, in both languages, with the default
look and with high contrast plus the dyslexic font, in three window sizes: nothing the lesson
needs may be out of reach, hidden under a button, cut, or missing from a comparison table.
(What is checked: see ``audit.py``.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from audit import audit, record_texts_without_painter_records, tour_every_scene

from escape_game.commands.play import campaign_or_problems
from escape_game.ui.app import PlayOptions
from escape_game.ui.pilot import Pilot
from escape_game.ui.settings import TEXT_SCALES, Settings, save_settings

pytestmark = [pytest.mark.ui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ("tutorial", "risk_academy")
WINDOWS = ((1280, 720), (1024, 600), (1920, 1080))
LOOKS = {"default": {}, "contrast_dyslexic": {"high_contrast": True, "dyslexic_font": True}}

_loaded: dict[str, Any] = {}


def level(name: str) -> Any:
    if name not in _loaded:
        loaded, problems = campaign_or_problems(ROOT / "levels" / name)
        assert loaded is not None, problems
        _loaded[name] = loaded
    return _loaded[name]


def audit_level(tmp_path: Path, name: str, size: tuple[int, int], text_size: int,
                language: str, look: str) -> tuple[int, list[str]]:
    settings_path = tmp_path / f"{name}.json"
    save_settings(Settings(language=language, text_size=text_size, text_speed="instant",
                           **LOOKS[look]), settings_path)
    pilot = Pilot(PlayOptions(level=level(name), data_dir=tmp_path / name, seed=5,
                              settings_path=settings_path, telemetry=False), size=size)
    record_texts_without_painter_records()
    problems: list[str] = []
    frames = 0
    for scene, potions in tour_every_scene(pilot):
        frames += 1
        if scene.startswith("item ") and type(pilot.scene).__name__ != "ItemScene":
            problems.append(f"{scene}: the bag's item cannot be opened to be read")
        problems += audit(pilot, scene, potions)
    return frames, problems


@pytest.mark.parametrize("look", sorted(LOOKS))
@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("text_size", range(len(TEXT_SCALES)))
@pytest.mark.parametrize("size", WINDOWS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_scene_loses_content(tmp_path: Path, size: tuple[int, int], text_size: int,
                                language: str, look: str) -> None:
    found: list[str] = []
    for name in LEVELS:
        frames, problems = audit_level(tmp_path, name, size, text_size, language, look)
        assert frames >= 25, f"{name}: the tour reached only {frames} scenes"
        found += problems
    assert found == [], "\n".join(found[:40]) + f"\n({len(found)} problems)"
