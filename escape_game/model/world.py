"""Rooms and what is in them: objects, exits, threats (life's risks) and potions (insurance)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Union

from pydantic import Field

from escape_game.model.base import (
    AssetPath,
    Entity,
    Id,
    Model,
    NonNegativeMoney,
    Position,
    Renamed,
    Text,
)
from escape_game.model.conditions import Condition
from escape_game.model.effects import Effect
from escape_game.model.puzzles import Puzzle


class Risk(Entity):
    """A life risk category (illness, fire, theft...): products cover it, threats belong to it."""

    name: Text
    description: Text | None = None
    image: AssetPath | None = None
    insurable: bool = Field(
        default=True,
        description="false for risks no insurer covers (e.g. investment scams): "
        "the level checker then does not warn that no potion covers them",
    )


class Item(Entity):
    """Something the player can carry."""

    name: Text
    description: Text | None = None
    image: AssetPath | None = None


class ItemUse(Renamed):
    """Using an inventory item on an object."""

    old_keys: ClassVar[dict[str, str]] = {"effects": "on_use"}
    item: Id
    condition: Condition | None = None
    consume: bool = False
    message: Text | None = None
    on_use: tuple[Effect, ...] = ()


class GameObject(Entity):
    """A hotspot in a room: it can be examined, taken, used with items, or open a puzzle."""

    name: Text
    description: Text
    image: AssetPath | None = None
    position: Position | None = None
    visible_if: Condition | None = None
    take: Id | None = None
    puzzle: Id | None = None
    on_examine: tuple[Effect, ...] = ()
    uses: tuple[ItemUse, ...] = ()
    concepts: tuple[Id, ...] = ()


class Exit(Entity):
    """A way to another room; a locked exit opens with the unlock_exit effect."""

    to: Id
    label: Text
    position: Position | None = None
    condition: Condition | None = None
    locked: bool = False
    locked_message: Text | None = None
    visible_if: Condition | None = None


class Exclusion(Model):
    """Fine print that removes cover for named threats or whole risk categories."""

    text: Text
    threats: tuple[Id, ...] = ()
    categories: tuple[Id, ...] = ()


class Potion(Entity):
    """An insurance product: payout = min(loss - deductible, limit) when it applies."""

    brand: Text
    name: Text
    slogan: Text | None = None
    image: AssetPath | None = None
    covers: tuple[Id, ...] = Field(min_length=1)
    premium: NonNegativeMoney
    deductible: NonNegativeMoney = NonNegativeMoney(0)
    limit: NonNegativeMoney
    exclusions: tuple[Exclusion, ...] = ()
    waiting_period: int = Field(default=0, ge=0, description="game seconds after purchase")
    fine_print: Text | None = None
    concepts: tuple[Id, ...] = ()


class OnEnter(Model):
    when: Literal["enter"]


class AfterActions(Model):
    when: Literal["actions"]
    count: int = Field(ge=1)


class AfterTime(Model):
    when: Literal["timer"]
    seconds: int = Field(ge=1)


class ByEffect(Model):
    """Only a trigger_threat effect starts this threat."""

    when: Literal["effect"]


Trigger = Annotated[
    Union[OnEnter, AfterActions, AfterTime, ByEffect],  # noqa: UP007
    Field(discriminator="when"),
]


class ThreatWarning(Model):
    """The countdown between the first sign of a threat and its strike."""

    seconds: int = Field(default=30, ge=0)
    text: Text | None = None


class Threat(Entity, Renamed):
    """A life risk that may strike; likelihood 1 makes it scripted (it always strikes)."""

    old_keys: ClassVar[dict[str, str]] = {"protected_text": "protected_message",
                                          "unprotected_text": "unprotected_message"}

    name: Text
    category: Id
    description: Text
    image: AssetPath | None = None
    loss: NonNegativeMoney
    wellbeing_loss: int = Field(default=0, ge=0, le=100)
    likelihood: float = Field(default=1.0, ge=0.0, le=1.0)
    trigger: Trigger
    condition: Condition | None = None
    warning: ThreatWarning = ThreatWarning()
    details: Text | None = None
    protected_message: Text | None = None
    unprotected_message: Text | None = None
    on_strike: tuple[Effect, ...] = ()
    concepts: tuple[Id, ...] = ()


class Room(Entity):
    title: Text
    description: Text
    background: AssetPath | None = None
    theme: str | None = Field(
        default=None, description="the room's mood: its ambient sound and, without a "
        "background, the room the game draws (protection, fine_print, risk_matrix, scam, "
        "time, hall, or any name)")
    time_limit: int | None = Field(default=None, ge=1, description="game seconds")
    objects: tuple[GameObject, ...] = ()
    puzzles: tuple[Puzzle, ...] = ()
    exits: tuple[Exit, ...] = ()
    shop: tuple[Potion, ...] = ()
    threats: tuple[Threat, ...] = ()
    on_enter: tuple[Effect, ...] = ()
    concepts: tuple[Id, ...] = ()

