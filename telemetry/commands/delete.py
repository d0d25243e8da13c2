"""`escape-game telemetry delete --player CODE`: erase a player's sessions, leave a tombstone."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "delete",
        help="erase every session file of one player and record a tombstone",
        description="Remove every session file of a player code from the folder, and append "
        "the code's SHA-256 (not the code) to tombstones.txt so later imports refuse copies.",
    )
    parser.add_argument("--player", required=True, metavar="CODE", help="the player code")
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="session folder (default: this computer's data folder)")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.codes import normalize_code
    from telemetry.paths import default_data_dir
    from telemetry.privacy import erase_player, player_sessions, unattributed_sessions

    folder: Path = args.data or default_data_dir()
    code = normalize_code(args.player)
    paths = player_sessions(folder, code) if folder.is_dir() else []
    if not args.yes:
        prompt = (f"Erase {len(paths)} session file(s) of {code} in {folder} "
                  "and record a tombstone? [y/N] ")
        try:
            answer = input(prompt)
        except EOFError:
            answer = ""
        if answer.strip().lower() not in {"y", "yes"}:
            print("nothing erased", file=sys.stderr)
            return 1
    try:
        erasure = erase_player(folder, code)
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in erasure.removed:
        print(f"removed {path}")
    print(f"tombstone {erasure.tombstone} added to {folder / 'tombstones.txt'}")
    unreadable = unattributed_sessions(folder)
    if unreadable:
        print(f"warning: {len(unreadable)} file(s) have an unreadable header and may also "
              "belong to this player; check them by hand: "
              + ", ".join(str(p.relative_to(folder)) for p in unreadable), file=sys.stderr)
    return 0
