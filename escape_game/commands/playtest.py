"""`escape-game playtest LEVEL`: seeded bot players with timers on, and a balance report."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from escape_game.resources import level_path

OK, PROBLEMS, USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "playtest",
        help="let careful, hasty and random bots play a level and report its balance",
        description="Each persona plays N seeded games with timers on, letting reading and "
        "thinking time pass before every action. The report gives, per persona: completion "
        "rate, actions and minutes to finish, money and wellbeing at the end, potions bought, "
        "threats met protected, hints used and wrong answers.",
    )
    parser.add_argument("level", type=level_path,
                        help="level folder, campaign.yaml, or a shipped campaign's name")
    parser.add_argument("--games", type=int, default=20, help="games per persona (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    parser.add_argument("--persona", action="append", default=None,
                        help="only this persona (careful, hasty or random); repeatable")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from escape_game.check.balance import playtest, table
    from escape_game.check.bots import PERSONAS
    from escape_game.commands._level import level_or_report

    if args.games < 1:
        print("escape-game playtest: --games must be at least 1", file=sys.stderr)
        return USAGE
    names = args.persona or list(PERSONAS)
    unknown = [n for n in names if n not in PERSONAS]
    if unknown:
        print(f"escape-game playtest: unknown persona {unknown[0]!r}; choose careful, hasty "
              "or random", file=sys.stderr)
        return USAGE
    found = level_or_report(args.level)
    if found is None:
        return PROBLEMS
    _, level = found
    summaries = playtest(level, games=args.games, seed=args.seed,
                         personas=[PERSONAS[n] for n in names])
    if args.format == "json":
        data = {"level": level.id, "games": args.games, "seed": args.seed, "timers": True,
                "personas": [s.as_dict() for s in summaries]}
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(f"{level.id}: {args.games} games per persona, seeds {args.seed}.."
              f"{args.seed + args.games - 1}")
        print(table(level, summaries))
    return OK
