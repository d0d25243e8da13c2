"""Does a session file replay? Re-run the core from its seed and actions, compare the events.

The recorded events must be exactly what the core produces again (name and data, in order).
A session without a footer (the game crashed or was killed) may stop early: its events must
then be a prefix of the replayed ones, since the events of the last action may have been in
flight. A code-lock answer is recorded without its keys (see ``records.action_data``); the
replay puts back the level's code or a wrong one, as the recorded ``PuzzleAttempted`` says.
A ``resume`` record (the game went on from a save) restarts the core from the save's log, and
the events after it are compared with that core's (see :func:`check_replay`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from escape_game.core import ACTION_ADAPTER, Action, GameState, Level, new_game, step
from escape_game.core.actions import Answer
from escape_game.model.puzzles import CodeLock, normalize_code
from telemetry.reader import SessionFile
from telemetry.records import ActionRecord, EventRecord, ResumeRecord, event_data

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
    resumes: int = 0
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
        if isinstance(record, ActionRecord | ResumeRecord):
            return None
        if isinstance(record, EventRecord) and record.name == "PuzzleAttempted" \
                and record.data.get("puzzle") == puzzle:
            correct = record.data.get("correct")
            return correct if isinstance(correct, bool) else None
    return None


def code_correct(level: Level, action: Action) -> bool | None:
    """Whether a code-lock answer's code is the level's code (None: not a code answer).

    What a resume record keeps instead of the keys; :func:`_restore_action` turns it back
    into a code of the same correctness.
    """
    if not isinstance(action, Answer) or action.code is None:
        return None
    puzzle = level.puzzles.get(action.puzzle)
    return puzzle.judge(action) if isinstance(puzzle, CodeLock) else None


def state_digest(state: GameState) -> str:
    """The SHA-256 of a state's canonical JSON: what a resume record keeps of the save's state."""
    return hashlib.sha256(state.to_json().encode("utf-8")).hexdigest()


def rebuild(level: Level, record: ResumeRecord) -> GameState:
    """The state a resume record stands for: ``new_game`` then the save's log, replayed.

    Raises ValueError when the game cannot start or an action cannot be rebuilt.
    """
    state = new_game(level, record.seed, timers=record.timers,
                     start_room=record.start_room).state
    for number, data in enumerate(record.actions, start=1):
        data = dict(data)
        correct = data.pop("code_correct", None)
        try:
            action = _restore_action(data, level, correct if isinstance(correct, bool) else None)
        except ValueError as error:
            raise ValueError(f"action #{number} of its log cannot be rebuilt: {error}") from error
        state = step(level, state, action).state
    return state


@dataclass(slots=True)
class _Segment:
    """The events recorded and replayed from one start of the core (the header or a resume)."""

    recorded: list[Compared] = field(default_factory=list)
    replayed: list[tuple[int | None, Compared]] = field(default_factory=list)


def check_replay(session: SessionFile, level: Level) -> ReplayResult:
    """Replay ``session`` on ``level``; ``mismatch`` names the first event that differs.

    Each ``resume`` record restarts the core from its own seed and log; the events recorded
    after it are compared with those of the restarted core. A resume whose log does not give
    the state it recorded is a mismatch (recorded and replayed are its ``state_sha256``).
    """
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
    segment = _Segment(replayed=[(None, (e.name, event_data(e))) for e in opening.events])
    offset = 0  # recorded events of the segments already compared
    state = opening.state
    first_play = next((i for i, r in enumerate(session.records)
                       if isinstance(r, ActionRecord | EventRecord)), len(session.records))
    for index, record in enumerate(session.records):
        if isinstance(record, EventRecord):
            segment.recorded.append((record.name, dict(record.data)))
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
            segment.replayed.extend((record.seq, (e.name, event_data(e))) for e in stepped.events)
        elif isinstance(record, ResumeRecord):
            # Everything before a resume was written before it: the segment must be whole.
            # A session that opens with a resume (Continue from the title) never played the
            # opening of a new game, so there is nothing before it to compare.
            if index > first_play and _compare(segment, offset, True, result):
                return result
            offset += len(segment.recorded)
            result.resumes += 1
            try:
                state = rebuild(level, record)
            except ValueError as error:
                result.problems.append(f"resume seq {record.seq} cannot be rebuilt: {error}")
                return result
            got = state_digest(state)
            if record.state_sha256 is not None and got != record.state_sha256:
                result.mismatch = Mismatch(
                    offset, record.seq, ("resume", {"state_sha256": record.state_sha256}),
                    ("resume", {"state_sha256": got}))
                return result
            segment = _Segment()
    _compare(segment, offset, session.footer is not None, result)
    return result


def _compare(segment: _Segment, offset: int, whole: bool, result: ReplayResult) -> bool:
    """Compare one segment's events; True (and ``result.mismatch`` set) when they differ.

    A segment that is not ``whole`` (the last one of a session without a footer) may stop
    early: its events must then be a prefix of the replayed ones.
    """
    recorded, replayed = segment.recorded, segment.replayed
    result.replayed_total += len(replayed)
    for position, (seq, expected) in enumerate(replayed):
        if position >= len(recorded):
            if whole:
                result.mismatch = Mismatch(offset + position, seq, None, expected)
            break
        if recorded[position] != expected:
            result.mismatch = Mismatch(offset + position, seq, recorded[position], expected)
            break
        result.compared += 1
    else:
        if len(recorded) > len(replayed):
            result.mismatch = Mismatch(offset + len(replayed), None, recorded[len(replayed)],
                                       None)
    return result.mismatch is not None


def _first_room(session: SessionFile) -> str | None:
    for record in session.records:
        if isinstance(record, EventRecord) and record.name == "RoomEntered":
            room = record.data.get("room")
            return room if isinstance(room, str) else None
        if isinstance(record, ActionRecord | ResumeRecord):
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
    plural = "s" if result.resumes > 1 else ""
    resumed = f" ({result.resumes} resume{plural} from a save)" if result.resumes else ""
    lines = [f"{result.actions} actions replayed{resumed}; {result.compared} of "
             f"{result.replayed_total} replayed events match the recording"]
    lines.extend(f"problem: {p}" for p in result.problems)
    if result.mismatch is not None:
        m = result.mismatch
        where = f"after action seq {m.after_action}" if m.after_action else "at the start"
        if m.recorded is not None and m.recorded[0] == "resume":
            where = f"at the resume seq {m.after_action}: its log does not give its state"
        lines += [
            f"first difference at event #{m.index + 1} ({where}):",
            f"  recorded: {describe(m.recorded)}",
            f"  replayed: {describe(m.replayed)}",
        ]
    return "\n".join(lines)
