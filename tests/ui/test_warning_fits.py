"""A warning counts down while it shows, so its choices (pause and think, the shop, face it)
never leave the window, whatever the text size, language or screen: the warning's text and
the shop's flash offer scroll in their own region above them instead, and scrolling it
brings the offer's button into view."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pygame
import pytest
from audit import audit

from escape_game.core.state import PendingWarning
from escape_game.loading import load_campaign
from escape_game.ui.scenes.threat import ThreatScene
from escape_game.ui.settings import TEXT_SCALES, Settings, save_settings

pytestmark = pytest.mark.ui

LEVEL = Path(__file__).resolve().parents[2] / "levels" / "risk_academy"
LARGEST = len(TEXT_SCALES) - 1


def warned(make_pilot: Any, tmp_path: Path, language: str, size: tuple[int, int],
           paused: bool = False) -> Any:
    """Risk Academy's first room (it has a shop), its fire warning on screen: the shop's flash
    offer shows."""
    settings_path = tmp_path / f"{language}.json"
    save_settings(Settings(language=language, text_size=LARGEST, text_speed="instant"),
                  settings_path)
    pilot = make_pilot(load_campaign(LEVEL), size=size, seed=3, settings_path=settings_path,
                       telemetry=False)
    app, flow = pilot.app, pilot.app.flow
    room = next(r for r in flow.campaign.rooms if r.shop and r.threats)
    app.options.start_room = room.id
    flow.start_game()
    del app.scenes.stack[1:]
    app.toasts.clear()
    threat = room.threats[0]
    flow.game.state = dataclasses.replace(flow.game.state, warnings=(
        PendingWarning(threat.id, 30000, paused=paused),))
    app.scenes.push(ThreatScene(app, threat.id))
    pilot.frame(ms=0)
    return pilot


@pytest.mark.parametrize("paused", [False, True], ids=["counting", "paused"])
@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_choices_stay_in_view_beside_a_flash_offer(make_pilot: Any, tmp_path: Path,
                                                       language: str, size: tuple[int, int],
                                                       paused: bool) -> None:
    pilot = warned(make_pilot, tmp_path, language, size, paused)
    scene = pilot.scene
    assert isinstance(scene, ThreatScene) and scene.featured() is not None
    window = pygame.Rect((0, 0), size)
    for key in ("think", "shop", "face"):
        assert window.contains(pilot.widget(key).rect), (key, pilot.widget(key).rect, size)
    assert audit(pilot, "warning with a flash offer") == []


def test_scrolling_the_warning_brings_the_offer_into_view(make_pilot: Any,
                                                          tmp_path: Path) -> None:
    pilot = warned(make_pilot, tmp_path, "fr", (1024, 600))
    scene = pilot.scene
    assert isinstance(scene, ThreatScene)
    assert scene.region.overflowing  # the largest text on a small screen: it must scroll
    assert not pilot.has("flash_buy")  # half a button is not offered
    pilot.press(pygame.K_PAGEDOWN)
    pilot.press(pygame.K_PAGEDOWN)
    assert pilot.has("flash_buy") and scene.visible(pilot.widget("flash_buy"))
    for key in ("think", "shop", "face"):  # the choices did not move
        assert scene.visible(pilot.widget(key))
    assert audit(pilot, "warning scrolled to the offer") == []
    pilot.press(pygame.K_HOME)
    assert scene.region.offset == 0
    focused = pilot.focused
    pilot.press(pygame.K_DOWN)  # reads on first, as on a page that scrolls
    assert scene.region.offset > 0 and pilot.focused == focused
