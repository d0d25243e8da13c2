"""Frame time of the busiest room on a real X11 display and on the dummy driver, and start-up.

Run: ``python benchmarks/bench_frames.py [--frames N] [--rounds R] [--level PATH]``.

Frames: the busiest room, still, at the Normal text size and at the Largest in high
contrast, measured on X11 (an Xvfb server this script starts on a free display and stops) and
on SDL's dummy driver, each in its own process. The floor of each is a *bare replay* in the
same process: one real frame is recorded (every fill, blit and draw call on the window and on
the scene's page, with the very surfaces it used) and replayed with no layout, text or scene
code, then flipped. Arms run in interleaved rounds; times are this process's CPU per frame
(the X server's own work is another process); p50/p99 are over all frames, and the spread of
the per-round p99 is printed.

Start-up: ``python main.py --frames 1`` (to the first flip, then quit) against a bare pygame
window that opens, fills and flips once, interleaved, wall time, on each driver.

Targets: p99 < 4 ms on X11 at Normal and Largest; room / bare replay <= 1.5x (median);
first frame < 0.6 s; telemetry adds < 0.5 ms at p99.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET_MS = 1000 / 60
SIZE = (1280, 720)
BARE_WINDOW = ("import pygame\npygame.display.init()\n"
               "s = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)\n"
               "s.fill((20, 24, 40))\npygame.display.flip()\npygame.quit()\n")
DRAW_CALLS = ("rect", "line", "lines", "aaline", "aalines", "circle", "ellipse", "arc",
              "polygon")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def load_average() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1, 5, 15 min)"


# --- the child: frames on one driver ------------------------------------------------------

def busiest_room(level: Any) -> str:
    def weight(room: Any) -> int:
        return len(room.objects) + len(room.puzzles) + len(room.exits) + 3 * len(room.shop)

    return str(max(level.campaign.rooms, key=weight).id)


def room_pilot(level: Any, room: str, data_dir: Path, record: bool, text_size: int,
               high_contrast: bool) -> Any:
    from escape_game.ui.app import PlayOptions
    from escape_game.ui.pilot import Pilot
    from telemetry.codes import generate_codes

    pilot = Pilot(PlayOptions(level=level, start_room=room, seed=1, data_dir=data_dir,
                              telemetry=record, settings_path=data_dir / "settings.json"))
    app = pilot.app
    app.settings = app.settings.with_(text_size=text_size, high_contrast=high_contrast,
                                      reduced_motion=True)
    flow = app.flow
    flow.player = generate_codes(1, seed=1)[0]
    flow.consent = record
    flow.recorder = flow._open_recorder()
    flow.start_game()
    while len(app.scenes.stack) > 1:  # the room itself, without its opening message
        app.scenes.pop()
    for _ in range(300):  # text typed out, caches of text and scaled images warm
        pilot.frame()
    return pilot


class Replay:
    """One real frame's fills, blits and draw calls, replayed bare on the same surfaces."""

    def __init__(self, pilot: Any) -> None:
        import pygame

        ops: list[tuple[str, str, int, tuple[Any, ...], dict[str, Any]]] = []

        class Recording(pygame.Surface):
            def fill(self, *a: Any, **k: Any) -> Any:
                ops.append(("surface", "fill", id(self), a, k))
                return super().fill(*a, **k)

            def blit(self, *a: Any, **k: Any) -> Any:
                ops.append(("surface", "blit", id(self), a, k))
                return super().blit(*a, **k)

            def blits(self, *a: Any, **k: Any) -> Any:
                ops.append(("surface", "blits", id(self), a, k))
                return super().blits(*a, **k)

            def set_clip(self, *a: Any, **k: Any) -> Any:
                ops.append(("surface", "set_clip", id(self), a, k))
                return super().set_clip(*a, **k)

        app = pilot.app
        scene = app.scenes.top
        screen = pygame.display.get_surface()
        page = scene._page
        rec_screen = Recording(screen.get_size(), 0, screen)
        rec_page = Recording(page.get_size(), page.get_flags() & pygame.SRCALPHA, page)
        originals = {name: getattr(pygame.draw, name) for name in DRAW_CALLS}

        def wrap(name: str) -> Callable[..., Any]:
            def call(surface: Any, *a: Any, **k: Any) -> Any:
                if isinstance(surface, Recording):
                    ops.append(("draw", name, id(surface), a, k))
                return originals[name](surface, *a, **k)
            return call

        get_surface = pygame.display.get_surface
        pygame.display.get_surface = lambda: rec_screen
        for name in DRAW_CALLS:
            setattr(pygame.draw, name, wrap(name))
        scene._page = rec_page
        try:
            app.frame([], 16)
        finally:
            pygame.display.get_surface = get_surface
            for name, fn in originals.items():
                setattr(pygame.draw, name, fn)
            scene._page = page
            app.screen = screen
        self.page = page.copy()  # the replay's own page, same size and format
        self.screen = screen
        targets = {id(rec_screen): screen, id(rec_page): self.page}
        self.ops = []
        for kind, name, target, args, kwargs in ops:
            args = tuple(self.page if a is rec_page else a for a in args)
            self.ops.append((kind, name, targets[target], args, kwargs))
        self.blits = sum(1 for op in self.ops if op[1] == "blit")
        self.alpha_blits = sum(1 for op in self.ops if op[1] == "blit"
                               and op[3][0].get_flags() & pygame.SRCALPHA)
        self.draws = sum(1 for op in self.ops if op[0] == "draw")
        self.fills = sum(1 for op in self.ops if op[1] == "fill")
        self._draw = originals
        self._flip = pygame.display.flip

    def __call__(self) -> None:
        for kind, name, target, args, kwargs in self.ops:
            if kind == "surface":
                getattr(target, name)(*args, **kwargs)
            else:
                self._draw[name](target, *args, **kwargs)
        self._flip()


