"""A campaign indexed for play: read-only lookups by id, and which room holds each entity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import TypeVar

from escape_game.core.economics import best_value
from escape_game.model import (
    Campaign,
    Condition,
    Exit,
    GameObject,
    Item,
    Potion,
    Puzzle,
    Room,
    Threat,
)

T = TypeVar("T")


def _freeze(d: dict[str, T]) -> Mapping[str, T]:
    return MappingProxyType(d)


@dataclass(frozen=True, eq=False)
class Level:
    """The immutable content side of a game; GameState is the progress side."""

    campaign: Campaign
    rooms: Mapping[str, Room]
    objects: Mapping[str, GameObject]
    puzzles: Mapping[str, Puzzle]
    potions: Mapping[str, Potion]
    threats: Mapping[str, Threat]
    exits: Mapping[str, Exit]
    items: Mapping[str, Item]
    object_room: Mapping[str, str]
    """The room holding each object (ids are unique per kind, so each kind has its own map)."""
    puzzle_room: Mapping[str, str]
    exit_room: Mapping[str, str]
    threat_room: Mapping[str, str]
    potion_room: Mapping[str, str]
    """The room whose shop offers each potion."""
    puzzle_object: Mapping[str, str]
    """Object id through which each attached puzzle is reached."""

    @classmethod
    def from_campaign(cls, campaign: Campaign) -> Level:
        rooms: dict[str, Room] = {}
        objects: dict[str, GameObject] = {}
        puzzles: dict[str, Puzzle] = {}
        potions: dict[str, Potion] = {}
        threats: dict[str, Threat] = {}
        exits: dict[str, Exit] = {}
        object_room: dict[str, str] = {}
        puzzle_room: dict[str, str] = {}
        exit_room: dict[str, str] = {}
        threat_room: dict[str, str] = {}
        potion_room: dict[str, str] = {}
        puzzle_object: dict[str, str] = {}
        # First definition wins everywhere: the loader reports duplicates to the author.
        for room in campaign.rooms:
            rooms.setdefault(room.id, room)
            for obj in room.objects:
                if obj.id not in objects:
                    objects[obj.id] = obj
                    object_room[obj.id] = room.id
                if obj.puzzle is not None:
                    puzzle_object.setdefault(obj.puzzle, obj.id)
            for puzzle in room.puzzles:
                if puzzle.id not in puzzles:
                    puzzles[puzzle.id] = puzzle
                    puzzle_room[puzzle.id] = room.id
            for potion in room.shop:
                if potion.id not in potions:
                    potions[potion.id] = potion
                    potion_room[potion.id] = room.id
            for threat in room.threats:
                if threat.id not in threats:
                    threats[threat.id] = threat
                    threat_room[threat.id] = room.id
            for ex in room.exits:
                if ex.id not in exits:
                    exits[ex.id] = ex
                    exit_room[ex.id] = room.id
        items = {item.id: item for item in reversed(campaign.items)}
        return cls(
            campaign=campaign,
            rooms=_freeze(rooms),
            objects=_freeze(objects),
            puzzles=_freeze(puzzles),
            potions=_freeze(potions),
            threats=_freeze(threats),
            exits=_freeze(exits),
            items=_freeze(items),
            object_room=_freeze(object_room),
            puzzle_room=_freeze(puzzle_room),
            exit_room=_freeze(exit_room),
            threat_room=_freeze(threat_room),
            potion_room=_freeze(potion_room),
            puzzle_object=_freeze(puzzle_object),
        )

    @cached_property
    def entering(self) -> Mapping[str, tuple[bool, tuple[str, ...]]]:
        """Per room, what entering it can start: whether it has on_enter effects (run on the
        first visit), and the threats whose trigger is entering.

        Entering a room changes nothing in the state but where the player is when neither
        applies: the room was visited before or has no on_enter effects, and each of those
        threats has warned already. The rules take a shorter way for such moves (see
        `rules.plain_move`)."""
        return _freeze({
            r.id: (bool(r.on_enter), tuple(t.id for t in r.threats if t.trigger.when == "enter"))
            for r in self.rooms.values()
        })

    @cached_property
    def exit_gates(self) -> Mapping[str, tuple[str, Condition | None, bool, Condition | None]]:
        """Per exit: its room, visible_if, locked and condition, in one lookup (see
        `queries.exit_barrier`, asked at every move between rooms)."""
        return _freeze({
            e.id: (self.exit_room[e.id], e.visible_if, e.locked, e.condition)
            for e in self.exits.values()
        })

    @cached_property
    def calm_rooms(self) -> frozenset[str]:
        """Rooms whose entry never starts anything: no on_enter effects and no threat
        triggered by entering (`rules.calm_entry` holds for them in every state)."""
        return frozenset(room for room, (effects, threats) in self.entering.items()
                         if not effects and not threats)

    @cached_property
    def free_exits(self) -> frozenset[str]:
        """Exits with neither a lock nor a condition (defined once, in their room): seen
        means open (`queries.exit_barrier` lets the player through whenever the exit is
        among the room's visible exits)."""
        return frozenset(
            e.id for room in self.rooms.values() for e in room.exits
            if self.exits.get(e.id) is e and self.exit_room[e.id] == room.id
            and not e.locked and e.condition is None
        )

    @cached_property
    def best_value(self) -> Mapping[str, frozenset[str]]:
        """Per room, the potions of its shop with the best value against its threats
        (`economics.best_value` of the whole shop): asked at every purchase, and a pure
        function of the room."""
        return _freeze({r.id: best_value(r.shop, r.threats) for r in self.rooms.values()})

    @property
    def id(self) -> str:
        return self.campaign.id

    def __repr__(self) -> str:
        return f"Level({self.id!r}, rooms={len(self.rooms)}, puzzles={len(self.puzzles)})"
