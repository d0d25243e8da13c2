"""Core speed against baselines measured in the same run.

Plays a fixed session of plausible actions on the biggest level under levels/ (by rooms,
then objects), then times, in CPU seconds, min / median / max of --repeat rounds with every
arm run once per round (interleaved, so all see the same machine); ratios use the medians
and the load average is printed:
- step: the real rules engine, ``step(level, state, action)`` for every recorded action;
- lookups: a loop doing the same per-action dict lookups (room, its objects/exits/shop) only;
- replace: ``dataclasses.replace(state, steps=...)``, building one new frozen state per action;
- save/load: ``save_game`` + ``load_save`` (which always verifies the log by replay)
  against ``json.dumps`` + ``json.loads`` of the same document.
Prints the timings and the ratios. Targets: >= 10,000 steps/s on a school laptop (the UI
needs a few per frame); a save round trip under 50 ms.

Usage: python benchmarks/bench_core.py [--actions N] [--repeat K]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import interleaved, load_average, median, spread

from escape_game.check.explore import plausible_actions
from escape_game.core import Action, GameState, Level, new_game, step
from escape_game.loading import LevelError
from escape_game.runner import load_save, replay, save_game
from escape_game.runner.levels import load_level_with_hash
from escape_game.runner.saves import SaveGame, save_document

ROOT = Path(__file__).resolve().parent.parent


def biggest_level() -> tuple[Path, Level, str]:
    found: list[tuple[int, int, str, Path, Level, str]] = []
    for path in sorted(p.parent for p in (ROOT / "levels").glob("*/campaign.yaml")):
        try:
            loaded = load_level_with_hash(path)
        except LevelError:
            continue
        lv = loaded.level
        found.append((len(lv.rooms), len(lv.objects), path.name, path, lv, loaded.content_hash))
    if not found:
        raise SystemExit("no loadable level under levels/")
    _, _, _, path, level, digest = max(found)
    return path, level, digest


def session(level: Level, count: int) -> tuple[list[GameState], list[Action]]:
    """A deterministic session: restart after the end, prefer actions not yet tried."""
    states: list[GameState] = []
    actions: list[Action] = []
    seed = 0
    state = new_game(level, seed).state
    i = 0
    while len(actions) < count:
        if state.outcome is not None:
            seed += 1
            state = new_game(level, seed).state
        options = plausible_actions(level, state)
        action = options[(i * 7919 + state.steps * 31) % len(options)]
        states.append(state)
        actions.append(action)
        state = step(level, state, action).state
        i += 1
    return states, actions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path, level, digest = biggest_level()
    states, actions = session(level, args.actions)
    pairs = list(zip(states, actions, strict=True))
    n = len(pairs)
    print(f"level: {path.name} ({len(level.rooms)} rooms, {len(level.objects)} objects, "
          f"{len(level.puzzles)} puzzles, {len(level.potions)} potions, "
          f"{len(level.threats)} threats); {n} recorded actions")

    def run_steps() -> None:
        for state, action in pairs:
            step(level, state, action)

    def run_lookups() -> None:
        for state, action in pairs:
            room = level.rooms[state.room]
            for obj in room.objects:
                level.objects.get(obj.id)
            for ex in room.exits:
                level.exits.get(ex.id)
            for potion in room.shop:
                level.potions.get(potion.id)
            getattr(action, "type", None)

    def run_replace() -> None:
        for state, _ in pairs:
            dataclasses.replace(state, steps=state.steps + 1)

    print(load_average())
    times = interleaved(
        {"step": run_steps, "lookups": run_lookups, "replace": run_replace}, args.repeat
    )
    for name, arm in times.items():
        print(f"{name:8} per action: {spread(arm, 1e6 / n, 'us')}")
    t_step, t_look, t_repl = (median(times[k]) for k in ("step", "lookups", "replace"))
    print(f"step: {n / t_step:,.0f} steps/s (median); step/lookups = {t_step / t_look:.1f}x, "
          f"step/replace = {t_step / t_repl:.1f}x")

    log = actions[:300]
    final = replay(level, 0, log)[-1].state
    doc = save_document(SaveGame(level.id, digest, 0, True, tuple(log), final))
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "slot.json"

        def round_trip() -> None:
            save_game(target, level, seed=0, actions=log, state=final, content_hash=digest)
            load_save(target, level=level, campaign_id=level.id, content_hash=digest)

        def json_only() -> None:
            json.loads(json.dumps(doc, indent=1, sort_keys=True))

        saves = interleaved({
            "save+load, verified by replay": round_trip,
            "json dumps+loads of the same document": json_only,
        }, args.repeat)
    print(f"save round trip, {len(log)} actions:")
    for name, arm in saves.items():
        print(f"  {name:38} {spread(arm, 1e3, 'ms')}")
    json_arm = saves["json dumps+loads of the same document"]
    ratio = median(saves["save+load, verified by replay"]) / median(json_arm)
    print(f"  save+load / json = {ratio:.1f}x (medians)")
    print(load_average())


if __name__ == "__main__":
    main()
