"""Moves into quiet rooms take a shorter way through the rules (`rules.plain_move`): the same
states and events as the general way, on every state the checker reaches and on random
sessions with timers on."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from test_core_properties import CASES, INLINE, ONLY, PROFILE, level_at, sessions

from escape_game.check.search import search
from escape_game.core import GameState, Level, StepResult, new_game, rules, step
from escape_game.core import actions as act
from escape_game.core import events as ev
from escape_game.core.queries import exit_barrier, visible_exits

sys.path.insert(0, str(Path(__file__).resolve().parent / "check"))
from proofs import levels  # (the checker's own corpus, in tests/check)

LEVELS = list(levels())
#: Who reads which events: everyone (None), nobody, the checker, everyone but the checker.
READERS: tuple[frozenset[type[ev.Event]] | None, ...] = (None, *ONLY)


def same_step(level: Level, state: GameState, exit_id: str) -> None:
    """Asserts that every way of asking for this move gives the general way's state and
    events."""
    action = act.GoThrough(exit=exit_id)
    for only in READERS:
        general = rules.drafted_step(level, state, action, only)
        plain = rules.plain_move(level, state, exit_id, only)
        stepped = step(level, state, action, only=only)
        for got in (stepped, plain):
            if got is None:
                continue
            assert got.state == general.state, (exit_id, only)
            assert (got.state is state) == (general.state is state)
            assert list(got.events) == list(general.events), (exit_id, only)


def exits_of(level: Level) -> list[str]:
    return [*level.exits, "no-such-exit"]


@pytest.mark.parametrize("name,level", LEVELS, ids=[name for name, _ in LEVELS])
def test_every_move_from_every_state_the_checker_reaches(name: str, level: Level) -> None:
    for state in search(level, budget=3_000).graph.states:
        if state.outcome is None:
            for e in exits_of(level):
                same_step(level, state, e)


def test_the_corpus_has_moves_that_end_a_shop_visit_and_enter_shops() -> None:
    """What the comparison above must cover: moves that end a visit to a shop (the shorter
    way clears the purchases that could be cancelled), enter a shop, visit a room first,
    enter a room whose entry threats have all warned, and moves refused (the shorter way
    refuses them too)."""
    seen = {"cooling_off": 0, "offer": 0, "first": 0, "refused": 0, "warned": 0}
    for _, level in LEVELS:
        for state in search(level, budget=3_000).graph.states:
            for e in exits_of(level):
                moved = rules.plain_move(level, state, e, None) if state.outcome is None else None
                if moved is None:
                    continue
                if moved.state is state:
                    seen["refused"] += 1
                    continue
                seen["cooling_off"] += bool(state.cooling_off)
                seen["offer"] += any(isinstance(x, ev.PotionOffered) for x in moved.events)
                seen["first"] += moved.state.room not in state.visited
                seen["warned"] += bool(level.entering[moved.state.room][1])
    assert all(seen.values()), seen


@pytest.mark.parametrize("case", CASES, ids=[c.name if isinstance(c, Path) else c for c in CASES])
def test_every_move_on_random_sessions(case: Path | str) -> None:
    level = level_at(case) if isinstance(case, Path) else INLINE[case]

    @PROFILE
    @given(sessions(level))
    def run(session: tuple[int, bool, list[act.Action]]) -> None:
        seed, timers, actions = session
        result: StepResult = new_game(level, seed, timers=timers)
        for action in actions:
            if result.state.outcome is None:
                for e in exits_of(level):
                    same_step(level, result.state, e)
            result = step(level, result.state, action)

    run()


@pytest.mark.parametrize("name,level", LEVELS, ids=[name for name, _ in LEVELS])
def test_a_free_exit_seen_is_open_and_a_calm_room_is_calm_in_every_state(
    name: str, level: Level
) -> None:
    """What the search takes without asking: `Level.free_exits` and `Level.calm_rooms`."""
    for state in search(level, budget=3_000).graph.states:
        for ex in visible_exits(level, state):
            if ex.id in level.free_exits:
                assert exit_barrier(level, state, ex.id) is None, ex.id
        for room in level.calm_rooms:
            assert rules.calm_entry(level, state, room), room


def test_gated_exits_and_rooms_that_start_something_are_not_taken_for_free() -> None:
    level = next(lv for name, lv in LEVELS if name == "generated teacher 5/12/3")
    gated = {e.id for e in level.exits.values() if e.locked or e.condition is not None}
    assert gated and not gated & level.free_exits
    assert level.free_exits  # the ways back
    busy = {r for r, (effects, threats) in level.entering.items() if effects or threats}
    assert busy and not busy & level.calm_rooms
