"""Matching answers: the right pairs, or two of them swapped."""

from __future__ import annotations

from escape_game.check.solutions.base import Solutions, Words
from escape_game.core.actions import Answer
from escape_game.model import Matching


class MatchingSolutions(Solutions[Matching]):
    model = Matching

    def correct(self, puzzle: Matching) -> Answer | None:
        return Answer(puzzle=puzzle.id, pairs=dict(puzzle.answer))

    def wrong(self, puzzle: Matching) -> Answer:
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

    def said(self, puzzle: Matching, answer: Answer, words: Words) -> str | None:
        if answer.pairs is None:
            return None
        left = {o.id: words.text(o.text, o.id) for o in puzzle.left}
        right = {o.id: words.text(o.text, o.id) for o in puzzle.right}
        return "; ".join(f"{left.get(k, k)} → {right.get(v, v)}" for k, v in answer.pairs.items())
