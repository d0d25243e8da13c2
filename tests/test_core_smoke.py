"""The API others build on: a new game, a few steps, immutability, hashing, JSON round trip."""

from __future__ import annotations

from decimal import Decimal

from locations import FIXTURES

from escape_game.core import GameState, Level, new_game, step, visible_objects, visible_puzzles
from escape_game.core import actions as a
from escape_game.runner.levels import level_from_text


def _mini() -> Level:
    path = FIXTURES / "core" / "levels" / "mini" / "campaign.yaml"
    return level_from_text(path.read_text(encoding="utf-8"))


def test_walk_through_the_mini_level_escapes() -> None:
    level = _mini()
    start = new_game(level, seed=1)
    assert [e.name for e in start.events] == ["RoomEntered", "PotionOffered"]
    state = start.state
    assert [o.id for o in visible_objects(level, state)] == ["desk", "safe", "door_panel"]
    assert [p.id for p in visible_puzzles(level, state)] == ["safe_code"]
    script = [
        a.Examine(object="desk"),
        a.Take(object="drawer"),
        a.Answer(puzzle="safe_code", code="0042"),
        a.UseItem(item="key", target="door_panel"),
        a.GoThrough(exit="north"),
    ]
    for action in script:
        result = step(level, state, action)
        assert all(e.name != "ActionRejected" for e in result.events), result.events
        state = result.state
    assert state.outcome == "escaped"
    assert state.money == Decimal("150.00")
    assert state.score == 100
    assert GameState.from_json(state.to_json()) == state
    assert hash(GameState.from_json(state.to_json())) == hash(state)


def test_invalid_action_is_rejected_with_the_same_state() -> None:
    level = _mini()
    state = new_game(level, seed=1).state
    result = step(level, state, a.GoThrough(exit="north"))
    assert result.state is state
    assert [(e.name, getattr(e, "reason", None)) for e in result.events] == [
        ("ActionRejected", "locked")
    ]
