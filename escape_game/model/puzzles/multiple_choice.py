"""Several right options: all of them, and no wrong one, must be picked."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from escape_game.model.base import Id
from escape_game.model.puzzles.base import DataChecks, DataPath, Option, PuzzleBase, Response


class MultipleChoice(PuzzleBase):
    """Every correct option, and no wrong one, must be picked."""

    kind: Literal["multiple_choice"]
    options: tuple[Option, ...] = Field(min_length=2)
    answers: tuple[Id, ...] = Field(min_length=1)

    def judge(self, answer: Response) -> bool | None:
        if answer.choices is None:
            return None
        picked = answer.choices
        return len(set(picked)) == len(picked) and set(picked) == set(self.answers)

    def check_data(self, path: DataPath, checks: DataChecks) -> None:
        options = [o.id for o in self.options]
        checks.unique(path, "options", options)
        for i, answer in enumerate(self.answers):
            checks.one_of((*path, "answers"), i, answer, options)
