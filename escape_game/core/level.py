"""A campaign indexed for play: read-only lookups by id, and which room holds each entity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from escape_game.model import Campaign, Exit, GameObject, Item, Potion, Puzzle, Room, Threat

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
    room_of: Mapping[str, str]
    """Room id holding each object, puzzle, threat and exit (a potion may be in several shops)."""
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
        room_of: dict[str, str] = {}
        puzzle_object: dict[str, str] = {}
        # First definition wins everywhere: the loader reports duplicates to the author.
        for room in campaign.rooms:
            rooms.setdefault(room.id, room)
            for obj in room.objects:
                if obj.id not in objects:
                    objects[obj.id] = obj
                    room_of.setdefault(obj.id, room.id)
                if obj.puzzle is not None:
                    puzzle_object.setdefault(obj.puzzle, obj.id)
            for puzzle in room.puzzles:
                if puzzle.id not in puzzles:
                    puzzles[puzzle.id] = puzzle
                    room_of.setdefault(puzzle.id, room.id)
            for potion in room.shop:
                potions.setdefault(potion.id, potion)
            for threat in room.threats:
                if threat.id not in threats:
                    threats[threat.id] = threat
                    room_of.setdefault(threat.id, room.id)
            for ex in room.exits:
                if ex.id not in exits:
                    exits[ex.id] = ex
                    room_of.setdefault(ex.id, room.id)
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
            room_of=_freeze(room_of),
            puzzle_object=_freeze(puzzle_object),
        )

    @property
    def id(self) -> str:
        return self.campaign.id

    def __repr__(self) -> str:
        return f"Level({self.id!r}, rooms={len(self.rooms)}, puzzles={len(self.puzzles)})"
