"""Session capture: the frame loop hands records over; a writer thread makes them durable.

The caller's side only puts a tuple on a queue (a microsecond or two), so a slow disk, an
``fsync`` or a full disk never stalls a frame. The writer thread turns each item into a
validated record, writes it with one ``os.write`` on an append-only file opened with exclusive
create (so a crash loses at most what is still queued, and nothing is ever overwritten), and
calls ``fsync`` when the player enters a room, answers a quiz item, and at close. Any OS error
stops the recording and sets :attr:`SessionRecorder.problem` once; nothing is raised into the
game, which goes on without telemetry.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from telemetry.records import (
    ActionRecord,
    EventRecord,
    QuizAnswerRecord,
    Record,
    SessionFooter,
    SessionHeader,
    action_data,
    event_data,
)

if TYPE_CHECKING:
    from escape_game.core.actions import Action
    from escape_game.core.events import Event

#: Events after which the file is fsynced: a room change is a natural checkpoint.
SYNC_EVENTS = frozenset({"RoomEntered", "GameEnded"})
#: How long close() waits for the writer before giving up (a hung network drive, say).
CLOSE_TIMEOUT_S = 10.0

# Indirections so tests can simulate a full or vanished disk without one.
_write = os.write
_fsync = os.fsync


class Recorder(Protocol):
    """What the game calls; :class:`SessionRecorder` and :class:`NullRecorder` both fit."""

    @property
    def problem(self) -> str | None: ...

    def action(self, action: Action, t_ms: int) -> None: ...

    def events(self, events: Sequence[Event], t_ms: int) -> None: ...

    def quiz_answer(
        self,
        phase: str,
        form: str,
        item: str,
        concept: str | None,
        choice: str | int,
        correct: bool | None,
        latency_ms: int,
        confidence: int | None,
        t_ms: int,
    ) -> None: ...

    def close(self, outcome: str, t_ms: int) -> None: ...


class NullRecorder:
    """Used without consent: accepts every call and writes nothing, anywhere."""

    problem: str | None = None
    path: Path | None = None

    def action(self, action: Action, t_ms: int) -> None:
        pass

    def events(self, events: Sequence[Event], t_ms: int) -> None:
        pass

    def quiz_answer(
        self,
        phase: str,
        form: str,
        item: str,
        concept: str | None,
        choice: str | int,
        correct: bool | None,
        latency_ms: int,
        confidence: int | None,
        t_ms: int,
    ) -> None:
        pass

    def close(self, outcome: str, t_ms: int) -> None:
        pass


@dataclass(frozen=True, slots=True)
class _QuizItem:
    phase: str
    form: str
    item: str
    concept: str | None
    choice: str | int
    correct: bool | None
    latency_ms: int
    confidence: int | None


_CLOSE = "close"
_ACTION = "action"
_EVENTS = "events"
_QUIZ = "quiz"


class SessionRecorder:
    """Writes one session to ``<folder>/<session uuid>.jsonl``; see the module docstring."""

    def __init__(self, folder: Path, header: SessionHeader) -> None:
        self.path = folder / f"{header.session_id}.jsonl"
        self._problem: str | None = None
        self._problem_lock = threading.Lock()
        self._queue: queue.SimpleQueue[tuple[str, int, Any]] = queue.SimpleQueue()
        self._closed = False
        self._seq = 0
        self._fd: int | None = None
        #: Records the schema refused (a bug in the caller), for tests and logs; not a problem.
        self.refused: list[str] = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(
                self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600
            )
            self._write_line(header)
            _fsync(self._fd)
        except OSError as error:
            self._stop(f"cannot create the session file {self.path}: {_reason(error)}")
        self._thread = threading.Thread(target=self._run, name="telemetry-writer", daemon=True)
        self._thread.start()
        atexit.register(self._at_exit)

    @property
    def problem(self) -> str | None:
        """Why recording stopped (set once), or None while everything is being written."""
        return self._problem

    # The caller's side: never blocks, never raises.

    def action(self, action: Action, t_ms: int) -> None:
        if not self._closed:
            self._queue.put((_ACTION, t_ms, action))

    def events(self, events: Sequence[Event], t_ms: int) -> None:
        if events and not self._closed:
            self._queue.put((_EVENTS, t_ms, tuple(events)))

    def quiz_answer(
        self,
        phase: str,
        form: str,
        item: str,
        concept: str | None,
        choice: str | int,
        correct: bool | None,
        latency_ms: int,
        confidence: int | None,
        t_ms: int,
    ) -> None:
        if not self._closed:
            answer = _QuizItem(phase, form, item, concept, choice, correct, latency_ms, confidence)
            self._queue.put((_QUIZ, t_ms, answer))

    def close(self, outcome: str, t_ms: int) -> None:
        """Write the footer, fsync and wait for the writer; later calls do nothing."""
        if self._closed:
            return
        self._closed = True
        self._queue.put((_CLOSE, t_ms, outcome))
        self._thread.join(CLOSE_TIMEOUT_S)
        if self._thread.is_alive():
            self._stop("the disk did not answer in time; the end of the session may be lost")
        atexit.unregister(self._at_exit)

    def flush(self, timeout_s: float = CLOSE_TIMEOUT_S) -> bool:
        """Wait until everything handed over so far is written (tests and benchmarks)."""
        done = threading.Event()
        self._queue.put(("flush", 0, done))
        return done.wait(timeout_s)

    # The writer thread.

    def _run(self) -> None:
        while True:
            kind, t_ms, payload = self._queue.get()
            if kind == "flush":
                payload.set()
                continue
            if self._fd is None:
                if kind == _CLOSE:
                    return
                continue
            try:
                if self._handle(kind, t_ms, payload):
                    return
            except OSError as error:
                self._stop(f"recording stopped: {_reason(error)}")
            except ValidationError as error:
                # A record the schema refuses is a caller's bug: keep it visible, keep recording.
                self.refused.append(f"{kind}: {error.errors()[0]['msg']}")

    def _handle(self, kind: str, t_ms: int, payload: Any) -> bool:
        """Write one queued item; True when the session is closed."""
        if kind == _ACTION:
            data = action_data(payload)
            self._write_line(ActionRecord(seq=self._seq + 1, t_ms=t_ms, action=data))
        elif kind == _EVENTS:
            sync = False
            for event in payload:
                data = event_data(event)
                self._write_line(
                    EventRecord(seq=self._seq + 1, t_ms=t_ms, name=event.name, data=data)
                )
                sync = sync or event.name in SYNC_EVENTS
            if sync:
                self._sync()
        elif kind == _QUIZ:
            self._write_line(QuizAnswerRecord(seq=self._seq + 1, t_ms=t_ms, **vars_of(payload)))
            self._sync()
        elif kind == _CLOSE:
            footer = SessionFooter(
                seq=self._seq + 1, t_ms=t_ms, outcome=payload, ended_at=datetime.now(UTC)
            )
            self._write_line(footer)
            self._sync()
            self._close_fd()
            return True
        return False

    def _write_line(self, record: Record) -> None:
        assert self._fd is not None
        line = record.model_dump_json(exclude_none=False).encode() + b"\n"
        written = _write(self._fd, line)
        if written != len(line):
            raise OSError(28, "short write (is the disk full?)")
        if not isinstance(record, SessionHeader):
            self._seq += 1  # only once the line is down: seq never skips a refused record

    def _sync(self) -> None:
        assert self._fd is not None
        _fsync(self._fd)
        if os.fstat(self._fd).st_nlink == 0:
            raise OSError(2, "the session file was deleted while it was being written")

    def _close_fd(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.close(fd)

    def _stop(self, message: str) -> None:
        self._report(message)
        self._close_fd()

    def _report(self, message: str) -> None:
        with self._problem_lock:
            if self._problem is None:
                self._problem = message

    def _at_exit(self) -> None:
        """The game exited without close(): write what is queued (no footer), then stop."""
        if not self._closed:
            self.flush(2.0)


def vars_of(answer: _QuizItem) -> dict[str, Any]:
    return {name: getattr(answer, name) for name in _QuizItem.__slots__}


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def open_recorder(folder: Path | None, header: SessionHeader, consent: bool) -> Recorder:
    """The one way the game starts recording: nothing at all is touched without consent.

    ``folder`` None means :func:`telemetry.paths.default_data_dir`. The returned recorder
    never raises; check ``problem`` to tell the player once if recording could not go on.
    """
    if not consent:
        return NullRecorder()
    if folder is None:
        from telemetry.paths import default_data_dir

        folder = default_data_dir()
    return SessionRecorder(folder, header)
