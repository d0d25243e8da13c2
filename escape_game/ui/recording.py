"""The session's recorder: the real one with the player's consent, the null one otherwise.

Kept apart from the flow so that what is recorded, and when nothing is, has one home. The
recorder types are telemetry's: :class:`~telemetry.recorder.NullRecorder` is the one recorder
that records nothing, so the game never checks for a missing recorder.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from telemetry.protocol import NullRecorder, Recorder

log = logging.getLogger("escape_game.ui")


def open_session_recorder(data_dir: Path | None, *, timers: bool, start_room: str | None,
                          class_id: str | None, school_id: str | None,
                          **fields: Any) -> Recorder:
    """A recorder writing the session file; the null one when the header is refused."""
    from telemetry.recorder import new_header, open_recorder  # the record models: not at start

    try:
        header = new_header(consent_at=datetime.now(UTC), timers=timers, start_room=start_room,
                            class_id=class_id, school_id=school_id, **fields)
    except ValueError as exc:
        log.warning("no recording: %s", exc)
        return NullRecorder()
    return open_recorder(data_dir, header, True)
