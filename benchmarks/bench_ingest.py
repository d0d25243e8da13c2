"""`telemetry report` against a plain pandas script on ~1,000,000 events: CPU time and memory.

Run: ``python benchmarks/bench_ingest.py [--events 1000000] [--repeats 3] [--keep DIR]
[--reuse]``

Both arms run as their own process, interleaved, on the same files, and do the same reading
work: the baseline reads every file, parses every line with ``json.loads`` and pivots the
pre/post table (score = mean of the last answer to each scored item) with pandas; the report
arm runs ``escape-game telemetry report FOLDER`` (every line validated with the records
models, tombstones, duplicates, the whole analysis, figures and CSV files). The script checks
that the report's pre/post scores equal the baseline's, then prints, per arm, the CPU time
(user + system, from the process's own resource usage) and the peak resident memory
(min / median / max over the repeats), the ratio report / baseline of the medians, and the
load average before and after the timed rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def baseline(folder: Path, out: Path) -> None:
    """The plain script: json.loads on every line, then pandas pivots the pre/post table."""
    import pandas as pd

    rows = []
    for path in sorted(folder.rglob("*.jsonl")):
        session = None
        for line in path.read_bytes().split(b"\n"):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                continue
            kind = record.get("record")
            if kind == "header":
                session = record["session_id"]
            elif kind == "quiz_answer" and session is not None:
                rows.append((session, record["seq"], record["phase"], record["item"],
                             record.get("correct")))
    answers = pd.DataFrame(rows, columns=["session_id", "seq", "phase", "item", "correct"])
    answers = answers[answers["correct"].notna()].sort_values("seq", kind="stable")
    answers = answers.drop_duplicates(["session_id", "phase", "item"], keep="last")
    answers["correct"] = answers["correct"].astype(float)
    table = answers.pivot_table(index="session_id", columns="phase", values="correct",
                                aggfunc="mean")
    table.to_csv(out)


def _run(command: list[str], pycache: Path) -> tuple[float, float, float]:
    """CPU seconds (user + system), peak RSS in MB and wall seconds of one child process.

    Bytecode is cached (in ``pycache``, warmed by a first round that is not counted), as in
    any installed copy: without it both arms spend seconds compiling pandas and scipy."""
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(ROOT), MPLBACKEND="Agg", PYTHONPYCACHEPREFIX=str(pycache))
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    child.returncode = 0
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, wall


def _same_scores(report_dir: Path, baseline_csv: Path) -> int:
    import numpy as np
    import pandas as pd

    mine = pd.read_csv(report_dir / "participants.csv").set_index("session_id")
    plain = pd.read_csv(baseline_csv).set_index("session_id")
    both = mine.index.intersection(plain.index)
    assert len(both) == len(plain) == len(mine), (len(both), len(plain), len(mine))
    for phase in ("pre", "post"):
        a = mine.loc[both, f"{phase}_score"].to_numpy(float)
        b = plain.loc[both, phase].to_numpy(float)
        assert np.allclose(a, b, equal_nan=True, rtol=0, atol=1e-12), phase
    return len(both)


def _load() -> str:
    """The 1, 5 and 15 minute load averages: on a shared machine, what the times went through."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _stats(values: list[float]) -> str:
    return (f"min {min(values):8.2f}  median {statistics.median(values):8.2f}  "
            f"max {max(values):8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    parser.add_argument("--reuse", action="store_true",
                        help="read the sessions already in --keep instead of generating them")
    parser.add_argument("--baseline", nargs=2, type=Path, metavar=("FOLDER", "OUT"),
                        help=argparse.SUPPRESS)  # the baseline arm's own process
    args = parser.parse_args()
    if args.baseline:
        baseline(*args.baseline)
        return
    from telemetry.research import synthetic

    per_room = 40
    # ~ (per_room + 10) events per room, 4 rooms, + GameEnded.
    participants = max(10, args.events // (4 * (per_room + 10) + 1))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    sessions = folder / "sessions"
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-out-"))
    try:
        if not (args.reuse and sessions.is_dir()):
            truth = synthetic.generate(sessions, synthetic.Classroom(
                participants=participants, seed=1, events_per_room=per_room, machines=20))
            print(f"generated {truth.sessions_written} sessions, {truth.events_written} "
                  "events", flush=True)
        arms = {
            "plain pandas (json.loads + pivot)": [
                sys.executable, __file__, "--baseline", str(sessions), str(work / "plain.csv")],
            "telemetry report": [
                sys.executable, "-m", "escape_game.cli", "telemetry", "report", str(sessions),
                "-o", str(work / "report"), "--quiet"],
        }
        print(f"load average before: {_load()}", flush=True)
        cpu: dict[str, list[float]] = {name: [] for name in arms}
        rss: dict[str, list[float]] = {name: [] for name in arms}
        wall: dict[str, list[float]] = {name: [] for name in arms}
        for command in arms.values():
            _run(command, work / "pycache")  # warm-up: fills the bytecode cache
        for repeat in range(args.repeats):
            for name, command in arms.items():  # interleaved: load changes hit both arms
                c, r, w = _run(command, work / "pycache")
                cpu[name].append(c)
                rss[name].append(r)
                wall[name].append(w)
                print(f"repeat {repeat + 1}: {name:<36} cpu {c:7.2f} s  peak RSS {r:7.0f} MB"
                      f"  wall {w:7.2f} s", flush=True)
        print(f"load average after: {_load()}", flush=True)
        checked = _same_scores(work / "report", work / "plain.csv")
        print(f"pre/post scores equal for {checked} sessions")
        for name in arms:
            print(f"{name:<36} cpu s     {_stats(cpu[name])}")
            print(f"{'':<36} RSS MB    {_stats(rss[name])}")
            print(f"{'':<36} wall s    {_stats(wall[name])}")
        plain, report = arms
        ratio = statistics.median(cpu[report]) / statistics.median(cpu[plain])
        print(f"CPU time ratio report / plain pandas (medians): {ratio:.2f} x "
              f"(target 1.5); report peak RSS {max(rss[report]):.0f} MB (target 500)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
