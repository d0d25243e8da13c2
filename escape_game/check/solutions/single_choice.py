"""Single choice answers: the right option, or the first other one."""

from __future__ import annotations

from escape_game.check.solutions.base import Solutions, Words, quote
from escape_game.core.actions import Answer
from escape_game.model import SingleChoice


class SingleChoiceSolutions(Solutions[SingleChoice]):
    model = SingleChoice

    def correct(self, puzzle: SingleChoice) -> Answer | None:
        return Answer(puzzle=puzzle.id, choice=puzzle.answer)

    def wrong(self, puzzle: SingleChoice) -> Answer:
        other = next((o.id for o in puzzle.options if o.id != puzzle.answer), puzzle.answer + "x")
        return Answer(puzzle=puzzle.id, choice=other)

    def said(self, puzzle: SingleChoice, answer: Answer, words: Words) -> str | None:
        if answer.choice is None:
            return None
        option = next((o for o in puzzle.options if o.id == answer.choice), None)
        return quote(words.text(option.text if option else None, answer.choice))
