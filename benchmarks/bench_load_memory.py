"""Peak memory of loading the largest legal level, against loading the tutorial.

The loader's budget (Limits.max_total_bytes, max_total_values) is what bounds memory at any
legal size. This generates, in a temporary folder:
- largest: as many rooms of benchmarks/bench_load.py as fit in the values budget, one file
  per 25 rooms (a level that passes every check);
- single: the most rooms one file may hold (2 MiB);
- dense: files of plain values up to the budget (refused: the worst the budget lets through
  before refusing);
- flood: 200 included files of 2 MiB (refused by the byte budget after a few);
- mistakes: one file of rooms missing their fields, up to the values budget (refused, with
  its first 1,000 problems located).
Each is loaded in a fresh subprocess that reports its peak RSS (VmHWM, else getrusage); the
tutorial is loaded the same way in between, as the baseline (interleaved repeats), and the
ratios to it are printed with min/median/max. Target: every peak under 300 MB.

Usage: python benchmarks/bench_load_memory.py [--repeat K]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from bench_load import _header, _room
from timing import load_average

from escape_game.loading import Limits

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB = 300.0
# Linux keeps ru_maxrss across exec (the child would report the parent's peak), so the
# child reads its own high-water mark, VmHWM, and falls back to getrusage elsewhere.
CHILD = """
import resource, sys
from escape_game.loading import LevelError, load_campaign
try:
    load_campaign(sys.argv[1])
    verdict = "ok"
except LevelError as exc:
    verdict = exc.problems[0].code
try:
    with open("/proc/self/status") as status:
        kb = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(verdict, kb / 1024)
"""


def _write_rooms(folder: Path, rooms: int, per_file: int) -> Path:
    folder.mkdir(parents=True)
    all_rooms = [_room(i, rooms) for i in range(rooms)]
    includes = []
    for start in range(0, rooms, per_file):
        name = f"rooms/part{start // per_file:03d}.yaml"
        includes.append(name)
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(yaml.safe_dump({"rooms": all_rooms[start:start + per_file]},
                                                  allow_unicode=True), encoding="utf-8")
    header = {**_header(rooms), "include": includes}
    (folder / "campaign.yaml").write_text(yaml.safe_dump(header, allow_unicode=True),
                                          encoding="utf-8")
    return folder


def _values(folder: Path) -> int:
    count = 0
    for path in folder.rglob("*.yaml"):
        for event in yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader):
            count += isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent)
    return count


def largest_legal(base: Path, limits: Limits) -> tuple[Path, int]:
    """The most rooms (in steps of 25) whose level still fits the values and bytes budgets."""
    per_room = _values(_write_rooms(base / "probe", 50, 25)) / 50
    rooms = int(limits.max_total_values / per_room) // 25 * 25
    while True:
        folder = _write_rooms(base / f"largest{rooms}", rooms, 25)
        size = sum(p.stat().st_size for p in folder.rglob("*.yaml"))
        if _values(folder) <= limits.max_total_values and size <= limits.max_total_bytes:
            return folder, rooms
        rooms -= 25


def single_file(base: Path, limits: Limits) -> tuple[Path, int]:
    rooms = 900
    while True:
        folder = base / f"single{rooms}"
        folder.mkdir()
        data = {**_header(rooms), "rooms": [_room(i, rooms) for i in range(rooms)]}
        text = yaml.safe_dump(data, allow_unicode=True)
        if len(text.encode()) <= limits.max_file_bytes:
            (folder / "campaign.yaml").write_text(text, encoding="utf-8")
            return folder, rooms
        rooms -= 25


def dense(base: Path, limits: Limits) -> Path:
    folder = base / "dense"
    folder.mkdir()
    per_file = limits.max_file_bytes // 2 - 100
    names = []
    for i in range(limits.max_total_bytes // limits.max_file_bytes):
        names.append(f"f{i}.yaml")
        (folder / names[-1]).write_text("rooms: [" + ",".join(["1"] * per_file) + "]\n")
    (folder / "campaign.yaml").write_text(yaml.safe_dump(
        {**_header(1), "rooms": [_room(0, 1)], "include": names}))
    return folder


def flood(base: Path, limits: Limits) -> Path:
    folder = base / "flood"
    folder.mkdir()
    names = []
    body = "rooms:\n" + "  - id: r\n" * (limits.max_file_bytes // 12)
    for i in range(limits.max_files):
        names.append(f"f{i}.yaml")
        (folder / names[-1]).write_text(body)
    (folder / "campaign.yaml").write_text(yaml.safe_dump(
        {**_header(1), "rooms": [_room(0, 1)], "include": names}))
    return folder


def mistakes(base: Path, limits: Limits) -> Path:
    folder = base / "mistakes"
    folder.mkdir()
    rooms = (limits.max_total_values - 100) // 3
    (folder / "campaign.yaml").write_text(
        "format: 1\nid: m\ntitle: M\nlanguages: [en]\nstart: {room: r0, money: 1}\nrooms:\n"
        + "".join(f"- {{id: r{i}}}\n" for i in range(rooms)), encoding="utf-8")
    return folder


def peak(level: Path) -> tuple[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(level)], check=True,
                         capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}).stdout.split()
    return out[0], float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(load_average(), "at the start")
    limits = Limits()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        largest, rooms = largest_legal(base, limits)
        single, single_rooms = single_file(base, limits)
        cases = {f"largest legal ({rooms} rooms, {_values(largest)} values)": largest,
                 f"one 2 MiB file ({single_rooms} rooms)": single,
                 "dense values up to the budget": dense(base, limits),
                 f"{limits.max_files} files of 2 MiB": flood(base, limits),
                 "one file of mistakes up to the budget": mistakes(base, limits)}
        tutorial = ROOT / "levels" / "tutorial"
        base_mb: list[float] = []
        runs: dict[str, list[float]] = {name: [] for name in cases}
        verdicts: dict[str, str] = {}
        for _ in range(args.repeat):
            for name, level in cases.items():
                base_mb.append(peak(tutorial)[1])
                verdicts[name], mb = peak(level)
                runs[name].append(mb)
        print(f"tutorial (baseline): peak RSS min/median/max {min(base_mb):.0f}/"
              f"{statistics.median(base_mb):.0f}/{max(base_mb):.0f} MB")
        worst = 0.0
        for name, mbs in runs.items():
            worst = max(worst, max(mbs))
            print(f"{name}: {verdicts[name]}; peak RSS min/median/max {min(mbs):.0f}/"
                  f"{statistics.median(mbs):.0f}/{max(mbs):.0f} MB; "
                  f"{statistics.median(mbs) / statistics.median(base_mb):.1f}x the tutorial")
        print(f"worst peak {worst:.0f} MB (target < {TARGET_MB:.0f} MB): "
              f"{'ok' if worst < TARGET_MB else 'OVER'}")
        print(load_average(), "at the end")


if __name__ == "__main__":
    main()
