"""Scoring of pre and post quiz answers, kept out of the UI so the researcher's side agrees."""

from __future__ import annotations

from escape_game.model import KnowledgeItem, LikertItem


def score_item(item: KnowledgeItem | LikertItem, choice: str | int | None) -> bool | None:
    """True or False for a knowledge item; None for a Likert item (confidence, not scored).

    An unknown option or a missing answer counts as wrong, never as an error: the answer
    comes from the player's side.
    """
    if isinstance(item, LikertItem):
        return None
    return isinstance(choice, str) and choice == item.answer


def likert_value(item: LikertItem, choice: str | int | None) -> int | None:
    """The point picked on the scale (1..scale), or None if the choice is not on it."""
    if isinstance(choice, bool) or not isinstance(choice, int):
        return None
    return choice if 1 <= choice <= item.scale else None
