"""Short animations with a meaning, read from an injected clock and silenced by reduced motion.

Each animation is a frozen description (when it started, how long it lasts, what it moves)
and ``frame(now_ms)`` says what to draw at a moment of the clock the caller passes in; no
animation reads the time itself, so tests and replays drive them with any clock. ``frame``
returns None for "no animation: draw the still, final picture", which is what it always
returns when the player asked for reduced motion. Information never lives only in motion:
the still picture shows the final numbers.

The kinds, each for one moment of the game:

* ``Tween``: a number going from one value to another (room fades, "pause and think" colours).
* ``Shake``: the room trembling when a threat strikes.
* ``CountdownPulse``: the warning's number swelling as each second goes.
* ``DrainRefill``: money or wellbeing draining at a strike, then the payout flowing back.
* ``Flight``: a bought potion flying into the bag.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], int]
Easing = Callable[[float], float]
Point = tuple[float, float]


def ease_out(t: float) -> float:
    """Fast then gentle: things arrive softly."""
    return 1.0 - (1.0 - t) ** 3


def ease_in_out(t: float) -> float:
    return 4 * t**3 if t < 0.5 else 1.0 - (-2.0 * t + 2.0) ** 3 / 2.0


@dataclass(frozen=True)
class Timed:
    """Start and length on the caller's clock; reduced motion means no frames at all."""

    start_ms: int
    duration_ms: int
    reduced: bool = False

    def progress(self, now_ms: int) -> float | None:
        """0..1 through the animation, or None when there is nothing to animate."""
        if self.reduced or self.duration_ms <= 0 or now_ms >= self.start_ms + self.duration_ms:
            return None
        return max(0.0, (now_ms - self.start_ms) / self.duration_ms)

    def running(self, now_ms: int) -> bool:
        return self.progress(now_ms) is not None


@dataclass(frozen=True)
class Tween(Timed):
    origin: float = 0.0
    target: float = 1.0
    ease: Easing = ease_out

    def frame(self, now_ms: int) -> float | None:
        p = self.progress(now_ms)
        if p is None:
            return None
        return self.origin + (self.target - self.origin) * self.ease(p)


@dataclass(frozen=True)
class Shake(Timed):
    """A decaying tremor; two unrelated frequencies so it never looks like a slide."""

    amplitude_px: float = 10.0

    def frame(self, now_ms: int) -> tuple[int, int] | None:
        p = self.progress(now_ms)
        if p is None:
            return None
        fade = (1.0 - p) ** 2
        t = (now_ms - self.start_ms) / 1000.0
        return (round(self.amplitude_px * fade * math.sin(2 * math.pi * 19 * t)),
                round(self.amplitude_px * 0.6 * fade * math.sin(2 * math.pi * 13 * t + 1.0)))


