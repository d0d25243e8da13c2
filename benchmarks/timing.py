"""How the benchmarks time things so that the numbers cannot flatter.

Every arm of a comparison runs once per round, the rounds interleaved, so a busy machine
slows all arms alike; times are CPU seconds of this process (wall time on a shared machine
measures the neighbours); min, median and max are printed, and ratios are taken from the
medians; the load average is printed next to them.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable, Mapping


def cpu(fn: Callable[[], object]) -> float:
    """CPU seconds one call takes."""
    started = time.process_time()
    fn()
    return time.process_time() - started


def interleaved(arms: Mapping[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """CPU seconds of each arm over `repeat` rounds; each round runs every arm once."""
    times: dict[str, list[float]] = {name: [] for name in arms}
    for _ in range(repeat):
        for name, fn in arms.items():
            times[name].append(cpu(fn))
    return times


def calibrated(fn: Callable[[], object], floor: float) -> tuple[Callable[[], object], int]:
    """`fn` run enough times in a row that one sample takes at least `floor` CPU seconds,
    and that count (divide a sample's time by it): the sample of a run of a few
    milliseconds is then not one burst of a busy machine, while a long run stays one call."""
    once = cpu(fn)
    count = max(1, math.ceil(floor / max(once, 1e-6)))

    def repeated() -> None:
        for _ in range(count):
            fn()

    return repeated, count


def median(times: list[float]) -> float:
    return statistics.median(times)


def spread(times: list[float], unit: float = 1.0, suffix: str = "s") -> str:
    """`min … median … max` of a list of times, scaled by `unit`."""
    lo, mid, hi = min(times) * unit, median(times) * unit, max(times) * unit
    return f"min {lo:8.3f}  median {mid:8.3f}  max {hi:8.3f} {suffix}"


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1, 5, 15 min)"
