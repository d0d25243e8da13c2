"""Solvability checker speed and memory, against the cost of the core's `step` alone.

For each shipped level under levels/, the plain generated corridor (30 rooms) and two
generated teacher-style levels (10 rooms / 30 objects / 6 puzzles and 30 rooms / 90 objects /
15 puzzles, see generated_levels.py), prints:
- the verdict, states kept and core steps taken;
- the time to prove the level (search + dead ends + findings) in CPU seconds, min / median /
  max of --repeat samples, and states per CPU second (from the median); a proof shorter than
  a quarter of a CPU second runs several times in a row per sample, its time divided by the
  count, so that a burst on a shared machine is not a whole sample;
- the baseline, in the same run with the samples interleaved: `step(level, state, action)`
  alone over every action of every move `moves` lists from every state the search keeps,
  and the ratio checker / baseline (below 1 where the search finds a move's target without
  asking the core, see docs/checking-levels.md);
- for the generated levels, peak RSS of a fresh process that builds the level and proves
  it, next to a fresh process that only builds it.
The machine's load average is printed before and after: on a shared machine, read the
minimum.

Targets: teacher 10/30/6 proved in under 5 s and 300 MB; teacher 30/90/15 in under 60 s and
1 GB; each shipped level in under 1 s. The previous checker's numbers on the same generated
levels (measured on the same machine before the search was reduced, see
docs/checking-levels.md) are printed for comparison, labelled as recorded.

With --previous DIR (a checkout of an earlier version, e.g. `git worktree add DIR 89b7921`),
that version's checker also runs on the generated levels, in its own process, interleaved
with the others, so "states per second now / before" is measured in the same run (its CPU
time is taken around its check_level only, like ours).

Usage: python benchmarks/bench_check.py [--repeat K] [--skip-memory] [--previous DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generated_levels import corridor_level, teacher_level
from timing import calibrated, interleaved, load_average, spread

from escape_game.check import check_level
from escape_game.check.moves import MoveBook, moves
from escape_game.check.search import search
from escape_game.core import Level, step
from escape_game.core.actions import Action
from escape_game.core.state import GameState
from escape_game.loading import LevelError, load_campaign

ROOT = Path(__file__).resolve().parent.parent
GENERATED: dict[str, Callable[[], Level]] = {
    "corridor-30": lambda: corridor_level(30, 15),
    "teacher-10/30/6": lambda: teacher_level(10, 30, 6),
    "teacher-30/90/15": lambda: teacher_level(30, 90, 15),
}
#: name -> (seconds, MB) the proof must stay under.
TARGETS = {"teacher-10/30/6": (5.0, 300.0), "teacher-30/90/15": (60.0, 1000.0)}
#: The previous checker (commit 89b7921) on this machine, CPU time: what it reached.
RECORDED = {
    "teacher-10/30/6": "200,000 states (budget), undecided, 50.6 s, 1,444 MB, 3,950 states/s",
    "teacher-30/90/15": "50,000 states (budget 50,000), undecided, 11.9 s, 366 MB, "
                        "4,210 states/s",
}
RECORDED_RATE = {"teacher-10/30/6": 3950.0, "teacher-30/90/15": 4210.0}
#: CPU seconds one sample of a short arm lasts at least (see `timing.calibrated`).
SAMPLE_FLOOR = 0.25


def shipped() -> list[tuple[str, Level]]:
    found = []
    for path in sorted(p.parent for p in (ROOT / "levels").glob("*/campaign.yaml")):
        try:
            found.append((path.name, Level.from_campaign(load_campaign(path).campaign)))
        except LevelError as exc:
            print(f"{path.name}: skipped, does not load ({exc})")
    return found


def step_pairs(level: Level) -> list[tuple[GameState, Action]]:
    """Every (state, action) the search sends to the core, for the baseline."""
    result = search(level)
    book = MoveBook(level)
    return [(s, a) for s in result.graph.states if not s.over
            for m in moves(level, s, 0, book) for a in m.actions]


def high_water_mb() -> float:
    """This process's peak RSS. Read from /proc (VmHWM restarts at exec), not getrusage,
    whose ru_maxrss a child inherits from the process that forked it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss(name: str, prove: bool) -> float:
    """Peak RSS in MB of a fresh process that builds the level (and proves it)."""
    out = subprocess.run(
        [sys.executable, __file__, "--rss", name, *(["--prove"] if prove else [])],
        check=True, capture_output=True, text=True, env=os.environ.copy(),
    ).stdout
    return float(out.strip().splitlines()[-1])