def seconds_left(remaining_ms: int) -> int:
    """The number a countdown shows: 5 from 5.000 s down to 4.001 s."""
    return max(0, -(-remaining_ms // 1000))


def second_ticked(before_ms: int, after_ms: int) -> bool:
    """Whether the shown number changed between two readings (time for a tick sound)."""
    return seconds_left(after_ms) < seconds_left(before_ms)


@dataclass(frozen=True)
class CountdownPulse:
    """The warning's number swells as each second goes, more in the last seconds.

    It is driven by the warning's remaining time, not by the clock: the core freezes that
    time while the player pauses to think, so the pulse stops with it, and calm is seen.
    """

    pulse_ms: int = 350
    swell: float = 0.15
    urgent_below_s: int = 3
    urgent_swell: float = 0.3
    reduced: bool = False

    def frame(self, remaining_ms: int) -> float | None:
        """A scale for the number (1.0 at rest), or None when nothing moves."""
        if self.reduced or remaining_ms <= 0:
            return None
        shown = seconds_left(remaining_ms)
        since_tick = shown * 1000 - remaining_ms
        if since_tick >= self.pulse_ms:
            return None
        swell = self.urgent_swell if shown <= self.urgent_below_s else self.swell
        return 1.0 + swell * (1.0 - since_tick / self.pulse_ms) ** 2


@dataclass(frozen=True)
class DrainRefill(Timed):
    """A bar falls from ``before`` to ``low`` (the loss), holds, then rises to ``after``."""

    before: float = 0.0
    low: float = 0.0
    after: float = 0.0
    drain_ms: int = 600
    hold_ms: int = 300

    def frame(self, now_ms: int) -> tuple[float, str] | None:
        """(value, phase) with phase "drain", "hold" or "refill"; None at rest."""
        p = self.progress(now_ms)
        if p is None:
            return None
        elapsed = now_ms - self.start_ms
        if elapsed < self.drain_ms:
            t = ease_out(max(0.0, elapsed / self.drain_ms))
            return self.before + (self.low - self.before) * t, "drain"
        elapsed -= self.drain_ms
        refill_ms = self.duration_ms - self.drain_ms - self.hold_ms
        if elapsed < self.hold_ms or refill_ms <= 0:
            return self.low, "hold"
        t = ease_in_out(min(1.0, (elapsed - self.hold_ms) / refill_ms))
        return self.low + (self.after - self.low) * t, "refill"


@dataclass(frozen=True)
class Flight(Timed):
    """A point flying along a low arc and shrinking, like a potion dropped into the bag."""

    origin: Point = (0.0, 0.0)
    target: Point = (0.0, 0.0)
    lift_px: float = 80.0
    end_scale: float = 0.4

    def frame(self, now_ms: int) -> tuple[float, float, float] | None:
        """(x, y, scale) or None when nothing moves."""
        p = self.progress(now_ms)
        if p is None:
            return None
        t = ease_in_out(p)
        x = self.origin[0] + (self.target[0] - self.origin[0]) * t
        y = self.origin[1] + (self.target[1] - self.origin[1]) * t - self.lift_px * 4 * t * (1 - t)
        return x, y, 1.0 + (self.end_scale - 1.0) * t


class Motion:
    """Makes animations that start now on the injected clock, honouring reduced motion.

    Scenes hold one, built from the app's clock (``Motion(lambda: app.time_ms, reduced)``),
    and ask it for frames with ``motion.now()``.
    """

    def __init__(self, clock: Clock, reduced: bool = False) -> None:
        self.clock = clock
        self.reduced = reduced

    def now(self) -> int:
        return self.clock()

    def tween(self, origin: float, target: float, duration_ms: int = 300,
              ease: Easing = ease_out) -> Tween:
        return Tween(self.now(), duration_ms, self.reduced, origin, target, ease)

    def fade_in(self, duration_ms: int = 250) -> Tween:
        """Opacity 0 to 255, for a room that is just entered."""
        return self.tween(0.0, 255.0, duration_ms)

    def calm(self, entering: bool, duration_ms: int = 600) -> Tween:
        """0 (bright, busy) to 1 (muted, slow) as the player pauses to think, and back."""
        return self.tween(0.0, 1.0, duration_ms) if entering else self.tween(1.0, 0.0,
                                                                             duration_ms)

    def shake(self, amplitude_px: float = 10.0, duration_ms: int = 450) -> Shake:
        return Shake(self.now(), duration_ms, self.reduced, amplitude_px)

    def countdown(self) -> CountdownPulse:
        return CountdownPulse(reduced=self.reduced)

    def drain_refill(self, before: float, low: float, after: float, drain_ms: int = 600,
                     hold_ms: int = 300, refill_ms: int = 700) -> DrainRefill:
        """A strike's loss then its payout; with no payout the bar just drains."""
        refill = refill_ms if after != low else 0
        return DrainRefill(self.now(), drain_ms + hold_ms + refill, self.reduced, before, low,
                           after, drain_ms, hold_ms)

    def flight(self, origin: Point, target: Point, duration_ms: int = 500) -> Flight:
        return Flight(self.now(), duration_ms, self.reduced, origin, target)
