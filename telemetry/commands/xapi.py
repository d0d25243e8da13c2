"""`escape-game telemetry xapi FOLDER -o statements.jsonl`: xAPI statements, one per line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_xapi_arguments(parser: argparse.ArgumentParser) -> None:
    from telemetry.research.console import add_folder_arguments

    add_folder_arguments(parser)
    parser.add_argument("--home-page", default="https://escape-game.invalid",
                        help="homePage of the players' accounts (your school's URL)")
    parser.add_argument("--activity-base", default="https://escape-game.invalid/xapi",
                        help="IRI prefix of the game's activities")
    parser.add_argument("--actor-name", choices=("hash", "code"), default="hash",
                        help="name players by the sha256 of their code (default) or the code")


def options_from(args: argparse.Namespace) -> Any:
    from telemetry.research.xapi import XapiOptions

    return XapiOptions(home_page=args.home_page, activity_base=args.activity_base,
                       actor_name=args.actor_name)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "xapi", help="write xAPI 1.0.3 statements (Serious Games profile) as JSON Lines")
    add_xapi_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, required=True, help="statements.jsonl")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.research.console import DATA_ERROR, load
    from telemetry.research.xapi import statements, write_jsonl

    ds = load(args)
    if ds is None:
        return DATA_ERROR
    args.output.parent.mkdir(parents=True, exist_ok=True)
    count = write_jsonl(statements(ds, options_from(args)), args.output)
    print(f"wrote {count} statements to {args.output}", file=sys.stderr)
    return 0
