"""What the game calls on a recorder, and the one recorder that records nothing.

Kept apart from :mod:`telemetry.recorder` so that the game can hold a recorder from its first
frame without importing the record models (pydantic) that only writing a session needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from escape_game.core import GameState, Level
    from escape_game.core.actions import Action
    from escape_game.core.events import Event


class Recorder(Protocol):
    """What the game calls; :class:`SessionRecorder` fits it, and :class:`NullRecorder` is it.

    Every call does nothing here: a recorder that writes overrides them all, and the null
    recorder inherits them, so the calls' signatures are written once for both."""

    @property
    def problem(self) -> str | None: ...

    def action(self, action: Action, t_ms: int) -> None:
        return None

    def events(self, events: Sequence[Event], t_ms: int) -> None:
        return None

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
        return None

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
        return None

    def close(self, outcome: str, t_ms: int) -> None:
        return None


class NullRecorder(Recorder):
    """Used without consent: accepts every call and writes nothing, anywhere."""

    problem: str | None = None
    path: Path | None = None
