"""Checking an answer against each puzzle kind: True, False, or None when it has the wrong shape."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from escape_game.core.actions import Answer
from escape_game.model import (
    Budget,
    CodeLock,
    Matching,
    MultipleChoice,
    Ordering,
    ProductComparison,
    Puzzle,
    SingleChoice,
)


def normalize_code(code: str, case_sensitive: bool) -> str:
    """Codes ignore surrounding and inner spaces, and case unless the puzzle says otherwise."""
    text = "".join(code.split())
    return text if case_sensitive else text.casefold()


def check(puzzle: Puzzle, answer: Answer) -> bool | None:
    """None means the answer does not fit the puzzle (no attempt is counted)."""
    if isinstance(puzzle, CodeLock):
        if answer.code is None:
            return None
        return normalize_code(answer.code, puzzle.case_sensitive) == normalize_code(
            puzzle.code, puzzle.case_sensitive
        )
    if isinstance(puzzle, SingleChoice | ProductComparison):
        if answer.choice is None:
            return None
        return answer.choice == puzzle.answer
    if isinstance(puzzle, MultipleChoice):
        if answer.choices is None:
            return None
        return len(set(answer.choices)) == len(answer.choices) and set(answer.choices) == set(
            puzzle.answers
        )
    if isinstance(puzzle, Ordering):
        if answer.choices is None:
            return None
        return tuple(answer.choices) == tuple(puzzle.answer)
    if isinstance(puzzle, Matching):
        if answer.pairs is None:
            return None
        return dict(answer.pairs) == dict(puzzle.answer)
    if isinstance(puzzle, Budget):
        if answer.amounts is None:
            return None
        return _budget_ok(puzzle, answer.amounts)
    raise TypeError(f"unknown puzzle kind {puzzle!r}")  # pragma: no cover - closed vocabulary


def _budget_ok(puzzle: Budget, amounts: Mapping[str, Decimal]) -> bool:
    if set(amounts) != {cat.id for cat in puzzle.categories}:
        return False
    total = Decimal(0)
    for cat in puzzle.categories:
        amount = amounts[cat.id]
        if not amount.is_finite():
            return False
        if amount < cat.min or (cat.max is not None and amount > cat.max):
            return False
        total += amount
    return total == puzzle.total
