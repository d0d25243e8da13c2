"""Scenario tests for rooms, exits, objects, items and every effect of the format."""

from __future__ import annotations

from decimal import Decimal

from scenarios import event, names, play, reason

from escape_game.core import (
    Level,
    exit_open,
    new_game,
    step,
    visible_exits,
    visible_objects,
)
from escape_game.core.actions import ACTION_ADAPTER
from escape_game.model import EFFECT_KEYS
from escape_game.runner.levels import level_from_text

WORLD = """\
format: 1
id: world
title: World
languages: [en]
start: {room: hall, money: "20.00", wellbeing: 50, items: [coin]}
risks: [{id: fire, name: Fire}]
items:
  - {id: coin, name: Coin}
  - {id: key, name: Key}
  - {id: map, name: Map}
rooms:
  - id: hall
    title: Hall
    description: Start.
    on_enter: [{message: "Welcome"}, {add_score: 5}]
    objects:
      - id: desk
        name: Desk
        description: D
        on_examine:
          - {set_flag: seen}
          - {give_item: key}
          - {add_money: "5.50"}
          - {add_wellbeing: 60}
          - {add_score: 10}
      - {id: poster, name: Poster, description: P, visible_if: {has_flag: seen}, take: map}
      - id: jar
        name: Jar
        description: J
        uses:
          - item: coin
            condition: {has_flag: seen}
            consume: true
            message: "Clink"
            on_use: [{clear_flag: seen}, {remove_item: key}, {unlock_exit: back}]
      - id: lever
        name: Lever
        description: L
        on_examine: [{trigger_threat: fire_alarm}, {go_to: garden}]
    exits:
      - {id: to_garden, to: garden, label: Garden, condition: {has_item: key}}
      - {id: secret, to: garden, label: Secret, visible_if: {visited: garden}}
    threats:
      - id: fire_alarm
        name: Alarm
        category: fire
        description: An alarm.
        loss: "0"
        trigger: {when: effect}
        warning: {seconds: 5}
  - id: garden
    title: Garden
    description: Outside.
    on_enter: [{add_score: 1}]
    exits:
      - {id: back, to: hall, label: Back, locked: true}
      - id: out
        to: street
        label: Out
        condition: {all: [{money_at_least: "25"}, {not: {wellbeing_at_least: 101}}]}
    objects:
      - id: gate
        name: Gate
        description: G
        on_examine: [{escape: true}]
        visible_if: {any: [{visited: street}, {has_flag: gate}]}
  - id: street
    title: Street
    description: Free.
    on_enter: [{escape: true}]
"""


def level() -> Level:
    return level_from_text(WORLD)


def test_opening_runs_on_enter_effects_once() -> None:
    lv = level()
    start = new_game(lv, seed=1)
    assert names(start) == ["RoomEntered", "MessageShown", "ScoreChanged"]
    assert start.state.score == 5 and start.state.inventory == ("coin",)
    assert start.state.visited == ("hall",)
    other = new_game(lv, seed=1, start_room="garden")
    assert other.state.room == "garden" and other.state.score == 1


def test_examine_effects_apply_the_first_time_only() -> None:
    lv = level()
    state, results = play(lv, {"type": "examine", "object": "desk"},
                          {"type": "examine", "object": "desk"})
    assert names(results[1]) == [
        "ObjectExamined", "FlagSet", "ItemGiven", "MoneyChanged", "WellbeingChanged",
        "ScoreChanged",
    ]
    assert names(results[2]) == ["ObjectExamined"]
    assert state.money == Decimal("25.50") and state.wellbeing == 100 and state.score == 15
    assert state.inventory == ("coin", "key") and state.examined == frozenset({"desk"})


def test_hidden_objects_appear_and_taken_ones_disappear() -> None:
    lv = level()
    state = new_game(lv, seed=1).state
    assert "poster" not in [o.id for o in visible_objects(lv, state)]
    result = step(lv, state, ACTION_ADAPTER.validate_python({"type": "take", "object": "poster"}))
    assert reason(result) == "not_visible"
    state, results = play(lv, {"type": "examine", "object": "desk"},
                          {"type": "take", "object": "poster"}, {"type": "take", "object": "desk"},
                          {"type": "take", "object": "poster"})
    assert event(results[2], "ItemTaken") == {"item": "map", "object": "poster"}
    assert reason(results[3]) == "cannot_take"
    assert reason(results[4]) == "not_visible"
    assert "poster" not in [o.id for o in visible_objects(lv, state)]
    assert state.inventory == ("coin", "key", "map")


def test_use_item_needs_the_item_a_matching_use_and_works_once() -> None:
    lv = level()
    _, early = play(lv, {"type": "use", "item": "coin", "target": "jar"})
    assert reason(early[1]) == "no_effect"  # its condition (flag seen) does not hold yet
    _, missing = play(lv, {"type": "use", "item": "map", "target": "jar"})
    assert reason(missing[1]) == "no_item"
    state, results = play(lv, {"type": "examine", "object": "desk"},
                          {"type": "use", "item": "coin", "target": "jar"},
                          {"type": "use", "item": "coin", "target": "jar"})
    assert names(results[2]) == [
        "ItemUsed", "MessageShown", "FlagCleared", "ItemRemoved", "ExitUnlocked",
    ]
    assert event(results[2], "ItemUsed")["consumed"] is True
    assert reason(results[3]) == "no_item"
    assert state.inventory == () and "back" in state.unlocked_exits
    assert "seen" not in state.flags


