"""Does a session file replay? Re-run the core from its seed and actions, compare the events.

The recorded events must be exactly what the core produces again (name and data, in order).
A session without a footer (the game crashed or was killed) may stop early: its events must
then be a prefix of the replayed ones, since the events of the last action may have been in
flight. A code-lock answer is recorded without its keys (see ``records.action_data``); the
replay puts back the level's code or a wrong one, as the recorded ``PuzzleAttempted`` says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from escape_game.core import ACTION_ADAPTER, Action, Level, new_game, step
from escape_game.core.answers import normalize_code
from escape_game.model import CodeLock
from telemetry.reader import SessionFile
from telemetry.records import ActionRecord, EventRecord, event_data

Compared = tuple[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Mismatch:
    index: int
    """Position of the first differing event (0 = the first event of the session)."""
    after_action: int | None
    """seq of the action that produced the replayed event (None: the opening events)."""
    recorded: Compared | None
    replayed: Compared | None


@dataclass(slots=True)
class ReplayResult:
    compared: int = 0
    replayed_total: int = 0
    actions: int = 0
    mismatch: Mismatch | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.mismatch is None and not self.problems


def _restore_action(
    data: dict[str, Any], level: Level, correct: bool | None
) -> Action:
    """An action from its record; a redacted code becomes one of the same correctness."""
    data = dict(data)
    length = data.pop("code_length", None)
    if length is not None:
        puzzle = level.puzzles.get(str(data.get("puzzle")))
        if isinstance(puzzle, CodeLock) and correct:
            data["code"] = "".join(puzzle.code.split())
        else:
            right = normalize_code(puzzle.code, puzzle.case_sensitive) if isinstance(
                puzzle, CodeLock) else None
            wrong = "0" * int(length)
            if right is not None and normalize_code(wrong, False) == right.casefold():
                wrong = "1" * int(length)
            data["code"] = wrong
    return ACTION_ADAPTER.validate_python(data)


def _attempt_outcome(records: Sequence[object], start: int, puzzle: Any) -> bool | None:
    """The ``correct`` of the PuzzleAttempted the action at ``start`` produced, if recorded."""
    for record in records[start + 1:]:
        if isinstance(record, ActionRecord):
            return None
        if isinstance(record, EventRecord) and record.name == "PuzzleAttempted" \
                and record.data.get("puzzle") == puzzle:
            correct = record.data.get("correct")
            return correct if isinstance(correct, bool) else None
    return None


def check_replay(session: SessionFile, level: Level) -> ReplayResult:
    """Replay ``session`` on ``level``; ``mismatch`` names the first event that differs."""
    result = ReplayResult()
    header = session.header
    if header is None:
        result.problems.append("the session has no readable header")
        return result
    start_room = header.start_room or _first_room(session)
    try:
        opening = new_game(level, header.seed, timers=header.timers, start_room=start_room)
    except ValueError as error:
        result.problems.append(f"cannot start the game: {error}")
        return result
    replayed: list[tuple[int | None, Compared]] = [
        (None, (e.name, event_data(e))) for e in opening.events
    ]
    recorded: list[Compared] = []
    state = opening.state
    for index, record in enumerate(session.records):
        if isinstance(record, EventRecord):
            recorded.append((record.name, dict(record.data)))
        elif isinstance(record, ActionRecord):
            result.actions += 1
            correct = _attempt_outcome(session.records, index, record.action.get("puzzle"))
            try:
                action = _restore_action(dict(record.action), level, correct)
            except ValueError as error:
                result.problems.append(f"action seq {record.seq} cannot be rebuilt: {error}")
                return result
            stepped = step(level, state, action)
            state = stepped.state
            replayed.extend((record.seq, (e.name, event_data(e))) for e in stepped.events)
    result.replayed_total = len(replayed)
    whole = session.footer is not None
    for position, (seq, expected) in enumerate(replayed):
        if position >= len(recorded):
            if whole:
                result.mismatch = Mismatch(position, seq, None, expected)
            break
        if recorded[position] != expected:
            result.mismatch = Mismatch(position, seq, recorded[position], expected)
            break
        result.compared += 1
    else:
        if len(recorded) > len(replayed):
            result.mismatch = Mismatch(len(replayed), None, recorded[len(replayed)], None)
    return result


def _first_room(session: SessionFile) -> str | None:
    for record in session.records:
        if isinstance(record, EventRecord) and record.name == "RoomEntered":
            room = record.data.get("room")
            return room if isinstance(room, str) else None
        if isinstance(record, ActionRecord):
            break
    return None


def describe(compared: Compared | None) -> str:
    if compared is None:
        return "(nothing)"
    name, data = compared
    fields = ", ".join(f"{k}={v!r}" for k, v in data.items())
    return f"{name}({fields})"


def report(result: ReplayResult) -> str:
    """A few plain lines for a terminal: what matched, and the first difference if any."""
    lines = [f"{result.actions} actions replayed; {result.compared} of "
             f"{result.replayed_total} replayed events match the recording"]
    lines.extend(f"problem: {p}" for p in result.problems)
    if result.mismatch is not None:
        m = result.mismatch
        where = f"after action seq {m.after_action}" if m.after_action else "at the start"
        lines += [
            f"first difference at event #{m.index + 1} ({where}):",
            f"  recorded: {describe(m.recorded)}",
            f"  replayed: {describe(m.replayed)}",
        ]
    return "\n".join(lines)
