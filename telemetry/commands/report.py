"""`escape-game telemetry report FOLDER [-o OUT]`: the pre/post report of a classroom."""

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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.research.console import DATA_ERROR, load
    from telemetry.research.report import write_report

    ds = load(args)
    if ds is None:
        return DATA_ERROR
    if ds.sessions.empty:
        print(f"error: no readable session in {args.folder}", file=sys.stderr)
        return DATA_ERROR
    path = write_report(ds, args.output or args.folder / "report")
    print(f"wrote {path}", file=sys.stderr)
    return 0
