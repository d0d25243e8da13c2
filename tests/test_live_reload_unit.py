"""The watcher: polls on the game's clock, reloads on change, returns errors, carries state."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from escape_game.check.arrival import arrival
from escape_game.core import Level
from escape_game.core.state import OwnedPotion
from escape_game.live_reload import LevelWatcher, Reloaded, ReloadFailed, carry_over
from escape_game.loading import load_campaign

TUTORIAL = Path(__file__).resolve().parents[1] / "levels" / "tutorial"


def test_nothing_changes_nothing_happens_and_polls_wait_their_turn(tmp_path: Path) -> None:
    level = tmp_path / "t"
    shutil.copytree(TUTORIAL, level)
    watcher = LevelWatcher(level, poll_ms=250)
    assert watcher.tick(1000) is None
    hall = level / "rooms" / "hall.yaml"
    hall.write_text(hall.read_text("utf-8").replace("Hall,", "Big hall,"), "utf-8")
    assert watcher.tick(100) is None  # not yet time to look
    change = watcher.tick(200)
    assert isinstance(change, Reloaded)
    assert change.loaded.campaign.rooms[0].title["en"] == "Big hall"
    assert watcher.tick(300) is None  # seen once


def test_walkthroughs_and_editor_schemas_are_not_watched(tmp_path: Path) -> None:
    level = tmp_path / "t"
    shutil.copytree(TUTORIAL, level)
    (level / "walkthroughs").mkdir()
    watcher = LevelWatcher(level)
    (level / "walkthroughs" / "w.yaml").write_text("- {type: wait, ms: 1}\n", "utf-8")
    assert watcher.tick(1000) is None


def test_errors_come_back_as_short_located_lines(tmp_path: Path) -> None:
    level = tmp_path / "t"
    shutil.copytree(TUTORIAL, level)
    watcher = LevelWatcher(level)
    (level / "campaign.yaml").write_text("format: 1\nid: [\n", "utf-8")
    change = watcher.tick(1000)
    assert isinstance(change, ReloadFailed)
    assert change.problems[0].startswith("campaign.yaml:")


def test_carry_over_keeps_what_exists_and_drops_the_rest() -> None:
    level = Level.from_campaign(load_campaign(TUTORIAL).campaign)
    state = arrival(level, "office").state
    odd = dataclasses.replace(state, room="gone", inventory=("note", "ghost"),
                              solved=("door_code", "old_puzzle"),
                              owned_potions=(OwnedPotion("flame_guard", 0),
                                             OwnedPotion("old", 0)))
    kept = carry_over(level, odd)
    assert kept.room == level.campaign.start.room
    assert kept.inventory == ("note",) and kept.solved == ("door_code",)
    assert [p.potion for p in kept.owned_potions] == ["flame_guard"]
