"""Plain data from a YAML node tree, checked on the way: the only constructor levels use.

Only the five plain scalar kinds, lists and mappings are built; any other tag is refused.
Aliases share node objects, so each anchored value is built once and its size remembered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from escape_game.model.numbers import NumberTooLong, check_decimal_text, quote, whole_number

STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class KeySpot:
    """Where a key is written: character offsets in the file's text, line and column."""

    start: int
    end: int
    line: int
    column: int


class Refused(Exception):
    """A node the builder will not turn into data, with the teacher-facing reason."""

    def __init__(self, node: Node, message: str, code: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.code = code


def int_value(text: str) -> int:
    """YAML 1.2 core integers: decimal (leading zeros allowed), 0o octal, 0x hexadecimal.

    Measured before conversion (see escape_game.model.numbers): raises NumberTooLong."""
    return whole_number(text)


def describe_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_BUILDING = object()


def _scalar(node: ScalarNode) -> Any:
    """A scalar from its resolved tag: the only five kinds of plain value a level holds."""
    tag = node.tag
    value: str = node.value
    if tag == STR:
        return value
    try:
        if tag == _INT:
            return int_value(value)
        if tag == _FLOAT:
            low = value.lower()
            if low.endswith(".inf"):
                return float("-inf") if low.startswith("-") else float("inf")
            return float("nan") if low == ".nan" else float(check_decimal_text(low))
        if tag == _BOOL:
            low = value.lower()
            if low in ("true", "false"):
                return low == "true"
        elif tag == _NULL:
            return None
        elif tag == _MERGE:
            return "<<"
    except NumberTooLong as exc:
        raise Refused(node, str(exc), "number_too_large") from None
    except ValueError:
        pass
    else:
        if tag in (_INT, _FLOAT, _BOOL):
            raise Refused(node, f"{quote(value)} does not fit its tag '{describe_tag(tag)}'",
                          "tag")
    raise Refused(node, tag_message(tag), "tag")


def tag_message(tag: str) -> str:
    if "python/" in tag:
        return (f"the tag '{describe_tag(tag)}' is refused: level files hold data only, "
                "never code or Python objects")
    return (f"unknown tag '{describe_tag(tag)}': level files may only use plain values, "
            "lists and mappings (remove the '!' part)")


def too_deep_message(max_depth: int) -> str:
    """The one wording for over-deep nesting, whichever check (parser events or tree) saw it."""
    return (f"values are nested more than {max_depth} levels deep; a level never needs this, "
            "so look for a '[' or '{' that is never closed, or lines indented further and "
            "further")


class Builder:
    """Node tree -> plain data in one walk, enforcing depth, alias expansion and unique keys.

    Aliases share node objects, so each anchored value is built once and its size
    remembered: a billion-laughs file is refused after visiting only its few distinct nodes.
    Replacing PyYAML's general constructor here also makes loading faster.
    """

    def __init__(self, max_depth: int, max_alias_expansion: int,
                 watched: frozenset[str] = frozenset(), anchors: bool = True) -> None:
        self.max_depth = max_depth
        self.max_alias_expansion = max_alias_expansion
        #: Whether the text may hold anchors ('&'): only then can two values share a node,
        #: and only then is each built node remembered (a level without anchors, the usual
        #: case, skips that bookkeeping on every list and mapping).
        self.anchors = anchors
        self.built: dict[int, Any] = {}
        self.sizes: dict[int, int] = {}
        self.count = 0
        self.expansion = 0
        #: Distinct values built (scalars, lists, mappings; an alias adds none): what the
        #: level's budget counts, as the parser makes one object for each.
        self.values = 0
        self.duplicates: list[tuple[Node, str]] = []
        #: Keys whose spelling matters (see loading/spelling.py): where each is written,
        #: by the id of the mapping built (kept alive by the data) and the key.
        self.watched = watched
        self.key_spots: dict[int, dict[str, KeySpot]] = {}

    def build(self, node: Node, depth: int) -> Any:
        if type(node) is ScalarNode:
            return _scalar(node)
        if not self.anchors:
            return self._collection(node, depth)
        key = id(node)
        done = self.built.get(key)
        if done is not None:
            if done is _BUILDING:
                raise Refused(node, "an alias refers to its own anchor (the value contains "
                               "itself)", "alias_loop")
            size = self.sizes[key]
            self.expansion += size
            self.count += size
            if self.expansion > self.max_alias_expansion:
                raise Refused(node, "aliases ('*name') repeat this anchored value too many "
                               f"times (more than {self.max_alias_expansion} copied "
                               "values)", "alias_bomb")
            return done
        self.built[key] = _BUILDING
        before = self.count
        result = self._collection(node, depth)
        self.built[key] = result
        self.sizes[key] = self.count - before
        return result

    def _collection(self, node: Node, depth: int) -> Any:
        """A list or mapping, its children built on the way (an alias to one already built
        is not built again, so its depth is not asked again either)."""
        if depth > self.max_depth:
            raise Refused(node, too_deep_message(self.max_depth), "too_deep")
        deeper = depth + 1
        children = node.value
        result: Any
        if type(node) is MappingNode:
            if node.tag != _MAP:
                raise Refused(node, tag_message(node.tag), "tag")
            result = {}
            spots: dict[str, KeySpot] | None = None
            merges: list[Any] = []
            scalars = 0
            watched, build = self.watched, self.build
            for k, v in children:
                if type(k) is not ScalarNode:
                    raise Refused(k, "a key must be a plain word, not a list or a mapping",
                                   "complex_key")
                tag = k.tag
                if tag == _MERGE:
                    merges.append(build(v, deeper))
                    continue
                name = k.value if tag == STR else _scalar(k)
                if name in watched:
                    spots = {} if spots is None else spots
                    spots[name] = KeySpot(k.start_mark.index, k.end_mark.index,
                                          k.start_mark.line + 1, k.start_mark.column + 1)
                if type(v) is ScalarNode:
                    scalars += 1
                    result[name] = v.value if v.tag == STR else _scalar(v)
                else:
                    result[name] = build(v, deeper)
            if len(result) < len(children) - len(merges):  # a key was written twice
                self._note_duplicates(children)
            if merges:
                scalars = sum(type(v) is ScalarNode for _, v in children)
                result = self._merge(node, merges, result)
            if spots is not None:
                self.key_spots[id(result)] = spots
            self.values += 1 + len(children) + scalars
        elif type(node) is SequenceNode:
            if node.tag != _SEQ:
                raise Refused(node, tag_message(node.tag), "tag")
            result = [c.value if type(c) is ScalarNode and c.tag == STR else self.build(c, deeper)
                      for c in children]
            self.values += 1 + sum(type(c) is ScalarNode for c in children)
        else:
            raise Refused(node, "unexpected YAML node", "syntax")
        self.count += 1 + len(children)
        return result

    def _note_duplicates(self, pairs: list[tuple[ScalarNode, Node]]) -> None:
        """Each key a mapping writes again, in file order (asked only when the mapping
        came out with fewer keys than it writes)."""
        seen: set[Any] = set()
        for k, _ in pairs:
            if k.tag == _MERGE:
                continue
            name = _scalar(k)
            if name in seen:
                self.duplicates.append((k, str(name)))
            seen.add(name)

    @staticmethod
    def _merge(node: Node, merges: list[Any], own: dict[Any, Any]) -> dict[Any, Any]:
        """`<<: *base` copies the keys of an anchored mapping; the mapping's own keys win."""
        merged: dict[Any, Any] = {}
        for merge in merges:
            for source in merge if isinstance(merge, list) else [merge]:
                if not isinstance(source, dict):
                    raise Refused(node, "'<<' must name an anchored mapping", "merge")
                for k, v in source.items():
                    merged.setdefault(k, v)
        merged.update(own)
        return merged