def timed(fn: Callable[[], None], n: int) -> list[float]:
    cpu = []
    for _ in range(n):
        started = time.process_time()
        fn()
        cpu.append((time.process_time() - started) * 1000)
    return cpu


def child(args: argparse.Namespace) -> int:
    import pygame

    from escape_game.commands.play import campaign_or_problems

    level, problems = campaign_or_problems(args.level)
    if level is None:
        print("cannot load the level:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    room = busiest_room(level)
    with tempfile.TemporaryDirectory() as tmp:
        normal = room_pilot(level, room, Path(tmp) / "n", False, 0, False)
        largest = room_pilot(level, room, Path(tmp) / "l", False, 3, True)
        recorded = room_pilot(level, room, Path(tmp) / "r", True, 0, False)
        replay_n, replay_l = Replay(normal), Replay(largest)
        screen = pygame.display.get_surface()
        colour = [0]

        def empty() -> None:
            colour[0] = (colour[0] + 1) % 255
            screen.fill((colour[0], 20, 40))
            pygame.display.flip()

        arms: dict[str, Callable[[], None]] = {
            "empty frame (fill + flip)": empty,
            "bare replay, Normal": replay_n,
            "busiest room, Normal": lambda: normal.app.frame([], 16),
            "bare replay, Largest HC": replay_l,
            "busiest room, Largest HC": lambda: largest.app.frame([], 16),
            "busiest room, Normal + telemetry": lambda: recorded.app.frame([], 16),
        }
        per_round = max(1, args.frames // args.rounds)
        rounds: dict[str, list[list[float]]] = {name: [] for name in arms}
        for _ in range(args.rounds):
            for name, fn in arms.items():
                rounds[name].append(timed(fn, per_round))
        recorded.app.flow.close()
        assert list((Path(tmp) / "r").rglob("*.jsonl")), "the recorder wrote no session file"
    print(json.dumps({
        "driver": pygame.display.get_driver(), "room": room, "level": level.campaign.id,
        "ops": {"Normal": [replay_n.blits, replay_n.alpha_blits, replay_n.draws, replay_n.fills],
                "Largest HC": [replay_l.blits, replay_l.alpha_blits, replay_l.draws,
                               replay_l.fills]},
        "rounds": rounds, "load": load_average()}))
    return 0


# --- the parent: drivers, Xvfb, start-up ---------------------------------------------------

class Xvfb:
    """An X server of our own on a free display number, stopped when done."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.display = ""

    def __enter__(self) -> str | None:
        exe = shutil.which("Xvfb")
        if exe is None:
            return None
        for n in range(90, 190):
            if Path(f"/tmp/.X{n}-lock").exists() or Path(f"/tmp/.X11-unix/X{n}").exists():
                continue
            proc = subprocess.Popen([exe, f":{n}", "-screen", "0", "1280x800x24", "-nolisten",
                                     "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                if Path(f"/tmp/.X11-unix/X{n}").exists() or proc.poll() is not None:
                    break
                time.sleep(0.05)
            if proc.poll() is None and Path(f"/tmp/.X11-unix/X{n}").exists():
                self.proc, self.display = proc, f":{n}"
                return self.display
            proc.kill()
            proc.wait()
        return None

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def startup(env: dict[str, str], level: Path, repeat: int, tmp: Path) -> dict[str, list[float]]:
    arms = {
        "bare pygame window": [sys.executable, "-c", BARE_WINDOW],
        "main.py to first frame": [sys.executable, str(ROOT / "main.py"), str(level),
                                   "--frames", "1", "--no-telemetry", "--data-dir",
                                   str(tmp / "data")],
        "main.py to the title": [sys.executable, str(ROOT / "main.py"), str(level),
                                 "--frames", "3", "--no-telemetry", "--data-dir",
                                 str(tmp / "data")],
    }
    # Bytecode cached as an installed game has it (pip compiles it), in a folder of our own;
    # the first runs write it and fill the OS's file cache.
    env = dict(env, PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for cmd in arms.values():
        wall(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in arms}
    for _ in range(repeat):
        for name, cmd in arms.items():
            times[name].append(wall(cmd, env))
    return times


def report(result: dict[str, Any], first: dict[str, list[float]]) -> bool:
    rounds = result["rounds"]
    print(f"\n== {result['driver']} driver: level {result['level']}, busiest room "
          f"{result['room']!r}, {SIZE[0]}x{SIZE[1]}")
    for size, (blits, alpha, draws, fills) in result["ops"].items():
        print(f"   one frame at {size}: {blits} blits ({alpha} per-pixel alpha), "
              f"{draws} draw calls, {fills} fills")
    print(f"   {'frame CPU (ms)':<34}{'p50':>7}{'p99':>8}   per-round p99 min/median/max")
    pooled = {name: [t for r in runs for t in r] for name, runs in rounds.items()}
    for name, times in pooled.items():
        p99s = [percentile(r, 99) for r in rounds[name]]
        print(f"   {name:<34}{statistics.median(times):7.3f}{percentile(times, 99):8.3f}"
              f"   {min(p99s):6.3f} {statistics.median(p99s):6.3f} {max(p99s):6.3f}")
    ok = True
    for size in ("Normal", "Largest HC"):
        room, bare = pooled[f"busiest room, {size}"], pooled[f"bare replay, {size}"]
        ratio = statistics.median(room) / statistics.median(bare)
        ratio99 = percentile(room, 99) / percentile(bare, 99)
        print(f"   room / bare replay at {size:<11} median {ratio:4.2f}x  p99 {ratio99:4.2f}x"
              f"   (target <= 1.5x)")
        ok &= ratio <= 1.5
        if result["driver"] == "x11":
            ok &= percentile(room, 99) < 4
    cost = (percentile(pooled["busiest room, Normal + telemetry"], 99)
            - percentile(pooled["busiest room, Normal"], 99))
    print(f"   telemetry cost at p99 {cost:+.3f} ms (target < 0.5 ms)")
    ok &= cost < 0.5
    print(f"   {'start-up, wall (s)':<34}   min  median     max")
    for name, times in first.items():
        print(f"   {name:<34}{min(times):6.3f}{statistics.median(times):8.3f}"
              f"{max(times):8.3f}")
    bare = statistics.median(first["bare pygame window"])
    start = statistics.median(first["main.py to first frame"])
    print(f"   first frame / bare window        {start / bare:4.2f}x (target: first frame "
          f"< 0.6 s)")
    ok &= start < 0.6
    print(f"   {result['load']} on {os.cpu_count()} cores")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--frames", type=int, default=1000, help="frames per arm (all rounds)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--startups", type=int, default=5, help="start-up repeats")
    parser.add_argument("--level", type=Path, default=ROOT / "levels" / "risk_academy")
    parser.add_argument("--driver", choices=["x11", "dummy", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    base = dict(os.environ, SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
                PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    drivers = ["x11", "dummy"] if args.driver == "both" else [args.driver]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        base.update(XDG_CONFIG_HOME=f"{tmp}/cfg", XDG_STATE_HOME=f"{tmp}/state",
                    XDG_DATA_HOME=f"{tmp}/share")
        for driver in drivers:
            env = dict(base, SDL_VIDEODRIVER=driver)
            env.pop("DISPLAY", None)
            with Xvfb() if driver == "x11" else contextlib.nullcontext() as display:
                if driver == "x11":
                    if display is None:
                        print("\n== x11: Xvfb is not installed, so no real display was "
                              "measured (apt-get install xvfb); the dummy driver's numbers "
                              "below leave out the cost of showing the frame")
                        ok = False
                        continue
                    env["DISPLAY"] = display
                out = subprocess.run([sys.executable, __file__, "--child", "--frames",
                                      str(args.frames), "--rounds", str(args.rounds),
                                      "--level", str(args.level)], env=env, check=True,
                                     capture_output=True, text=True).stdout
                first = startup(env, args.level, args.startups, Path(tmp))
            ok &= report(json.loads(out.strip().splitlines()[-1]), first)
    print("\ntargets met" if ok else "\ntargets NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
