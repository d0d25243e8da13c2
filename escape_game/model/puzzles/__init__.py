"""The puzzle kinds of the format, one module each; each is solved by understanding a concept.

``PUZZLE_MODELS`` is the registry: a new kind is one new module here plus one entry below, then
one module in each layer that shows or solves puzzles (see docs/contributing.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field

from escape_game.model.puzzles.base import (
    DataChecks,
    DataPath,
    Hint,
    Option,
    PuzzleBase,
    Response,
    kind_of,
)
from escape_game.model.puzzles.budget import Budget, BudgetCategory
from escape_game.model.puzzles.code_lock import CodeLock, normalize_code
from escape_game.model.puzzles.matching import Matching
from escape_game.model.puzzles.multiple_choice import MultipleChoice
from escape_game.model.puzzles.ordering import Ordering
from escape_game.model.puzzles.product_comparison import ProductComparison
from escape_game.model.puzzles.single_choice import SingleChoice

#: Kind name (as written after ``kind:``) -> its model; the order is the schema's order.
PUZZLE_MODELS: dict[str, type[PuzzleBase]] = {
    kind_of(model): model
    for model in (CodeLock, SingleChoice, MultipleChoice, Ordering, Matching, Budget,
                  ProductComparison)
}
PUZZLE_KINDS: tuple[str, ...] = tuple(PUZZLE_MODELS)

if TYPE_CHECKING:  # code reaches a kind's own fields through isinstance, or through its registry
    Puzzle = PuzzleBase
else:
    Puzzle = Annotated[Union[tuple(PUZZLE_MODELS.values())], Field(discriminator="kind")]  # noqa: UP007

__all__ = [
    "PUZZLE_KINDS",
    "PUZZLE_MODELS",
    "Budget",
    "BudgetCategory",
    "CodeLock",
    "DataChecks",
    "DataPath",
    "Hint",
    "Matching",
    "MultipleChoice",
    "Option",
    "Ordering",
    "ProductComparison",
    "Puzzle",
    "PuzzleBase",
    "Response",
    "SingleChoice",
    "kind_of",
    "normalize_code",
]
