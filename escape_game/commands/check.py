"""`escape-game check LEVEL`: prove a level can be won, and find its dead ends and gaps."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from escape_game.resources import level_path

OK, PROBLEMS, USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="prove a level can be won; list dead ends, unreachable content and concepts",
        description="Explore every state a player can reach with the real rules (timers off) "
        "and report: can the level be won, the shortest way out, every dead end with the "
        "moves that lead there, unreachable rooms, objects and puzzles, concepts a winning "
        "play can skip, and threats no potion can cover. Exit status: 0 no errors, 1 errors "
        "or undecided, 2 unusable call.",
    )
    parser.add_argument("level", type=level_path,
                        help="level folder, campaign.yaml, or a shipped campaign's name")
    parser.add_argument("--budget", type=int, default=None,
                        help="most distinct states to explore (default 200000)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from escape_game.check import DEFAULT_BUDGET, check_level
    from escape_game.check.checker import locator
    from escape_game.commands._level import level_or_report

    budget = DEFAULT_BUDGET if args.budget is None else args.budget
    if budget < 1:
        print("escape-game check: --budget must be at least 1", file=sys.stderr)
        return USAGE
    found = level_or_report(args.level)
    if found is None:
        return PROBLEMS
    loaded, level = found
    report = check_level(level, budget=budget)
    locate = locator(loaded)
    if args.format == "json":
        json.dump(report.as_dict(locate), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(report.text(locate))
    return PROBLEMS if report.errors or report.winnable is None else OK
