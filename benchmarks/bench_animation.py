"""What the room's animations cost: the busiest room still, while its colours drain as the
player pauses to think, and under a strike (shake, bars draining), beside the same strike
with reduced motion.

Run: ``python benchmarks/bench_animation.py [--rounds N]`` (dummy video driver). The modes
are measured interleaved, 100 frames at a time, so a busy machine weighs on all of them;
each is printed with its ratio to the still room of the same run. Target: animation keeps
the busiest room's p99 under 4 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_frames import busiest_room, percentile  # noqa: E402

from escape_game.commands.play import campaign_or_problems  # noqa: E402
from escape_game.core.events import ThreatStruck  # noqa: E402
from escape_game.core.state import PendingWarning  # noqa: E402
from escape_game.ui.app import PlayOptions  # noqa: E402
from escape_game.ui.pilot import Pilot  # noqa: E402
from escape_game.ui.scenes.threat import ThreatScene  # noqa: E402

MODES = ("still", "calm", "strike", "strike_reduced")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--level", type=Path, default=ROOT / "levels" / "risk_academy")
    args = parser.parse_args()
    level, problems = campaign_or_problems(args.level)
    if level is None:
        print("\n".join(problems))
        return 1
    room = busiest_room(level)
    tmp = Path(tempfile.mkdtemp())
    pilot = Pilot(PlayOptions(level=level, start_room=room, seed=1, data_dir=tmp,
                              telemetry=False, settings_path=tmp / "settings.json"))
    app, flow = pilot.app, pilot.app.flow
    flow.start_game()
    del app.scenes.stack[1:]
    for _ in range(30):
        pilot.frame()
    session = flow.game
    threat = next(iter(session.level.threats.values()))
    base = session.state
    times: dict[str, list[float]] = {mode: [] for mode in MODES}

    def run(mode: str, n: int = 100) -> None:
        app.motion.reduced = mode == "strike_reduced"
        for i in range(n):
            if mode == "calm" and i % 50 == 0:  # drain, then back: the fade runs
                session.state = dataclasses.replace(base, warnings=(
                    PendingWarning(threat.id, 10**7, paused=(i // 50) % 2 == 0),))
            if mode.startswith("strike") and i == 0:
                scene = ThreatScene(app, threat.id)
                app.scenes.push(scene)
                scene.struck(ThreatStruck(
                    threat=threat.id, category=threat.category, protected=True, potion=None,
                    loss=threat.loss, deductible=Decimal(100),
                    payout=threat.loss - Decimal(100), out_of_pocket=Decimal(100)))
            start = time.perf_counter()
            app.frame([], 16)
            times[mode].append((time.perf_counter() - start) * 1000)
        session.state = base
        del app.scenes.stack[1:]

    for _ in range(args.rounds):
        for mode in MODES:
            run(mode)
    still = times["still"]
    print(f"level {args.level.name}, busiest room {room!r}, {len(still)} frames per mode")
    for mode in MODES:
        v = times[mode]
        print(f"{mode:15s} median {statistics.median(v):6.3f} ms "
              f"({statistics.median(v) / statistics.median(still):4.2f}x still)   "
              f"p99 {percentile(v, 99):6.3f} ms "
              f"({percentile(v, 99) / percentile(still, 99):4.2f}x still)   "
              f"max {max(v):6.3f} ms")
    print(f"load average while measuring {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
