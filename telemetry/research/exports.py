"""Tidy exports of a dataset: CSV or Parquet files a researcher opens in R, Stata or Excel.

Every table written here is built after tombstones were applied, so an erased player can
never reach a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from telemetry.research import behaviour, tables
from telemetry.research.ingest import Dataset

Format = Literal["csv", "parquet"]


def dataset_tables(ds: Dataset) -> dict[str, pd.DataFrame]:
    """Name -> table; the events keep their ``data`` as a JSON object in one text column."""
    con = ds.connect()
    events: pd.DataFrame = con.execute(
        "SELECT session_id, seq, t_ms, name, CAST(data AS VARCHAR) AS data FROM events "
        "ORDER BY session_id, seq").df()
    matrix = tables.item_matrix(ds).reset_index()
    sessions = ds.sessions.drop(columns=["file"])
    return {
        "sessions": sessions,
        "events": events,
        "quiz_answers": ds.answers.sort_values(["session_id", "seq"]),
        "item_matrix": matrix,
        "participants": tables.participants(ds),
        "room_times": behaviour.room_times(ds),
        "decisions": behaviour.decisions(ds),
        "funnel": behaviour.funnel(ds),
        "problems": pd.DataFrame(
            [(p.severity, p.kind, p.file, p.line, p.message) for p in ds.problems],
            columns=["severity", "kind", "file", "line", "message"]),
    }


def write_tables(tables_: dict[str, pd.DataFrame], out: Path, fmt: Format = "csv") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables_.items():
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False)
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written
