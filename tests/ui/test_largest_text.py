"""The whole game at the Largest text size in a small (1024x600) window, keyboard only and
mouse only: both shipped levels can be finished, and what a room's puzzle needs can be read.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from walk import Player

from escape_game.commands.play import campaign_or_problems
from escape_game.ui.scenes.debrief import DebriefScene
from escape_game.ui.scenes.intro import IntroScene
from escape_game.ui.scenes.item import ItemScene
from escape_game.ui.scenes.outcome import OutcomeScene
from escape_game.ui.scenes.room import RoomScene
from escape_game.ui.settings import TEXT_SCALES, Settings, save_settings

pytestmark = [pytest.mark.ui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
LARGEST = len(TEXT_SCALES) - 1
SMALL_WINDOW = (1024, 600)
#: the tutorial, solved: the door's code is on the sticky note, read from the bag
TUTORIAL = [{"type": "take", "object": "mirror"},
            {"type": "read", "item": "note", "expect": "0042"},
            {"type": "answer", "puzzle": "door_code", "code": "0042"},
            {"type": "go", "exit": "to_office"},
            {"type": "answer", "puzzle": "best_value", "choice": "flame_guard"}]


def _pilot(make_pilot: Any, tmp_path: Path, name: str, seed: int) -> Any:
    level, problems = campaign_or_problems(ROOT / "levels" / name)
    assert level is not None, problems
    settings_path = tmp_path / "largest.json"
    save_settings(Settings(language="en", text_size=LARGEST, text_speed="instant"),
                  settings_path)
    return make_pilot(level, size=SMALL_WINDOW, seed=seed, settings_path=settings_path)


def read_item(player: Player, item: str) -> str:
    """Open an item from the bag (number key or click) and return what the player reads."""
    player.to_room()
    scene = player.pilot.scene
    assert isinstance(scene, RoomScene)
    number = scene.bag_items().index(item) + 1
    if player.mode == "keyboard":
        import pygame

        player.pilot.press(getattr(pygame, f"K_{number}"))
    else:
        player.pilot.click_on(f"item_{item}")
    assert isinstance(player.pilot.scene, ItemScene)
    player.pilot.frame()
    shown = " ".join(text.text for text in player.pilot.scene.texts)
    player.close()
    return shown


def finish(player: Player, actions: list[dict[str, Any]]) -> None:
    for action in actions:
        if action["type"] == "read":
            assert action["expect"] in read_item(player, action["item"])
        else:
            player.play(action)


@pytest.mark.parametrize("mode", ["keyboard", "mouse"])
def test_the_tutorial_at_the_largest_size(make_pilot: Any, tmp_path: Path, mode: str) -> None:
    pilot = _pilot(make_pilot, tmp_path, "tutorial", seed=3)
    player = Player(pilot, mode)
    player.do("play")
    player.do("refuse")
    player.answer_quiz()
    assert isinstance(pilot.scene, IntroScene)  # a new game opens on the story
    player.read_story()
    pilot.frame_ms = 0
    finish(player, TUTORIAL)
    player.settle()
    assert pilot.session().state.outcome == "escaped"
    assert isinstance(pilot.scene, OutcomeScene)
    player.read_story()
    player.answer_quiz(pick="right")
    assert isinstance(pilot.scene, DebriefScene)
    assert pilot.app.errors == []


@pytest.mark.parametrize("mode", ["keyboard", "mouse"])
def test_risk_academy_at_the_largest_size(make_pilot: Any, tmp_path: Path, mode: str) -> None:
    script = yaml.safe_load((ROOT / "levels/risk_academy/walkthroughs/careful.yaml")
                            .read_text("utf-8"))
    pilot = _pilot(make_pilot, tmp_path, "risk_academy", seed=script["seed"])
    player = Player(pilot, mode)
    player.do("play")
    player.do("generate")
    player.do("agree")
    player.answer_quiz()
    assert isinstance(pilot.scene, IntroScene)  # a new game opens on the story
    player.read_story()
    pilot.frame_ms = 0
    finish(player, script["actions"])
    state = pilot.session().state
    assert state.outcome == script["expect"]["outcome"]
    assert state.money == Decimal(script["expect"]["money"])
    assert state.score == script["expect"]["score"]
    assert isinstance(pilot.scene, OutcomeScene)
    player.read_story()
    player.answer_quiz(pick="right")
    assert isinstance(pilot.scene, DebriefScene)
    player.do("done")
    assert pilot.app.errors == []
