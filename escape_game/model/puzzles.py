"""The puzzle kinds of the format; each one is solved by understanding a concept, not by luck."""

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


class Hint(Model):
    """Hints are ordered from a nudge to the answer; each costs score points."""

    text: Text
    cost: int = Field(default=0, ge=0)


class Option(Renamed):
    old_keys: ClassVar[dict[str, str]] = {"feedback": "message"}
    id: Id
    text: Text
    message: Text | None = None


class _Puzzle(Entity, Renamed):
    old_keys: ClassVar[dict[str, str]] = {"correct_feedback": "correct_message",
                                          "incorrect_feedback": "incorrect_message"}
    title: Text
    prompt: Text
    image: AssetPath | None = None
    position: Position | None = None
    concepts: tuple[Id, ...] = ()
    hints: tuple[Hint, ...] = ()
    visible_if: Condition | None = None
    max_attempts: int | None = Field(default=None, ge=1)
    points: int = Field(default=100, ge=0)
    correct_message: Text | None = None
    incorrect_message: Text | None = None
    on_success: tuple[Effect, ...] = ()
    on_failure: tuple[Effect, ...] = ()


class CodeLock(_Puzzle):
    """A code typed on a keypad; put it in quotes so leading zeros survive."""

    kind: Literal["code_lock"]
    code: Annotated[str, Field(min_length=1, max_length=32)]
    case_sensitive: bool = False


class SingleChoice(_Puzzle):
    kind: Literal["single_choice"]
    options: tuple[Option, ...] = Field(min_length=2)
    answer: Id


class MultipleChoice(_Puzzle):
    """Every correct option, and no wrong one, must be picked."""

    kind: Literal["multiple_choice"]
    options: tuple[Option, ...] = Field(min_length=2)
    answers: tuple[Id, ...] = Field(min_length=1)


class Ordering(_Puzzle):
    kind: Literal["ordering"]
    items: tuple[Option, ...] = Field(min_length=2)
    answer: tuple[Id, ...] = Field(min_length=2)


class Matching(_Puzzle):
    """Pair each left entry (e.g. a threat) with a right entry (e.g. the product that covers it)."""

    kind: Literal["matching"]
    left: tuple[Option, ...] = Field(min_length=1)
    right: tuple[Option, ...] = Field(min_length=1)
    answer: dict[Id, Id]


class BudgetCategory(Model):
    id: Id
    text: Text
    min: NonNegativeMoney = NonNegativeMoney(0)
    max: NonNegativeMoney | None = None


class Budget(_Puzzle):
    """Split a total between categories within each category's bounds."""

    kind: Literal["budget"]
    total: NonNegativeMoney
    categories: tuple[BudgetCategory, ...] = Field(min_length=2)


class ProductComparison(_Puzzle):
    """Pick the best-value product from a benefits table built from the named potions."""

    kind: Literal["product_comparison"]
    products: tuple[Id, ...] = Field(min_length=2)
    answer: Id
    need: Text | None = None


Puzzle = Annotated[
    Union[CodeLock, SingleChoice, MultipleChoice, Ordering, Matching, Budget, ProductComparison],  # noqa: UP007
    Field(discriminator="kind"),
]
PUZZLE_KINDS: tuple[str, ...] = (
    "code_lock",
    "single_choice",
    "multiple_choice",
    "ordering",
    "matching",
    "budget",
    "product_comparison",
)
