"""From a data path such as ('rooms', 0, 'exits', 1, 'to') to the YAML node that wrote it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from escape_game.model.base import old_spellings

PathPart = str | int
Where = Literal["value", "key"]
#: A validated path names a renamed key by its new name; the file may spell it the old way.
_OLD_SPELLINGS = old_spellings()


def find_node(root: Node | None, path: Sequence[PathPart], where: Where = "value") -> Node | None:
    """The deepest node along the path (its key node when asked); None without a tree."""
    node = root
    if node is None:
        return None
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, MappingNode):
            found: Node | None = None
            spellings = _OLD_SPELLINGS.get(part, ()) if isinstance(part, str) else ()
            for spelling in (part, *spellings):
                for key, value in node.value:
                    if isinstance(key, ScalarNode) and _same(key, spelling):
                        found = key if (last and where == "key") else value
                if found is not None:
                    break
            if found is None:
                return node
            node = found
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                return node
            node = node.value[part]
        else:
            return node
    return node


def _same(key: ScalarNode, part: PathPart) -> bool:
    return bool(key.value == (part if isinstance(part, str) else str(part)))


def node_position(node: Node | None) -> tuple[int, int]:
    if node is None:
        return 1, 1
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def source_text(node: Node | None) -> str | None:
    """What the teacher typed for a scalar (e.g. '0042' where YAML read the number 42)."""
    if isinstance(node, ScalarNode):
        return str(node.value)
    return None
