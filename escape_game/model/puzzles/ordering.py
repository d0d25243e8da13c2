"""Put items in the right order (steps of a plan, products from cheapest...)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from escape_game.model.base import Id
from escape_game.model.puzzles.base import DataChecks, DataPath, Option, PuzzleBase, Response


class Ordering(PuzzleBase):
    kind: Literal["ordering"]
    items: tuple[Option, ...] = Field(min_length=2)
    answer: tuple[Id, ...] = Field(min_length=2)

    def judge(self, answer: Response) -> bool | None:
        if answer.choices is None:
            return None
        return tuple(answer.choices) == tuple(self.answer)

    def check_data(self, path: DataPath, checks: DataChecks) -> None:
        items = [o.id for o in self.items]
        checks.unique(path, "items", items)
        for i, answer in enumerate(self.answer):
            checks.one_of((*path, "answer"), i, answer, items, "items")
        if sorted(self.answer) != sorted(items) and set(self.answer) <= set(items):
            missing = [i for i in items if i not in self.answer]
            extra = sorted({a for a in self.answer if self.answer.count(a) > 1})
            detail = (f"it leaves out {checks.quoted(missing)}" if missing else
                      f"it repeats {checks.quoted(extra)}")
            checks.error((*path, "answer"), "the answer must list every item exactly once; "
                         + detail, "bad_answer")
