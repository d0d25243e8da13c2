"""`escape-game map LEVEL -o map.svg`: draw the level, coloured by what the checker proved."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from escape_game.resources import level_path

OK, PROBLEMS, USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "map", help="draw a level as a map (SVG or PNG)",
        description="Draw the rooms, the exits with their conditions, puzzles, the objects "
        "that give or take items, threats and the shop, coloured by what the checker proved "
        "(unreachable, dead end, warning). Exit status: 0 written, 1 the level has errors, "
        "2 unusable call.")
    parser.add_argument("level", type=level_path,
                        help="level folder, campaign.yaml, or a shipped campaign's name")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="the picture to write: map.svg or map.png")
    parser.add_argument("--lang", help="language of the titles (default: the level's first)")
    parser.add_argument("--no-check", action="store_true",
                        help="draw without running the checker (no colours)")
    parser.add_argument("--budget", type=int, default=None,
                        help="most distinct states the checker explores (default 200000)")
    parser.add_argument("--scale", type=float, default=1.0, help="PNG size factor (default 1)")
    parser.set_defaults(handler=run)


def write_level_map(loaded: Any, output: Path, *, report: Any = None, lang: str | None = None,
                    scale: float = 1.0) -> None:
    from escape_game.levelmap import map_drawing, write_map

    write_map(map_drawing(loaded.campaign, report, lang), output, scale)


def run(args: argparse.Namespace) -> int:
    from escape_game.check import DEFAULT_BUDGET, check_level
    from escape_game.commands._level import level_or_report

    if args.output.suffix.lower() not in (".svg", ".png"):
        print(f"escape-game map: {args.output}: write a .svg or .png file", file=sys.stderr)
        return USAGE
    if args.scale <= 0 or args.scale > 8:
        print("escape-game map: --scale must be between 0 and 8", file=sys.stderr)
        return USAGE
    found = level_or_report(args.level)
    if found is None:
        return PROBLEMS
    loaded, level = found
    if args.lang and args.lang not in loaded.campaign.languages:
        print(f"escape-game map: the level is written in {', '.join(loaded.campaign.languages)}"
              f", not {args.lang!r}", file=sys.stderr)
        return USAGE
    report = None if args.no_check else check_level(level, budget=args.budget or DEFAULT_BUDGET)
    try:
        write_level_map(loaded, args.output, report=report, lang=args.lang, scale=args.scale)
    except OSError as exc:
        print(f"escape-game map: cannot write {args.output}: {exc.strerror or exc}",
              file=sys.stderr)
        return USAGE
    print(f"wrote {args.output}", file=sys.stderr)
    return OK
