"""What a player can do. The UI, the runner, the solver and replay all send these to the core.

Actions are plain data (JSON-serialisable), so an action log plus a seed replays a session.
Time only moves through ``AdvanceTime``: the core never reads a clock.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter

from escape_game.model.base import Id
from escape_game.model.numbers import MAX_DIGITS, amount_fits


def _bounded(amount: Decimal) -> Decimal:
    if not amount_fits(amount):
        raise ValueError(f"an amount has at most {MAX_DIGITS} digits before and after the point")
    return amount


#: An amount typed by the player: within the one bound on numbers (see model.numbers).
Amount = Annotated[Decimal, AfterValidator(_bounded)]


class _Action(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GoThrough(_Action):
    """Leave the current room through one of its exits."""

    type: Literal["go"] = "go"
    exit: Id


class Examine(_Action):
    type: Literal["examine"] = "examine"
    object: Id


class Take(_Action):
    type: Literal["take"] = "take"
    object: Id


class UseItem(_Action):
    type: Literal["use"] = "use"
    item: Id
    target: Id


class Answer(_Action):
    """An answer to a puzzle; the field that matters depends on the puzzle's kind.

    code_lock: ``code``; single_choice and product_comparison: ``choice``;
    multiple_choice and ordering: ``choices``; matching: ``pairs``; budget: ``amounts``.
    """

    type: Literal["answer"] = "answer"
    puzzle: Id
    code: Annotated[str, Field(max_length=32, pattern=r"^[A-Za-z0-9]*$")] | None = None
    choice: Id | None = None
    choices: tuple[Id, ...] | None = None
    pairs: dict[Id, Id] | None = None
    amounts: dict[Id, Amount] | None = None


class TakeHint(_Action):
    type: Literal["hint"] = "hint"
    puzzle: Id


class BuyPotion(_Action):
    type: Literal["buy"] = "buy"
    potion: Id


class DeclinePotion(_Action):
    type: Literal["decline"] = "decline"
    potion: Id


class CancelPurchase(_Action):
    """Take back a potion bought during this visit to the shop, premium refunded: the
    cooling-off right a buyer has before the cover is ever used."""

    type: Literal["cancel"] = "cancel"
    potion: Id


class PauseToThink(_Action):
    """Reveal a pending threat's details and slow its countdown: deciding calmly."""

    type: Literal["pause"] = "pause"
    threat: Id


class FaceThreat(_Action):
    """Let a pending threat resolve now instead of waiting for its countdown."""

    type: Literal["face"] = "face"
    threat: Id


class AdvanceTime(_Action):
    """Game time passes; the front end sends the elapsed milliseconds of each frame."""

    type: Literal["wait"] = "wait"
    ms: int = Field(ge=0, le=3_600_000)


class Quit(_Action):
    type: Literal["quit"] = "quit"


Action = Annotated[
    Union[  # noqa: UP007
        GoThrough,
        Examine,
        Take,
        UseItem,
        Answer,
        TakeHint,
        BuyPotion,
        DeclinePotion,
        CancelPurchase,
        PauseToThink,
        FaceThreat,
        AdvanceTime,
        Quit,
    ],
    Field(discriminator="type"),
]
ACTION_ADAPTER: TypeAdapter[Action] = TypeAdapter(Action)
