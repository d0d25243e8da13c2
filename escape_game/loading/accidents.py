"""Layout accidents explained: the cause, the fix and the line where the teacher slipped.

The YAML parser reports where it got lost, which is often the line after the slip, in its own
words ("did not find expected '-' indicator"). The usual slips are few: one space too many or
too few, a forgotten '- ' or ':', a tab or a non-breaking space among the spaces, a word
processor's curly quotes. Each is recognised from the text around the parser's marks and
explained at the line that needs the fix. Anything else is left to the generic messages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: spaces that look like a space but are letters to YAML (no-break, figure, narrow, ideographic)
ODD_SPACES = {"\u00a0": "a non-breaking space", "\u2007": "a figure space",
              "\u202f": "a narrow non-breaking space", "\u3000": "an ideographic space",
              "\u2002": "an en space", "\u2003": "an em space"}
CURLY_QUOTES = "“”„‘’‚«»"
#: how many lines above the parser's mark a slip is looked for
LOOK_BACK = 3


@dataclass(frozen=True)
class Accident:
    line: int
    column: int
    message: str
    code: str


@dataclass(frozen=True)
class Mark:
    """A parser position, counted from 0 as PyYAML does."""

    line: int
    column: int


def explain(text: str, problem: str, problem_mark: Mark | None,
            context: str = "", context_mark: Mark | None = None) -> Accident | None:
    """The likely layout accident behind a YAML syntax error, or None to keep the generic one."""
    if problem_mark is None:
        return None
    lines = text.split("\n")
    found = (_odd_space(lines, problem_mark)
             or _curly_quotes(lines, problem_mark, context_mark)
             or _in_brackets(lines, problem, problem_mark, context, context_mark)
             or _forgotten_colon(lines, problem, context_mark, problem_mark)
             or _indentation(lines, problem, problem_mark, context_mark)
             or _colon_in_text(lines, problem, problem_mark))
    return found


def explain_accident(text: str, exc: Any) -> Accident | None:
    """`explain` for a PyYAML MarkedYAMLError."""
    def mark(m: Any) -> Mark | None:
        return None if m is None else Mark(m.line, m.column)

    return explain(text, exc.problem or "", mark(exc.problem_mark), exc.context or "",
                   mark(exc.context_mark))


def _near(lines: Sequence[str], mark: Mark) -> range:
    last = min(mark.line, len(lines) - 1)
    return range(max(0, last - LOOK_BACK), last + 1)


def _odd_space(lines: Sequence[str], mark: Mark) -> Accident | None:
    """An odd space in the indentation or right after ':' / '-' (inside a text it is fine)."""
    for index in _near(lines, mark):
        line = lines[index]
        for column, char in enumerate(line):
            if char in ODD_SPACES:
                before = line[:column]
                if before.strip(" " + "".join(ODD_SPACES)) and not before.rstrip().endswith(
                        (":", "-")):
                    continue
                name = ODD_SPACES[char]
                return Accident(
                    index + 1, column + 1,
                    f"{name} (U+{ord(char):04X}) is here, often typed with Alt+Space or Option+"
                    "Space or pasted from a word processor; YAML reads it as a letter, not as a "
                    "space: delete it and type an ordinary space", "odd_space")
    return None


def _curly_quotes(lines: Sequence[str], problem: Mark, context: Mark | None) -> Accident | None:
    candidates = [problem.line] + ([context.line] if context is not None else [])
    for index in candidates:
        if not 0 <= index < len(lines):
            continue
        line = lines[index]
        column = next((i for i, c in enumerate(line) if c in CURLY_QUOTES), None)
        if column is None:
            continue
        key, sep, value = line.partition(": ")
        value = value.strip()
        fix = ""
        if sep and len(value) >= 2 and value[0] in CURLY_QUOTES and value[-1] in CURLY_QUOTES:
            inner = value[1:-1].replace('"', '\\"')
            fix = f", e.g. {key.strip()}: \"{inner}\""
        return Accident(
            index + 1, column + 1,
            f"this line uses curly quotes ({line[column]}), as word processors type them; YAML "
            "only knows straight quotes, so the ':' or ',' inside the text is read as part of "
            f"the layout: put the text between straight double quotes \"...\"{fix}",
            "curly_quotes")
    return None


#: "text: Note: read this": a key, then a plain text that holds ': ' itself
_TEXT_WITH_COLON = re.compile(r"^(?P<lead> *(?:- +)?(?P<key>[A-Za-z_][\w.-]*): +)"
                              r"(?P<text>[^\s\"'\[{#|>&*!%@`].*)$")


def _colon_in_text(lines: Sequence[str], problem: str, mark: Mark) -> Accident | None:
    """A ': ' inside an unquoted text, with the quoted line to write instead."""
    if "mapping values are not allowed" not in problem or not 0 <= mark.line < len(lines):
        return None
    found = _TEXT_WITH_COLON.match(lines[mark.line].rstrip())
    if found is None or mark.column < found.end("lead"):
        return None
    text = found["text"]
    example = f": {found['key']}: \"{text}\"" if '"' not in text else ""
    return Accident(
        mark.line + 1, mark.column + 1,
        f"a ': ' inside a text must be in quotes, or YAML reads it as a new key; put the "
        f"whole text in quotes{example}", "syntax")


def _in_brackets(lines: Sequence[str], problem: str, mark: Mark, context: str,
                 opened: Mark | None) -> Accident | None:
    """A '{...}' or '[...]' the parser could not finish: a ' #' that made the rest of the line
    a comment, a ': ' inside a text, or a bracket never closed."""
    if "expected ','" not in problem or "flow" not in context or opened is None:
        return None
    if not (0 <= opened.line < len(lines) and 0 <= mark.line < len(lines)):
        return None
    close = "}" if "mapping" in context else "]"
    start = lines[opened.line]
    at = start.find(" #", opened.column)
    if at != -1:
        return Accident(
            opened.line + 1, at + 2,
            f"inside '{start[opened.column]}...{close}' a ' #' starts a comment, so YAML drops "
            f"the rest of the line with its '{close}'; put the text that holds the '#' in "
            "quotes \"...\"", "cut_by_comment")
    line = lines[mark.line]
    if mark.line == opened.line and line[mark.column:mark.column + 1] == ":":
        left = max(line.rfind(sep, 0, mark.column) + len(sep) for sep in (": ", ", ", "{", "["))
        ends = [i for i in (line.find(c, mark.column) for c in ",}]") if i != -1]
        text = line[left:min(ends) if ends else len(line)].strip()
        example = f", like \"{text}\"" if text and '"' not in text else ""
        return Accident(
            mark.line + 1, mark.column + 1,
            f"inside '{line[opened.column]}...{close}' a text containing ': ' must be in "
            f"quotes{example}", "syntax")
    if mark.line > opened.line:
        return Accident(
            opened.line + 1, opened.column + 1,
            f"this '{start[opened.column]}' is not closed: end it with '{close}' on the same "
            "line", "unclosed")
    return None


_KEY_THEN_FLOW = re.compile(r"^(?P<indent> *(?:- +)?)(?P<key>[A-Za-z_][\w.-]*) +(?P<rest>[\[{].*)$")


#: "key:value", a key glued to its value (a ':' inside a URL or a time is not a key's)
_GLUED_COLON = re.compile(r"^(?P<key>[A-Za-z_][\w.-]*):(?P<value>[^\s/:].*)$")


def _forgotten_colon(lines: Sequence[str], problem: str, context: Mark | None,
                     mark: Mark | None = None) -> Accident | None:
    if "mapping values are not allowed" in problem and mark is not None and (
            0 <= mark.line < len(lines)):
        found = _KEY_THEN_FLOW.match(lines[mark.line])
        if found:  # "title {en: Hall}": the ':' inside the braces is where YAML stumbles
            key, rest = found["key"], found["rest"].strip()
            return Accident(
                mark.line + 1, len(found["indent"]) + 1,
                f"the ':' after '{key}' is missing, so YAML reads '{key} {rest[:1]}...' as "
                f"one text: write '{key}: {rest}'", "missing_colon")
    if "could not find expected ':'" not in problem or context is None:
        return None
    if not 0 <= context.line < len(lines):
        return None
    line = lines[context.line]
    body = line[context.column:].rstrip()
    glued = _GLUED_COLON.match(body)
    if glued:  # "money:100": without a space after it, YAML takes the ':' as a letter
        key, value = glued["key"], glued["value"]
        return Accident(
            context.line + 1, context.column + len(key) + 2,
            f"a space is missing after the ':' of '{key}', so YAML reads '{key}:{value}' as "
            f"one text: write '{key}: {value}'", "missing_space")
    if ":" in body or not body or body[0] in "\"'[{":
        return None
    above = _previous(lines, context.line)
    if above is not None and " " not in body and _indent(lines[above]) == context.column and (
            lines[above].lstrip().startswith("- ")):
        return Accident(  # "- rooms/a.yaml" then "rooms/b.yaml": one more entry, no '- '
            context.line + 1, context.column + 1,
            f"a '- ' is missing before '{body}': the line above is an entry of a list, so "
            f"write '- {body}' to add this line to it (without the '- ', YAML reads it as a "
            "key whose ':' is missing)", "missing_dash")
    word, _, rest = body.partition(" ")
    fix = f"{word}: {rest.strip()}" if rest.strip() else f"{word}:"
    return Accident(
        context.line + 1, context.column + 1,
        f"the ':' after '{word}' is missing, so YAML reads this line and the next as one text: "
        f"write '{fix}'", "missing_colon")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the key of a line starts: after '- ' for a list entry."""
    column = _indent(line)
    while line[column:column + 2] == "- " or line[column:] == "-":
        column += 2
        while line[column:column + 1] == " ":
            column += 1
    return column


