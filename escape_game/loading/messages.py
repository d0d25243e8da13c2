"""Pydantic's validation errors, rewritten in a teacher's words and pinned to a data path."""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Tag
from pydantic_core import ErrorDetails

from escape_game.loading.accidents import CURLY_QUOTES
from escape_game.loading.locate import Where
from escape_game.loading.problems import did_you_mean, quoted
from escape_game.model import CONDITION_KEYS, EFFECT_KEYS
from escape_game.model.base import PathPart
from escape_game.model.numbers import quote

#: What an entry of each list is called, for messages like "room 'hall' needs a 'title'".
ENTRY_NAMES = {
    "rooms": "room", "objects": "object", "puzzles": "puzzle", "exits": "exit",
    "shop": "potion", "threats": "threat", "items": "item", "risks": "risk category",
    "concepts": "concept", "quiz_forms": "quiz form", "options": "option", "left": "option",
    "right": "option", "categories": "budget category", "hints": "hint", "uses": "item use",
    "exclusions": "exclusion", "conditions": "study condition",
    "on_success": "effect", "on_failure": "effect", "on_examine": "effect", "on_enter": "effect",
    "on_strike": "effect", "on_use": "effect",
}
UNION_NAMES = {"kind": "kind", "when": "trigger"}
KIND_OWNERS = {"puzzles": "puzzle kind", "items": "quiz item kind"}


@dataclass(frozen=True)
class RawProblem:
    """A problem known by data path; the loader turns it into file:line:column."""

    path: tuple[PathPart, ...]
    where: Where
    message: str
    code: str
    severity: str = "error"


def entry_name(path: Sequence[PathPart]) -> str:
    """'room', 'object', 'quiz item'... for the list entry at the end of the path."""
    for i in range(len(path) - 1, -1, -1):
        part = path[i]
        if isinstance(part, str):
            if part == "items" and "quiz_forms" in path[:i]:
                return "quiz item"
            if part == "items" and "puzzles" in path[:i]:
                return "option"
            return ENTRY_NAMES.get(part, "entry")
    return "entry"


def describe(data: Any, path: Sequence[PathPart], root_name: str) -> str:
    """Name the mapping at `path` the way a teacher would: "room 'hall'", "'start'"."""
    if not path:
        return root_name
    node = _get(data, path)
    last = path[-1]
    if isinstance(last, int):
        name = entry_name(path[:-1] if path else path)
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            return f"{name} '{node['id']}'"
        owner = describe(data, path[:-2], root_name) if len(path) >= 2 else root_name
        return f"{name} {last + 1} of '{path[-2]}' in {owner}" if len(path) >= 2 else name
    if len(path) >= 2:
        return f"'{last}' in {describe(data, path[:-1], root_name)}"
    return f"'{last}'"


def _get(data: Any, path: Sequence[PathPart]) -> Any:
    for part in path:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        ):
            data = data[part]  # type: ignore[index]
        else:
            return None
    return data


