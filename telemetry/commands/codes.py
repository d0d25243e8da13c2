"""`escape-game telemetry codes`: a printable class list of pseudonymous player codes."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "codes",
        help="print pseudonymous player codes for a class list",
        description="Print distinct player codes such as OWL-427, one per line, with a blank "
        "column for the teacher to write each pupil's name on paper. Names never go into "
        "the game or its files.",
    )
    parser.add_argument("--count", type=int, default=30, help="how many codes (default 30)")
    parser.add_argument("--seed", type=int, default=None, help="repeatable list for a seed")
    parser.add_argument("--plain", action="store_true", help="codes only, no name column")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.codes import all_codes, generate_codes

    if not 0 < args.count <= all_codes():
        print(f"error: --count must be between 1 and {all_codes()}")
        return 2
    codes = generate_codes(args.count, args.seed)
    if args.plain:
        print("\n".join(codes))
        return 0
    print("Player codes (keep this sheet with the teacher; never type names into the game)")
    print()
    for number, code in enumerate(codes, start=1):
        print(f"{number:>3}.  {code:<10}  name: ______________________________")
    return 0
