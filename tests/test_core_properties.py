"""Property tests: random sessions on every level never crash and keep the invariants.

Sessions mostly pick plausible actions (what the player sees), sometimes any action built
from the level's ids. Examples per level: HYPOTHESIS_CORE_EXAMPLES (default 100).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from locations import FIXTURES, LEVELS

from escape_game.check.explore import every_action, plausible_actions
from escape_game.core import Action, GameState, Level, StepResult, new_game, step
from escape_game.core import events as ev
from escape_game.runner import replay
from escape_game.runner.levels import level_from_text, load_level

EXAMPLES = int(os.environ.get("HYPOTHESIS_CORE_EXAMPLES", "100"))
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _level_dirs() -> list[Path]:
    roots = (LEVELS, FIXTURES / "core" / "levels")
    return sorted(p.parent for r in roots if r.is_dir() for p in r.glob("*/campaign.yaml"))


LEVEL_DIRS = _level_dirs()
_CACHE: dict[Path, Level] = {}


def _inline_levels() -> dict[str, Level]:
    """The scenario tests' inline levels: every effect, debt, time limits, many potions."""
    from test_core_economy import SHOP
    from test_core_threats import HEAD, POTIONS, blaze
    from test_core_world import WORLD

    threats = HEAD + "    threats:\n" + "".join(
        "      " + line + "\n"
        for line in (blaze("{when: enter}", likelihood=0.5) + blaze("{when: effect}").replace(
            "id: blaze", "id: spark")).splitlines()
    ) + "    shop:\n" + "".join("      " + line + "\n" for line in POTIONS.splitlines())
    return {"world": level_from_text(WORLD), "shop": level_from_text(SHOP),
            "threats": level_from_text(threats)}


INLINE = _inline_levels()


def level_at(path: Path) -> Level:
    """The level at `path`; one that does not load fails the test that needs it."""
    if path not in _CACHE:
        _CACHE[path] = load_level(path)
    return _CACHE[path]


def possible_items(level: Level) -> set[str]:
    """Every item id the level can put in the inventory."""
    found = set(level.campaign.start.items) | {o.take for o in level.objects.values() if o.take}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "give_item" and isinstance(value, str):
                    found.add(value)
                walk(value)
        elif isinstance(node, list | tuple):
            for value in node:
                walk(value)

    walk(level.campaign.model_dump(by_alias=True))
    return found


def check_invariants(level: Level, before: GameState, action: Action, result: StepResult,
                     items: set[str]) -> None:
    state = result.state
    names = [e.name for e in result.events]
    if before.outcome is not None:
        assert result.state is before and names == ["ActionRejected"]
        assert result.events[0].model_dump()["reason"] == "game_over"
        return
    if "ActionRejected" in names:
        assert names == ["ActionRejected"] and state is before
        return
    assert state.ledger.net_worth() == state.money - state.debt, "accounts do not balance"
    assert state.money >= 0 and state.debt >= 0
    assert state.money == 0 or state.debt == 0, "cash while in debt: gains repay debt first"
    assert 0 <= state.wellbeing <= 100 and state.score >= 0
    assert len(set(state.inventory)) == len(state.inventory)
    assert set(state.inventory) <= items, set(state.inventory) - items
    assert state.room in level.rooms and state.room in state.visited
    assert len(set(state.resolved_threats)) == len(state.resolved_threats)
    assert not {w.threat for w in state.warnings} & set(state.resolved_threats)
    assert all(w.remaining_ms >= 0 for w in state.warnings)
    assert state.steps == before.steps + 1
    assert names.count("GameEnded") == (1 if state.outcome is not None else 0)
    if state.outcome is not None:
        assert names[-1] == "GameEnded"
    assert state.elapsed_ms >= before.elapsed_ms
    changed = [e.model_dump() for e in result.events if e.name == "MoneyChanged"]
    if changed:
        assert changed[-1]["balance"] == state.money and changed[-1]["debt"] == state.debt


@st.composite
def sessions(draw: st.DrawFn, level: Level) -> tuple[int, bool, list[Action]]:
    seed = draw(st.integers(0, 2**64 - 1))
    timers = draw(st.booleans())
    length = draw(st.integers(1, 80))
    anything = every_action(level)
    state = new_game(level, seed, timers=timers).state
    actions: list[Action] = []
    for _ in range(length):
        if draw(st.integers(0, 9)) == 0:
            action = draw(st.sampled_from(anything))
        else:
            action = draw(st.sampled_from(plausible_actions(level, state)))
        actions.append(action)
        state = step(level, state, action).state
    return seed, timers, actions


CASES: list[Path | str] = [*LEVEL_DIRS, *INLINE]


@pytest.mark.parametrize("case", CASES, ids=[c.name if isinstance(c, Path) else c for c in CASES])
def test_random_sessions_keep_the_invariants(case: Path | str) -> None:
    level = level_at(case) if isinstance(case, Path) else INLINE[case]
    items = possible_items(level)

    @PROFILE
    @given(sessions(level))
    def run(session: tuple[int, bool, list[Action]]) -> None:
        seed, timers, actions = session
        result = new_game(level, seed, timers=timers)
        states = [result.state]
        for action in actions:
            before = result.state
            result = step(level, before, action)
            check_invariants(level, before, action, result, items)
            states.append(result.state)
        final = result.state
        assert GameState.from_json(final.to_json()) == final
        assert hash(GameState.from_json(final.to_json())) == hash(final)
        assert [r.state for r in replay(level, seed, actions, timers=timers)] == states

    run()


#: Kinds of event a caller may read alone: none, the checker's, and every kind but those.
_CHECKER = frozenset({ev.RoomEntered, ev.ObjectExamined, ev.ItemTaken, ev.ItemUsed,
                      ev.PuzzleAttempted, ev.ThreatWarned, ev.ThreatStruck, ev.PotionOffered})
_EVERY = frozenset(k for k in vars(ev).values()
                   if isinstance(k, type) and issubclass(k, ev.Event) and k is not ev.Event)
ONLY = (frozenset(), _CHECKER, _EVERY - _CHECKER)


@pytest.mark.parametrize("case", CASES, ids=[c.name if isinstance(c, Path) else c for c in CASES])
def test_a_step_that_keeps_some_kinds_of_event_is_the_same_step(case: Path | str) -> None:
    level = level_at(case) if isinstance(case, Path) else INLINE[case]

    @settings(PROFILE, max_examples=max(1, EXAMPLES // 4))
    @given(sessions(level))
    def run(session: tuple[int, bool, list[Action]]) -> None:
        seed, timers, actions = session
        state = new_game(level, seed, timers=timers).state
        for action in actions:
            every = step(level, state, action)
            for only in ONLY:
                some = step(level, state, action, only=only)
                assert some.state == every.state
                assert (some.state is state) == (every.state is state)
                assert list(some.events) == [e for e in every.events if type(e) in only]
            state = every.state

    run()


def test_levels_are_found() -> None:
    assert "mini" in {p.name for p in LEVEL_DIRS}


def test_invariant_checker_catches_an_unbalanced_ledger() -> None:
    level = level_at(FIXTURES / "core" / "levels" / "mini")
    before = new_game(level, 1).state
    good = step(level, before, plausible_actions(level, before)[0])
    check_invariants(level, before, plausible_actions(level, before)[0], good, {"key"})
    from dataclasses import replace

    broken = StepResult(replace(good.state, money=good.state.money + Decimal("0.01")), good.events)
    with pytest.raises(AssertionError, match="accounts do not balance"):
        check_invariants(level, before, plausible_actions(level, before)[0], broken, {"key"})
