"""`escape-game telemetry push FOLDER --endpoint URL --auth user:pass`: xAPI to an LRS."""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    from telemetry.commands.xapi import add_xapi_arguments

    parser: argparse.ArgumentParser = subparsers.add_parser(
        "push", help="send the xAPI statements to a Learning Record Store (resumable)")
    add_xapi_arguments(parser)
    parser.add_argument("--endpoint", required=True,
                        help="the LRS base URL, e.g. https://lrs.school.example")
    parser.add_argument("--auth", required=True, metavar="USER:PASSWORD",
                        help="HTTP basic credentials of the LRS")
    parser.add_argument("--batch", type=int, default=100, help="statements per request")
    parser.add_argument("--retries", type=int, default=6,
                        help="retries of a failed request (5xx, timeouts, connection errors)")
    parser.add_argument("--cursor", type=Path, default=None,
                        help="progress file (default: FOLDER/.xapi-push-<endpoint hash>.json)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from telemetry.commands.xapi import options_from
    from telemetry.research.console import DATA_ERROR, USAGE_ERROR, load
    from telemetry.research.push import PushConfig, PushError, parse_auth, push
    from telemetry.research.xapi import statements

    try:
        user, password = parse_auth(args.auth)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return USAGE_ERROR
    if args.batch < 1:
        print("error: --batch must be at least 1", file=sys.stderr)
        return USAGE_ERROR
    ds = load(args)
    if ds is None:
        return DATA_ERROR
    config = PushConfig(endpoint=args.endpoint, user=user, password=password,
                        batch=args.batch, retries=args.retries)
    digest = hashlib.sha256(config.statements_url.encode()).hexdigest()[:12]
    cursor = args.cursor or args.folder / f".xapi-push-{digest}.json"
    bar = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(desc="pushing statements", unit="st", file=sys.stderr)
    try:
        result = push(statements(ds, options_from(args)), config, cursor,
                      progress=bar.update if bar else None)
    except PushError as error:
        print(f"error: {error}\nprogress is saved in {cursor}; run the same command again "
              "to resume", file=sys.stderr)
        return DATA_ERROR
    finally:
        if bar is not None:
            bar.close()
    for note in result.notes:
        print(note, file=sys.stderr)
    print(f"{result.total} statements acknowledged: {result.sent} stored now, "
          f"{result.already_there} already in the LRS, {result.skipped} done by an earlier "
          f"run; {result.batches} batches, {result.retries} retries", file=sys.stderr)
    return 0
