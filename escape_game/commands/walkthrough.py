"""`escape-game walkthrough LEVEL`: the shortest solution, step by step, for teachers."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from escape_game.resources import level_path

OK, PROBLEMS, USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "walkthrough",
        help="print the shortest solution in readable steps",
        description="Find the shortest way out with the real rules (timers off) and print it "
        "as numbered steps in the level's language, to prepare a class.",
    )
    parser.add_argument("level", type=level_path,
                        help="level folder, campaign.yaml, or a shipped campaign's name")
    parser.add_argument("--lang", default=None,
                        help="language of the steps (default: the level's first language)")
    parser.add_argument("--budget", type=int, default=None,
                        help="most distinct states to explore (default 200000)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from escape_game.check import DEFAULT_BUDGET
    from escape_game.check.search import search
    from escape_game.check.walkthrough import walkthrough_lines
    from escape_game.commands._level import level_or_report

    found = level_or_report(args.level)
    if found is None:
        return PROBLEMS
    _, level = found
    lang = args.lang or level.campaign.languages[0]
    if lang not in level.campaign.languages:
        known = ", ".join(level.campaign.languages)
        print(f"escape-game walkthrough: the level is written in {known}, not {lang!r}",
              file=sys.stderr)
        return USAGE
    result = search(level, budget=args.budget or DEFAULT_BUDGET)
    why = "no play escapes" if result.complete else "undecided within the budget"
    print("\n".join(walkthrough_lines(level, result.shortest_win, lang, why)))
    return OK if result.winnable else PROBLEMS
