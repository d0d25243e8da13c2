"""Motion: frames come from the injected clock, and reduced motion means no frames at all."""

from __future__ import annotations

import time

import pygame
import pytest
from hypothesis import given
from hypothesis import strategies as st

from escape_game.ui.motion import (
    CountdownPulse,
    Motion,
    second_ticked,
    seconds_left,
)


class FakeClock:
    def __init__(self, now: int = 1_000) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def _all_kinds(motion: Motion) -> list:
    return [
        motion.tween(0, 10),
        motion.fade_in(),
        motion.calm(True),
        motion.calm(False),
        motion.shake(),
        motion.drain_refill(1000, 400, 900),
        motion.drain_refill(1000, 400, 400),
        motion.flight((0, 0), (100, 50)),
    ]


@given(start=st.integers(0, 10**9), offsets=st.lists(st.integers(-1000, 5000), max_size=30))
def test_reduced_motion_gives_no_animation_frames(start, offsets):
    clock = FakeClock(start)
    motion = Motion(clock, reduced=True)
    animations = _all_kinds(motion)
    pulse = motion.countdown()
    for offset in offsets:
        now = start + offset
        assert all(a.frame(now) is None and not a.running(now) for a in animations)
        assert pulse.frame(max(0, offset)) is None


def test_the_same_animations_do_move_without_reduced_motion():
    clock = FakeClock(0)
    animations = _all_kinds(Motion(clock))
    for a in animations:
        assert a.running(100) and a.frame(100) is not None, a
        assert a.frame(10_000) is None and not a.running(10_000), a


def test_no_animation_reads_a_clock_of_its_own(monkeypatch):
    def forbidden(*args: object) -> float:
        raise AssertionError("motion read the time itself")

    for name in ("time", "monotonic", "perf_counter", "monotonic_ns", "time_ns"):
        monkeypatch.setattr(time, name, forbidden)
    monkeypatch.setattr(pygame.time, "get_ticks", forbidden)
    clock = FakeClock(500)
    motion = Motion(clock)
    animations = _all_kinds(motion)
    for now in range(500, 2500, 37):
        for a in animations:
            a.frame(now)
        motion.countdown().frame(now)


def test_tween_goes_from_origin_towards_target_and_then_rests():
    clock = FakeClock(200)
    tween = Motion(clock).tween(10.0, 20.0, duration_ms=100)
    values = [tween.frame(t) for t in range(200, 300, 10)]
    assert values[0] == pytest.approx(10.0)
    assert values == sorted(values) and values[-1] < 20.0
    assert tween.frame(300) is None  # at rest: draw the target


def test_shake_fades_out():
    shake = Motion(FakeClock(0)).shake(amplitude_px=12, duration_ms=400)
    early = max(max(abs(c) for c in shake.frame(t)) for t in range(0, 100, 5))
    late = max(max(abs(c) for c in shake.frame(t)) for t in range(300, 400, 5))
    assert 6 <= early <= 12 and late <= 2


def test_drain_then_refill_shows_the_loss_then_the_payout():
    bar = Motion(FakeClock(0)).drain_refill(1000, 400, 900, drain_ms=600, hold_ms=300,
                                            refill_ms=700)
    assert bar.frame(0) == (1000, "drain")
    assert bar.frame(650) == (400, "hold")
    value, phase = bar.frame(1300)
    assert phase == "refill" and 400 < value < 900
    assert bar.frame(1599)[0] == pytest.approx(900, abs=1)
    assert bar.frame(1600) is None


def test_with_no_payout_the_bar_only_drains():
    bar = Motion(FakeClock(0)).drain_refill(1000, 400, 400)
    phases = {bar.frame(t)[1] for t in range(0, 900, 10)}
    assert phases == {"drain", "hold"}
    assert bar.frame(900) is None


def test_flight_arcs_above_the_straight_line_and_shrinks():
    flight = Motion(FakeClock(0)).flight((0, 100), (200, 100), duration_ms=500)
    x, y, scale = flight.frame(250)
    assert 50 < x < 150 and y < 100 and 0.4 < scale < 1.0


def test_countdown_shows_whole_seconds_and_ticks_once_per_second():
    assert [seconds_left(ms) for ms in (5000, 4001, 4000, 1, 0, -5)] == [5, 5, 4, 1, 0, 0]
    assert second_ticked(4001, 4000)
    assert not second_ticked(4000, 3001)
    ticks = sum(second_ticked(ms + 16, ms) for ms in range(10_000 - 16, 0, -16))
    assert ticks == 9


def test_countdown_pulses_after_each_second_and_harder_at_the_end():
    pulse = CountdownPulse()
    assert pulse.frame(8000) == pytest.approx(1.15)
    assert pulse.frame(7900) < 1.15
    assert pulse.frame(7500) is None  # between pulses the number rests
    assert pulse.frame(3000) == pytest.approx(1.3)

