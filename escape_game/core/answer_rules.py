"""Checking an answer: each puzzle kind judges it by its own rule (see model.puzzles)."""

from __future__ import annotations

from escape_game.core.actions import Answer
from escape_game.model import Puzzle


def check(puzzle: Puzzle, answer: Answer) -> bool | None:
    """True or False; None means the answer does not fit the puzzle (no attempt is counted)."""
    return puzzle.judge(answer)
