"""What produced a report: software and versions, the data's content hashes, the command, the
plan. A reader of the paper can then rerun the same analysis on the same data."""

from __future__ import annotations

import hashlib
import platform
import shlex
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import metadata

import pandas as pd

from telemetry.research.ingest import Dataset
from telemetry.research.plan import LoadedPlan

LIBRARIES = ("pandas", "numpy", "scipy", "statsmodels", "duckdb", "pyarrow", "pydantic", "msgspec",
             "matplotlib", "PyYAML")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def provenance(ds: Dataset, plan: LoadedPlan, command: Sequence[str] | None) -> pd.DataFrame:
    """One row per fact (what, value), in the order the report prints them."""
    from escape_game import __version__

    rows: list[tuple[str, str]] = [
        ("generated (UTC)", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
        ("command line", shlex.join(command) if command else "(called from Python)"),
        ("escape-game engine (analysis)", __version__),
        ("engine versions that recorded the sessions",
         ", ".join(f"{v} ({n})" for v, n in
                   ds.sessions["engine_version"].value_counts().sort_index().items()) or "-"),
        ("campaign", ", ".join(sorted(set(ds.sessions["campaign_id"]))) or "-"),
    ]
    rows += [("content hash (sessions)", f"{h} ({n})") for h, n in sorted(ds.versions.items())]
    rows += [
        ("analysis plan", str(plan.path) if plan.path else "default (no plan given)"),
        ("analysis plan SHA-256", plan.sha256),
        ("data files read (SHA-256 of the sorted session digests)", _data_digest(ds)),
        ("Python", platform.python_version()),
        ("platform", platform.platform(terse=True)),
    ]
    rows += [(name, _version(name)) for name in LIBRARIES]
    return pd.DataFrame(rows, columns=["what", "value"])


def _data_digest(ds: Dataset) -> str:
    """A fingerprint of which sessions were analysed (ids, sorted): same data, same digest."""
    ids = sorted(ds.sessions["session_id"].astype(str))
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()
