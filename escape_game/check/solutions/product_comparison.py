"""Product comparison answers: the best-value product, or the first other one."""

from __future__ import annotations

from escape_game.check.solutions.base import Solutions, Words
from escape_game.core.actions import Answer
from escape_game.model import ProductComparison


class ProductComparisonSolutions(Solutions[ProductComparison]):
    model = ProductComparison

    def correct(self, puzzle: ProductComparison) -> Answer | None:
        return Answer(puzzle=puzzle.id, choice=puzzle.answer)

    def wrong(self, puzzle: ProductComparison) -> Answer:
        other = next((p for p in puzzle.products if p != puzzle.answer), puzzle.answer + "x")
        return Answer(puzzle=puzzle.id, choice=other)

    def said(self, puzzle: ProductComparison, answer: Answer, words: Words) -> str | None:
        return None if answer.choice is None else words.potion(answer.choice)
