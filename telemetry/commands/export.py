"""`escape-game telemetry export --player CODE`: every record of one player (right of access)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="write every session record of one player (JSON Lines, or a zip)",
        description="Gather every session file of a player code: JSON Lines on standard "
        "output or in FILE, or the files themselves in a zip when FILE ends in .zip.",
    )
    parser.add_argument("--player", required=True, metavar="CODE", help="the player code")
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="session folder (default: this computer's data folder)")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FILE",
                        help="write here instead of standard output (never overwritten)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.codes import normalize_code
    from telemetry.paths import default_data_dir
    from telemetry.privacy import export_player, unattributed_sessions

    folder: Path = args.data or default_data_dir()
    code = normalize_code(args.player)
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
    unreadable = unattributed_sessions(folder)
    if unreadable:
        print(f"note: {len(unreadable)} file(s) have an unreadable header and could not be "
              "checked: " + ", ".join(str(p.relative_to(folder)) for p in unreadable),
              file=sys.stderr)
    return 0
