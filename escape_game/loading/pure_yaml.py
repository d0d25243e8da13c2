"""PyYAML's pure-Python safe loader, reading plain scalars the way libyaml does.

Where libyaml is missing (the WebAssembly build, some platforms) levels are read by PyYAML's
Python scanner, which ends a plain scalar at a '?' inside a flow collection: there
`{prompt: Sure?}` is a syntax error, while libyaml and the YAML specification read the text
"Sure?" (PyYAML issue 128, fixed in libyaml only). A level must load the same everywhere, so
this scanner stops only where libyaml stops. A '?' that starts a key (`{? key: value}`) is
recognised before a plain scalar starts, and is unchanged.
"""

from __future__ import annotations

import yaml
from yaml.tokens import ScalarToken

_BREAKS = "\0 \t\r\n\x85\u2028\u2029"


class PureSafeLoader(yaml.SafeLoader):
    """yaml.SafeLoader with libyaml's end of a plain scalar in flow collections."""

    def scan_plain(self) -> ScalarToken:
        # PyYAML's Scanner.scan_plain (MIT licence) with one change: in a flow collection
        # the scalar ends at ',[]{}' but not at '?', as in libyaml's scanner.
        chunks: list[str] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[str] = []
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if (
                    ch in _BREAKS
                    or (ch == ":" and self.peek(length + 1)
                        in _BREAKS + (",[]{}" if self.flow_level else ""))
                    or (self.flow_level and ch in ",[]{}")
                ):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces)
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            following = self.scan_plain_spaces(indent, start_mark)
            if not following or self.peek() == "#" or (
                not self.flow_level and self.column < indent
            ):
                break
            spaces = following
        return ScalarToken("".join(chunks), True, start_mark, end_mark)
