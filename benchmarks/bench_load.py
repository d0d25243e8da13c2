"""Level loading against real floors: the same content parsed and validated the cheapest way.

Generates a 500-room campaign in a temporary folder (one single file, and the same content
spread over one file per 25 rooms), then times, in CPU seconds, min / median / max of
--repeat rounds, every arm once per round (interleaved):
- floor, YAML: every file composed into libyaml's node tree (C), turned into data by a
  ten-line function with no checks, lists merged, Campaign.model_validate: the least a
  loader that reports line numbers (and so works on the node tree) must do. (PyYAML's own
  `yaml.load(CSafeLoader)` is no floor: its Python constructor is slower than the loader's.)
- floor, JSON: the same merged document written as JSON, json.loads + Campaign.model_validate:
  the least any loader of this content must do;
- load_campaign: the real loader (safe resolvers with line numbers, limits, duplicate keys,
  cross-references, languages, assets, content hash).
Both floors run under the same conditions as the loader, which pauses Python's cyclic
garbage collector while it builds its (acyclic) data: a floor with the collector on would be
slower than the loader it judges and could never fail it. Ratios are taken from the medians.
Targets: load_campaign <= 1.5x the YAML floor and under 1 s for 500 rooms.

Usage: python benchmarks/bench_load.py [--rooms N] [--repeat K]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import interleaved, load_average, median, spread

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
                                            "on_use": [{"set_flag": f"open{i}"}]}]},
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
                   "condition": {"has_flag": f"open{i}"}}],
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


T = TypeVar("T")


def gc_paused(fn: Callable[[], T]) -> T:
    """Run as the loader runs: with the cyclic garbage collector paused."""
    was = gc.isenabled()
    gc.disable()
    try:
        return fn()
    finally:
        if was:
            gc.enable()


_SCALARS: dict[str, Callable[[str], Any]] = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:null": lambda v: None,
}


def plain(node: Node) -> Any:
    """Node tree to data with no check at all: the least a loader that keeps line numbers
    (and so works on libyaml's node tree, as load_campaign does) must do."""
    if isinstance(node, ScalarNode):
        convert = _SCALARS.get(node.tag)
        return node.value if convert is None else convert(node.value)
    if isinstance(node, SequenceNode):
        return [plain(item) for item in node.value]
    if isinstance(node, MappingNode):
        return {plain(k): plain(v) for k, v in node.value}
    raise TypeError(node)


def parse(text: str) -> Any:
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    return None if node is None else plain(node)


def merged(level: Path) -> dict[str, Any]:
    """Every file of the level parsed by libyaml into nodes, then data; lists merged."""
    root = parse((level / "campaign.yaml").read_text("utf-8"))
    for name in root.get("include", []):
        part = parse((level / name).read_text("utf-8"))
        for key, entries in part.items():
            root[key] = root.get(key, []) + entries
    assert isinstance(root, dict)
    return root


def yaml_floor(level: Path) -> Campaign:
    """The least any YAML loader with locations must do: libyaml's node tree, data, validate."""
    return gc_paused(lambda: Campaign.model_validate(merged(level)))


def json_floor(text: str) -> Campaign:
    """The least any loader of this content must do: parse it as JSON, validate."""
    return gc_paused(lambda: Campaign.model_validate(json.loads(text)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rooms", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(load_average())
    with tempfile.TemporaryDirectory() as tmp:
        single, multi = write_levels(Path(tmp), args.rooms)
        for label, level in (("single file", single), ("multi-file", multi)):
            loaded = load_campaign(level)
            assert len(loaded.campaign.rooms) == args.rooms and not loaded.warnings
            as_json = json.dumps(merged(level))
            # The floors build what the loader builds.
            assert yaml_floor(level) == loaded.campaign == json_floor(as_json)
            times = interleaved({
                "floor, YAML": partial(yaml_floor, level),
                "floor, JSON": partial(json_floor, as_json),
                "load_campaign": partial(load_campaign, level),
            }, args.repeat)
            size = sum(p.stat().st_size for p in loaded.files) / 1e6
            print(f"{args.rooms} rooms, {label} ({len(loaded.files)} files, {size:.2f} MB), "
                  f"CPU seconds over {args.repeat} interleaved rounds:")
            for name, arm in times.items():
                print(f"  {name:15} {spread(arm)}")
            ours = median(times["load_campaign"])
            yaml_ratio = ours / median(times["floor, YAML"])
            verdict = "ok" if yaml_ratio <= 1.5 and ours < 1.0 else "OVER TARGET"
            print(f"  load_campaign / YAML floor = {yaml_ratio:.2f}, "
                  f"/ JSON floor = {ours / median(times['floor, JSON']):.2f}  "
                  f"(target <= 1.5 and under 1 s: {verdict})")
    print(load_average())


if __name__ == "__main__":
    main()
