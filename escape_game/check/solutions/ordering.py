"""Ordering answers: the right order, or it reversed (rotated when reversing changes nothing)."""

from __future__ import annotations

from escape_game.check.solutions.base import Solutions, Words, quote
from escape_game.core.actions import Answer
from escape_game.model import Ordering


class OrderingSolutions(Solutions[Ordering]):
    model = Ordering

    def correct(self, puzzle: Ordering) -> Answer | None:
        return Answer(puzzle=puzzle.id, choices=tuple(puzzle.answer))

    def wrong(self, puzzle: Ordering) -> Answer:
        order = tuple(reversed(puzzle.answer))
        if order == tuple(puzzle.answer):
            order = (*puzzle.answer[1:], puzzle.answer[0])
        return Answer(puzzle=puzzle.id, choices=order)

    def said(self, puzzle: Ordering, answer: Answer, words: Words) -> str | None:
        if answer.choices is None:
            return None
        names = {o.id: words.text(o.text, o.id) for o in puzzle.items}
        return f", {words.phrase('then')} ".join(quote(names.get(c, c)) for c in answer.choices)
