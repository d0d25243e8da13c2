"""Level loading against its floor: the C YAML parser plus pydantic validation alone.

Generates a 500-room campaign in a temporary folder (one single file, and the same content
spread over one file per 25 rooms), then times, best of several runs:
- floor: yaml.load(..., CSafeLoader) of every file, lists merged, Campaign.model_validate;
- load_campaign: the real loader (safe resolvers, limits, duplicate keys, cross-references,
  languages, assets, content hash).
Prints both times and the ratio. Targets: ratio <= 1.5 and under 1 s for 500 rooms.
The loader pauses Python's cyclic garbage collector while it builds its (acyclic) data, so a
second floor with the collector paused the same way is printed too: the fair comparison.

Usage: python benchmarks/bench_load.py [--rooms N] [--repeat K]
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from escape_game.loading import load_campaign
from escape_game.model import Campaign

LANGS = ("en", "fr")


def _text(words: str) -> dict[str, str]:
    return {"en": words, "fr": f"{words} (fr)"}


def _room(i: int, rooms: int) -> dict[str, Any]:
    nxt = f"room{(i + 1) % rooms}"
    return {
        "id": f"room{i}",
        "title": _text(f"Room {i}"),
        "description": _text(f"The room number {i}, with a desk and a door."),
        "background": "assets:images/rooms/hall.png",
        "concepts": ["premium"],
        "objects": [
            {"id": f"desk{i}", "name": _text("Desk"), "description": _text("A desk."),
             "position": {"x": 0.3, "y": 0.6}, "take": f"key{i}",
             "visible_if": {"all": [{"visited": f"room{i}"}, {"not": {"has_item": f"key{i}"}}]}},
            {"id": f"safe{i}", "name": _text("Safe"), "description": _text("A safe."),
             "puzzle": f"lock{i}", "uses": [{"item": f"key{i}", "consume": True,
                                            "effects": [{"set_flag": f"open{i}"}]}]},
        ],
        "puzzles": [
            {"id": f"lock{i}", "kind": "code_lock", "title": _text("Lock"),
             "prompt": _text("Type the code."), "code": str(1000 + i), "concepts": ["premium"],
             "hints": [{"text": _text("Look at the desk."), "cost": 5}],
             "on_success": [{"unlock_exit": f"door{i}"}, {"add_money": "5.50"}]},
            {"id": f"pick{i}", "kind": "product_comparison", "title": _text("Pick"),
             "prompt": _text("Which one?"), "products": [f"cheap{i}", f"flashy{i}"],
             "answer": f"cheap{i}", "concepts": ["deductible"]},
        ],
        "exits": [{"id": f"door{i}", "to": nxt, "label": _text("Next"), "locked": True,
                   "condition": {"flag": f"open{i}"}}],
        "shop": [
            {"id": f"cheap{i}", "brand": _text("Cheap"), "name": _text("Home"),
             "covers": ["fire"], "premium": "10.00", "deductible": 20, "limit": 500,
             "concepts": ["premium"]},
            {"id": f"flashy{i}", "brand": _text("Flashy"), "name": _text("Home+"),
             "covers": ["fire"], "premium": 25, "deductible": 20, "limit": 500,
             "exclusions": [{"text": _text("Not kitchens."), "threats": [f"fire{i}"]}]},
        ],
        "threats": [
            {"id": f"fire{i}", "name": _text("Fire"), "category": "fire",
             "description": _text("Smoke!"), "loss": 120,
             "trigger": {"when": "actions", "count": 3}, "concepts": ["deductible"],
             "warning": {"seconds": 20, "text": _text("You smell smoke.")}},
        ],
    }


def _header(rooms: int) -> dict[str, Any]:
    return {
        "format": 1, "id": "bench", "title": _text("Bench"), "languages": list(LANGS),
        "start": {"room": "room0", "money": 100},
        "risks": [{"id": "fire", "name": _text("Fire")}],
        "items": [{"id": f"key{i}", "name": _text("Key")} for i in range(rooms)],
        "concepts": [{"id": c, "name": _text(c), "definition": _text(c)}
                     for c in ("premium", "deductible")],
    }


def write_levels(base: Path, rooms: int, per_file: int = 25) -> tuple[Path, Path]:
    all_rooms = [_room(i, rooms) for i in range(rooms)]
    single = base / "single"
    single.mkdir()
    (single / "campaign.yaml").write_text(
        yaml.safe_dump({**_header(rooms), "rooms": all_rooms}, allow_unicode=True,
                       sort_keys=False), "utf-8")
    multi = base / "multi"
    (multi / "rooms").mkdir(parents=True)
    includes = []
    for start in range(0, rooms, per_file):
        name = f"rooms/part{start // per_file:03d}.yaml"
        includes.append(name)
        (multi / name).write_text(yaml.safe_dump({"rooms": all_rooms[start:start + per_file]},
                                                 allow_unicode=True, sort_keys=False), "utf-8")
    (multi / "campaign.yaml").write_text(
        yaml.safe_dump({**_header(rooms), "include": includes}, allow_unicode=True,
                       sort_keys=False), "utf-8")
    return single, multi


def floor_gc_paused(level: Path) -> Campaign:
    was = gc.isenabled()
    gc.disable()
    try:
        return floor(level)
    finally:
        if was:
            gc.enable()


def floor(level: Path) -> Campaign:
    """The least any loader must do: parse every file with the C loader, validate once."""
    root = yaml.load((level / "campaign.yaml").read_text("utf-8"), Loader=yaml.CSafeLoader)
    for name in root.get("include", []):
        part = yaml.load((level / name).read_text("utf-8"), Loader=yaml.CSafeLoader)
        for key, entries in part.items():
            root[key] = root.get(key, []) + entries
    return Campaign.model_validate(root)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds): CPU time stays honest on a busy machine."""
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def compare(floor_fn: Callable[[], object], ours_fn: Callable[[], object], repeat: int
            ) -> tuple[tuple[float, float], tuple[float, float]]:
    """Best of `repeat` runs each, interleaved so both see the same machine load."""
    floors, ours = [], []
    for _ in range(repeat):
        floors.append(timed(floor_fn))
        ours.append(timed(ours_fn))
    return ((min(c for c, _ in floors), min(w for _, w in floors)),
            (min(c for c, _ in ours), min(w for _, w in ours)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        single, multi = write_levels(Path(tmp), args.rooms)
        for label, level in (("single file", single), ("multi-file", multi)):
            loaded = load_campaign(level)
            assert len(loaded.campaign.rooms) == args.rooms and not loaded.warnings
            (base_cpu, base_wall), (ours_cpu, ours_wall) = compare(
                lambda level=level: floor(level), lambda level=level: load_campaign(level),
                args.repeat)
            (paused_cpu, paused_wall), _ = compare(
                lambda level=level: floor_gc_paused(level), lambda: None, args.repeat)
            size = sum(p.stat().st_size for p in loaded.files) / 1e6
            print(f"{args.rooms} rooms, {label} ({len(loaded.files)} files, {size:.2f} MB):\n"
                  f"  floor                 {base_cpu:.3f} s CPU ({base_wall:.3f} s wall)\n"
                  f"  floor, GC paused      {paused_cpu:.3f} s CPU ({paused_wall:.3f} s wall)\n"
                  f"  load_campaign         {ours_cpu:.3f} s CPU ({ours_wall:.3f} s wall)\n"
                  f"  ratio {ours_cpu / base_cpu:.2f} against the floor, "
                  f"{ours_cpu / paused_cpu:.2f} against the floor with GC paused")


if __name__ == "__main__":
    main()
