"""What the loader tells a teacher: located problems, and the one exception it raises."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from escape_game.model.numbers import QUOTE_LIMIT, quote

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a level file; line and column count from 1, as editors do."""

    file: Path
    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """One mistake (or doubtful spot) in a level, where the teacher can find it."""

    file: Path
    line: int
    column: int
    severity: Severity
    message: str
    code: str

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (str(self.file), self.line, self.column, self.severity, self.message)

    def as_dict(self) -> dict[str, str | int]:
        return {
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


class LevelError(Exception):
    """A level cannot be used; every problem found (errors and warnings) is listed."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = sorted(problems, key=Problem.sort_key)
        errors = [p for p in self.problems if p.severity == "error"]
        shown = errors or self.problems
        summary = shown[0].format() if shown else "the level has problems"
        if len(errors) > 1:
            summary += f" (and {len(errors) - 1} more errors)"
        super().__init__(summary)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def quoted(names: Iterable[object], conjunction: str = "or") -> str:
    """'a', 'b', or 'c': valid names listed in prose."""
    items = [quote(str(n)) for n in names]
    if not items:
        return "nothing"
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conjunction} {items[1]}"
    return ", ".join(items[:-1]) + f", {conjunction} {items[-1]}"


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """'; did you mean 'kitchen'?' when a near miss exists, else ''."""
    if not isinstance(word, str) or len(word) > QUOTE_LIMIT:
        return ""
    options = list(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {o.lower(): o for o in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f"; did you mean '{close[0]}'?" if close else ""
