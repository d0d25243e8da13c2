"""Safe YAML reading: plain data only, YAML 1.2 booleans, limits against hostile or broken files.

Teachers share levels between schools, so a level file is untrusted data: no object tags,
bounded size, depth and alias expansion, strict UTF-8, and duplicate keys reported (PyYAML
would silently keep the last one).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.nodes import Node, ScalarNode, SequenceNode

from escape_game.loading.accidents import explain_accident, missing_dashes
from escape_game.loading.budget import Budget, values_bound
from escape_game.loading.builder import (
    STR,
    Builder,
    KeySpot,
    Refused,
    int_value,
    tag_message,
    too_deep_message,
)
from escape_game.loading.problems import Problem
from escape_game.loading.pure_yaml import PureSafeLoader
from escape_game.loading.spelling import WATCHED_KEYS, KeySpelling
from escape_game.model.numbers import shorten_quotes

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", PureSafeLoader)

_ALLOWED_TAGS = (
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    STR,
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
)


@dataclass(frozen=True)
class Limits:
    """Bounds on one level; generous for real levels, fatal for a YAML bomb."""

    max_file_bytes: int = 2 * 1024 * 1024
    max_depth: int = 64
    max_alias_expansion: int = 100_000
    max_files: int = 200
    #: Across the root file and all its includes (see loading/budget.py): what keeps the
    #: memory of loading the largest legal level under about 300 MB.
    max_total_bytes: int = 8 * 1024 * 1024
    max_total_values: int = 300_000

    def budget(self) -> Budget:
        return Budget(self.max_total_bytes, self.max_total_values)


def _construct_int(loader: yaml.SafeLoader, node: ScalarNode) -> int:
    return int_value(str(loader.construct_scalar(node)))


class OverCap(Exception):
    """The composer met more values than `LevelLoader.cap` allows (see `_compose`)."""


class LevelLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """CSafeLoader with YAML 1.2 core scalars: `no`, `on`, `yes`, `y` stay strings.

    Only the standard tags for plain data are constructed; anything else (Python object
    tags, `!!binary`, `!!set`, custom tags) is refused with its location.

    The composer asks `resolve` for the tag of every value written without one, so that is
    where values are counted while the tree is built: past `cap`, composing stops (see
    `_compose`), and a file over the level's budget never gets a whole tree in memory.
    """

    yaml_implicit_resolvers: ClassVar[dict[str | None, list[tuple[str, re.Pattern[str]]]]] = {}
    yaml_constructors: ClassVar[dict[str | None, Any]] = {
        tag: _BaseLoader.yaml_constructors[tag] for tag in _ALLOWED_TAGS
    }
    yaml_constructors["tag:yaml.org,2002:int"] = _construct_int
    yaml_constructors[None] = yaml.SafeLoader.yaml_constructors[None]

    #: Values composed so far without an explicit tag, and how many may be.
    resolved = 0
    cap = sys.maxsize

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        """PyYAML's `BaseResolver.resolve` for this loader's fixed resolvers (no path
        resolvers, no wildcard), written out: it is called once per value, and PyYAML's
        general version was a sixth of composing. Counts the value against `cap`."""
        self.resolved = count = self.resolved + 1
        if count > self.cap:
            raise OverCap
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):  # type: ignore[index]
                    if regexp.match(value):  # type: ignore[arg-type]
                        return tag
            return STR
        return _SEQ if kind is SequenceNode else _MAP


def _resolve(tag: str, pattern: str, first: str) -> None:
    regexp = re.compile(pattern, re.X)
    for ch in first:
        LevelLoader.yaml_implicit_resolvers.setdefault(ch, []).append((tag, regexp))


_resolve("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolve(
    "tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"
)
_resolve(
    "tag:yaml.org,2002:float",
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
    "-+0123456789.",
)
_resolve("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])  # type: ignore[arg-type]
_resolve("tag:yaml.org,2002:merge", r"^(?:<<)$", "<")
#: The same resolvers by first character, for `LevelLoader.resolve`.
_IMPLICIT = {first: tuple(found) for first, found in LevelLoader.yaml_implicit_resolvers.items()}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


@dataclass
class ParsedFile:
    """One YAML file read into plain data; the text is kept to locate problems later."""

    path: Path
    text: str = ""
    normalized: bytes = b""
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    #: Where renamed keys are written (by mapping), until the file is validated; then the
    #: renamed keys it writes, with the spelling used.
    key_spots: dict[int, dict[str, KeySpot]] = field(default_factory=dict)
    spellings: list[KeySpelling] = field(default_factory=list)
    _root: Node | None = None

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def forget_nodes(self) -> None:
        """Drop the node tree (it costs far more memory than the data); composed again if a
        location is asked for later."""
        self._root = None

    def root_node(self) -> Node | None:
        """The node tree, composed again on demand: only needed to point at problems."""
        if self._root is None and self.text:
            try:
                self._root = compose_tree(self.text)
            except yaml.YAMLError:
                return None
        return self._root


def _problem(path: Path, line: int, column: int, message: str, code: str) -> Problem:
    """A problem of the file; any text it quotes from the file is cut to a short line."""
    return Problem(path, line, column, "error", shorten_quotes(message), code)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def decode(path: Path, raw: bytes) -> tuple[str | None, Problem | None]:
    """Strict UTF-8, with a message that names the likely real encoding."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, _problem(
            path, 1, 1,
            "the file is saved as UTF-16; save it as UTF-8 (in most editors: "
            "'Save with encoding' > UTF-8)", "encoding",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        before = raw[:nul].decode("utf-8", errors="replace")
        line, col = _line_col(before, len(before))
        half = max(len(raw) // 2, 1)
        utf16 = max(raw[0::2].count(0), raw[1::2].count(0)) > 0.8 * half and len(raw) > 8
        hint = (
            "the file looks like UTF-16; save it as UTF-8"
            if utf16
            else "this is not a text file (it contains NUL bytes): is it a picture or a "
            "document saved under a .yaml name?"
        )
        return None, _problem(path, line, col, hint, "binary")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(before, len(before))
        byte = raw[exc.start]
        guess = raw[exc.start : exc.start + 1].decode("cp1252", errors="replace")
        return None, _problem(
            path, line, col,
            f"the file is not valid UTF-8 (byte 0x{byte:02x} here; in Latin-1 or Windows-1252 it "
            f"would be '{guess}'); save the file as UTF-8", "encoding",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _mark_position(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _friendly_yaml_error(text: str, exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    problem = exc.problem or ""
    context = exc.context or ""
    mark = exc.problem_mark
    char = ""
    if mark is not None and 0 <= mark.index < len(text):
        char = text[mark.index]
    if "tab character" in problem or (char == "\t" and "indent" in problem):
        return ("a tab is used here; YAML indentation must use spaces "
                "(set your editor to insert spaces)", "tab")
    if "cannot start any token" in problem:
        if char == "\t":
            return ("a tab is used here; YAML indentation must use spaces "
                    "(set your editor to insert spaces)", "tab")
        return (f"a value cannot start with '{char}'; put the text in quotes", "syntax")
    if "mapping values are not allowed" in problem:
        return ("unexpected ': ' here; put a text containing ': ' in quotes, "
                "or check the indentation of this line", "syntax")
    if "found undefined alias" in problem:
        return (f"{problem.replace('found undefined alias', 'unknown alias')}: the '*' refers "
                "to an anchor '&' that is not defined above it", "alias")
    if "could not find expected ':'" in problem:
        return ("expected 'key: value' here; check for a missing ':' "
                "or a quote that is not closed", "syntax")
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return ("this line is not indented like the lines around it; "
                "check the spaces before it", "indentation")
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return ("a quote or bracket opened here is never closed", "unclosed")
    if "found duplicate anchor" in problem:
        return ("this anchor name is already used above; anchors must be unique", "alias")
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("'")[1] if "'" in problem else "?"
        return (tag_message(tag), "tag")
    words = ", ".join(part for part in (context, problem) if part)
    return (f"YAML syntax error: {words}", "syntax")


#: A run of 32 block entries or keys on one line (`- - - ...`) nests as deep as 32 brackets.
_COMPACT = re.compile(r"(?:[-?] +){32,}")
#: What every such run holds: two of them in a row. Scanning for the pair first is four
#: times faster on a level's text, where lone entries (`- id: ...`) are everywhere.
_PAIR = re.compile(r"[-?] +[-?]")
#: Below this many brackets the C composer cannot recurse deep enough to matter; the node
#: walk then enforces the real depth limit.
_SAFE_OPENERS = 2000


def _is_nesting_limit(exc: BaseException) -> bool:
    """Whether a parser stopped on its own nesting limit (libyaml has one since 0.2.6)."""
    return isinstance(exc, RecursionError) or (
        isinstance(exc, yaml.YAMLError) and "nesting depth" in str(exc)
    )


def _first_too_deep(events: Iterator[yaml.Event], limits: Limits) -> tuple[int, int] | None:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limits.max_depth:
                mark = event.start_mark
                return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _too_deep_at(text: str, limits: Limits) -> tuple[int, int] | None:
    """Where collections first nest deeper than the limit, found from parser events.

    Events come from a loop, not recursion, so any depth is safe to walk. The answer must
    not depend on the installed parser: libyaml may stop first with a limit of its own, and
    then the pure-Python parser (no limit, stopping at ours) finds the place instead.
    """
    try:
        return _first_too_deep(yaml.parse(text, Loader=LevelLoader), limits)
    except yaml.YAMLError as exc:
        if not _is_nesting_limit(exc):
            return None
    try:
        return _first_too_deep(yaml.parse(text, Loader=yaml.SafeLoader), limits)
    except yaml.YAMLError:
        return None


def _flow_depth_guard(text: str, limits: Limits) -> tuple[int, int] | None:
    """Where brackets nest too deep, checked before composing (a composer recurses)."""
    if text.count("[") + text.count("{") <= _SAFE_OPENERS and not (
            _PAIR.search(text) and _COMPACT.search(text)):
        return None
    return _too_deep_at(text, limits)


def _too_deep(path: Path, text: str, limits: Limits, fallback: tuple[int, int]) -> Problem:
    line, col = _too_deep_at(text, limits) or fallback
    return _problem(path, line, col, too_deep_message(limits.max_depth), "too_deep")


def read_yaml(path: Path, limits: Limits, budget: Budget | None = None) -> ParsedFile:
    """Read one file into plain data, or into located problems; never raises for bad content.

    With ``budget`` (shared by the files of one level), the file is refused when its bytes or
    values pass what is left, and what it holds is taken from the budget.
    """
    parsed = ParsedFile(path)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            parsed.problems.append(_problem(
                path, 1, 1,
                f"the file is too large ({size} bytes; the limit is {limits.max_file_bytes}); "
                "split it into several files with 'include'", "too_large"))
            return parsed
        if budget is not None and size > budget.bytes_left:
            parsed.problems.append(_problem(
                path, 1, 1,
                f"the level is too large: its files hold more than {limits.max_total_bytes} "
                "bytes together; make it smaller or split it into several levels",
                "too_large_total"))
            return parsed
        raw = path.read_bytes()
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        parsed.problems.append(_problem(path, 1, 1, f"cannot read the file: {reason}",
                                        "unreadable"))
        return parsed
    return parse_yaml(path, raw, limits, budget)


def _holds_nothing(text: str) -> bool:
    """Only blank lines and comments: read up to the first line that holds something, not
    split into every line (a large level's text is most of a megabyte)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end + 1
        chunk = text[start:end]
        # `splitlines` also ends a line at other breaks ('\r', '\x0b', '\x85', ...)
        for line in chunk.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                return False
        start = end
    return True


def _compose(text: str, raw: bytes, budget: Budget | None
             ) -> tuple[Node | None, tuple[int, int] | None]:
    """The file's node tree, or where its values pass what the level's budget has left.

    The cheap bound from punctuation (`values_bound`) settles small files. A larger one is
    composed with the loader counting its values and stopping past a cap that keeps the
    tree within the budget: the resolver sees every value written without a tag, and values
    with one are at most the text's '!'. Only a file that passes the cap is counted exactly,
    event by event, which says where the budget ran out (or, when the '!' were not tags,
    that it fits after all, and it is composed again in full). Composing once instead of
    counting first took a fifth off loading a large level."""
    if budget is None or values_bound(raw) <= budget.values_left:
        return compose_tree(text), None
    try:
        return compose_tree(text, cap=budget.values_left - text.count("!")), None
    except OverCap:
        pass
    over = budget.over_values(text, raw, LevelLoader)
    return (None, over) if over is not None else (compose_tree(text), None)


def compose_tree(text: str, cap: int = sys.maxsize) -> Node | None:
    """The text's node tree, composed by the level's loader; raises OverCap past `cap`
    values written without a tag (see `LevelLoader.resolve`)."""
    loader = LevelLoader(text)
    loader.cap = cap
    try:
        root: Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    return root


def parse_yaml(path: Path, raw: bytes, limits: Limits, budget: Budget | None = None
               ) -> ParsedFile:
    """The bytes of one file (named ``path`` in problems) into plain data, or into located
    problems: :func:`read_yaml` once the file is read, and level text written inline."""
    parsed = ParsedFile(path)
    if len(raw) > limits.max_file_bytes:
        parsed.problems.append(_problem(path, 1, 1, "the file is too large", "too_large"))
        return parsed
    if budget is not None:  # spent even when the file is refused later: it was read
        budget.spend(len(raw), 0)
    text, problem = decode(path, raw)
    if problem is not None or text is None:
        parsed.problems.append(problem or _problem(path, 1, 1, "unreadable", "encoding"))
        return parsed
    parsed.text = text
    parsed.normalized = text.encode("utf-8")
    if _holds_nothing(text):
        parsed.problems.append(_problem(path, 1, 1, "the file is empty", "empty"))
        return parsed
    try:
        deep = _flow_depth_guard(text, limits)
        if deep is not None:
            parsed.problems.append(_too_deep(path, text, limits, deep))
            return parsed
        root, over = _compose(text, parsed.normalized, budget)
        if over is not None:
            parsed.problems.append(_problem(
                path, *over, f"the level holds too many values: more than "
                f"{limits.max_total_values} across all its files; make it smaller or split it "
                "into several levels", "too_many_values"))
            return parsed
        if root is None:
            parsed.problems.append(_problem(path, 1, 1, "the file is empty", "empty"))
            return parsed
        builder = Builder(limits.max_depth, limits.max_alias_expansion, WATCHED_KEYS,
                          anchors="&" in text)
        parsed.data = builder.build(root, 1)
        parsed.key_spots = builder.key_spots
        if budget is not None:
            budget.spend(0, builder.values)
        if builder.duplicates:
            repeated = [(*_mark_position(node), key) for node, key in builder.duplicates]
            for slip in missing_dashes(text.split("\n"), repeated):
                parsed.problems.append(_problem(path, slip.line, slip.column, slip.message,
                                                slip.code))
    except Refused as refused:
        line, col = _mark_position(refused.node)
        parsed.problems.append(_problem(path, line, col, refused.message, refused.code))
        return parsed
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if _is_nesting_limit(exc):
            at = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            parsed.problems.append(_too_deep(path, text, limits, at))
            return parsed
        if "unexpected end" in (exc.problem or "") and exc.context_mark is not None:
            mark = exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message, code = _friendly_yaml_error(text, exc)
        accident = explain_accident(text, exc)
        if accident is not None:
            line, col, message, code = (accident.line, accident.column, accident.message,
                                        accident.code)
        parsed.problems.append(_problem(path, line, col, message, code))
        return parsed
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, min(exc.position, len(text)))
        parsed.problems.append(_problem(
            path, line, col,
            f"the character U+{exc.character if isinstance(exc.character, int) else 0:04X} is "
            "not allowed in a YAML file (a control character); delete it", "control_char"))
        return parsed
    except RecursionError:
        parsed.problems.append(_too_deep(path, text, limits, (1, 1)))
        return parsed
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        parsed.problems.append(_problem(path, 1, 1, f"cannot read this YAML: {exc}", "syntax"))
        return parsed
    if not isinstance(parsed.data, dict):
        kind = "a list" if isinstance(parsed.data, list) else f"a single value ({parsed.data!r})"
        parsed.problems.append(_problem(
            path, 1, 1, f"the file must be a mapping of keys such as 'id:' and 'rooms:', "
            f"but it is {kind}", "not_mapping"))
    return parsed
