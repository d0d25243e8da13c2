"""Pick the best-value product from a benefits table of the level's potions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from escape_game.model.base import Id, Text
from escape_game.model.puzzles.base import DataChecks, DataPath, PuzzleBase, Response


class ProductComparison(PuzzleBase):
    """Pick the best-value product from a benefits table built from the named potions."""

    kind: Literal["product_comparison"]
    products: tuple[Id, ...] = Field(min_length=2)
    answer: Id
    need: Text | None = None

    def judge(self, answer: Response) -> bool | None:
        if answer.choice is None:
            return None
        return answer.choice == self.answer

    def check_data(self, path: DataPath, checks: DataChecks) -> None:
        for i, product in enumerate(self.products):
            checks.refer((*path, "products", i), "potion", product)
        checks.one_of(path, "answer", self.answer, list(self.products), "products")
