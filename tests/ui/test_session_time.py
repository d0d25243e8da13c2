"""Frame time reaches the core in a few steps a second, and never after the action it precedes."""

from __future__ import annotations

from typing import Any

import pytest
from locations import LEVELS

from escape_game.core.actions import AdvanceTime, Quit
from escape_game.loading import load_campaign
from escape_game.ui.session import MAX_STEP_MS, TIME_STEP_MS, GameSession
from telemetry.protocol import NullRecorder

pytestmark = pytest.mark.ui


class _Recorder(NullRecorder):
    def __init__(self) -> None:
        self.actions: list[Any] = []

    def action(self, action: Any, t_ms: int) -> None:
        self.actions.append(action)


def _session() -> tuple[GameSession, _Recorder]:
    recorder = _Recorder()
    campaign = load_campaign(LEVELS / "tutorial").campaign
    session = GameSession(campaign, seed=1, timers=True, start_room=None,
                          recorder=recorder, clock=lambda: 0)
    return session, recorder


def test_frames_are_gathered_into_time_steps() -> None:
    session, recorder = _session()
    for _ in range(100):
        session.advance(16)
    waits = [a for a in recorder.actions if isinstance(a, AdvanceTime)]
    assert waits
    assert all(TIME_STEP_MS <= w.ms <= MAX_STEP_MS for w in waits)
    assert len(waits) <= 1600 // TIME_STEP_MS
    sent = sum(w.ms for w in waits)
    assert session.state.elapsed_ms == sent
    assert 1600 - sent < TIME_STEP_MS


def test_an_action_first_sends_the_time_before_it() -> None:
    session, recorder = _session()
    for _ in range(5):
        session.advance(16)
    assert recorder.actions == []
    session.act(Quit())
    assert recorder.actions == [AdvanceTime(ms=80), Quit()]
    assert session.state.elapsed_ms == 80


def test_a_stalled_frame_is_split_so_no_countdown_is_skipped() -> None:
    session, recorder = _session()
    session.advance(2500)
    assert [a.ms for a in recorder.actions] == [MAX_STEP_MS, MAX_STEP_MS, 500]
