"""The story's pages compared with reference images (UPDATE_SCREENSHOTS=1 rewrites them).

Same rule as the other screenshot tests: a page matches when fewer than 1% of its pixels
differ beyond a small threshold. A missing reference fails, so a new page cannot slip by.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from test_screenshots import compare_with_references

from escape_game.loading import load_campaign
from escape_game.ui.app import PlayOptions
from escape_game.ui.pilot import Pilot
from escape_game.ui.scenes.intro import intro_scene
from escape_game.ui.scenes.outcome import outcome_scene
from escape_game.ui.settings import Settings, save_settings

pytestmark = pytest.mark.ui

REFERENCE = Path(__file__).resolve().parent / "screenshots" / "story"
LEVEL = Path(__file__).resolve().parents[2] / "levels" / "risk_academy"
VARIANTS = {"default": Settings(language="en", text_speed="instant"),
            "high_contrast_fr": Settings(language="fr", high_contrast=True, text_size=1,
                                         text_speed="instant")}
SUMMARY = "Score 120 · 700 € · 78/100"


def _shots(tmp_path: Path, variant: str) -> dict[str, pygame.Surface]:
    settings_path = tmp_path / f"{variant}.json"
    save_settings(VARIANTS[variant], settings_path)
    loaded = load_campaign(LEVEL)
    pilot = Pilot(PlayOptions(level=loaded, data_dir=tmp_path / "data", seed=3,
                              settings_path=settings_path, telemetry=False))
    app = pilot.app
    pages = {"intro": intro_scene(app, loaded.campaign, app.flow.tr, lambda: None)}
    hall = next(r for r in loaded.campaign.rooms if r.id == "hall")
    for outcome in ("escaped", "out_of_time", "exhausted"):
        pages[f"ending_{outcome}"] = outcome_scene(app, loaded.campaign, app.flow.tr, outcome,
                                                   SUMMARY, lambda: None, room=hall)
    shots = {}
    for name, scene in pages.items():
        app.scenes.replace(scene)
        pilot.frame()
        shots[name] = pilot.screenshot()
    return shots


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_story_pages_match_their_reference(tmp_path: Path, variant: str) -> None:
    pytest.importorskip("numpy")
    # Story references are never written unseen, in CI or not.
    compare_with_references(_shots(tmp_path, variant), REFERENCE / variant, tmp_path,
                            write_missing=False)
