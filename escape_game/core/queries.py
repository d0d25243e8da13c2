"""Read-only questions about a state: what the player can see and do in the current room."""

from __future__ import annotations

from escape_game.core.conditions import Facts, holds
from escape_game.core.level import Level
from escape_game.core.state import GameState, PendingWarning
from escape_game.model import Exit, GameObject, Potion, Puzzle


def object_visible(obj: GameObject, taken: frozenset[str] | set[str], facts: Facts) -> bool:
    return obj.id not in taken and (obj.visible_if is None or holds(obj.visible_if, facts))


def visible_objects(level: Level, state: GameState) -> list[GameObject]:
    """Objects of the current room the player can see (taken ones are gone)."""
    room = level.rooms[state.room]
    return [o for o in room.objects if object_visible(o, state.taken, state)]


def visible_exits(level: Level, state: GameState) -> list[Exit]:
    """Exits the player can see, open or not (see exit_open)."""
    room = level.rooms[state.room]
    return [e for e in room.exits if e.visible_if is None or holds(e.visible_if, state)]


def exit_barrier(level: Level, state: GameState, exit_id: str) -> str | None:
    """What keeps the player from going through an exit now (the reason the game gives when
    it refuses), or None: the one place where an exit's gates (visible_if, locked, condition)
    are read, for the rules and for every query alike."""
    gates = level.exit_gates.get(exit_id)
    if gates is None:
        return "unknown_exit"
    room, visible_if, locked, condition = gates
    if room != state.room:
        return "not_here"
    # (`is not None` first: most exits have neither gate, and every move between rooms asks)
    if visible_if is not None and not holds(visible_if, state):
        return "not_visible"
    if locked and exit_id not in state.unlocked_exits:
        return "locked"
    if condition is not None and not holds(condition, state):
        return "condition_not_met"
    return None


def exit_open(level: Level, state: GameState, exit_id: str) -> bool:
    """Visible, in this room, unlocked (or never locked) and its condition holds."""
    return exit_barrier(level, state, exit_id) is None


def puzzle_reachable(level: Level, state: GameState, puzzle: Puzzle) -> bool:
    """In this room, visible, and (when attached to an object) its object is visible."""
    if level.puzzle_room.get(puzzle.id) != state.room or not holds(puzzle.visible_if, state):
        return False
    obj_id = level.puzzle_object.get(puzzle.id)
    if obj_id is None:
        return True
    obj = level.objects.get(obj_id)
    return obj is not None and object_visible(obj, state.taken, state)


def visible_puzzles(level: Level, state: GameState) -> list[Puzzle]:
    """Puzzles of this room the player can work on now: visible and not yet solved.

    A locked puzzle (no attempts left) is still listed so the UI can show it as locked;
    check ``puzzle.id in state.locked_puzzles``.
    """
    room = level.rooms[state.room]
    return [
        p for p in room.puzzles if p.id not in state.solved and puzzle_reachable(level, state, p)
    ]


def shop(level: Level, state: GameState) -> list[Potion]:
    """Potions on offer in the current room that the player does not own yet."""
    owned = state.owned_ids
    return [p for p in level.rooms[state.room].shop if p.id not in owned]


def pending_threats(level: Level, state: GameState) -> list[PendingWarning]:
    """Warnings counting down (or, with timers off, waiting to be faced), oldest first."""
    return [w for w in state.warnings if w.threat in level.threats]
