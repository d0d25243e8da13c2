"""`escape-game telemetry delete --player CODE`: erase a player's sessions, leave a tombstone."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from telemetry.commands._player import (
    add_player_arguments,
    player_and_folder,
    unreadable_headers,
)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "delete",
        help="erase every session file of one player and record a tombstone",
        description="Remove every session file of a player code from the folder, and append "
        "the code's SHA-256 (not the code) to tombstones.txt so later imports refuse copies.",
    )
    add_player_arguments(parser)
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.privacy import erase_player, player_sessions

    code, folder = player_and_folder(args)
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
    unreadable = unreadable_headers(folder)
    if unreadable:
        print(f"warning: {unreadable}; they may also belong to this player: check them by "
              "hand", file=sys.stderr)
    return 0
