"""Budget answers: a split within every bound, or one category given more than the total."""

from __future__ import annotations

from decimal import Decimal

from escape_game.check.solutions.base import Solutions, Words
from escape_game.core.actions import Answer
from escape_game.model import Budget


def budget_allocation(puzzle: Budget) -> dict[str, Decimal] | None:
    """Every category at its minimum, then the rest poured in up to each maximum; None when
    no split fits the bounds."""
    amounts = {cat.id: Decimal(cat.min) for cat in puzzle.categories}
    rest = Decimal(puzzle.total) - sum(amounts.values(), Decimal(0))
    if rest < 0:
        return None
    for cat in puzzle.categories:
        room = rest if cat.max is None else min(rest, Decimal(cat.max) - amounts[cat.id])
        if room > 0:
            amounts[cat.id] += room
            rest -= room
    return amounts if rest == 0 else None


class BudgetSolutions(Solutions[Budget]):
    model = Budget

    def correct(self, puzzle: Budget) -> Answer | None:
        amounts = budget_allocation(puzzle)
        return None if amounts is None else Answer(puzzle=puzzle.id, amounts=amounts)

    def wrong(self, puzzle: Budget) -> Answer:
        first = puzzle.categories[0].id
        amounts = {cat.id: Decimal(0) for cat in puzzle.categories}
        amounts[first] = Decimal(puzzle.total) + 1
        return Answer(puzzle=puzzle.id, amounts=amounts)

    def said(self, puzzle: Budget, answer: Answer, words: Words) -> str | None:
        if answer.amounts is None:
            return None
        cats = {c.id: words.text(c.text, c.id) for c in puzzle.categories}
        return "; ".join(f"{cats.get(k, k)}: {words.money(v)}" for k, v in answer.amounts.items())
