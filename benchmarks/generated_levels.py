"""Levels written the way a teacher writes them, generated at any size for the checker's
benchmark and its regression tests.

`teacher_level(rooms, objects, puzzles)` is a corridor of rooms, each with a clue to read
(an `on_examine` that only shows a message) and a notice whose reading opens the way on;
every other room has a chest holding the key that unlocks the next room's door (used on its
notice), and the remaining objects are souvenirs to pick up or posters worth a few points,
which nothing depends on. Puzzles are code locks on
the doors, spread evenly. A shop at the start sells two potions against a thief who may or
may not strike in three rooms. Every room but the first can be walked back from, so all the
optional content can be left behind and come back for: the situation that made the number
of states grow exponentially.

`corridor_level(rooms)` is the plain corridor the checker's benchmark has always used.
"""

from __future__ import annotations

from typing import Any

from escape_game.core import Level
from escape_game.model import Campaign

_SHOP = [
    {"id": "lock_plus", "brand": "A", "name": "Lock+", "covers": ["theft"], "premium": 30,
     "deductible": 10, "limit": 100, "concepts": ["premium"]},
    {"id": "safe_max", "brand": "B", "name": "Safe Max", "covers": ["theft"], "premium": 45,
     "limit": 100, "concepts": ["premium"]},
]


def _header(items: int) -> dict[str, Any]:
    return {
        "format": 1, "id": "generated", "title": "Generated", "languages": ["en"],
        "start": {"room": "r0", "money": 300},
        "risks": [{"id": "theft", "name": "Theft"}],
        "concepts": [{"id": c, "name": c, "definition": c} for c in ("premium", "saving")],
        "items": [{"id": f"key{i}", "name": f"Key {i}"} for i in range(items)]
        + [{"id": f"souvenir{i}", "name": f"Souvenir {i}"} for i in range(items)],
        "rooms": [],
    }


def _thief(i: int) -> dict[str, Any]:
    return {"id": f"thief{i}", "name": "Thief", "category": "theft", "description": "!",
            "loss": 40, "likelihood": 0.5, "trigger": {"when": "enter"}}


def teacher_level(rooms: int = 10, objects: int = 30, puzzles: int = 6) -> Level:
    """`rooms` rooms holding `objects` objects (at least 2 per room) and `puzzles` code locks."""
    if objects < 2 * rooms:
        raise ValueError("a teacher level has at least a clue and a notice per room")
    data = _header(rooms)
    extra = objects - 2 * rooms
    with_lock = {round(k * rooms / puzzles) for k in range(puzzles)} if puzzles else set()
    thieves = {rooms // 3, (2 * rooms) // 3, rooms - 1} - {0}
    for i in range(rooms):
        objs: list[dict[str, Any]] = [
            {"id": f"clue{i}", "name": "Clue", "description": "A note.",
             "concepts": ["saving"], "on_examine": [{"message": f"Remember the number {i}."}]},
            {"id": f"notice{i}", "name": "Notice", "description": "Read me.",
             "on_examine": [{"set_flag": f"read{i}"}]},
        ]
        door: dict[str, Any] = {"id": f"fwd{i}", "to": f"r{i + 1}" if i + 1 < rooms else "out",
                                "label": "Onward", "condition": {"has_flag": f"read{i}"}}
        room: dict[str, Any] = {"id": f"r{i}", "title": f"Room {i}", "description": "A room.",
                                "objects": objs, "puzzles": [], "exits": [door], "threats": []}
        # The remaining objects, spread evenly: a chest with the next door's key in even
        # rooms, then souvenirs and posters nothing depends on.
        share = extra // rooms + (1 if i < extra % rooms else 0)
        for j in range(share):
            if j == 0 and i % 2 == 0 and i + 1 < rooms:
                objs.append({"id": f"chest{i}", "name": "Chest", "description": "A chest.",
                             "take": f"key{i}"})
                nxt = f"r{i + 1}"
                data.setdefault("_locked", {})[nxt] = f"key{i}"
            elif j % 2 == 1:
                objs.append({"id": f"poster{i}_{j}", "name": "Poster", "description": "Art.",
                             "on_examine": [{"add_score": 1}]})
            else:
                objs.append({"id": f"shelf{i}_{j}", "name": "Shelf", "description": "Trinkets.",
                             "take": f"souvenir{i}"})
        if i in with_lock:
            room["puzzles"].append({
                "id": f"lock{i}", "kind": "code_lock", "title": "Lock", "prompt": "Code?",
                "code": f"{i + 1:04d}", "visible_if": {"has_flag": f"read{i}"},
                "concepts": ["saving"],
            })
            door["condition"] = {"all": [{"has_flag": f"read{i}"}, {"solved": f"lock{i}"}]}
        if i > 0:
            room["exits"].append({"id": f"back{i}", "to": f"r{i - 1}", "label": "Back"})
        if i in thieves:
            room["threats"].append(_thief(i))
        data["rooms"].append(room)
    # A key found in room i opens the door out of room i + 1: used on that room's notice.
    for nxt, key in data.pop("_locked", {}).items():
        room = data["rooms"][int(nxt[1:])]
        room["exits"][0]["locked"] = True
        notice = room["objects"][1]
        notice["uses"] = [{"item": key, "consume": True,
                           "on_use": [{"unlock_exit": room["exits"][0]["id"]}]}]
    data["rooms"][0]["shop"] = _SHOP
    data["rooms"].append({"id": "out", "title": "Out", "description": "Free.",
                          "on_enter": [{"escape": True}]})
    return Level.from_campaign(Campaign.model_validate(data))


def corridor_level(rooms: int = 30, items: int = 15) -> Level:
    """A corridor of rooms: each key opens the next door, each room's notice must be read,
    every third room has a code lock, a shop at the start and a few chancy threats."""
    data = _header(0)
    data["items"] = [{"id": f"key{i}", "name": f"Key {i}"} for i in range(items)]
    del data["concepts"]
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
                                "label": "Onward", "condition": {"has_flag": f"read{i}"}}
        if i % 2 == 1 and key < items:
            door["locked"] = True
            room["objects"].append({
                "id": f"panel{i}", "name": "Panel", "description": "A keyhole.",
                "uses": [{"item": f"key{key}", "consume": True,
                          "on_use": [{"unlock_exit": f"fwd{i}"}]}],
            })
        if i % 3 == 2:
            room["puzzles"].append({
                "id": f"lock{i}", "kind": "code_lock", "title": "Lock", "prompt": "Code?",
                "code": f"{i:04d}", "visible_if": {"has_flag": f"read{i}"},
            })
            door["condition"] = {"all": [{"has_flag": f"read{i}"}, {"solved": f"lock{i}"}]}
        room["exits"].append(door)
        if i > 0:
            room["exits"].append({"id": f"back{i}", "to": f"r{i - 1}", "label": "Back"})
        if i in (4, 14, 24):
            room["threats"].append(_thief(i))
        data["rooms"].append(room)
    data["rooms"][0]["shop"] = [{k: v for k, v in p.items() if k != "concepts"} for p in _SHOP]
    data["rooms"].append({"id": "out", "title": "Out", "description": "Free.",
                          "on_enter": [{"escape": True}]})
    return Level.from_campaign(Campaign.model_validate(data))
