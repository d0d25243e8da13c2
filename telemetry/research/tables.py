"""Tidy tables derived from a Dataset with DuckDB: scores, the item matrix, the summary.

A participant is a session (one pre-quiz, one play-through, one post-quiz). When an item was
answered twice in a phase, the last answer counts. Scores are proportions correct over the
scored items a participant answered; whether a quiz is complete (every item of its form, or
the plan's threshold) is a separate flag, see :mod:`telemetry.research.inclusion`.
Confidence is the mean of the Likert (unscored, numeric) answers of a phase.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from telemetry.research import behaviour
from telemetry.research.inclusion import quiz_status
from telemetry.research.ingest import Dataset
from telemetry.research.plan import Inclusion
from telemetry.research.stats import marx_cummings

LAST_ANSWERS = """
SELECT * FROM answers WHERE correct IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY session_id, phase, item ORDER BY seq DESC) = 1
"""


def _last_answers(ds: Dataset) -> str:
    """The name of a table of :data:`LAST_ANSWERS`, made once per dataset (the scores and
    each item matrix read it; the answers never change once ingested)."""
    ds.connect().execute(f"CREATE TEMP TABLE IF NOT EXISTS last_answers AS {LAST_ANSWERS}")
    return "last_answers"


def scores(ds: Dataset) -> pd.DataFrame:
    """Long table: session_id, phase, concept ('' = overall), n items, n correct, score."""
    sql = f"""
    WITH last AS (SELECT * FROM {_last_answers(ds)})
    SELECT session_id, phase, coalesce(concept, '') AS concept, count(*) AS n,
           sum(CAST(correct AS INTEGER)) AS n_correct, avg(CAST(correct AS DOUBLE)) AS score
    FROM last GROUP BY session_id, phase, concept
    UNION ALL
    SELECT session_id, phase, '' AS concept, count(*), sum(CAST(correct AS INTEGER)),
           avg(CAST(correct AS DOUBLE))
    FROM last GROUP BY session_id, phase
    ORDER BY session_id, phase, concept
    """
    frame: pd.DataFrame = ds.connect().execute(sql).df()
    return frame


def concepts(ds: Dataset) -> list[str]:
    rows = ds.connect().execute(
        "SELECT DISTINCT concept FROM answers WHERE concept IS NOT NULL AND correct IS NOT NULL "
        "ORDER BY 1").fetchall()
    return [str(r[0]) for r in rows]


def item_matrix(ds: Dataset, phase: str | None = None, form: str | None = None) -> pd.DataFrame:
    """Wide participant x item matrix of 0/1 (NaN = not answered), indexed by session_id."""
    # The last answer is chosen among all answers first, then filtered and pivoted in DuckDB:
    # a million answers never become a long pandas table (pivot_table's memory grew with it).
    con = ds.connect()
    tests = [f"{column} = {_quote(value)}"
             for column, value in (("phase", phase), ("form", form)) if value is not None]
    where = " AND ".join(tests) or "true"
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW matrix_long AS SELECT session_id, item, seq, "
        f"CAST(correct AS DOUBLE) AS value FROM {_last_answers(ds)} WHERE {where}")
    items = [str(r[0]) for r in con.execute(
        "SELECT DISTINCT item FROM matrix_long ORDER BY item").fetchall()]
    if not items:
        return pd.DataFrame(index=pd.Index([], name="session_id"))
    columns = ", ".join(
        f"arg_max(value, seq) FILTER (WHERE item = {_quote(i)}) AS {_ident(i)}" for i in items)
    wide: pd.DataFrame = con.execute(
        f"SELECT session_id, {columns} FROM matrix_long GROUP BY session_id "
        "ORDER BY session_id").df().set_index("session_id")
    wide.columns = items
    return wide.astype(float)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


LIKERT = """
SELECT * FROM answers WHERE correct IS NULL AND TRY_CAST(choice AS INTEGER) IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY session_id, phase, item ORDER BY seq DESC) = 1
"""


def likert_answers(ds: Dataset) -> pd.DataFrame:
    """The last answer to each Likert (confidence) item: session, phase, concept, value."""
    frame: pd.DataFrame = ds.connect().execute(
        f"SELECT session_id, phase, form, item, coalesce(concept, '') AS concept, "
        f"CAST(choice AS INTEGER) AS value FROM ({LIKERT}) ORDER BY session_id, seq").df()
    return frame


def participants(ds: Dataset, rule: Inclusion | None = None) -> pd.DataFrame:
    """One row per session: who, which forms, pre/post overall and per concept, whether each
    quiz is complete, confidence, behaviour."""
    rule = rule or Inclusion()
    long = scores(ds)
    base = ds.sessions[["session_id", "player_hash", "player", "condition", "class_id",
                        "school_id", "language", "version", "pre_form", "post_form",
                        "has_footer", "outcome"]].copy()
    out = base.set_index("session_id")
    for phase in ("pre", "post"):
        part = long[long["phase"] == phase]
        wide = part.pivot_table(index="session_id", columns="concept", values="score")
        out[f"{phase}_score"] = wide.get("", np.nan)
        counts = part[part["concept"] == ""].set_index("session_id")["n"]
        out[f"{phase}_items"] = counts.reindex(out.index).fillna(0).astype(int)
        for concept in concepts(ds):
            out[f"{phase}_{concept}"] = wide.get(concept, np.nan)
    out["gain"] = out["post_score"] - out["pre_score"]
    out["normalized_change"] = [
        marx_cummings(a, b) if pd.notna(a) and pd.notna(b) else np.nan
        for a, b in zip(out["pre_score"], out["post_score"], strict=True)
    ]
    for concept in concepts(ds):
        out[f"gain_{concept}"] = out[f"post_{concept}"] - out[f"pre_{concept}"]
    status = quiz_status(ds, rule)
    for phase in ("pre", "post"):
        part = status[status["phase"] == phase].drop_duplicates("session_id", keep="last")
        part = part.set_index("session_id").reindex(out.index)
        out[f"{phase}_answered"] = part["answered"].fillna(0).astype(int)
        out[f"{phase}_expected"] = part["expected"].astype("Int64")
        out[f"{phase}_complete"] = part["complete"].fillna(False).astype(bool)
    likert = likert_answers(ds)
    for phase in ("pre", "post"):
        mean = likert[likert["phase"] == phase].groupby("session_id")["value"].mean()
        out[f"{phase}_confidence"] = mean.reindex(out.index).astype(float)
    # The primary analysis: both quizzes complete. The sensitivity analysis: any pair of scores.
    out["complete"] = out["pre_complete"] & out["post_complete"]
    out["available"] = out["pre_score"].notna() & out["post_score"].notna()
    summary = behaviour.per_participant(ds).set_index("session_id")
    out = out.join(summary, how="left")
    return out.reset_index()


def counts(frame: pd.DataFrame, column: str) -> dict[Any, int]:
    return {k: int(v) for k, v in frame[column].value_counts(dropna=False).items()}
