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
def _freeze_at_exit() -> None:
    atexit.register(gc.freeze)


def freeze_loaded_libraries() -> None:
    """Move every object alive now out of the cyclic collector's reach, now and at exit.

    A research command has pandas, SciPy, statsmodels, matplotlib and DuckDB loaded by the
    time it reads a folder: hundreds of thousands of objects that live until the process
    ends. Left in the collector's oldest generation, each full collection while the
    command runs walks all of them again, and so do the interpreter's last collections at
    exit, only for the memory to go back to the system: about 0.2 s and 0.5 s of CPU, near
    a tenth of a report. Frozen (``gc.freeze``), they are skipped; objects are still freed
    by reference counting, and ``atexit`` handlers still run (the dataset's temporary
    database is removed as before). What is frozen is what was alive, garbage cycles
    included: in a command, a few objects of the imports at most."""
    gc.freeze()
    _freeze_at_exit()


def load(args: argparse.Namespace, events: frozenset[str] | None = None) -> Dataset | None:
    """The dataset (keeping only the ``events`` named, when given), or None after printing a
    clear reason on stderr."""
    from telemetry.research.ingest import MixedVersionsError, ingest

    freeze_loaded_libraries()
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
