"""Answers derived from puzzle data, for the checker, the bots and the walkthrough.

``SOLUTIONS`` is the registry: one module per puzzle kind, keyed by the kind's name.
"""

from __future__ import annotations

from typing import Any

from escape_game.check.solutions.base import Solutions, Words
from escape_game.check.solutions.budget import BudgetSolutions, budget_allocation
from escape_game.check.solutions.code_lock import CodeLockSolutions
from escape_game.check.solutions.matching import MatchingSolutions
from escape_game.check.solutions.multiple_choice import MultipleChoiceSolutions
from escape_game.check.solutions.ordering import OrderingSolutions
from escape_game.check.solutions.product_comparison import ProductComparisonSolutions
from escape_game.check.solutions.single_choice import SingleChoiceSolutions
from escape_game.core.actions import Answer
from escape_game.model import Puzzle
from escape_game.model.puzzles import kind_of

#: Kind name -> its answers.
SOLUTIONS: dict[str, Solutions[Any]] = {
    kind_of(solutions.model): solutions
    for solutions in (CodeLockSolutions(), SingleChoiceSolutions(), MultipleChoiceSolutions(),
                      OrderingSolutions(), MatchingSolutions(), BudgetSolutions(),
                      ProductComparisonSolutions())
}


def correct_answer(puzzle: Puzzle) -> Answer | None:
    """The answer the level data says is right (None: the puzzle cannot be solved)."""
    return SOLUTIONS[puzzle.kind].correct(puzzle)


def wrong_answer(puzzle: Puzzle) -> Answer:
    """One well-formed wrong answer: it counts as an attempt, as a player's mistake would."""
    return SOLUTIONS[puzzle.kind].wrong(puzzle)


def said(puzzle: Puzzle, answer: Answer, words: Words) -> str:
    """An answer in the walkthrough's words; '?' when it does not fit the puzzle."""
    text = SOLUTIONS[puzzle.kind].said(puzzle, answer, words)
    return "?" if text is None else text


__all__ = ["SOLUTIONS", "Solutions", "Words", "budget_allocation", "correct_answer", "said",
           "wrong_answer"]
