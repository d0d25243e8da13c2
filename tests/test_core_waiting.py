"""A wait gives the same game however it is sliced: threats strike at their own moment.

The front end sends one short wait per frame, a checker one long wait: insurance must pay, or
not, the same way for both. Examples per case: HYPOTHESIS_CORE_EXAMPLES (default 100).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from locations import LEVELS

from escape_game.check.explore import plausible_actions
from escape_game.core import Action, Event, GameState, Level, new_game, step
from escape_game.core import actions as act
from escape_game.runner.levels import level_from_text, load_level

EXAMPLES = int(os.environ.get("HYPOTHESIS_CORE_EXAMPLES", "100"))
PROFILE = settings(max_examples=EXAMPLES, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SHIPPED = sorted(p.parent for p in LEVELS.glob("*/campaign.yaml"))
_CACHE: dict[Path, Level] = {}


def shipped(path: Path) -> Level:
    if path not in _CACHE:
        _CACHE[path] = load_level(path)
    return _CACHE[path]


def _timeless(state: GameState) -> GameState:
    """The state without its step counter: slicing a wait takes more steps, nothing else."""
    return dataclasses.replace(state, steps=0)


def _played(level: Level, start: tuple[int, bool, str], groups: list[list[Action]]
            ) -> tuple[list[GameState], list[Event]]:
    """The state after each group of actions, and every event except game-over refusals."""
    seed, timers, room = start
    result = new_game(level, seed, timers=timers, start_room=room)
    states, events = [_timeless(result.state)], list(result.events)
    for group in groups:
        for action in group:
            result = step(level, result.state, action)
            events.extend(e for e in result.events
                          if not (e.name == "ActionRejected"
                                  and e.model_dump()["reason"] == "game_over"))
        states.append(_timeless(result.state))
    return states, events


def test_insurance_bought_during_a_warning_is_judged_when_the_threat_strikes() -> None:
    """fine_print, seed 1: vita_health waits 1,800 s, the fever strikes after 90 s."""
    level = shipped(LEVELS / "risk_academy")
    start = new_game(level, 1, start_room="fine_print").state
    bought = step(level, start, act.BuyPotion(potion="vita_health")).state
    assert bought.pending("fever") is not None

    def strike(waits: list[int]) -> tuple[GameState, Any]:
        state, struck = bought, None
        for ms in waits:
            result = step(level, state, act.AdvanceTime(ms=ms))
            state = result.state
            struck = next((e for e in result.events if e.name == "ThreatStruck"), struck)
        return state, struck

    once, once_struck = strike([1_800_000])
    sliced, sliced_struck = strike([1_000] * 1_800)
    assert once_struck == sliced_struck
    assert once_struck.not_covered_because == "waiting_period"
    assert not once_struck.protected and once_struck.payout == 0
    assert _timeless(once) == _timeless(sliced)


def test_a_paused_countdown_keeps_its_pace_with_one_millisecond_frames() -> None:
    level = shipped(LEVELS / "risk_academy")
    start = new_game(level, 1, start_room="fine_print").state
    paused = step(level, start, act.PauseToThink(threat="fever")).state
    one = step(level, paused, act.AdvanceTime(ms=2_000)).state
    state = paused
    for _ in range(2_000):
        state = step(level, state, act.AdvanceTime(ms=1)).state
    assert _timeless(state) == _timeless(one)
    assert state.pending("fever") is not None
    assert state.pending("fever").remaining_ms == 90_000 - 1_000  # type: ignore[union-attr]


def test_the_game_ends_at_the_moment_of_a_time_limit_inside_a_wait() -> None:
    level = generated_level({"limit": 5, "threat": {"trigger": 2, "warning": 9}})
    state = new_game(level, 0).state
    ended = step(level, state, act.AdvanceTime(ms=60_000))
    assert ended.state.outcome == "out_of_time"
    assert ended.state.elapsed_ms == 5_000
    warned = [e.name for e in ended.events]
    assert warned.index("ThreatWarned") < warned.index("TimeRanOut")  # the trigger at 2 s


# -- the property -------------------------------------------------------------------------
def generated_level(spec: dict[str, Any]) -> Level:
    """A one-room level (plus an exit room) made of timed rules: the cases slicing can break."""
    threats = []
    for i, t in enumerate(spec.get("threats", [spec["threat"]] if "threat" in spec else [])):
        threat: dict[str, Any] = {
            "id": f"t{i}", "name": "T", "category": "fire", "description": "!",
            "loss": t.get("loss", 50), "wellbeing_loss": t.get("wellbeing", 10),
            "likelihood": t.get("likelihood", 1.0),
            "warning": {"seconds": t.get("warning", 10)},
            "trigger": ({"when": "timer", "seconds": t["trigger"]} if t.get("trigger")
                        else {"when": "enter"}),
        }
        if t.get("flag"):
            threat["on_strike"] = [{"set_flag": "struck"}]
        if t.get("needs_flag"):
            threat["condition"] = {"has_flag": "struck"}
        if t.get("moves"):
            threat["on_strike"] = [{"go_to": "side"}]
        threats.append(threat)
    shop = [{"id": f"p{k}", "brand": "B", "name": "P", "covers": ["fire"], "premium": 5,
             "limit": 100, "waiting_period": wait} for k, wait in enumerate(spec.get("shop", []))]
    hall: dict[str, Any] = {"id": "hall", "title": "Hall", "description": "H",
                            "threats": threats, "shop": shop,
                            "exits": [{"id": "to_side", "to": "side", "label": "Side"}]}
    if spec.get("room_limit"):
        hall["time_limit"] = spec["room_limit"]
    side = {"id": "side", "title": "Side", "description": "S",
            "exits": [{"id": "back", "to": "hall", "label": "Back"}],
            "threats": [{"id": "late", "name": "L", "category": "fire", "description": "!",
                         "loss": 30, "trigger": {"when": "timer", "seconds": 3},
                         "warning": {"seconds": 4}}]}
    start: dict[str, Any] = {"room": "hall", "money": 200}
    if spec.get("limit"):
        start["time_limit"] = spec["limit"]
    data = {"format": 1, "id": "timed", "title": "Timed", "languages": ["en"], "start": start,
            "risks": [{"id": "fire", "name": "Fire"}], "rooms": [hall, side]}
    return level_from_text(yaml.safe_dump(data))


threat_specs = st.fixed_dictionaries({}, optional={
    "trigger": st.integers(1, 40), "warning": st.integers(0, 30),
    "likelihood": st.sampled_from([0.0, 0.5, 1.0]), "wellbeing": st.sampled_from([0, 30, 60]),
    "flag": st.booleans(), "needs_flag": st.booleans(), "moves": st.booleans(),
    "loss": st.sampled_from([10, 150, 400]),
})
level_specs = st.fixed_dictionaries({"threats": st.lists(threat_specs, max_size=4)}, optional={
    "shop": st.lists(st.integers(0, 60), max_size=3), "limit": st.integers(1, 200),
    "room_limit": st.integers(1, 120),
})


@st.composite
def split(draw: st.DrawFn, ms: int) -> list[int]:
    """``ms`` as a list of positive parts: a few random cuts, or frames of one size."""
    if ms <= 1:
        return [ms]
    if draw(st.booleans()):
        frame = draw(st.sampled_from([1, 7, 16, 333, 1_000]))
        if ms // frame <= 3_000:
            return [frame] * (ms // frame) + ([ms % frame] if ms % frame else [])
    cuts = sorted(set(draw(st.lists(st.integers(1, ms - 1), max_size=6))))
    bounds = [0, *cuts, ms]
    return [b - a for a, b in itertools.pairwise(bounds)]


WAITS = st.one_of(st.integers(0, 200_000), st.integers(0, 3_600_000))


@st.composite
def sliced_sessions(draw: st.DrawFn, level: Level
                    ) -> tuple[tuple[int, bool, str], list[list[Action]], list[list[Action]]]:
    """A plausible session from any room, and the same one with each wait cut in slices."""
    start = (draw(st.integers(0, 2**32)), draw(st.booleans()),
             draw(st.sampled_from(sorted(level.rooms))))
    state = new_game(level, start[0], timers=start[1], start_room=start[2]).state
    whole: list[list[Action]] = []
    sliced: list[list[Action]] = []
    for _ in range(draw(st.integers(1, 30))):
        if state.over:
            break
        if draw(st.integers(0, 2)) == 0:
            action: Action = act.AdvanceTime(ms=draw(WAITS))
        else:
            action = draw(st.sampled_from(plausible_actions(level, state)))
        whole.append([action])
        if isinstance(action, act.AdvanceTime):
            sliced.append([act.AdvanceTime(ms=ms) for ms in draw(split(action.ms))])
        else:
            sliced.append([action])
        state = step(level, state, action).state
    return start, whole, sliced


def _assert_same_however_sliced(level: Level, session: tuple[Any, Any, Any]) -> None:
    start, whole, sliced = session
    states, events = _played(level, start, whole)
    sliced_states, sliced_events = _played(level, start, sliced)
    assert sliced_states == states
    assert sliced_events == events


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_slicing_waits_never_changes_a_shipped_level_session(path: Path) -> None:
    level = shipped(path)

    @PROFILE
    @given(sliced_sessions(level))
    def run(session: tuple[Any, Any, Any]) -> None:
        _assert_same_however_sliced(level, session)

    run()


@PROFILE
@given(st.data(), level_specs)
def test_slicing_waits_never_changes_a_generated_level_session(data: st.DataObject,
                                                                spec: dict[str, Any]) -> None:
    level = generated_level(spec)
    _assert_same_however_sliced(level, data.draw(sliced_sessions(level)))


def test_shipped_levels_are_found() -> None:
    assert {p.name for p in SHIPPED} >= {"risk_academy", "tutorial"}
