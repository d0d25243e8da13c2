"""Declarative conditions: the whole vocabulary a level may test, and nothing else (no code)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from escape_game.model.base import Id, Money, Renamed
from escape_game.model.one_key import OneKey, one_key_union


class _Condition(OneKey):
    """A test on the game state, written as one key: the field a subclass declares."""


class HasItem(_Condition):
    has_item: Id


class HasFlag(_Condition, Renamed):
    """Named like has_item: the flag is up (a set_flag effect raised it)."""

    old_keys: ClassVar[dict[str, str]] = {"flag": "has_flag"}
    has_flag: Id


class Solved(_Condition):
    solved: Id


class Visited(_Condition):
    visited: Id


class OwnsPotion(_Condition):
    owns_potion: Id


class MoneyAtLeast(_Condition):
    money_at_least: Money


class WellbeingAtLeast(_Condition):
    wellbeing_at_least: int


class AllOf(_Condition):
    all_: tuple[Condition, ...] = Field(alias="all", min_length=1)


class AnyOf(_Condition):
    any_: tuple[Condition, ...] = Field(alias="any", min_length=1)


class Not(_Condition):
    not_: Condition = Field(alias="not")


CONDITION_TYPES: tuple[type[_Condition], ...] = (
    HasItem,
    HasFlag,
    Solved,
    Visited,
    OwnsPotion,
    MoneyAtLeast,
    WellbeingAtLeast,
    AllOf,
    AnyOf,
    Not,
)
CONDITION_KEYS: tuple[str, ...] = tuple(t.key for t in CONDITION_TYPES)

if TYPE_CHECKING:  # code tells conditions apart with isinstance
    Condition = _Condition
else:
    Condition = one_key_union(CONDITION_TYPES, "unknown_condition", "not a known condition")

for _t in (AllOf, AnyOf, Not):
    _t.model_rebuild()