def _previous(lines: Sequence[str], index: int) -> int | None:
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def _indentation(lines: Sequence[str], problem: str, mark: Mark,
                 context: Mark | None) -> Accident | None:
    signs = ("expected <block end>", "expected '-' indicator", "did not find expected key",
             "mapping values are not allowed")
    if not any(sign in problem for sign in signs) or not 0 <= mark.line < len(lines):
        return None
    index = mark.line
    line = lines[index]
    if "\t" in line[:_indent(line) + 1]:
        return None  # the tab message says it better
    above = _previous(lines, index)
    if above is None:
        return None
    spaces = _indent(line)
    if line.lstrip().startswith("-") and context is not None and context.column != spaces:
        return Accident(
            index + 1, spaces + 1,
            f"this '- ' has {spaces} spaces before it, but the entries of its list have "
            f"{context.column} (line {context.line + 1}); the '- ' of one list must line up: "
            f"use {context.column} spaces", "indentation")
    key_column = _key_column(lines[above])
    if "mapping values are not allowed" in problem:
        if spaces <= key_column or ": " not in lines[above]:
            return None
        key = lines[above].strip().lstrip("- ").split(":")[0]
        return Accident(
            index + 1, spaces + 1,
            f"this line starts after {spaces} spaces, more than the line above ({key_column}), "
            f"so YAML reads it as the rest of the value of '{key}'; check the indentation: the "
            f"keys of one entry line up, so use {key_column} spaces", "indentation")
    if spaces == key_column:
        return None
    return Accident(
        index + 1, spaces + 1,
        f"this line starts after {spaces} spaces, but the key on the line above (line "
        f"{above + 1}) starts after {key_column}; YAML reads the nesting from the spaces, so "
        f"check the indentation: the keys of one entry line up (use {key_column} spaces here, "
        "or fewer to end the entry)", "indentation")


