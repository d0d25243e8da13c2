"""One right option among several."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from escape_game.model.base import Id
from escape_game.model.puzzles.base import DataChecks, DataPath, Option, PuzzleBase, Response


class SingleChoice(PuzzleBase):
    kind: Literal["single_choice"]
    options: tuple[Option, ...] = Field(min_length=2)
    answer: Id

    def judge(self, answer: Response) -> bool | None:
        if answer.choice is None:
            return None
        return answer.choice == self.answer

    def check_data(self, path: DataPath, checks: DataChecks) -> None:
        options = [o.id for o in self.options]
        checks.unique(path, "options", options)
        checks.one_of(path, "answer", self.answer, options)
