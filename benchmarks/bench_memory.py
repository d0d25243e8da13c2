"""Peak memory over a whole scripted play-through of the default campaign, at every setting.

Run: ``python benchmarks/bench_memory.py [--rounds R] [--level PATH]`` (dummy video driver).

Each arm is a fresh process, so its peak resident set size (``ru_maxrss``) is its own:
- baseline: a bare pygame window with the level loaded and one frame shown;
- the real app driven by the pilot through the careful walkthrough, as a player clicking with
  the mouse would (title, player code, consent, pre-quiz, every room, ending, post-quiz,
  debrief, back to the title), at Normal text; at the Largest text; and at the Largest text in
  high contrast and French. A play-through that does not end as the walkthrough expects is an
  error, not a number.
Arms run in interleaved rounds; min/median/max of the peaks are printed with the load
average. Target: every play-through peaks under 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB = 200
ARMS: dict[str, dict[str, Any]] = {
    "baseline: bare window + level": {},
    "play-through, Normal": {"text_size": 0},
    "play-through, Largest": {"text_size": 3},
    "play-through, Largest, high contrast, fr": {"text_size": 3, "high_contrast": True,
                                                 "language": "fr"},
}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def current_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def baseline(level_dir: Path) -> dict[str, float]:
    import pygame

    from escape_game.commands.play import campaign_or_problems

    pygame.display.init()
    screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
    level, problems = campaign_or_problems(level_dir)
    assert level is not None, problems
    screen.fill((20, 24, 40))
    pygame.display.flip()
    return {"peak": peak_mb(), "end": current_mb()}


def play_through(level_dir: Path, settings: dict[str, Any]) -> dict[str, float]:
    import yaml

    sys.path.insert(0, str(ROOT / "tests" / "ui"))
    from walk import Player  # the walkthrough player the journey test uses

    from escape_game.commands.play import campaign_or_problems
    from escape_game.ui.app import PlayOptions
    from escape_game.ui.pilot import Pilot
    from escape_game.ui.scenes.debrief import DebriefScene
    from escape_game.ui.scenes.outcome import OutcomeScene
    from escape_game.ui.scenes.title import TitleScene

    script = yaml.safe_load((level_dir / "walkthroughs" / "careful.yaml").read_text("utf-8"))
    level, problems = campaign_or_problems(level_dir)
    assert level is not None, problems
    rooms_seen: set[str] = set()
    highest = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        pilot = Pilot(PlayOptions(level=level, seed=script["seed"], data_dir=Path(tmp) / "data",
                                  settings_path=Path(tmp) / "settings.json"))
        app = pilot.app
        app.apply_settings(app.settings.with_(**settings))
        pilot.frame()
        player = Player(pilot, "mouse")
        player.do("play")
        player.do("generate")
        player.do("agree")
        player.answer_quiz()
        pilot.frame_ms = 0
        player.to_room()
        for action in script["actions"]:
            player.play(action)
            rooms_seen.add(pilot.session().state.room)
            highest = max(highest, current_mb())
        state = pilot.session().state
        expect = script["expect"]
        if (state.outcome, state.money, state.score) != (
                expect["outcome"], Decimal(expect["money"]), expect["score"]):
            raise SystemExit(f"the play-through went astray: {state.outcome}, {state.money}, "
                             f"{state.score}; expected {expect}")
        if not isinstance(pilot.scene, OutcomeScene):  # the story's ending, as players see it
            raise SystemExit(f"no ending: {type(pilot.scene).__name__}")
        player.read_story()
        player.answer_quiz(pick="right")
        if not isinstance(pilot.scene, DebriefScene):
            raise SystemExit(f"no debrief: {type(pilot.scene).__name__}")
        player.do("done")
        if not isinstance(pilot.scene, TitleScene) or app.errors:
            raise SystemExit(f"did not end on the title: {app.errors}")
        app.flow.close()
    if rooms_seen != {room.id for room in level.campaign.rooms}:
        raise SystemExit(f"rooms not visited: {rooms_seen}")
    return {"peak": peak_mb(), "end": current_mb(), "in_rooms": highest}


def child(arm: str, level_dir: Path) -> int:
    settings = ARMS[arm]
    result = baseline(level_dir) if not settings else play_through(level_dir, settings)
    print(json.dumps(result))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--level", type=Path, default=ROOT / "levels" / "risk_academy")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.level)

    results: dict[str, list[dict[str, float]]] = {arm: [] for arm in ARMS}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                   PYGAME_HIDE_SUPPORT_PROMPT="1", XDG_CONFIG_HOME=f"{tmp}/cfg",
                   XDG_STATE_HOME=f"{tmp}/state", XDG_DATA_HOME=f"{tmp}/share",
                   PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
        for _ in range(args.rounds):
            for arm in ARMS:
                out = subprocess.run([sys.executable, __file__, "--child", arm, "--level",
                                      str(args.level)], env=env, capture_output=True, text=True)
                if out.returncode != 0:
                    print(f"{arm}: failed\n{out.stdout}{out.stderr}", file=sys.stderr)
                    return 1
                results[arm].append(json.loads(out.stdout.strip().splitlines()[-1]))

    print(f"peak RSS (MB) over {args.rounds} interleaved rounds, level {args.level.name}, "
          "1280x720, dummy driver")
    print(f"{'':<44}{'min':>7}{'median':>8}{'max':>7}   at the end (median)")
    base = statistics.median(r["peak"] for r in results["baseline: bare window + level"])
    ok = True
    for arm, runs in results.items():
        peaks = [r["peak"] for r in runs]
        end = statistics.median(r["end"] for r in runs)
        extra = "" if arm.startswith("baseline") else (
            f"   ({statistics.median(peaks) - base:+.0f} MB over the baseline)")
        print(f"{arm:<44}{min(peaks):7.1f}{statistics.median(peaks):8.1f}{max(peaks):7.1f}"
              f"   {end:6.1f}{extra}")
        if not arm.startswith("baseline"):
            ok &= max(peaks) < TARGET_MB
    print("load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
          + f" (1, 5, 15 min) on {os.cpu_count()} cores")
    print(f"target: every play-through under {TARGET_MB} MB: "
          + ("met" if ok else "NOT met"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
