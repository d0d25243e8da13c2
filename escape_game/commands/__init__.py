"""Subcommands of `escape-game`.

Every module here defines ``register(subparsers)``, which adds one subcommand and sets
``handler=fn`` on it; ``fn(args) -> int`` returns the exit status (0 ok, 1 problems found,
2 unusable call). Modules import their heavy dependencies inside the handler so that
``escape-game --help`` stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path


def say_missing(command: str, paths: Iterable[Path]) -> bool:
    """Name each given path that does not exist, on stderr; whether any was missing."""
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"escape-game {command}: {path}: no such file or folder", file=sys.stderr)
    return bool(missing)
