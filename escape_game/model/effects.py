"""Declarative effects: what solving, using or examining something does to the game."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Union

from pydantic import Discriminator, Tag

from escape_game.model.base import Id, Model, Money, Text
from escape_game.model.conditions import single_key


class _Effect(Model):
    key: ClassVar[str]


class GiveItem(_Effect):
    key: ClassVar[str] = "give_item"
    give_item: Id


class RemoveItem(_Effect):
    key: ClassVar[str] = "remove_item"
    remove_item: Id


class SetFlag(_Effect):
    key: ClassVar[str] = "set_flag"
    set_flag: Id


class ClearFlag(_Effect):
    key: ClassVar[str] = "clear_flag"
    clear_flag: Id


class AddMoney(_Effect):
    """Negative amounts take money away (see the money rules in the docs)."""

    key: ClassVar[str] = "add_money"
    add_money: Money


class AddWellbeing(_Effect):
    key: ClassVar[str] = "add_wellbeing"
    add_wellbeing: int


class AddScore(_Effect):
    key: ClassVar[str] = "add_score"
    add_score: int


class UnlockExit(_Effect):
    key: ClassVar[str] = "unlock_exit"
    unlock_exit: Id


class ShowMessage(_Effect):
    key: ClassVar[str] = "message"
    message: Text


class GoTo(_Effect):
    key: ClassVar[str] = "go_to"
    go_to: Id


class TriggerThreat(_Effect):
    key: ClassVar[str] = "trigger_threat"
    trigger_threat: Id


class Escape(_Effect):
    """The player has escaped: the level is won."""

    key: ClassVar[str] = "escape"
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

Effect = Annotated[
    Union[  # noqa: UP007 - tagged members need the explicit Union form
        Annotated[GiveItem, Tag("give_item")],
        Annotated[RemoveItem, Tag("remove_item")],
        Annotated[SetFlag, Tag("set_flag")],
        Annotated[ClearFlag, Tag("clear_flag")],
        Annotated[AddMoney, Tag("add_money")],
        Annotated[AddWellbeing, Tag("add_wellbeing")],
        Annotated[AddScore, Tag("add_score")],
        Annotated[UnlockExit, Tag("unlock_exit")],
        Annotated[ShowMessage, Tag("message")],
        Annotated[GoTo, Tag("go_to")],
        Annotated[TriggerThreat, Tag("trigger_threat")],
        Annotated[Escape, Tag("escape")],
    ],
    Discriminator(
        single_key,
        custom_error_type="unknown_effect",
        custom_error_message="not a known effect",
    ),
]