def test_exits_visibility_conditions_locks_and_moving() -> None:
    lv = level()
    state = new_game(lv, seed=1).state
    assert [e.id for e in visible_exits(lv, state)] == ["to_garden"]
    assert not exit_open(lv, state, "to_garden")
    assert reason(step(lv, state, ACTION_ADAPTER.validate_python(
        {"type": "go", "exit": "to_garden"}))) == "condition_not_met"
    assert reason(step(lv, state, ACTION_ADAPTER.validate_python(
        {"type": "go", "exit": "secret"}))) == "not_visible"
    assert reason(step(lv, state, ACTION_ADAPTER.validate_python(
        {"type": "go", "exit": "back"}))) == "not_here"
    assert reason(step(lv, state, ACTION_ADAPTER.validate_python(
        {"type": "go", "exit": "nowhere"}))) == "unknown_exit"
    state, results = play(lv, {"type": "examine", "object": "desk"},
                          {"type": "go", "exit": "to_garden"}, {"type": "go", "exit": "back"})
    assert names(results[2]) == ["RoomLeft", "RoomEntered", "ScoreChanged"]
    assert reason(results[3]) == "locked"
    assert state.room == "garden" and state.visited == ("hall", "garden")
    assert state.room_actions == 0 and state.total_actions == 2


def test_revisiting_a_room_skips_on_enter_and_shows_secret_exit() -> None:
    lv = level()
    state, results = play(
        lv,
        {"type": "examine", "object": "desk"},
        {"type": "use", "item": "coin", "target": "jar"},  # unlocks back, removes the key
        {"type": "examine", "object": "lever"},  # trigger_threat then go_to garden
        {"type": "go", "exit": "back"},
    )
    assert names(results[3]) == [  # the threat starts before the move, as the effects are listed
        "ObjectExamined", "ThreatWarned", "RoomLeft", "RoomEntered", "ScoreChanged",
    ]
    assert event(results[3], "RoomEntered")["first_time"] is True
    assert [e.id for e in visible_exits(lv, results[3].state)] == ["back", "out"]
    assert names(results[4]) == ["RoomLeft", "RoomEntered"]  # no hall welcome, no score again
    assert event(results[4], "RoomEntered") == {"room": "hall", "via": "back", "first_time": False}
    assert state.room == "hall" and state.visited == ("hall", "garden")
    assert state.score == 5 + 10 + 1 and state.pending("fire_alarm") is not None
    assert [e.id for e in visible_exits(lv, state)] == ["to_garden", "secret"]


def test_compound_conditions_and_escape() -> None:
    lv = level()
    state, results = play(lv, {"type": "examine", "object": "desk"},
                          {"type": "go", "exit": "to_garden"}, {"type": "go", "exit": "out"})
    assert names(results[3])[-1] == "GameEnded"
    assert state.outcome == "escaped"
    assert event(results[3], "GameEnded") == {
        "outcome": "escaped", "score": 16, "money": Decimal("25.50"), "wellbeing": 100,
        "elapsed_ms": 0}


def test_escape_effect_stops_the_remaining_effects() -> None:
    text = WORLD.replace("[{escape: true}]", "[{escape: true}, {add_score: 99}]")
    lv = level_from_text(text.replace("{has_flag: gate}", "{visited: garden}"))
    state, _ = play(lv, {"type": "examine", "object": "lever"},
                    {"type": "examine", "object": "gate"})
    assert state.outcome == "escaped" and state.score == 6


def test_every_effect_key_is_exercised_by_these_scenarios() -> None:
    used = {key for key in EFFECT_KEYS if f"{{{key}:" in WORLD}
    assert used == set(EFFECT_KEYS)


CLASH = """\
format: 1
id: clash
title: Clash
languages: [en]
start: {room: hall, money: "0"}
rooms:
  - id: hall
    title: Hall
    description: H
    objects: [{id: safe, name: Safe, description: S}]
    exits: [{id: door, to: safe, label: Door}]
  - id: safe
    title: Safe room
    description: S
    objects: [{id: door, name: Door, description: D, puzzle: safe}]
    puzzles:
      - {id: safe, kind: code_lock, title: T, prompt: P, code: "1", on_success: [{escape: true}]}
"""


def test_ids_of_different_kinds_may_be_equal() -> None:
    lv = level_from_text(CLASH)
    state, results = play(lv, {"type": "examine", "object": "safe"}, {"type": "go", "exit": "door"},
                          {"type": "examine", "object": "door"},
                          {"type": "answer", "puzzle": "safe", "code": "1"})
    assert all("ActionRejected" not in names(r) for r in results[1:])
    assert state.outcome == "escaped"
    assert (lv.object_room["safe"], lv.puzzle_room["safe"], lv.exit_room["door"]) == (
        "hall", "safe", "hall")


def test_the_rules_and_the_queries_read_an_exit_the_same_way() -> None:
    """One gate per exit: going through is refused for exactly the reason exit_barrier names."""
    from escape_game.core.actions import GoThrough
    from escape_game.core.events import ActionRejected
    from escape_game.core.queries import exit_barrier

    lv = level()
    state = new_game(lv, seed=1).state
    seen: set[str | None] = set()
    path = [{"type": "examine", "object": "desk"}, {"type": "go", "exit": "to_garden"}]
    for action in [None, *path]:
        if action is not None:
            state = step(lv, state, ACTION_ADAPTER.validate_python(action)).state
        for exit_id in [*lv.exits, "nowhere"]:
            barrier = exit_barrier(lv, state, exit_id)
            events = step(lv, state, GoThrough(exit=exit_id)).events
            refused = [e.reason for e in events if isinstance(e, ActionRejected)]
            assert refused == ([] if barrier is None else [barrier]), exit_id
            assert exit_open(lv, state, exit_id) == (barrier is None)
            seen.add(barrier)
    assert {None, "unknown_exit", "not_here", "not_visible", "locked",
            "condition_not_met"} <= seen
