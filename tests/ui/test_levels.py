"""Every room of every shipped level shows, and every thing in it opens, without an error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest
from walk import Player

from escape_game.commands.play import campaign_or_problems
from escape_game.ui.scenes.room import RoomScene

pytestmark = pytest.mark.ui

LEVELS = Path(__file__).resolve().parents[2] / "levels"
ROOMS = []
for folder in sorted(p for p in LEVELS.iterdir() if p.is_dir()):
    loaded, _ = campaign_or_problems(folder)
    if loaded is not None:
        ROOMS += [(folder.name, room.id) for room in loaded.campaign.rooms]


def test_the_shipped_levels_are_found() -> None:
    assert {name for name, _ in ROOMS} >= {"risk_academy"}


@pytest.mark.parametrize(("level_name", "room"), ROOMS, ids=[f"{a}-{b}" for a, b in ROOMS])
def test_every_hotspot_of_the_room_opens_and_closes(make_pilot: Any, level_name: str,
                                                   room: str) -> None:
    level, _ = campaign_or_problems(LEVELS / level_name)
    pilot = make_pilot(level, start_room=room, telemetry=False)
    pilot.app.flow.consent_given(None, False)
    pilot.app.flow.start_game()
    pilot.frame()
    player = Player(pilot, "mouse")
    player.to_room()
    keys = [w.key for w in pilot.widgets()
            if w.key.startswith(("object_", "puzzle_")) or w.key in ("shop", "hint")]
    assert keys, f"nothing to click in {room}"
    for key in keys:
        player.to_room()
        if pilot.session().state.room != room or not pilot.has(key):
            break  # an effect moved the player on: the room was shown
        pilot.click_on(key)
        pilot.frame()
        pilot.press(pygame.K_ESCAPE)
    assert pilot.app.errors == []
    assert isinstance(pilot.app.scenes.stack[0], RoomScene)