def _strip(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
            continue
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
        return tp


def _tag_of(member: Any) -> str | None:
    if typing.get_origin(member) is typing.Annotated:
        for meta in typing.get_args(member)[1:]:
            if isinstance(meta, Tag):
                return meta.tag
    inner = _strip(member)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        for key in ("kind", "when"):
            field = inner.model_fields.get(key)
            if field is not None and typing.get_origin(field.annotation) is typing.Literal:
                return str(typing.get_args(field.annotation)[0])
    return None


@dataclass
class Walked:
    path: tuple[PathPart, ...]
    where: Where
    model: type[BaseModel] | None
    final: Any


def walk_loc(root: type[BaseModel], loc: Sequence[PathPart]) -> Walked:
    """Drop union tags and member names from a pydantic loc, keeping the data path."""
    tp: Any = root
    path: list[PathPart] = []
    where: Where = "value"
    model: type[BaseModel] | None = None
    for part in loc:
        tp = _strip(tp)
        if part == "[key]":
            where = "key"
            continue
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            model = tp
            field = None
            for name, info in tp.model_fields.items():
                if info.alias == part or name == part:
                    field = info
                    break
            path.append(part)
            tp = field.annotation if field is not None else None
            continue
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            chosen = next((m for m in members if _tag_of(m) == part), None)
            if chosen is None and isinstance(part, str):
                if part.startswith("dict"):
                    chosen = next((m for m in members if typing.get_origin(_strip(m)) is dict),
                                  None)
                else:
                    chosen = next((m for m in members if _strip(m) in (str, int, float, bool)
                                   or getattr(_strip(m), "__name__", "") == part), None)
            if chosen is not None:
                tp = chosen
                continue
            path.append(part)
            tp = None
            continue
        if origin in (tuple, list) and isinstance(part, int):
            path.append(part)
            tp = typing.get_args(tp)[0]
            continue
        if origin is dict:
            path.append(part)
            tp = typing.get_args(tp)[1]
            continue
        path.append(part)
        tp = None
    return Walked(tuple(path), where, model, _strip(tp))


def _got(value: Any, source: str | None) -> str:
    if source and not isinstance(value, (dict, list)):
        return quote(source)
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "..."


def decimal_comma_hint(value: Any, source: str | None) -> str:
    """How to write an amount a teacher wrote the French or German way ('12,50') or with its
    money sign ('12.50 €'); empty when the value is not such an amount."""
    text = source if source is not None else value
    if not isinstance(text, str):
        return ""
    # "12.50 €", "€12", "100 EUR": the money sign is the level's `currency`, not the amount's
    bare = re.fullmatch(r"\s*(?:[€$£¥]|EUR|USD|GBP|CHF)?\s*(-?\d+(?:[.,]\d{1,2})?)\s*"
                        r"(?:[€$£¥]|EUR|USD|GBP|CHF)?\s*", text, flags=re.IGNORECASE)
    if bare and bare[1] != text.strip():
        number = bare[1].replace(",", ".")
        return (f": write the number alone, like {number}, without a money sign (the level's "
                "'currency' gives the sign shown to players)")
    if re.fullmatch(r"-?\d+,\d{1,2}", text.strip()):
        dotted = text.strip().replace(",", ".")
        return f": write the decimals after a dot, like {dotted} (a comma does not mark decimals)"
    return ""


def id_hint(value: Any) -> str:
    """What to write instead of an id with an accent or a space in it: teachers count 'é' as
    a letter, but ids are plain a-z so that every keyboard and file name can hold them."""
    import unicodedata

    if not isinstance(value, str) or not value:
        return ""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    fixed = "_".join(plain.split())
    odd = next((c for c in value if not (c.isascii() and (c.isalnum() or c in "_.-"))), "")
    if not odd or not fixed or fixed == value:
        return ""
    if odd.isalpha():
        return f": letters with accents, such as '{odd}', are not allowed in ids; write '{fixed}'"
    return f": write '{fixed}'"


def _field(path: Sequence[PathPart]) -> str:
    if not path:
        return "this value"
    last = path[-1]
    if isinstance(last, int):
        return f"entry {last + 1} of '{path[-2]}'" if len(path) >= 2 else f"entry {last + 1}"
    return f"'{last}'"


def _allowed_keys(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


#: The keys that hold a duration, always a whole number of seconds.
SECONDS_KEYS = frozenset({"time_limit", "seconds", "waiting_period"})


#: Problems reported for one file: past these, a file is not a level with mistakes in it, and
#: locating hundreds of thousands of them would cost more memory than the level itself.
MAX_PROBLEMS = 1000


def translate(
    errors: Sequence[ErrorDetails],
    root: type[BaseModel],
    data: Any,
    source: Callable[[tuple[PathPart, ...]], str | None],
    root_name: str,
) -> list[RawProblem]:
    """One teacher-facing problem per mistake (union alternatives are merged).

    Takes the errors of a ValidationError (at most MAX_PROBLEMS of them) rather than the
    exception, so that the exception's own copy is freed before the file is composed again
    to locate them.
    """
    by_path: dict[tuple[PathPart, ...], list[tuple[ErrorDetails, Walked]]] = {}
    for err in errors:
        value = err.get("input")
        if err["type"] == "too_short" and isinstance(value, list | tuple) \
                and len(value) >= (err.get("ctx") or {}).get("min_length", 0):
            continue  # pydantic counts only the valid entries; the bad ones are reported
        walked = walk_loc(root, err["loc"])
        by_path.setdefault(walked.path + (("[key]",) if walked.where == "key" else ()),
                           []).append((err, walked))
    deeper = {path[:i] for path in by_path for i in range(len(path))}
    misspelt = _misspelt_keys(by_path)
    problems: list[RawProblem] = []
    for key, group in by_path.items():
        if key in deeper:
            # A wrong key inside a language map: the map's own "must be text" adds nothing.
            group = [g for g in group if g[0]["type"] not in ("string_type", "dict_type")]
        # "descripton:" is reported once, as a misspelling of 'description', not twice
        group = [g for g in group if not (g[0]["type"] == "missing" and g[1].path in misspelt)]
        group = _prefer(group, data)
        for err, walked in group:
            problems.append(_message(err, walked, data, source, root_name))
    return problems


def _misspelt_keys(by_path: dict[tuple[PathPart, ...], list[tuple[ErrorDetails, Walked]]]
                   ) -> set[tuple[PathPart, ...]]:
    """The paths of required keys that an unknown key beside them misspells: the unknown
    key's message already names the right spelling, which is all there is to fix."""
    out: set[tuple[PathPart, ...]] = set()
    for group in by_path.values():
        for err, walked in group:
            if err["type"] != "extra_forbidden" or not walked.path:
                continue
            allowed = _allowed_keys(walked.model)
            close = difflib.get_close_matches(str(walked.path[-1]), allowed, n=1, cutoff=0.6)
            if close:
                out.add((*walked.path[:-1], close[0]))
    return out


def _prefer(group: list[tuple[ErrorDetails, Walked]], data: Any
            ) -> list[tuple[ErrorDetails, Walked]]:
    """A text is a string or a language map: report the branch that matches what was written."""
    types_ = {err["type"] for err, _ in group}
    if len(group) > 1 and {"string_type", "dict_type"} <= types_:
        return [group[0]] if all(
            e["type"] in ("string_type", "dict_type") for e, _ in group) else [
            g for g in group if g[0]["type"] not in ("string_type", "dict_type")]
    return group


def _message(err: ErrorDetails, walked: Walked, data: Any,
             source: Callable[[tuple[PathPart, ...]], str | None], root_name: str) -> RawProblem:
    kind = err["type"]
    path = walked.path
    value = err.get("input")
    ctx = err.get("ctx") or {}
    src = source(path) if walked.where == "value" else None
    name = _field(path)
    got = _got(value, src)

    def raw(message: str, where: Where = walked.where, at: tuple[PathPart, ...] = path
            ) -> RawProblem:
        return RawProblem(at, where, message, kind)

    if kind == "extra_forbidden":
        key = path[-1] if path else "?"
        owner = describe(data, path[:-1], root_name)
        allowed = _allowed_keys(walked.model)
        hint = did_you_mean(key, allowed)
        glued = str(key).split(" ")[0]
        if " " in str(key) and glued in allowed:  # "title {en: Hall}": the colon forgotten
            hint = (f": the ':' after '{glued}' is probably missing; write "
                    f"'{glued}: {str(key)[len(glued):].strip()}...'")
        if not hint and allowed:
            hint = f"; the keys allowed here are {quoted(allowed)}"
        return raw(f"unknown key {quote(str(key))} in {owner}{hint}", "key")
    if kind == "old_and_new_key":
        return raw(err["msg"], "key", (*path, str(ctx.get("old"))))
    if kind == "missing":
        owner = describe(data, path[:-1], root_name)
        field = _field(path)
        article = "an" if field[1:2] in ("a", "e", "i", "o", "u") else "a"
        return raw(f"{owner} needs {article} {field}", "key", path[:-1])
    if kind in ("unknown_condition", "unknown_effect"):
        what = "condition" if kind == "unknown_condition" else "effect"
        names = CONDITION_KEYS if what == "condition" else EFFECT_KEYS
        if isinstance(value, dict) and len(value) == 1:
            key = next(iter(value))
            return raw(f"{quote(str(key))} is not a known {what}{did_you_mean(key, names)} "
                       f"(the {what}s are {quoted(names)})", "key", (*path, key))
        if isinstance(value, dict):
            return raw(f"an effect is a single 'name: value' pair, but this one has "
                       f"{len(value)} keys ({quoted(value, 'and')}); write each as its own list "
                       "entry" if what == "effect" else
                       f"a condition is a single 'name: value' pair, but this one has "
                       f"{len(value)} keys ({quoted(value, 'and')}); combine several with 'all:'")
        return raw(f"{name} must be {'an' if what == 'effect' else 'a'} {what} such as "
                   f"'{names[0]}: ...', got {got}")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        disc = str(ctx.get("discriminator", "'kind'")).strip("'")
        owner_list = next((p for p in reversed(path) if isinstance(p, str)), "")
        label = KIND_OWNERS.get(owner_list, UNION_NAMES.get(disc, disc)) if disc == "kind" \
            else "trigger"
        expected = [t.strip().strip("'") for t in str(ctx.get("expected_tags", "")).split(",")]
        if expected == [""]:
            expected = [t for t in map(_tag_of, typing.get_args(walked.final)) if t]
        if kind == "union_tag_not_found":
            return raw(f"{describe(data, path, root_name)} needs '{disc}:', one of "
                       f"{quoted(expected)}")
        tag = ctx.get("tag")
        return raw(f"{quote(str(tag))} is not a {label}{did_you_mean(tag, expected)} "
                   f"(use {quoted(expected)})", "value", (*path, disc))
    if kind == "string_type":
        if path and path[-1] == "code" and isinstance(value, int | float):
            shown = src or str(value)
            return raw(f"the code must be text: put the code in quotes, like code: \"{shown}\" "
                       "(without quotes YAML reads it as a number and drops leading zeros)")
        if value is None:  # "title:" with nothing after it: quotes would not help
            return raw(f"{name} is empty: write its text after the ':' on the same line, or "
                       "on the lines below it, indented")
        if isinstance(value, bool | int | float):
            return raw(f"{name} must be text, got {got}; put it in quotes")
        return raw(f"{name} must be text, got {got}")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return raw(f"{name} must be a mapping ('key: value' lines), got {got}")
    if kind in ("tuple_type", "list_type"):
        hint = ""
        if isinstance(value, str) and re.fullmatch(r"[\w.-]+(?: *, *[\w.-]+)*", value):
            # "covers: fire" or "languages: en, fr": the brackets of a one-line list forgotten
            hint = f"; for a list on one line, write it in brackets: [{value}]"
        return raw(f"{name} must be a list (lines starting with '- '), got {got}{hint}")
    if kind in ("decimal_parsing", "decimal_type", "float_parsing", "float_type"):
        return raw(f"{name} must be a number, got {got}{decimal_comma_hint(value, src)}")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        unit = ""
        if path and path[-1] in SECONDS_KEYS:  # "5 min", "1:30": durations are in seconds
            unit = " of seconds, like 300 for five minutes"
        return raw(f"{name} must be a whole number{unit}, got {got}")
    if kind in ("bool_parsing", "bool_type"):
        return raw(f"{name} must be true or false, got {got}")
    if kind == "string_pattern_mismatch":
        if walked.where == "key" or "a-z]{2,3}" in str(ctx.get("pattern", "")):
            key = path[-1] if path else value
            hint = (" (inside {...} a ',' starts a new key: put a text that contains a comma "
                    "in quotes)" if " " in str(key) else "")
            if any(c in CURLY_QUOTES for c in str(key)):
                hint = (" (the text has curly quotes, as word processors type them: YAML only "
                        "knows straight quotes, so the ',' inside it started a new key; put the "
                        "text between straight double quotes \"...\")")
            return raw(f"{quote(str(key))} is not a language code such as 'en', 'fr' or "
                       f"'pt-BR'{hint}")
        return raw(f"{name} must be an id (letters, digits, '_', '.' or '-', starting with a "
                   f"letter or digit, no spaces), got {got}{id_hint(value)}")
    if kind in ("greater_than_equal", "greater_than"):
        return raw(f"{name} must be at least {ctx.get('ge', ctx.get('gt'))}, got {got}")
    if kind in ("less_than_equal", "less_than"):
        return raw(f"{name} must be at most {ctx.get('le', ctx.get('lt'))}, got {got}")
    if kind == "too_short":
        need = ctx.get("min_length")
        if isinstance(value, str) or value is None:
            return raw(f"{name} must not be empty")
        return raw(f"{name} needs at least {need} entr{'y' if need == 1 else 'ies'}, "
                   f"got {ctx.get('actual_length')}")
    if kind == "string_too_short":
        return raw(f"{name} must not be empty")
    if kind in ("too_long", "string_too_long"):
        return raw(f"{name} is too long (at most {ctx.get('max_length')})")
    if kind == "decimal_max_places":
        return raw(f"{name} has too many decimals (at most {ctx.get('decimal_places')}), got {got}")
    if kind in ("decimal_max_digits", "decimal_whole_digits"):
        return raw(f"{name} is too large, got {got}")
    if kind == "literal_error":
        wanted = str(ctx.get("expected")).replace("True", "true").replace("False", "false")
        return raw(f"{name} must be {wanted}, got {got}")
    if kind == "finite_number":
        return raw(f"{name} must be a finite number, got {got}")
    return raw(f"{name}: {err['msg']}")
