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
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import ValidationError

from telemetry.records import (
    ActionRecord,
    Consent,
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
#: At most this many queued items go into one write (bounds the work of one wake-up).
MAX_BATCH = 256
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
            self._write(header.model_dump_json().encode() + b"\n")
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
            batch = [self._queue.get()]
            with contextlib.suppress(queue.Empty):
                while len(batch) < MAX_BATCH:
                    batch.append(self._queue.get_nowait())
            if self._write_batch(batch):
                return

    def _write_batch(self, batch: list[tuple[str, int, Any]]) -> bool:
        """Everything queued since the writer last woke, in one os.write; True once closed.

        One write per wake-up, not per record, keeps the writer's turns on the interpreter
        lock few and short while the frame loop runs.
        """
        lines: list[bytes] = []
        waiters: list[threading.Event] = []
        sync = closing = False
        for kind, t_ms, payload in batch:
            if kind == "flush":
                waiters.append(payload)
            elif kind == _CLOSE:
                closing = sync = True
                self._add(lines, kind, SessionFooter, t_ms=t_ms, outcome=payload,
                          ended_at=datetime.now(UTC))
                break
            elif self._fd is None:
                continue
            elif kind == _ACTION:
                self._add(lines, kind, ActionRecord, t_ms=t_ms, action=action_data(payload))
            elif kind == _EVENTS:
                for event in payload:
                    name = event.name
                    self._add(lines, kind, EventRecord, t_ms=t_ms, name=name,
                              data=event_data(event))
                    sync = sync or name in SYNC_EVENTS
            elif kind == _QUIZ:
                sync = True
                self._add(lines, kind, QuizAnswerRecord, t_ms=t_ms, **vars_of(payload))
        if self._fd is not None and lines:
            try:
                self._write(b"".join(lines))
                if sync:
                    self._sync()
            except OSError as error:
                self._stop(f"recording stopped: {_reason(error)}")
        if closing:
            self._close_fd()
        for waiter in waiters:
            waiter.set()
        return closing

    def _add(
        self, lines: list[bytes], kind: str, model: Callable[..., Record], **fields: Any
    ) -> None:
        """Validate one record and queue its line; a refused record takes no seq number."""
        try:
            record = model(seq=self._seq + 1, **fields)
        except ValidationError as error:
            # A record the schema refuses is a caller's bug: keep it visible, keep recording.
            self.refused.append(f"{kind}: {error.errors()[0]['msg']}")
            return
        lines.append(record.model_dump_json().encode() + b"\n")
        self._seq += 1

    def _write(self, data: bytes) -> None:
        assert self._fd is not None
        written = _write(self._fd, data)
        if written != len(data):
            raise OSError(28, "short write (is the disk full?)")

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


def new_header(
    *,
    player: str,
    campaign_id: str,
    content_hash: str,
    seed: int,
    language: str,
    consent_at: datetime,
    condition: str | None = None,
    pre_form: str | None = None,
    post_form: str | None = None,
    timers: bool = True,
    start_room: str | None = None,
) -> SessionHeader:
    """A header for a session starting now: a fresh UUID, the UTC time, this engine's version.

    Raises pydantic's ValidationError on a bad field (e.g. a player code that is not a code),
    before the game starts, so the UI can ask again.
    """
    from escape_game import __version__

    return SessionHeader(
        session_id=uuid.uuid4(),
        player=player,
        campaign_id=campaign_id,
        content_hash=content_hash,
        engine_version=__version__,
        seed=seed,
        language=language,
        condition=condition,
        pre_form=pre_form,
        post_form=post_form,
        consent=Consent(given=True, at=consent_at),
        started_at=datetime.now(UTC),
        timers=timers,
        start_room=start_room,
    )


def open_recorder(folder: Path | None, header: SessionHeader, consent: bool) -> Recorder:
    """The one way the game starts recording: nothing at all is touched without consent.

    ``folder`` None means :func:`telemetry.paths.default_data_dir`. Without consent the
    header is not looked at and nothing is created. The returned recorder
    never raises; check ``problem`` to tell the player once if recording could not go on.
    """
    if not consent:
        return NullRecorder()
    if folder is None:
        from telemetry.paths import default_data_dir

        folder = default_data_dir()
    return SessionRecorder(folder, header)
