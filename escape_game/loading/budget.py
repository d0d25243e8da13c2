"""The budget of a whole level: bytes and values across the root file and all its includes.

Memory grows with the values a YAML file holds (the parser builds an object with two marks
for each), not with its bytes alone, and 200 files of 2 MiB each would need gigabytes. So
the files of a level share one budget of bytes and of values, and a file's values are
bounded before its tree is whole: first a cheap bound from its punctuation; when that bound
is over the budget, the loader counts values as it composes them and stops at what is left
(see `safe_yaml._compose`); only then is the file counted exactly from the parser's events
(one at a time, so in constant memory), which also says where the budget ran out.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

#: Every value of a YAML file starts after one of these marks (or is the first of the file);
#: a key and its value share one, hence twice their count.
_MARKS = (b",", b"\n", b":", b"-", b"[", b"{", b"?")


def values_bound(raw: bytes) -> int:
    """An upper bound on the number of values (scalars, lists, mappings) a file can hold."""
    return 2 * sum(raw.count(mark) for mark in _MARKS) + 2


@dataclass
class Budget:
    """What is left for the files not yet read; spent as each file is read."""

    bytes_left: int
    values_left: int

    def over_values(self, text: str, raw: bytes, loader: type[yaml.SafeLoader]
                    ) -> tuple[int, int] | None:
        """Where the file's values pass what is left (line, column), or None if they fit."""
        if values_bound(raw) <= self.values_left:
            return None
        count = 0
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
                count += 1
                if count > self.values_left:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return None

    def spend(self, size: int, values: int) -> None:
        self.bytes_left -= size
        self.values_left -= values
