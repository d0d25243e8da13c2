"""`escape-game telemetry dataset FOLDER -o OUT`: tidy CSV or Parquet tables of a classroom."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from telemetry.research.console import add_folder_arguments

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "dataset", help="export events, quiz answers, item matrix and participants as "
        "tables, with a codebook")
    add_folder_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, required=True, help="folder to write")
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.research.console import DATA_ERROR, load
    from telemetry.research.exports import dataset_tables, with_codebook, write_tables

    ds = load(args)
    if ds is None:
        return DATA_ERROR
    written = write_tables(with_codebook(dataset_tables(ds)), args.output, args.format)
    print(f"wrote {len(written)} tables to {args.output}", file=sys.stderr)
    return 0
