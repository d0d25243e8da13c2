"""What the research subcommands share: load a folder, print its problems, map errors to codes.

Imported when the CLI builds its parser, so the heavy libraries load only inside ``load``.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import gc
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from telemetry.research.ingest import Dataset

DATA_ERROR = 1
USAGE_ERROR = 2


def add_folder_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="folder of session files (*.jsonl), any depth")
    parser.add_argument("--allow-mixed", action="store_true",
                        help="keep sessions of different level versions (adds a version column)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar, no problem list")
    parser.add_argument("--workers", type=_positive, default=1, metavar="N",
                        help="read the files in N processes (same result; faster on big folders)")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


@functools.cache
def freeze_at_exit() -> None:
    """At exit, before the interpreter's last collections, move every object still alive out
    of the cyclic collector's reach.

    A research command ends with pandas, SciPy, statsmodels, matplotlib and DuckDB loaded:
    hundreds of thousands of objects, which the final collections walk (about half a second
    of CPU, a twentieth of a report) only for the memory to be handed back to the system
    anyway. Objects are still freed by reference counting and ``atexit`` handlers still run
    (the dataset's temporary database is removed as before); only cycles alive at exit stay
    uncollected, and the process is ending. Registered once per process."""
    atexit.register(gc.freeze)


def load(args: argparse.Namespace, events: frozenset[str] | None = None) -> Dataset | None:
    """The dataset (keeping only the ``events`` named, when given), or None after printing a
    clear reason on stderr."""
    from telemetry.research.ingest import MixedVersionsError, ingest

    freeze_at_exit()

    try:
        ds = ingest(args.folder, allow_mixed=args.allow_mixed, quiet=args.quiet,
                    workers=getattr(args, "workers", 1), events=events)
    except (FileNotFoundError, MixedVersionsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return None
    if not args.quiet:
        summarize(ds)
    return ds


def summarize(ds: Dataset, limit: int = 20) -> None:
    print(f"{len(ds.sessions)} sessions, {ds.n_events} events, {ds.n_answers} quiz "
          f"answers; {ds.erased_sessions} erased sessions left out", file=sys.stderr)
    shown = [p for p in ds.problems if p.severity != "info"]
    for problem in shown[:limit]:
        print(f"  {problem}", file=sys.stderr)
    if len(shown) > limit:
        counts = Counter(p.kind for p in shown)
        listing = ", ".join(f"{n} {kind}" for kind, n in counts.most_common())
        print(f"  ... {len(shown) - limit} more ({listing}); all of them are in problems.csv",
              file=sys.stderr)
