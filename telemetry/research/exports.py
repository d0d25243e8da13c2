"""Tidy exports of a dataset: CSV or Parquet files a researcher opens in R, Stata or Excel.

Every table written here is built after tombstones were applied, so an erased player can
never reach a file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

import duckdb
import pandas as pd
import pyarrow as pa

from telemetry.research import behaviour, inclusion, tables
from telemetry.research.codebook import codebook
from telemetry.research.ingest import Dataset
from telemetry.research.plan import Inclusion

Format = Literal["csv", "parquet"]


def dataset_tables(ds: Dataset, participants: pd.DataFrame | None = None,
                   rule: Inclusion | None = None, *, events: bool = True,
                   computed: Mapping[str, pd.DataFrame] | None = None) -> dict[str, Any]:
    """Name -> table (pandas, or Arrow for the events, which can hold millions of rows);
    the events keep their ``data`` as a JSON object in one text column. ``room_times`` is
    per session and room; partial quizzes and the attrition follow ``rule``. A table in
    ``computed`` (the report's analysis has most of them) is used as it is, not queried
    again."""
    rule = rule or Inclusion()
    known = computed or {}
    people = tables.participants(ds, rule) if participants is None else participants
    matrix = tables.item_matrix(ds).reset_index()
    sessions = ds.sessions.drop(columns=["file"])
    tables_: dict[str, Any] = {"sessions": sessions}
    if events:  # the report leaves the raw events to `telemetry dataset`
        if ds.event_names is not None:
            raise ValueError("the dataset keeps only some events: ingest with events=None "
                             "to export them")
        # A DuckDB relation: written straight from the database, never whole in memory.
        tables_["events"] = ds.connect().sql(
            "SELECT session_id, seq, t_ms, name, CAST(data AS VARCHAR) AS data FROM events "
            "ORDER BY session_id, seq")
    return {
        **tables_,
        "quiz_answers": ds.connect().sql("SELECT * FROM answers ORDER BY session_id, seq"),
        "item_matrix": matrix,
        "participants": people,
        "room_times": _get(known, "room_times", lambda: behaviour.room_times(ds)),
        "decisions": _get(known, "decisions", lambda: behaviour.decisions(ds)),
        "funnel": _get(known, "funnel", lambda: behaviour.funnel(ds)),
        "attrition": _get(known, "attrition", lambda: inclusion.attrition(ds, people)),
        "partial_quizzes": _get(known, "partial_quizzes", lambda: inclusion.partial_quizzes(
            inclusion.quiz_status(ds, rule), ds.sessions)),
        "problems": pd.DataFrame(
            [(p.severity, p.kind, p.file, p.line, p.message) for p in ds.problems],
            columns=["severity", "kind", "file", "line", "message"]),
    }


def _get(known: Mapping[str, pd.DataFrame], name: str,
         make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    return known[name] if name in known else make()


def with_codebook(tables_: dict[str, Any]) -> dict[str, Any]:
    """The tables and, last, the codebook describing every column of each."""
    return {**tables_, "codebook": codebook(tables_)}


def write_tables(tables_: dict[str, Any], out: Path, fmt: Format = "csv") -> list[Path]:
    """Write each table; Arrow tables are written by pyarrow directly (fast on big tables)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables_.items():
        path = out / f"{name}.{fmt}"
        if isinstance(table, duckdb.DuckDBPyRelation):
            if fmt == "csv":
                table.write_csv(str(path))
            else:
                table.write_parquet(str(path))
        elif isinstance(table, pa.Table):
            # Imported here: the report writes no Arrow table, and pyarrow's Parquet and CSV
            # modules take a while to import.
            if fmt == "csv":
                import pyarrow.csv as pacsv

                pacsv.write_csv(table, path)
            else:
                import pyarrow.parquet as pq

                pq.write_table(table, path)
        elif fmt == "csv":
            table.to_csv(path, index=False)
        else:
            table.to_parquet(path, index=False)
        written.append(path)
    return written
