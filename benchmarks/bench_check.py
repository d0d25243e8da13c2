"""Solvability checker speed against the cost of the core's `step` alone, in the same run.

For each shipped level under levels/ and for a generated large level (30 rooms, 15 items,
locked doors, code locks, a shop and threats that may or may not strike), prints:
- the time to prove the level (search + dead ends + findings), best of --repeat runs;
- states explored per second and core steps taken;
- the baseline: `step(level, state, action)` alone over the same number of actions (every
  move tried from every explored state), and the ratio checker / baseline, i.e. what the
  search adds on top of the rules themselves.
Target: each shipped level proved in under 1 s.

Usage: python benchmarks/bench_check.py [--repeat K]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from escape_game.check import check_level
from escape_game.check.moves import moves
from escape_game.check.search import search
from escape_game.core import Level, step
from escape_game.core.actions import Action
from escape_game.core.state import GameState
from escape_game.loading import LevelError, load_campaign
from escape_game.model import Campaign

ROOT = Path(__file__).resolve().parent.parent


def generated_level(rooms: int = 30, items: int = 15) -> Level:
    """A corridor of rooms: each key opens the next door, each room's notice must be read,
    every third room has a code lock, a shop at the start and a few chancy threats."""
    data: dict[str, Any] = {
        "format": 1, "id": "generated", "title": "Generated", "languages": ["en"],
        "start": {"room": "r0", "money": 300},
        "risks": [{"id": "theft", "name": "Theft"}],
        "items": [{"id": f"key{i}", "name": f"Key {i}"} for i in range(items)],
        "rooms": [],
    }
    for i in range(rooms):
        room: dict[str, Any] = {
            "id": f"r{i}", "title": f"Room {i}", "description": "A room.",
            "objects": [{"id": f"notice{i}", "name": "Notice", "description": "Read me.",
                         "on_examine": [{"set_flag": f"read{i}"}]}],
            "puzzles": [], "exits": [], "threats": [],
        }
        key = i // 2
        if i % 2 == 0 and key < items:
            room["objects"].append({"id": f"chest{i}", "name": "Chest", "description": "A chest.",
                                    "take": f"key{key}"})
        door: dict[str, Any] = {"id": f"fwd{i}", "to": f"r{i + 1}" if i + 1 < rooms else "out",
                                "label": "Onward", "condition": {"flag": f"read{i}"}}
        if i % 2 == 1 and key < items:
            door["locked"] = True
            room["objects"].append({
                "id": f"panel{i}", "name": "Panel", "description": "A keyhole.",
                "uses": [{"item": f"key{key}", "consume": True,
                          "effects": [{"unlock_exit": f"fwd{i}"}]}],
            })
        if i % 3 == 2:
            room["puzzles"].append({
                "id": f"lock{i}", "kind": "code_lock", "title": "Lock", "prompt": "Code?",
                "code": f"{i:04d}", "visible_if": {"flag": f"read{i}"},
            })
            door["condition"] = {"all": [{"flag": f"read{i}"}, {"solved": f"lock{i}"}]}
        room["exits"].append(door)
        if i > 0:
            room["exits"].append({"id": f"back{i}", "to": f"r{i - 1}", "label": "Back"})
        if i in (4, 14, 24):
            room["threats"].append({
                "id": f"thief{i}", "name": "Thief", "category": "theft", "description": "!",
                "loss": 40, "likelihood": 0.5, "trigger": {"when": "enter"},
            })
        data["rooms"].append(room)
    data["rooms"][0]["shop"] = [
        {"id": "lock_plus", "brand": "A", "name": "Lock+", "covers": ["theft"], "premium": 30,
         "deductible": 10, "limit": 100},
        {"id": "safe_max", "brand": "B", "name": "Safe Max", "covers": ["theft"], "premium": 45,
         "limit": 100},
    ]
    data["rooms"].append({"id": "out", "title": "Out", "description": "Free.",
                          "on_enter": [{"escape": True}]})
    return Level.from_campaign(Campaign.model_validate(data))


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
    return [(s, a) for s in result.graph.states if not s.over
            for m in moves(level, s) for a in m.actions]


def best(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bench(name: str, level: Level, repeat: int) -> None:
    report = check_level(level)
    seconds = best(lambda: check_level(level), repeat)
    pairs = step_pairs(level)

    def baseline() -> None:
        for s, a in pairs:
            step(level, s, a)

    base = best(baseline, repeat)
    verdict = "ok" if seconds < 1.0 else "over the 1 s target"
    print(f"{name:14} {report.verdict}")
    print(f"{'':14} states {report.states:>7}  core steps {report.steps:>7}  "
          f"check {seconds:7.3f} s  ({report.states / seconds:>8.0f} states/s)  [{verdict}]")
    print(f"{'':14} baseline: step alone over {len(pairs)} actions {base:7.3f} s  "
          f"({len(pairs) / base:>8.0f} steps/s); checker / baseline = {seconds / base:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name, level in shipped():
        bench(name, level, args.repeat)
    bench("generated-30", generated_level(), args.repeat)


if __name__ == "__main__":
    main()
