"""What every puzzle kind shares: its fields, and the two duties each kind fulfils itself.

A kind module (one per kind, next to this one) declares the kind's fields, its answer rule
(``judge``) and the checks of its own data (``check_data``). The rule only needs an answer's
fields, described here by ``Response``, so the level format stays free of the core.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Protocol, get_args

from pydantic import Field

from escape_game.model.base import (
    AssetPath,
    Entity,
    Id,
    Model,
    PathPart,
    Position,
    Renamed,
    Text,
)
from escape_game.model.conditions import Condition
from escape_game.model.effects import Effect

#: Where a value sits in the level data, e.g. ('rooms', 0, 'puzzles', 1, 'answer').
DataPath = tuple[PathPart, ...]


class Hint(Model):
    """Hints are ordered from a nudge to the answer; each costs score points."""

    text: Text
    cost: int = Field(default=0, ge=0)


class Option(Renamed):
    old_keys: ClassVar[dict[str, str]] = {"feedback": "message"}
    id: Id
    text: Text
    message: Text | None = None


class Response(Protocol):
    """The fields of a player's answer; which one matters depends on the puzzle's kind."""

    @property
    def code(self) -> str | None: ...
    @property
    def choice(self) -> str | None: ...
    @property
    def choices(self) -> tuple[str, ...] | None: ...
    @property
    def pairs(self) -> Mapping[str, str] | None: ...
    @property
    def amounts(self) -> Mapping[str, Decimal] | None: ...


class DataChecks(Protocol):
    """What the loader offers a kind to check its own data; the wording stays the loader's."""

    def refer(self, path: DataPath, kind: str, ref: str) -> None:
        """``ref`` must be the id of a declared ``kind`` (room, potion...)."""

    def unique(self, path: DataPath, key: str, ids: Sequence[str]) -> None:
        """The option ids under ``key`` must differ."""

    def one_of(self, path: DataPath, key: PathPart, answer: str, options: Sequence[str],
               noun: str = "options") -> None:
        """The answer at ``key`` must be one of ``options``."""

    def error(self, path: DataPath, message: str, code: str, *, on_key: bool = False) -> None:
        """A problem in the value at ``path`` (in its key, with ``on_key``)."""

    def quoted(self, names: Iterable[object]) -> str:
        """'a', 'b', or 'c': names listed in prose."""

    def did_you_mean(self, word: str, choices: Iterable[str]) -> str:
        """'; did you mean 'x'?' for a near miss, else ''."""


class PuzzleBase(Entity, Renamed):
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

    if TYPE_CHECKING:  # each kind declares it as a Literal field, the union's discriminator
        kind: str

    def judge(self, answer: Response) -> bool | None:
        """True or False; None when the answer has the wrong shape (no attempt is counted)."""
        raise NotImplementedError(f"the puzzle kind {type(self).__name__} has no answer rule")

    def check_data(self, path: DataPath, checks: DataChecks) -> None:
        """Report what the schema cannot see (an answer that is not among the options...)."""


def kind_of(model: type[PuzzleBase]) -> str:
    """The name a level writes after ``kind:``, read from the model's one Literal."""
    (name,) = get_args(model.model_fields["kind"].annotation)
    return str(name)
