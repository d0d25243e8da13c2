"""What the checker, the bots and the walkthrough need from each puzzle kind.

The checker and the bots answer through the real rules, so a kind gives answers the core
accepts as well-formed (its rule returns True or False, never None), and the walkthrough's
words for an answer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from escape_game.core.actions import Answer
from escape_game.model import PuzzleBase, Text

P = TypeVar("P", bound=PuzzleBase)


class Words(Protocol):
    """The walkthrough's wording, in one language (check.walkthrough.Describer)."""

    def phrase(self, key: str, **params: object) -> str: ...
    def text(self, text: Text | None, default: str) -> str: ...
    def money(self, amount: Decimal) -> str: ...
    def potion(self, potion_id: str) -> str: ...


class Solutions(Generic[P]):
    """One kind's answers; a subclass names its model and fills in all three."""

    model: type[P]

    def correct(self, puzzle: P) -> Answer | None:
        """The answer the level data says is right (None: the puzzle cannot be solved)."""
        raise NotImplementedError

    def wrong(self, puzzle: P) -> Answer:
        """One well-formed wrong answer: it counts as an attempt, as a player's mistake would."""
        raise NotImplementedError

    def said(self, puzzle: P, answer: Answer, words: Words) -> str | None:
        """The answer in the walkthrough's words (None: the answer does not fit the kind)."""
        raise NotImplementedError


def spaceless(text: str) -> str:
    return "".join(text.split())


def quote(text: str) -> str:
    return f"“{text}”"
