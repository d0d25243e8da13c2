"""`escape-game replay SESSION_FILE`: prove a recorded session replays event for event."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from escape_game.resources import LEVELS


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "replay",
        help="re-run a session file through the game rules and compare every event",
        description="Re-run the game from the session's seed and recorded actions and check "
        "that every recorded event comes out again, in order. Exit 0 when it does, 1 when "
        "not (the first difference is printed).",
    )
    parser.add_argument("session", type=Path, metavar="SESSION_FILE")
    parser.add_argument("--level", type=Path, default=None, metavar="PATH",
                        help="level folder or campaign file (default: found by campaign id "
                        "under levels/)")
    parser.add_argument("--force", action="store_true",
                        help="replay even if the level's content hash differs from the session's")
    parser.set_defaults(handler=run)


def _find_level(campaign_id: str) -> Path | None:
    from escape_game.loading import find_levels, load_campaign

    for folder in (Path.cwd() / "levels", LEVELS):
        if not folder.is_dir():
            continue
        for path in find_levels([folder]):
            try:
                if load_campaign(path).campaign.id == campaign_id:
                    return path
            except Exception:  # a broken level elsewhere is not this session's
                continue
    return None


def run(args: argparse.Namespace) -> int:
    from escape_game.core import Level
    from escape_game.loading import LevelError, load_campaign
    from telemetry.reader import read_session
    from telemetry.replay_check import check_replay, report

    session = read_session(args.session)
    for problem in session.problems:
        print(f"{args.session}: {problem}", file=sys.stderr)
    if session.header is None:
        return 1
    header = session.header
    path = args.level or _find_level(header.campaign_id)
    if path is None:
        print(f"error: no level with campaign id {header.campaign_id!r} under {LEVELS}; "
              "give it with --level", file=sys.stderr)
        return 1
    try:
        loaded = load_campaign(path)
    except LevelError as error:
        print(f"error: the level {path} does not load:\n{error}", file=sys.stderr)
        return 1
    if loaded.content_hash != header.content_hash:
        message = (f"the level {path} is not the version this session was played on "
                   f"(content hash {loaded.content_hash[:12]}... vs "
                   f"{header.content_hash[:12]}...)")
        if not args.force:
            print(f"error: {message}; use --force to replay anyway", file=sys.stderr)
            return 1
        print(f"warning: {message}", file=sys.stderr)
    result = check_replay(session, Level.from_campaign(loaded.campaign))
    print(report(result))
    if result.ok:
        print("OK: the session replays exactly")
        return 0
    return 1
