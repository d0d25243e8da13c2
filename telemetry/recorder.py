"""Session capture: each call writes its records at once; a small thread does the fsyncs.

A call validates its records (no free text can get in) and hands them to the operating system
with one ``os.write`` on an append-only file opened with exclusive create: nothing is ever
overwritten, and a crash of the game loses nothing a call had returned from. ``fsync``, the only
slow step, runs on a thread of its own when the player enters a room, answers a quiz item, and
at close. Any OS error stops the recording and sets :attr:`SessionRecorder.problem` once;
nothing is raised into the game, which goes on without telemetry.

Why not a writer thread fed by a queue: measured in ``benchmarks/bench_telemetry.py``, writing
in the caller costs a frame some tens of microseconds, while a second Python thread waking at
every frame competes with the frame loop for the interpreter lock and, on a busy CPU, added
milliseconds to the slowest frames. The fsync thread wakes only at checkpoints.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from telemetry.protocol import NullRecorder, Recorder
from telemetry.records import (
    ActionRecord,
    Consent,
    EventRecord,
    QuizAnswerRecord,
    Record,
    ResumeRecord,
    SessionFooter,
    SessionHeader,
    action_data,
    event_data,
    resume_action_data,
)

if TYPE_CHECKING:
    from escape_game.core import GameState, Level
    from escape_game.core.actions import Action
    from escape_game.core.events import Event

#: Events after which the file is fsynced: a room change is a natural checkpoint.
SYNC_EVENTS = frozenset({"RoomEntered", "GameEnded"})
#: How long close() waits for a pending fsync before giving up (a hung network drive, say).
CLOSE_TIMEOUT_S = 10.0

# Indirections so tests can simulate a full or vanished disk without one.
_write = os.write
_fsync = os.fsync


class SessionRecorder:
    """Writes one session to ``<folder>/<session uuid>.jsonl``; see the module docstring."""

    def __init__(self, folder: Path, header: SessionHeader) -> None:
        self.path = folder / f"{header.session_id}.jsonl"
        self._problem: str | None = None
        self._closed = False
        self._seq = 0
        self._fd: int | None = None
        #: Records the schema refused (a bug in the caller), for tests and logs; not a problem.
        self.refused: list[str] = []
        self._sync_wanted = threading.Event()
        self._sync_idle = threading.Event()
        self._sync_idle.set()
        self._sync_failed: str | None = None
        self._stopping = False
        self._pending: list[bytes] = []
        self._pending_sync = False
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(
                self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600
            )
            self._write([header.model_dump_json().encode() + b"\n"])
            _fsync(self._fd)
        except OSError as error:
            self._stop(f"cannot create the session file {self.path}: {_reason(error)}")
        self._syncer = threading.Thread(target=self._sync_loop, name="telemetry-fsync",
                                        daemon=True)
        self._syncer.start()

    @property
    def problem(self) -> str | None:
        """Why recording stopped (set once), or None while everything is being written."""
        return self._problem

    @property
    def held(self) -> int:
        """Lines waiting in memory for a running fsync to end: all a kill could lose now."""
        return len(self._pending)

    # The caller's side: a few tens of microseconds, never raises.

    def action(self, action: Action, t_ms: int) -> None:
        if self._live():
            self._emit([self._line(ActionRecord, t_ms=t_ms, action=action_data(action))])

    def events(self, events: Sequence[Event], t_ms: int) -> None:
        if not events or not self._live():
            return
        lines = [self._line(EventRecord, t_ms=t_ms, name=e.name, data=event_data(e))
                 for e in events]
        self._emit(lines, sync=any(e.name in SYNC_EVENTS for e in events))

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
        if self._live():
            line = self._line(QuizAnswerRecord, t_ms=t_ms, phase=phase, form=form, item=item,
                              concept=concept, choice=choice, correct=correct,
                              latency_ms=latency_ms, confidence=confidence)
            self._emit([line], sync=True)

    def resume(
        self,
        level: Level,
        *,
        seed: int,
        timers: bool,
        start_room: str | None,
        actions: Sequence[Action],
        state: GameState | None,
        t_ms: int,
    ) -> None:
        """The game goes on from a save: write what replay needs to restart the core here.

        ``actions`` is the save's whole log, started as ``new_game(seed, timers, start_room)``;
        ``state`` the state the game goes on from (its digest lets replay check the log). The
        line is synced before any later one reaches the file (later lines wait for the fsync).
        """
        if not self._live():
            return
        from telemetry.replay_check import code_correct, state_digest

        log = [resume_action_data(a, code_correct(level, a)) for a in actions]
        line = self._line(ResumeRecord, t_ms=t_ms, seed=seed, timers=timers,
                          start_room=start_room, actions=log,
                          state_sha256=None if state is None else state_digest(state))
        self._emit([line], sync=True)

    def close(self, outcome: str, t_ms: int) -> None:
        """Write the footer, fsync, stop the fsync thread; later calls do nothing."""
        if self._closed:
            return
        self._stopping = True
        self._sync_wanted.set()
        self._syncer.join(CLOSE_TIMEOUT_S)
        if self._live():
            footer = self._line(SessionFooter, t_ms=t_ms, outcome=outcome,
                                ended_at=datetime.now(UTC))
            self._emit([footer])
        if self._fd is not None:
            try:
                self._checkpoint()
            except OSError as error:
                self._stop(f"recording stopped: {_reason(error)}")
        self._closed = True
        self._close_fd()

    def flush(self, timeout_s: float = CLOSE_TIMEOUT_S) -> bool:
        """Wait for a running fsync, then write any lines held meanwhile (tests, benchmarks)."""
        done = self._sync_idle.wait(timeout_s)
        if done and self._pending and self._fd is not None:
            self._emit([])
        return done

    def _live(self) -> bool:
        if self._sync_failed is not None:
            self._stop(self._sync_failed)
        return self._fd is not None

    def _line(self, model: Callable[..., Record], **fields: Any) -> bytes | None:
        """One validated line, numbered; a refused record takes no seq number."""
        try:
            record = model(seq=self._seq + 1, **fields)
        except ValidationError as error:
            # A record the schema refuses is a caller's bug: keep it visible, keep recording.
            self.refused.append(f"{model.__name__}: {error.errors()[0]['msg']}")
            return None
        self._seq += 1
        return record.model_dump_json().encode() + b"\n"

    def _emit(self, lines: list[bytes | None], sync: bool = False) -> None:
        """Hand the lines to the OS now, or hold them while an fsync runs.

        On common file systems a write waits for an fsync of the same file in progress, which
        would stall the frame; lines of the frames during an fsync (a few milliseconds) wait in
        memory and go out with the first call after it.
        """
        self._pending.extend(line for line in lines if line is not None)
        self._pending_sync = self._pending_sync or sync
        if not self._sync_idle.is_set():
            return
        pending, self._pending = self._pending, []
        try:
            self._write(pending)
        except OSError as error:
            self._stop(f"recording stopped: {_reason(error)}")
            return
        if self._pending_sync:
            self._pending_sync = False
            self._sync_idle.clear()
            self._sync_wanted.set()

    def _write(self, lines: list[bytes]) -> None:
        if self._fd is None or not lines:
            return
        data = b"".join(lines)
        if _write(self._fd, data) != len(data):
            raise OSError(28, "short write (is the disk full?)")

    # The fsync thread: waits for a checkpoint request, syncs, never touches the fd's life.

    def _sync_loop(self) -> None:
        while True:
            self._sync_wanted.wait()
            self._sync_wanted.clear()
            if self._stopping:
                self._sync_idle.set()
                return
            fd = self._fd
            if fd is not None and self._sync_failed is None:
                try:
                    self._checkpoint(fd)
                except OSError as error:
                    self._sync_failed = f"recording stopped: {_reason(error)}"
                    self._report(self._sync_failed)
            self._sync_idle.set()

    def _checkpoint(self, fd: int | None = None) -> None:
        fd = self._fd if fd is None else fd
        assert fd is not None
        _fsync(fd)
        if os.fstat(fd).st_nlink == 0:
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
        if self._problem is None:
            self._problem = message


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
    class_id: str | None = None,
    school_id: str | None = None,
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
        class_id=class_id,
        school_id=school_id,
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
