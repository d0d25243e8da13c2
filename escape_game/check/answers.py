"""Answers derived from puzzle data: the correct one, and one wrong one for limited puzzles.

The checker and the bots answer through the real rules, so they need answers the core accepts
as well-formed (``check`` returns True or False, never None).
"""

from __future__ import annotations

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


def _code(text: str) -> str:
    return "".join(text.split())


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


def correct_answer(puzzle: Puzzle) -> Answer | None:
    """The answer the level data says is right (None: the puzzle cannot be solved)."""
    if isinstance(puzzle, CodeLock):
        code = _code(puzzle.code)
        return Answer(puzzle=puzzle.id, code=code) if code.isalnum() else None
    if isinstance(puzzle, SingleChoice | ProductComparison):
        return Answer(puzzle=puzzle.id, choice=puzzle.answer)
    if isinstance(puzzle, MultipleChoice):
        return Answer(puzzle=puzzle.id, choices=tuple(puzzle.answers))
    if isinstance(puzzle, Ordering):
        return Answer(puzzle=puzzle.id, choices=tuple(puzzle.answer))
    if isinstance(puzzle, Matching):
        return Answer(puzzle=puzzle.id, pairs=dict(puzzle.answer))
    amounts = budget_allocation(puzzle)
    return None if amounts is None else Answer(puzzle=puzzle.id, amounts=amounts)


def _other_code(code: str) -> str:
    last = code[-1] if code else "0"
    swap = "1" if last != "1" else "2"
    return (code[:-1] + swap) if code else "0"


def wrong_answer(puzzle: Puzzle) -> Answer:
    """One well-formed wrong answer: it counts as an attempt, as a player's mistake would."""
    if isinstance(puzzle, CodeLock):
        return Answer(puzzle=puzzle.id, code=_other_code(_code(puzzle.code)))
    if isinstance(puzzle, SingleChoice):
        other = next((o.id for o in puzzle.options if o.id != puzzle.answer), puzzle.answer + "x")
        return Answer(puzzle=puzzle.id, choice=other)
    if isinstance(puzzle, ProductComparison):
        other = next((p for p in puzzle.products if p != puzzle.answer), puzzle.answer + "x")
        return Answer(puzzle=puzzle.id, choice=other)
    if isinstance(puzzle, MultipleChoice):
        extra = [o.id for o in puzzle.options if o.id not in puzzle.answers]
        picked = (*puzzle.answers, extra[0]) if extra else tuple(puzzle.answers[:-1])
        return Answer(puzzle=puzzle.id, choices=picked)
    if isinstance(puzzle, Ordering):
        order = tuple(reversed(puzzle.answer))
        if order == tuple(puzzle.answer):
            order = (*puzzle.answer[1:], puzzle.answer[0])
        return Answer(puzzle=puzzle.id, choices=order)
    if isinstance(puzzle, Matching):
        pairs = dict(puzzle.answer)
        keys = list(pairs)
        if len(keys) >= 2 and pairs[keys[0]] != pairs[keys[1]]:
            pairs[keys[0]], pairs[keys[1]] = pairs[keys[1]], pairs[keys[0]]
        elif keys:
            others = [r.id for r in puzzle.right if r.id != pairs[keys[0]]]
            if others:
                pairs[keys[0]] = others[0]
            else:
                del pairs[keys[0]]
        return Answer(puzzle=puzzle.id, pairs=pairs)
    first = puzzle.categories[0].id
    amounts = {cat.id: Decimal(0) for cat in puzzle.categories}
    amounts[first] = Decimal(puzzle.total) + 1
    return Answer(puzzle=puzzle.id, amounts=amounts)
