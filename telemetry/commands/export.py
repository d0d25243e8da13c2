"""`escape-game telemetry export --player CODE`: every record of one player (right of access)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from telemetry.commands._player import (
    add_player_arguments,
    player_and_folder,
    unreadable_headers,
)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="write every session record of one player (JSON Lines, or a zip)",
        description="Gather every session file of a player code: JSON Lines on standard "
        "output or in FILE, or the files themselves in a zip when FILE ends in .zip.",
    )
    add_player_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                        help="write here instead of standard output (never overwritten)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.privacy import export_player

    code, folder = player_and_folder(args)
    if not folder.is_dir():
        print(f"error: no session folder at {folder}", file=sys.stderr)
        return 1
    try:
        count = export_player(folder, code, args.output or sys.stdout.buffer)
    except FileExistsError:
        print(f"error: {args.output} already exists; choose another name", file=sys.stderr)
        return 1
    where = f" into {args.output}" if args.output else ""
    print(f"exported {count} session file(s) of {code}{where}", file=sys.stderr)
    unreadable = unreadable_headers(folder)
    if unreadable:
        print(f"note: {unreadable}; they could not be checked", file=sys.stderr)
    return 0
