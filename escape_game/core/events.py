"""What happened, in the past tense. The core returns these; the UI and telemetry listen.

Every event is plain data with a ``name`` (its class name) and JSON-serialisable fields, so
the recorder can write ``{"name": ..., "data": event.model_dump(mode="json")}`` without
knowing each kind. Events never hold text typed by the player.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict

from escape_game.model.base import Id, Text

Outcome = Literal["escaped", "out_of_time", "exhausted", "quit"]


class Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @property
    def name(self) -> str:
        return type(self).__name__

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """The event, without validation, from values of exactly the fields' types given
        for every field in declaration order (ids the validated level holds, ints, bools).
        The same model as the validated one (equal, same JSON); the core's most frequent
        events are built this way, since validating them cost a third of a step."""
        event = _new(cls)
        _set_dict(event, values)
        _set_fields(event, set(values))
        _set_extra(event, None)
        _set_private(event, None)
        return event


E = TypeVar("E", bound=Event)

#: Events handed out by `shared`, by kind and field values.
_SHARED: dict[tuple[Any, ...], Event] = {}
_SHARED_MAX = 1 << 14


def shared(kind: type[E], **values: Any) -> E:
    """`kind.trusted(**values)`, for values drawn from a level's finite ids (rooms, objects,
    exits, threats, flags), bools and the level's own numbers: the event built the first
    time these values came, kept and handed out again. An event is immutable, so one
    instance serves every step that reports the same thing; a search steps through the same
    few hundred room entries and examinations thousands of times, and building each again
    was a fifth of the cost of moving between rooms. (A function, not a class method: a
    model class's own attributes are slow to look up.) The store is emptied when it grows
    past `_SHARED_MAX`, so it never outgrows the levels in use."""
    key = (kind, *values.items())  # names too: two callers may pass fields in other orders
    event = _SHARED.get(key)
    if event is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        event = _SHARED[key] = kind.trusted(**values)
    return event  # type: ignore[return-value]  # stored under its own kind


#: RoomEntered events handed out by `entered`, by room, exit and first visit.
_ENTERED: dict[tuple[str, str | None, bool], RoomEntered] = {}


def entered(room: str, via: str | None, first_time: bool) -> RoomEntered:
    """`shared(RoomEntered, room=..., via=..., first_time=...)` found by its three values
    alone: the event of every move between rooms, where building `shared`'s key from
    keywords was a sixth of the move. Emptied like `shared`'s store."""
    key = (room, via, first_time)
    event = _ENTERED.get(key)
    if event is None:
        if len(_ENTERED) >= _SHARED_MAX:
            _ENTERED.clear()
        event = _ENTERED[key] = RoomEntered.trusted(room=room, via=via, first_time=first_time)
    return event


# The model's four slots, filled through their descriptors: what `object.__setattr__` does
# after looking each one up by name (a third of the event's cost).
_new = object.__new__
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


class ActionRejected(Event):
    """The action was not possible; ``reason`` is a stable code, ``detail`` names the entity."""

    action: str
    reason: str
    detail: str | None = None


class RoomEntered(Event):
    room: Id
    via: Id | None = None
    first_time: bool = True


class RoomLeft(Event):
    room: Id
    seconds_in_room: int


class ObjectExamined(Event):
    object: Id
    room: Id


class ItemTaken(Event):
    item: Id
    object: Id


class ItemUsed(Event):
    item: Id
    target: Id
    consumed: bool


class ItemGiven(Event):
    item: Id


class ItemRemoved(Event):
    item: Id


class PuzzleAttempted(Event):
    puzzle: Id
    kind: str
    correct: bool
    attempt: int


class PuzzleSolved(Event):
    puzzle: Id
    attempts: int
    hints_used: int
    points: int


class PuzzleLocked(Event):
    """No attempts left on this puzzle."""

    puzzle: Id


class HintTaken(Event):
    puzzle: Id
    index: int
    cost: int


class PotionOffered(Event):
    """A shop was shown: the alternatives a later purchase is compared with."""

    room: Id
    potions: tuple[Id, ...]


class PotionBought(Event):
    potion: Id
    premium: Decimal
    alternatives: tuple[Id, ...]
    best_value: bool


class PotionDeclined(Event):
    potion: Id


class PurchaseCancelled(Event):
    """A potion bought during this shop visit was taken back, its premium refunded."""

    potion: Id
    refund: Decimal


class ThreatWarned(Event):
    threat: Id
    category: Id
    seconds: int


class ThreatPaused(Event):
    """The player paused to think: details are revealed and the countdown slows."""

    threat: Id
    remaining_ms: int


class ThreatSpared(Event):
    """The risk did not happen this time (its likelihood roll missed)."""

    threat: Id


class ThreatStruck(Event):
    threat: Id
    category: Id
    protected: bool
    potion: Id | None
    loss: Decimal
    deductible: Decimal
    payout: Decimal
    out_of_pocket: Decimal
    not_covered_because: str | None = None
    wellbeing_loss: int = 0


class MoneyChanged(Event):
    delta: Decimal
    balance: Decimal
    debt: Decimal
    reason: str


class WellbeingChanged(Event):
    delta: int
    wellbeing: int
    reason: str


class ScoreChanged(Event):
    """Points earned or lost; ``reason`` is a stable code such as ``puzzle:ID`` or ``pause``."""

    delta: int
    score: int
    reason: str


class FlagSet(Event):
    flag: Id


class FlagCleared(Event):
    flag: Id


class ExitUnlocked(Event):
    exit: Id


class MessageShown(Event):
    """A level message for the player; ``source`` is the entity whose effect showed it."""

    source: Id
    text: Text


class TimeRanOut(Event):
    room: Id | None = None


class GameEnded(Event):
    outcome: Outcome
    score: int
    money: Decimal
    wellbeing: int
    elapsed_ms: int
