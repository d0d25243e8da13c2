"""What the commands about one player's data share: which player, which folder."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_player_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--player", required=True, metavar="CODE", help="the player code")
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help="session folder (default: this computer's data folder)")


def player_and_folder(args: argparse.Namespace) -> tuple[str, Path]:
    """The player's code as recorded, and the session folder to look in."""
    from telemetry.codes import normalize_code
    from telemetry.paths import default_data_dir

    folder: Path = args.data or default_data_dir()
    return normalize_code(args.player), folder


def unreadable_headers(folder: Path) -> str:
    """The session files whose header cannot be read (so whose player is unknown), listed."""
    from telemetry.privacy import unattributed_sessions

    unreadable = unattributed_sessions(folder)
    if not unreadable:
        return ""
    return (f"{len(unreadable)} file(s) have an unreadable header: "
            + ", ".join(str(p.relative_to(folder)) for p in unreadable))
