"""Multiple choice answers: the right options, or one too many (or one too few)."""

from __future__ import annotations

from escape_game.check.solutions.base import Solutions, Words, quote
from escape_game.core.actions import Answer
from escape_game.model import MultipleChoice


class MultipleChoiceSolutions(Solutions[MultipleChoice]):
    model = MultipleChoice

    def correct(self, puzzle: MultipleChoice) -> Answer | None:
        return Answer(puzzle=puzzle.id, choices=tuple(puzzle.answers))

    def wrong(self, puzzle: MultipleChoice) -> Answer:
        extra = [o.id for o in puzzle.options if o.id not in puzzle.answers]
        picked = (*puzzle.answers, extra[0]) if extra else tuple(puzzle.answers[:-1])
        return Answer(puzzle=puzzle.id, choices=picked)

    def said(self, puzzle: MultipleChoice, answer: Answer, words: Words) -> str | None:
        if answer.choices is None:
            return None
        names = {o.id: words.text(o.text, o.id) for o in puzzle.options}
        return " + ".join(quote(names.get(c, c)) for c in answer.choices)