def missing_dashes(lines: Sequence[str],
                   duplicates: Sequence[tuple[int, int, str]]) -> list[Accident]:
    """Duplicate keys explained: a repeated 'id' after an entry usually means the '- ' that
    starts the next entry was forgotten; the keys that follow it are then not repeated in
    error themselves, so one message replaces theirs. ``duplicates`` are (line, column, key)
    counted from 1."""
    out: list[Accident] = []
    absorbed_until: dict[int, int] = {}  # column -> last line of an entry already explained
    ordered = sorted(duplicates)
    for line, column, key in ordered:
        if absorbed_until.get(column, 0) >= line:
            continue
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        starts_entry = key == "id" and not text.lstrip().startswith("-")
        if starts_entry:
            end = _entry_end(lines, line, column)
            absorbed_until[column] = end
            repeated = [k for ln, col, k in ordered if col == column and line <= ln <= end]
            dash_column = max(column - 2, 1)
            value = text.strip()
            out.append(Accident(
                line, column,
                f"a '- ' is probably missing before '{key}' here: without it this entry "
                f"merges with the one above, which then has {_keys(repeated)} twice; write "
                f"'- {value}' with the '-' at column {dash_column}, lined up with the entry "
                "above", "missing_dash"))
            continue
        first = _first_of_key(lines, line, column, key)
        where = f" (the first '{key}' is on line {first})" if first is not None else ""
        out.append(Accident(
            line, column,
            f"the key '{key}' appears twice in the same mapping{where}; only one is kept, so "
            "remove or rename the other", "duplicate_key"))
    return out


