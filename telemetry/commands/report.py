"""`escape-game telemetry report FOLDER [-o OUT] [--plan FILE]`: the report of a classroom."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from telemetry.research.console import add_folder_arguments

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report", help="write a self-contained HTML pre/post report with its CSV tables")
    add_folder_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="folder to write (default: FOLDER/report)")
    parser.add_argument("--plan", type=Path, default=None, metavar="FILE",
                        help="pre-registered analysis plan (YAML) to follow and echo "
                        "(`escape-game telemetry plan` writes a template)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.research.console import DATA_ERROR, USAGE_ERROR, load
    from telemetry.research.plan import PlanError, load_plan
    from telemetry.research.report import write_report

    plan = None
    if args.plan is not None:
        try:
            plan = load_plan(args.plan)
        except PlanError as error:
            print(f"error: {error}", file=sys.stderr)
            return USAGE_ERROR
    from telemetry.research.behaviour import EVENTS_READ

    ds = load(args, events=EVENTS_READ)  # the report reads no other event
    if ds is None:
        return DATA_ERROR
    if ds.sessions.empty:
        print(f"error: no readable session in {args.folder}", file=sys.stderr)
        return DATA_ERROR
    path = write_report(ds, args.output or args.folder / "report", plan,
                        getattr(args, "command_line", None))
    print(f"wrote {path}", file=sys.stderr)
    return 0
