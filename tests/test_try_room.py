"""`escape-game try LEVEL ROOM`: straight into a room with the state a player would bring."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from escape_game.check.arrival import ArrivalError, arrival, find_walkthrough, with_changes
from escape_game.cli import main
from escape_game.core import Level, new_game, step
from escape_game.loading import load_campaign
from escape_game.runner.script import load_script

ROOT = Path(__file__).resolve().parents[1]
ACADEMY = ROOT / "levels" / "risk_academy"
TUTORIAL = ROOT / "levels" / "tutorial"


def _level(path: Path) -> Level:
    return Level.from_campaign(load_campaign(path).campaign)


def test_an_unknown_room_exits_2_with_a_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["try", str(ACADEMY), "scma", "--print-state"]) == 2
    err = capsys.readouterr().err
    assert "no room 'scma'; did you mean 'scam'?" in err


def test_an_unknown_item_or_puzzle_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["try", str(TUTORIAL), "office", "--item", "nott", "--print-state"]) == 2
    assert "no item 'nott'; did you mean 'note'?" in capsys.readouterr().err
    assert main(["try", str(TUTORIAL), "office", "--solved", "door", "--print-state"]) == 2
    assert "no puzzle 'door'" in capsys.readouterr().err
    assert main(["try", str(TUTORIAL), "office", "--money", "lots", "--print-state"]) == 2
    assert "--money must be an amount" in capsys.readouterr().err


def test_the_arrival_state_is_the_careful_walkthroughs() -> None:
    """The state printed is the one the careful walkthrough has when it first enters."""
    level = _level(ACADEMY)
    script = load_script(ACADEMY / "walkthroughs" / "careful.yaml")
    state = new_game(level, script.seed or 0).state
    for action in script.actions:
        state = step(level, state, action).state
        if state.room == "scam":
            break
    found = arrival(level, "scam", walkthrough=find_walkthrough(ACADEMY))
    assert "careful walkthrough" in found.source
    assert found.state.room == "scam"
    assert found.state.money == state.money and found.state.solved == state.solved
    assert found.state.inventory == state.inventory
    start = level.campaign.start.money
    assert found.state.money != start or found.state.solved  # not the opening state


def test_without_a_walkthrough_the_shortest_play_brings_its_state() -> None:
    level = _level(TUTORIAL)
    assert find_walkthrough(TUTORIAL) is None
    found = arrival(level, "office")
    assert "shortest play" in found.source
    assert found.state.room == "office"
    assert "door_code" in found.state.solved and "note" in found.state.inventory
    assert found.state.timers  # the game plays with timers even if the search did not


def test_the_command_line_changes_the_state(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["try", str(TUTORIAL), "office", "--money", "12,50", "--flag", "vip",
                 "--solved", "best_value", "--print-state"])
    assert code == 0
    state = json.loads(capsys.readouterr().out)
    assert state["money"] == "12.50"
    assert "vip" in state["flags"] and "best_value" in state["solved"]


def test_changing_money_keeps_the_ledger_balanced() -> None:
    level = _level(TUTORIAL)
    found = arrival(level, "office")
    changed = with_changes(level, found.state, money=Decimal("3.00"), items=["note"])
    assert changed.ledger.net_worth() == changed.money - changed.debt
    assert changed.inventory.count("note") == 1
    with pytest.raises(ArrivalError, match="did you mean 'note'"):
        with_changes(level, found.state, items=["notes"])
