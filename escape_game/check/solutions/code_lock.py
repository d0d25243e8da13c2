"""Code lock answers: the code without its spaces, or the same code with its last key changed."""

from __future__ import annotations

from escape_game.check.solutions.base import Solutions, Words, spaceless
from escape_game.core.actions import Answer
from escape_game.model import CodeLock


def _other_code(code: str) -> str:
    last = code[-1] if code else "0"
    swap = "1" if last != "1" else "2"
    return (code[:-1] + swap) if code else "0"


class CodeLockSolutions(Solutions[CodeLock]):
    model = CodeLock

    def correct(self, puzzle: CodeLock) -> Answer | None:
        code = spaceless(puzzle.code)
        return Answer(puzzle=puzzle.id, code=code) if code.isalnum() else None

    def wrong(self, puzzle: CodeLock) -> Answer:
        return Answer(puzzle=puzzle.id, code=_other_code(spaceless(puzzle.code)))

    def said(self, puzzle: CodeLock, answer: Answer, words: Words) -> str | None:
        return answer.code
