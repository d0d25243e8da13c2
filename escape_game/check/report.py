"""What a check found, located in the YAML, as text (like `validate`) or JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from escape_game.check.moves import Move
from escape_game.core.actions import ACTION_ADAPTER

Severity = Literal["error", "warning"]
#: Where an entity of a kind ("room", "exit", ...) is written: (file, line, column).
Locator = Callable[[str | None, str | None], tuple[Path, int, int]]


@dataclass(frozen=True)
class Finding:
    """One thing the search proved about the level, tied to the entity it is about."""

    code: str
    severity: Severity
    message: str
    entity: str | None = None
    kind: str | None = None
    """What the entity is: room, object, puzzle, exit, potion, threat or concept (ids of
    different kinds may coincide)."""
    path: tuple[Move, ...] | None = None
    """The shortest action sequence that shows it (dead ends, the way out)."""


def short_move(move: Move) -> str:
    """A compact form for one-line messages: `go north`, `answer safe 0450 (wrong)`."""
    data = ACTION_ADAPTER.dump_python(move.main, mode="json", exclude_none=True)
    kind = data.pop("type")
    values = [str(v) if not isinstance(v, dict | list) else _compact(v) for v in data.values()]
    text = " ".join([kind, *values])
    if move.wrong:
        text += " (wrong)"
    if move.chance:
        text += f" ({move.chance})"
    return text


def _compact(value: dict[str, Any] | list[Any]) -> str:
    if isinstance(value, dict):
        return ",".join(f"{k}={v}" for k, v in value.items())
    return ",".join(str(v) for v in value)


def sequence(path: tuple[Move, ...] | list[Move]) -> str:
    return " → ".join(short_move(m) for m in path) if path else "(at the start)"


@dataclass
class CheckReport:
    """The answer for one level: can it be won, how, and what can go wrong on the way."""

    level: str
    winnable: bool | None
    """True: proved; False: proved impossible; None: undecided within the budget."""
    complete: bool
    states: int
    expanded: int
    steps: int
    seconds: float
    budget: int
    shortest: tuple[Move, ...] | None
    findings: list[Finding] = field(default_factory=list)
    abstractions: tuple[str, ...] = ()
    concepts_on_shortest: tuple[str, ...] = ()
    concepts_on_some_win: tuple[str, ...] = ()
    glossary: tuple[str, ...] = ()

    @property
    def dead_ends(self) -> list[Finding]:
        return [f for f in self.findings if f.code == "dead_end"]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def verdict(self) -> str:
        if self.winnable is None:
            return f"undecided within the budget of {self.budget} states"
        if not self.winnable:
            return "cannot be won"
        if not self.complete:
            return "can be won; dead ends undecided within the budget"
        if self.dead_ends:
            return f"can be won, but has {len(self.dead_ends)} dead end(s)"
        return "can be won, with no dead ends"

    def located(self, locate: Locator) -> list[tuple[Path, int, int, Finding]]:
        out = [(*locate(f.kind, f.entity), f) for f in self.findings]
        out.sort(key=lambda t: (str(t[0]), t[1], t[2], t[3].code))
        return out

    def text(self, locate: Locator) -> str:
        lines = [
            f"{self.level}: {self.verdict} "
            f"({self.states} states, {self.steps} core steps, {self.seconds:.2f} s)"
        ]
        if self.shortest is not None:
            count = len(self.shortest)
            lines.append(f"shortest way out ({count} moves): {sequence(self.shortest)}")
            if self.glossary:
                met = len(set(self.glossary) & set(self.concepts_on_shortest))
                lines.append(f"concepts of the glossary met on it: {met} of {len(self.glossary)}")
        for file, line, column, f in self.located(locate):
            lines.append(f"{file}:{line}:{column}: {f.severity}: {f.message}")
        lines.append("abstraction:")
        lines.extend(f"  - {a}" for a in self.abstractions)
        return "\n".join(lines)

    def as_dict(self, locate: Locator) -> dict[str, Any]:
        dump = ACTION_ADAPTER.dump_python

        def moves(path: tuple[Move, ...] | None) -> list[dict[str, Any]] | None:
            if path is None:
                return None
            return [
                {
                    "actions": [dump(a, mode="json", exclude_none=True) for a in m.actions],
                    **({"chance": m.chance} if m.chance else {}),
                    **({"wrong": True} if m.wrong else {}),
                }
                for m in path
            ]

        return {
            "level": self.level,
            "verdict": self.verdict,
            "winnable": self.winnable,
            "complete": self.complete,
            "states": self.states,
            "expanded": self.expanded,
            "core_steps": self.steps,
            "seconds": round(self.seconds, 4),
            "budget": self.budget,
            "shortest": moves(self.shortest),
            "concepts_on_shortest": list(self.concepts_on_shortest),
            "concepts_on_some_win": list(self.concepts_on_some_win),
            "glossary": list(self.glossary),
            "problems": [
                {
                    "file": str(file),
                    "line": line,
                    "column": column,
                    "severity": f.severity,
                    "code": f.code,
                    "entity": f.entity,
                    "kind": f.kind,
                    "message": f.message,
                    "sequence": moves(f.path),
                }
                for file, line, column, f in self.located(locate)
            ],
            "abstractions": list(self.abstractions),
        }