_PREVIOUS = """
import sys, time
sys.path.insert(0, {bench!r})
from generated_levels import teacher_level, corridor_level
from escape_game.check import check_level
level = {build}
started = time.process_time()
report = check_level(level, budget={budget})
print(report.states, time.process_time() - started, report.winnable)
"""
_BUILD = {"corridor-30": "corridor_level(30, 15)", "teacher-10/30/6": "teacher_level(10, 30, 6)",
          "teacher-30/90/15": "teacher_level(30, 90, 15)"}


def previous_rate(name: str, tree: Path, budget: int) -> tuple[int, float, str]:
    """(states, CPU seconds, verdict) of another checkout's checker on the same generated
    level, in a fresh process (its code first on the path)."""
    # Its own generator when it has one: the same levels, written in the keys it reads
    # (keys were renamed since; the old spellings still load here, not the new ones there).
    own = tree / "benchmarks"
    bench = own if (own / "generated_levels.py").is_file() else Path(__file__).resolve().parent
    code = _PREVIOUS.format(bench=str(bench), build=_BUILD[name], budget=budget)
    env = os.environ | {"PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env=env, cwd=tree).stdout.split()
    return int(out[0]), float(out[1]), out[2]


def bench(name: str, level: Level, repeat: int, memory: bool,
          previous: tuple[Path, int] | None = None) -> None:
    report = check_level(level)
    pairs = step_pairs(level)

    def baseline() -> None:
        for s, a in pairs:
            step(level, s, a)

    check, proofs = calibrated(partial(check_level, level), SAMPLE_FLOOR)
    steps, walks = calibrated(baseline, SAMPLE_FLOOR)
    arms: dict[str, Callable[[], object]] = {"check": check, "step": steps}
    before: list[tuple[int, float, str]] = []
    if previous is not None and name in _BUILD:
        tree, budget = previous
        arms["previous"] = lambda: before.append(previous_rate(name, tree, budget))
    times = interleaved(arms, repeat)
    checks = [t / proofs for t in times["check"]]
    bases = [t / walks for t in times["step"]]
    median = statistics.median(checks)
    rate = report.states / median
    print(f"{name:17} {report.verdict}")
    print(f"{'':17} states {report.states:>7}  core steps {report.steps:>7}  "
          f"{rate:>8.0f} states/s")
    print(f"{'':17} check     {spread(checks)}  (a sample: {proofs} proof(s) in a row)")
    print(f"{'':17} step alone over {len(pairs)} actions: {spread(bases)}  "
          f"({len(pairs) / statistics.median(bases):>7.0f} steps/s); "
          f"checker / baseline = {median / statistics.median(bases):.2f}")
    target = TARGETS.get(name)
    if memory and name in GENERATED:
        built, proved = peak_rss(name, False), peak_rss(name, True)
        limit = f" (target {target[1]:.0f} MB)" if target else ""
        print(f"{'':17} peak RSS {proved:6.0f} MB proving, {built:6.0f} MB building only{limit}")
    if target:
        ok = "ok" if max(checks) < target[0] else "OVER TARGET"
        print(f"{'':17} target {target[0]:.0f} s: slowest run {max(checks):.3f} s [{ok}]")
    if before:
        rates = [states / seconds for states, seconds, _ in before]
        print(f"{'':17} previous checker, same run, interleaved: {before[0][0]} states "
              f"(winnable: {before[0][2]}), states/s min {min(rates):.0f} median "
              f"{statistics.median(rates):.0f} max {max(rates):.0f}; now / before = "
              f"{rate / statistics.median(rates):.1f}x")
    elif name in RECORDED:
        print(f"{'':17} previous checker (recorded): {RECORDED[name]}")
        print(f"{'':17} states/s now / before = {rate / RECORDED_RATE[name]:.1f}x")
    if name not in GENERATED:
        print(f"{'':17} target 1 s: {'ok' if max(checks) < 1.0 else 'OVER TARGET'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--previous", type=Path, metavar="DIR",
                        help="a checkout of an earlier version: its checker runs on the same "
                             "generated levels, interleaved, for states per second")
    parser.add_argument("--previous-budget", type=int, default=20_000,
                        help="its state budget (the earlier checker may not finish)")
    parser.add_argument("--rss", help=argparse.SUPPRESS)
    parser.add_argument("--prove", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss:
        level = GENERATED[args.rss]()
        if args.prove:
            check_level(level)
        print(high_water_mb())
        return
    print(f"before: {load_average()}")
    for name, level in shipped():
        bench(name, level, args.repeat, False)
    for name, build in GENERATED.items():
        previous = None if args.previous is None else (args.previous, args.previous_budget)
        bench(name, build(), args.repeat, not args.skip_memory, previous)
    print(f"after:  {load_average()}")


if __name__ == "__main__":
    main()
