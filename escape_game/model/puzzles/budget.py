"""Split a total between categories, each within its bounds."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Literal

from pydantic import Field

from escape_game.model.base import Id, Model, NonNegativeMoney, Text
from escape_game.model.puzzles.base import DataChecks, DataPath, PuzzleBase, Response


class BudgetCategory(Model):
    id: Id
    text: Text
    min: NonNegativeMoney = NonNegativeMoney(0)
    max: NonNegativeMoney | None = None


class Budget(PuzzleBase):
    """Split a total between categories within each category's bounds."""

    kind: Literal["budget"]
    total: NonNegativeMoney
    categories: tuple[BudgetCategory, ...] = Field(min_length=2)

    def judge(self, answer: Response) -> bool | None:
        if answer.amounts is None:
            return None
        return self._fits(answer.amounts)

    def _fits(self, amounts: Mapping[str, Decimal]) -> bool:
        if set(amounts) != {cat.id for cat in self.categories}:
            return False
        total = Decimal(0)
        for cat in self.categories:
            amount = amounts[cat.id]
            if not amount.is_finite():
                return False
            if amount < cat.min or (cat.max is not None and amount > cat.max):
                return False
            total += amount
        return total == self.total

    def check_data(self, path: DataPath, checks: DataChecks) -> None:
        checks.unique(path, "categories", [c.id for c in self.categories])
        lowest = sum((c.min for c in self.categories), Decimal(0))
        if lowest > self.total:
            checks.error((*path, "total"), f"the categories' minimums add up to {lowest}, more "
                         f"than the total {self.total}: the puzzle cannot be solved",
                         "impossible_budget")
        maxes = [c.max for c in self.categories]
        if all(m is not None for m in maxes):
            highest = sum((m for m in maxes if m is not None), Decimal(0))
            if highest < self.total:
                checks.error((*path, "total"), f"the categories' maximums add up to {highest}, "
                             f"less than the total {self.total}: the puzzle cannot be solved",
                             "impossible_budget")
        for i, category in enumerate(self.categories):
            if category.max is not None and category.max < category.min:
                checks.error((*path, "categories", i, "max"), f"the maximum {category.max} is "
                             f"below the minimum {category.min}", "impossible_budget")
