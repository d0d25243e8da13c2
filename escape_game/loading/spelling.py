"""Renamed keys as written in a level: where the old spelling is, and the text without it.

The format renamed a few keys (see `Renamed` in escape_game/model/base.py). A level written
with an old key must keep working, mean the same and keep its content hash, since saves and
research data name a level's version by that hash. So the loader finds every renamed key
where the file writes it, from the positions the parser reports:

- an old key gets a warning that says what to write instead;
- `upgrade` replaces exactly those key tokens, leaving every other character of the file
  (comments, order, quoting, layout) as it was;
- the hash reads each renamed key in its first spelling, so a level hashes the same before
  and after the upgrade.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from escape_game.loading.builder import KeySpot
from escape_game.loading.walk import Located
from escape_game.model.base import PathPart, Renamed, old_spellings

_OLD_SPELLINGS = old_spellings()
#: Every key whose spelling the loader notes while building the data: old and new names.
WATCHED_KEYS = frozenset(_OLD_SPELLINGS) | frozenset(
    old for olds in _OLD_SPELLINGS.values() for old in olds)
#: The code of the warning given for an old key.
OLD_KEY = "old_key"


@dataclass(frozen=True)
class KeySpelling:
    """A renamed key as one file writes it."""

    spot: KeySpot
    written: str
    old: str
    new: str

    @property
    def is_old(self) -> bool:
        return self.written != self.new


def _at(data: Any, path: Sequence[PathPart]) -> Any:
    """The plain data a validated path reaches, following a renamed key's old spelling."""
    for part in path:
        if isinstance(part, int):
            if not isinstance(data, list) or not 0 <= part < len(data):
                return None
            data = data[part]
        elif isinstance(data, dict):
            key = next((k for k in (part, *_OLD_SPELLINGS.get(part, ())) if k in data), None)
            if key is None:
                return None
            data = data[key]
        else:
            return None
    return data


def _is_token(token: str, key: str) -> bool:
    return token == key or (len(token) == len(key) + 2 and token[0] == token[-1]
                            and token[0] in ("'", '"') and token[1:-1] == key)


def find_spellings(models: Iterable[Located], data: Any,
                   spots: dict[int, dict[str, KeySpot]], text: str) -> list[KeySpelling]:
    """Every renamed key the file writes itself, in file order, from the walk of the models
    validated from its `data` (see `walk.all_models`).

    A key a mapping only copies with `<<: *anchor` is written at the anchor, and is found
    there; an alias reaches the same mapping again, which is counted once. A key written in
    any other way than plainly or in plain quotes (with an anchor, through an alias, with
    escapes) is left as it is: it still loads, but only its own spelling could be rewritten.
    """
    if not spots:
        return []
    found: dict[int, KeySpelling] = {}
    renamed: dict[type, bool] = {}  # per class: has it a renamed key? (asked per model)
    for path, node in models:
        cls = type(node)
        has = renamed.get(cls)
        if has is None:
            has = renamed[cls] = isinstance(node, Renamed) and bool(type(node).old_keys)
        if not has:
            continue
        assert isinstance(node, Renamed)
        raw = _at(data, path)
        written = spots.get(id(raw)) if isinstance(raw, dict) else None
        if not written:
            continue
        for old, new in type(node).old_keys.items():
            for key in (old, new):
                spot = written.get(key)
                if spot is not None and key in raw and \
                        _is_token(text[spot.start:spot.end], key):
                    found.setdefault(spot.start, KeySpelling(spot, key, old, new))
    return [found[start] for start in sorted(found)]


def old_key_message(spelling: KeySpelling, level: str) -> str:
    return (f"'{spelling.old}' is the old name of '{spelling.new}': it still works, but write "
            f"'{spelling.new}' (run `escape-game upgrade {level}` to rename every old key of "
            "the level)")


def _respelled(token: str, key: str) -> str:
    """The key token with another key, in the same quotes if it had any."""
    if token[:1] in ("'", '"'):
        return f"{token[0]}{key}{token[0]}"
    return key


def respell(text: str, spellings: Iterable[KeySpelling], to: Literal["new", "old"]) -> str:
    """The text with each renamed key written `to` 'new' or 'old', and nothing else changed."""
    pieces: list[str] = []
    done = 0
    for spelling in sorted(spellings, key=lambda s: s.spot.start):
        wanted = spelling.new if to == "new" else spelling.old
        if spelling.written == wanted:
            continue
        start, end = spelling.spot.start, spelling.spot.end
        pieces.append(text[done:start])
        pieces.append(_respelled(text[start:end], wanted))
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def in_file_text(raw: str, spellings: Sequence[KeySpelling]) -> list[KeySpelling]:
    """The spellings with offsets into the file as saved, not as the parser read it.

    The parser reads the text without a byte-order mark and with every line ending turned
    into '\\n'; the file may have either, and upgrading must keep them.
    """
    wanted = sorted({o for s in spellings for o in (s.spot.start, s.spot.end)})
    moved: dict[int, int] = {}
    index = 1 if raw.startswith("\ufeff") else 0
    read = 0
    for target in wanted:
        while read < target:
            index += 2 if raw.startswith("\r\n", index) else 1
            read += 1
        moved[target] = index
    return [KeySpelling(KeySpot(moved[s.spot.start], moved[s.spot.end], s.spot.line,
                                s.spot.column), s.written, s.old, s.new) for s in spellings]
