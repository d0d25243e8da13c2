"""The session's recorder: the real one with the player's consent, a silent one otherwise.

Kept apart from the flow so that what is recorded, and when nothing is, has one home.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger("escape_game.ui")


class Recorder(Protocol):
    @property
    def problem(self) -> str | None: ...

    def action(self, action: Any, t_ms: int) -> None: ...

    def events(self, events: Any, t_ms: int) -> None: ...

    def quiz_answer(self, *args: Any, **kwargs: Any) -> None: ...

    def resume(self, *args: Any, **kwargs: Any) -> None: ...

    def close(self, outcome: str, t_ms: int) -> None: ...


class SilentRecorder:
    """Without consent: every call is accepted and nothing is written anywhere."""

    problem: str | None = None

    def action(self, action: Any, t_ms: int) -> None:
        pass

    def events(self, events: Any, t_ms: int) -> None:
        pass

    def quiz_answer(self, *args: Any, **kwargs: Any) -> None:
        pass

    def resume(self, *args: Any, **kwargs: Any) -> None:
        pass

    def close(self, outcome: str, t_ms: int) -> None:
        pass


def open_session_recorder(data_dir: Path | None, *, timers: bool, start_room: str | None,
                          class_id: str | None, school_id: str | None,
                          **fields: Any) -> Recorder:
    """A recorder writing the session file; a silent one when the header is refused."""
    from telemetry.recorder import new_header, open_recorder

    try:
        header = new_header(consent_at=datetime.now(UTC), timers=timers, start_room=start_room,
                            class_id=class_id, school_id=school_id, **fields)
    except ValueError as exc:
        log.warning("no recording: %s", exc)
        return SilentRecorder()
    recorder: Recorder = open_recorder(data_dir, header, True)
    return recorder
