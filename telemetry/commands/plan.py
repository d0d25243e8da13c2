"""`escape-game telemetry plan FILE`: write a commented analysis-plan template to pre-register."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "plan", help="write a pre-registration analysis plan template (YAML)",
        description="Write a commented analysis plan (primary outcome, inclusion rule, alpha, "
        "correction, covariates, conditions) for `telemetry report --plan FILE`.")
    parser.add_argument("output", type=Path, nargs="?", default=Path("analysis_plan.yaml"),
                        help="file to write (never overwritten; default analysis_plan.yaml)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.research.plan import write_template

    try:
        write_template(args.output)
    except FileExistsError:
        print(f"error: {args.output} exists; choose another name", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"error: {args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}: edit it before collecting data, then pass it to "
          "`escape-game telemetry report --plan`", file=sys.stderr)
    return 0
