"""The state a player would have on arriving in a room, so that an author can try one room.

Trying the third room of a level with the start money and an empty bag tests a room nobody will
ever play. The state on arrival comes, in this order, from the level's careful walkthrough (the
state when it first enters the room), from the checker's breadth-first search (the shortest
play that reaches the room and can still be won), or, when neither reaches it, from the opening
state moved into the room. The author can then set money, items, flags and solved puzzles.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from escape_game.core import GameState, Level, new_game, step
from escape_game.loading.problems import did_you_mean
from escape_game.runner.script import ActionFileError, Script, load_script

#: states the search may explore to find a way into the room (a fraction of a second mostly)
ARRIVAL_BUDGET = 20_000
#: the walkthrough files tried first, in this order, in the level's ``walkthroughs`` folder
WALKTHROUGH_NAMES = ("careful.yaml", "careful.yml")


class ArrivalError(ValueError):
    """An id given on the command line that the level does not have (with a did-you-mean)."""


@dataclass(frozen=True)
class Arrival:
    state: GameState
    source: str
    """Where the state came from, in words: 'the careful walkthrough, step 16', ..."""


def find_walkthrough(level_path: Path) -> Path | None:
    """The level's careful walkthrough file, if it ships one."""
    folder = level_path if level_path.is_dir() else level_path.parent
    for name in WALKTHROUGH_NAMES:
        candidate = folder / "walkthroughs" / name
        if candidate.is_file():
            return candidate
    return None


def _from_script(level: Level, room: str, script: Script) -> Arrival | None:
    timers = True if script.timers is None else script.timers
    result = new_game(level, script.seed or 0, timers=timers)
    state = result.state
    if state.room == room:
        return Arrival(state, "the opening of the level")
    for index, action in enumerate(script.actions, start=1):
        state = step(level, state, action).state
        if state.over:
            return None
        if state.room == room:
            return Arrival(state, f"the careful walkthrough, step {index}")
    return None


def _from_search(level: Level, room: str, budget: int) -> Arrival | None:
    from escape_game.check.search import search

    result = search(level, budget=budget)
    graph = result.graph
    first: int | None = None
    for node, state in enumerate(graph.states):  # breadth-first order: shortest first
        if state.room != room or state.over:
            continue
        if node in result.can_win:
            first = node
            break
        if first is None:
            first = node
    if first is None:
        return None
    moves = len(graph.path_to(first))
    return Arrival(graph.states[first], f"the shortest play that reaches it ({moves} moves)")


def _moved(level: Level, room: str) -> Arrival:
    opening = new_game(level, 0, timers=True).state
    visited = opening.visited if room in opening.visited else (*opening.visited, room)
    state = dataclasses.replace(opening, room=room, visited=visited, warnings=())
    return Arrival(state, "the opening state (no play reaches this room)")


def arrival(level: Level, room: str, *, walkthrough: Path | None = None,
            budget: int = ARRIVAL_BUDGET) -> Arrival:
    """The state on arriving in ``room``, with timers on, as the game will play it."""
    check_ids("room", [room], level.rooms)
    found: Arrival | None = None
    if walkthrough is not None:
        try:
            found = _from_script(level, room, load_script(walkthrough))
        except ActionFileError:
            found = None  # a broken walkthrough is validate's business, not a reason to stop
    if found is None:
        found = _from_search(level, room, budget)
    if found is None:
        found = _moved(level, room)
    state = dataclasses.replace(found.state, timers=True, room_ms=0, room_actions=0,
                                paused_in_room=False)
    return Arrival(state, found.source)


def check_ids(kind: str, given: Iterable[str], known: Iterable[str]) -> None:
    """Raise ArrivalError for the first id the level does not have."""
    known = sorted(known)
    for name in given:
        if name not in known:
            listed = ", ".join(known) if len(known) <= 12 else f"{len(known)} {kind}s"
            raise ArrivalError(f"the level has no {kind} '{name}'{did_you_mean(name, known)} "
                               f"(it has: {listed or 'none'})")


def with_changes(level: Level, state: GameState, *, money: Decimal | None = None,
                 items: Sequence[str] = (), flags: Sequence[str] = (),
                 solved: Sequence[str] = ()) -> GameState:
    """The state with the author's settings: money replaces, the others add."""
    check_ids("item", items, level.items)
    check_ids("puzzle", solved, level.puzzles)
    if money is not None:
        ledger = dataclasses.replace(state.ledger,
                                     start=state.ledger.start + money - state.money)
        state = dataclasses.replace(state, money=money, ledger=ledger)
    return dataclasses.replace(
        state,
        inventory=tuple(dict.fromkeys((*state.inventory, *items))),
        flags=state.flags | frozenset(flags),
        solved=tuple(dict.fromkeys((*state.solved, *solved))),
    )
