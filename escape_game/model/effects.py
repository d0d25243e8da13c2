"""Declarative effects: what solving, using or examining something does to the game."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from escape_game.model.base import Id, Money, Text
from escape_game.model.one_key import OneKey, one_key_union


class _Effect(OneKey):
    """A change to the game, written as one key: the field a subclass declares."""


class GiveItem(_Effect):
    give_item: Id


class RemoveItem(_Effect):
    remove_item: Id


class SetFlag(_Effect):
    set_flag: Id


class ClearFlag(_Effect):
    clear_flag: Id


class AddMoney(_Effect):
    """Negative amounts take money away (see the money rules in the docs)."""

    add_money: Money


class AddWellbeing(_Effect):
    add_wellbeing: int


class AddScore(_Effect):
    add_score: int


class UnlockExit(_Effect):
    unlock_exit: Id


class ShowMessage(_Effect):
    message: Text


class GoTo(_Effect):
    go_to: Id


class TriggerThreat(_Effect):
    trigger_threat: Id


class Escape(_Effect):
    """The player has escaped: the level is won."""

    escape: Literal[True]


EFFECT_TYPES: tuple[type[_Effect], ...] = (
    GiveItem,
    RemoveItem,
    SetFlag,
    ClearFlag,
    AddMoney,
    AddWellbeing,
    AddScore,
    UnlockExit,
    ShowMessage,
    GoTo,
    TriggerThreat,
    Escape,
)
EFFECT_KEYS: tuple[str, ...] = tuple(t.key for t in EFFECT_TYPES)

if TYPE_CHECKING:  # code tells effects apart with isinstance
    Effect = _Effect
else:
    Effect = one_key_union(EFFECT_TYPES, "unknown_effect", "not a known effect")