def _first_of_key(lines: Sequence[str], line: int, column: int, key: str) -> int | None:
    """The line (from 1) above ``line`` where the same entry first gives ``key``, found by
    walking up while the lines stay inside the entry whose keys start at ``column``."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if _indent(text) > column - 1:
            continue  # a line inside a nested value
        if _key_column(text) != column - 1:
            return None  # the entry started above: the first key was written inline
        if text[column - 1:].startswith((f"{key}:", f'"{key}":', f"'{key}':")):
            return number
        if _indent(text) < column - 1:
            return None  # the '- ' line that opens the entry
    return None


def _keys(keys: Sequence[str]) -> str:
    quoted = [f"'{k}'" for k in dict.fromkeys(keys)]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _entry_end(lines: Sequence[str], start: int, column: int) -> int:
    """The last line (from 1) of the entry whose keys start at ``column``."""
    end = start
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        if not text.strip() or text.strip().startswith("#"):
            continue
        if _indent(text) < column - 1 or (text.lstrip().startswith("- ") and (
                _indent(text) == column - 3)):
            break
        if number > start and _indent(text) == column - 1 and text.lstrip().startswith("id:"):
            break  # the next entry whose '- ' is missing too
        end = number
    return end


#: "brand: Prix #1": a text value, then ' #' and a word glued to it. YAML reads ' #' as the
#: start of a comment, so the text silently ends before it. Comments teachers write on
#: purpose have a space after the '#' ("# a note"), so those are left alone.
_CUT_BY_COMMENT = re.compile(
    r"^(?P<lead>[ ]*(?:-[ ]+)?(?P<key>[A-Za-z_][\w.-]*):[ ]+)"
    r"(?P<value>[^\s\"'\[{#|>&*!%@`][^#\n]*?)[ ]+#(?P<after>[^\s#][^\n]*)$",
    re.MULTILINE)


def cut_by_comments(text: str) -> list[Accident]:
    """Texts cut short by a '#' read as a comment: the level loads, but without the words
    after it, so each is a warning at the '#' with the quotes that keep it whole."""
    out: list[Accident] = []
    at = text.find(" #")
    line, counted = 1, 0
    while at != -1:  # only the lines holding ' #' are matched: most lines have none
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        at = text.find(" #", end)
        found = _CUT_BY_COMMENT.match(text, start, end)
        if found is None:
            continue
        line += text.count("\n", counted, start)
        counted = start
        key, value, after = found["key"], found["value"], found["after"].rstrip()
        column = found.end("value") + 2 - start
        whole = f"{value} #{after}".replace('"', '\\"')
        out.append(Accident(
            line, column,
            f"'{key}' reads only '{value}' here: a ' #' starts a comment, so '#{after}' is "
            f"dropped; if it belongs to the text, put the text in quotes: {key}: \"{whole}\"",
            "cut_by_comment"))
    return out
