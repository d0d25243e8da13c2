"""Action files: a YAML (or JSON) list of actions, checked with the line of every mistake."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from escape_game.core import ACTION_ADAPTER, Action
from escape_game.loading.problems import Problem
from escape_game.loading.safe_yaml import Limits, read_yaml
from escape_game.model.numbers import QUOTE_LIMIT, quote

#: What the level reader says of a level but is fine for an action file.
_NOT_PROBLEMS = frozenset({"not_mapping", "empty"})
_SYNTAX = frozenset({"syntax", "tab", "indentation", "unclosed", "alias"})


class ActionFileError(Exception):
    """The action file cannot be used; the message says where and why, one line per problem."""

    def __init__(self, path: Path | str, problems: Sequence[str]) -> None:
        self.path = str(path)
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{self.path}: {p}" for p in self.problems))


@dataclass(frozen=True)
class Script:
    """A list of actions, optionally with the seed, timer setting and expected result."""

    actions: tuple[Action, ...]
    seed: int | None = None
    timers: bool | None = None
    expect: dict[str, Any] = field(default_factory=dict)


def _line(node: yaml.Node | None) -> int | None:
    return None if node is None else node.start_mark.line + 1


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"][1:] if p is not None)
        ctx = err.get("ctx") or {}
        if err["type"] == "union_tag_invalid":
            msg = (f"{quote(str(ctx.get('tag')))} is not an action type (use "
                   f"{ctx.get('expected_tags')})")
        else:  # pydantic may quote the whole input: never more than a short line of it
            msg = str(err["msg"])
            msg = msg if len(msg) <= 2 * QUOTE_LIMIT else msg[: 2 * QUOTE_LIMIT - 1] + "…"
        where = where if len(where) <= QUOTE_LIMIT else where[: QUOTE_LIMIT - 1] + "…"
        parts.append(f"{where}: {msg}" if where else msg)
    return "; ".join(parts)


def parse_actions(items: Any, nodes: Sequence[yaml.Node | None], path: Path | str) -> list[Action]:
    if not isinstance(items, list):
        example = "`- {type: go, exit: north}`"
        raise ActionFileError(path, [f"expected a list of actions, e.g. {example}"])
    actions: list[Action] = []
    problems: list[str] = []
    for index, item in enumerate(items):
        node = nodes[index] if index < len(nodes) else None
        line = _line(node)
        where = f"line {line}: action {index + 1}" if line else f"action {index + 1}"
        try:
            actions.append(ACTION_ADAPTER.validate_python(item))
        except ValidationError as exc:
            problems.append(f"{where}: {_describe(exc)}")
    if problems:
        raise ActionFileError(path, problems)
    return actions


def _read(path: Path) -> tuple[Any, yaml.Node | None]:
    """The file through the level loader's safe reader: the same size, depth, alias and number
    bounds as a level, and every problem located (an action file may be a bare list)."""
    parsed = read_yaml(path, Limits())
    problems = [p for p in parsed.problems if p.code not in _NOT_PROBLEMS]
    if problems:
        raise ActionFileError(path, [_located(p) for p in problems])
    return parsed.data, parsed.root_node()


def _located(problem: Problem) -> str:
    what = f"not valid YAML: {problem.message}" if problem.code in _SYNTAX else problem.message
    return f"line {problem.line}, column {problem.column}: {what}"


def _children(node: yaml.Node | None) -> list[yaml.Node | None]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def load_script(path: Path) -> Script:
    """A bare list of actions, or a mapping with ``actions`` and optional seed/timers/expect."""
    data, root = _read(path)
    if isinstance(data, dict):
        unknown = set(data) - {"actions", "seed", "timers", "expect", "description"}
        if unknown:
            raise ActionFileError(path, [f"unknown keys {sorted(unknown)}; expected actions, "
                                         "seed, timers, expect or description"])
        nodes: list[yaml.Node | None] = []
        if isinstance(root, yaml.MappingNode):
            for key, value in root.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "actions":
                    nodes = _children(value)
        actions = parse_actions(data.get("actions"), nodes, path)
        seed = data.get("seed")
        timers = data.get("timers")
        expect = data.get("expect") or {}
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
            raise ActionFileError(path, ["seed must be a whole number"])
        if timers is not None and not isinstance(timers, bool):
            raise ActionFileError(path, ["timers must be true or false"])
        if not isinstance(expect, dict):
            raise ActionFileError(path, ["expect must be a mapping, e.g. {outcome: escaped}"])
        return Script(tuple(actions), seed, timers, expect)
    return Script(tuple(parse_actions(data, _children(root), path)))


def load_actions(path: Path | str) -> list[Action]:
    """The actions of an action file (see load_script for the file's forms)."""
    return list(load_script(Path(path)).actions)
