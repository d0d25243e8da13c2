"""Declarative conditions: the whole vocabulary a level may test, and nothing else (no code)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Union

from pydantic import Discriminator, Field, Tag

from escape_game.model.base import Id, Model, Money, Renamed


class _Condition(Model):
    key: ClassVar[str]


class HasItem(_Condition):
    key: ClassVar[str] = "has_item"
    has_item: Id


class HasFlag(_Condition, Renamed):
    """Named like has_item: the flag is up (a set_flag effect raised it)."""

    key: ClassVar[str] = "has_flag"
    old_keys: ClassVar[dict[str, str]] = {"flag": "has_flag"}
    has_flag: Id


class Solved(_Condition):
    key: ClassVar[str] = "solved"
    solved: Id


class Visited(_Condition):
    key: ClassVar[str] = "visited"
    visited: Id


class OwnsPotion(_Condition):
    key: ClassVar[str] = "owns_potion"
    owns_potion: Id


class MoneyAtLeast(_Condition):
    key: ClassVar[str] = "money_at_least"
    money_at_least: Money


class WellbeingAtLeast(_Condition):
    key: ClassVar[str] = "wellbeing_at_least"
    wellbeing_at_least: int


class AllOf(_Condition):
    key: ClassVar[str] = "all"
    all_: tuple[Condition, ...] = Field(alias="all", min_length=1)


class AnyOf(_Condition):
    key: ClassVar[str] = "any"
    any_: tuple[Condition, ...] = Field(alias="any", min_length=1)


class Not(_Condition):
    key: ClassVar[str] = "not"
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


def single_key(value: Any) -> str | None:
    """Conditions and effects are one-key mappings; the key says which one it is."""
    if isinstance(value, dict):
        return next(iter(value)) if len(value) == 1 else None
    key = getattr(type(value), "key", None)
    return key if isinstance(key, str) else None


def condition_key(value: Any) -> str | None:
    """Which condition a mapping is, reading a renamed key as its new name."""
    key = single_key(value)
    return HasFlag.old_keys.get(key, key) if key is not None else None


Condition = Annotated[
    Union[  # noqa: UP007 - tagged members need the explicit Union form
        Annotated[HasItem, Tag("has_item")],
        Annotated[HasFlag, Tag("has_flag")],
        Annotated[Solved, Tag("solved")],
        Annotated[Visited, Tag("visited")],
        Annotated[OwnsPotion, Tag("owns_potion")],
        Annotated[MoneyAtLeast, Tag("money_at_least")],
        Annotated[WellbeingAtLeast, Tag("wellbeing_at_least")],
        Annotated[AllOf, Tag("all")],
        Annotated[AnyOf, Tag("any")],
        Annotated[Not, Tag("not")],
    ],
    Discriminator(
        condition_key,
        custom_error_type="unknown_condition",
        custom_error_message="not a known condition",
    ),
]

for _t in (AllOf, AnyOf, Not):
    _t.model_rebuild()
