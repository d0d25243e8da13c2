"""The code lock: a code typed on a keypad."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from escape_game.model.puzzles.base import PuzzleBase, Response


def normalize_code(code: str, case_sensitive: bool) -> str:
    """Codes ignore surrounding and inner spaces, and case unless the puzzle says otherwise."""
    text = "".join(code.split())
    return text if case_sensitive else text.casefold()


class CodeLock(PuzzleBase):
    """A code typed on a keypad; put it in quotes so leading zeros survive."""

    kind: Literal["code_lock"]
    code: Annotated[str, Field(min_length=1, max_length=32)]
    case_sensitive: bool = False

    def judge(self, answer: Response) -> bool | None:
        if answer.code is None:
            return None
        return normalize_code(answer.code, self.case_sensitive) == normalize_code(
            self.code, self.case_sensitive
        )
