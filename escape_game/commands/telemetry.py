"""`escape-game telemetry ...`: the group gathers the subcommands of telemetry.commands."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from typing import Any


def register(subparsers: Any) -> None:
    import telemetry.commands as group

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "telemetry", help="record, export, analyse and erase session data"
    )
    sub = parser.add_subparsers(dest="telemetry_command", metavar="ACTION")
    for info in sorted(pkgutil.iter_modules(group.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        importlib.import_module(f"{group.__name__}.{info.name}").register(sub)
