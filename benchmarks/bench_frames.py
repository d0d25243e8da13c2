"""Frame time of the busiest room, time to the first frame, and the cost of telemetry.

Run: ``python benchmarks/bench_frames.py [--frames N] [--level PATH]`` (dummy video driver).
Every figure is printed beside a baseline measured in the same run: an empty frame (fill the
window and flip), and for start-up, a bare ``python -c "import pygame"``.
Targets: p99 frame < 4 ms (budget 16.7 ms at 60 FPS), first frame < 1.5 s, telemetry adds
< 0.5 ms at p99.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 1000 / 60


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def empty_frames(n: int) -> list[float]:
    import pygame

    pygame.display.init()
    screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    times = []
    for i in range(n):
        start = time.perf_counter()
        screen.fill((i % 255, 20, 40))
        pygame.display.flip()
        times.append((time.perf_counter() - start) * 1000)
    return times


def busiest_room(level: Any) -> str:
    def weight(room: Any) -> int:
        return len(room.objects) + len(room.puzzles) + len(room.exits) + 3 * len(room.shop)

    return str(max(level.campaign.rooms, key=weight).id)


def room_frames(level: Any, room: str, n: int, data_dir: Path, record: bool) -> list[float]:
    from escape_game.ui.app import PlayOptions
    from escape_game.ui.pilot import Pilot
    from telemetry.codes import generate_codes

    pilot = Pilot(PlayOptions(level=level, start_room=room, seed=1, data_dir=data_dir,
                              telemetry=record, settings_path=data_dir / "settings.json"))
    flow = pilot.app.flow
    flow.player = generate_codes(1, seed=1)[0]
    flow.consent = record
    flow.recorder = flow._open_recorder()
    flow.start_game()
    while len(pilot.app.scenes.stack) > 1:  # the room itself, without its opening message
        pilot.app.scenes.pop()
    for _ in range(30):  # warm the caches of text and scaled images
        pilot.frame()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        pilot.app.frame([], 16)
        times.append((time.perf_counter() - start) * 1000)
    flow.close()
    if record:
        written = list(data_dir.rglob("*.jsonl"))
        assert written, "the recorder wrote no session file"
    return times


def first_frame_seconds(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--level", type=Path, default=ROOT / "levels" / "risk_academy")
    args = parser.parse_args()

    from escape_game.commands.play import load_level

    level, problems = load_level(args.level)
    if level is None:
        print("cannot load the level:", *problems, sep="\n  ")
        return 1
    room = busiest_room(level)
    base = empty_frames(args.frames)
    with tempfile.TemporaryDirectory() as tmp:
        plain = room_frames(level, room, args.frames, Path(tmp) / "off", record=False)
        recorded = room_frames(level, room, args.frames, Path(tmp) / "on", record=True)
        env = dict(os.environ, XDG_CONFIG_HOME=str(Path(tmp) / "cfg"),
                   XDG_STATE_HOME=str(Path(tmp) / "state"), XDG_DATA_HOME=str(Path(tmp) / "d"))
        bare = min(first_frame_seconds([sys.executable, "-c", "import pygame"], env)
                   for _ in range(3))
        def run_main(frames: int) -> float:
            return min(first_frame_seconds(
                [sys.executable, str(ROOT / "main.py"), str(args.level), "--frames", str(frames),
                 "--no-telemetry", "--data-dir", str(Path(tmp) / "data")], env)
                for _ in range(3))

        first = run_main(1)  # the window with its opening screen
        title = run_main(3)  # the level read and the title screen drawn

    def row(name: str, times: list[float]) -> None:
        med, p99 = statistics.median(times), percentile(times, 99)
        print(f"{name:<34} median {med:6.3f} ms   p99 {p99:6.3f} ms   "
              f"({p99 / BUDGET_MS:5.1%} of the 16.7 ms budget)")

    print(f"level {level.campaign.id}, busiest room {room!r}, {args.frames} frames at 1280x720")
    row("baseline: empty frame (fill+flip)", base)
    row("busiest room", plain)
    row("busiest room + telemetry", recorded)
    p99_plain, p99_rec = percentile(plain, 99), percentile(recorded, 99)
    p99_base = percentile(base, 99)
    print(f"room / empty frame (p99)           {p99_plain / p99_base:6.1f}x")
    print(f"telemetry cost (p99)               {p99_rec - p99_plain:+6.3f} ms "
          f"(median {statistics.median(recorded) - statistics.median(plain):+.3f} ms; "
          f"target < 0.5 ms)")
    print(f"start to first frame               {first:6.2f} s  "
          f"(bare 'import pygame': {bare:.2f} s, ratio {first / bare:.1f}x; target < 1.5 s)")
    print(f"start to the title, level read     {title:6.2f} s  (ratio {title / bare:.1f}x)")
    print(f"load average while measuring       {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    verdict = p99_plain < 4 and first < 1.5 and p99_rec - p99_plain < 0.5
    print("targets met" if verdict else "targets NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
