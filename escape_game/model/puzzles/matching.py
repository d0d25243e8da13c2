"""Pair each left entry with a right entry."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from escape_game.model.base import Id
from escape_game.model.puzzles.base import DataChecks, DataPath, Option, PuzzleBase, Response


class Matching(PuzzleBase):
    """Pair each left entry (e.g. a threat) with a right entry (e.g. the product that covers it)."""

    kind: Literal["matching"]
    left: tuple[Option, ...] = Field(min_length=1)
    right: tuple[Option, ...] = Field(min_length=1)
    answer: dict[Id, Id]

    def judge(self, answer: Response) -> bool | None:
        if answer.pairs is None:
            return None
        return dict(answer.pairs) == dict(self.answer)

    def check_data(self, path: DataPath, checks: DataChecks) -> None:
        left = [o.id for o in self.left]
        right = [o.id for o in self.right]
        checks.unique(path, "left", left)
        checks.unique(path, "right", right)
        for key, value in self.answer.items():
            if key not in left:
                checks.error((*path, "answer", key),
                             f"'{key}' is not one of the left entries ({checks.quoted(left)})"
                             f"{checks.did_you_mean(key, left)}", "bad_answer", on_key=True)
            if value not in right:
                checks.error((*path, "answer", key),
                             f"'{value}' is not one of the right entries ({checks.quoted(right)})"
                             f"{checks.did_you_mean(value, right)}", "bad_answer")
        for entry in left:
            if entry not in self.answer:
                checks.error((*path, "answer"), f"the answer does not say what '{entry}' matches",
                             "bad_answer")
