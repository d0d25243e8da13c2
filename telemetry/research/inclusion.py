"""Who counts: when a quiz is complete, who dropped out where, and how they differ.

A quiz is complete when the participant answered at least ``min_fraction_answered`` (by
default all) of the scored items of its form. A form's length is the plan's ``form_items``
when given, else the number of distinct scored items any participant answered on that form
in the folder. Partial quizzes are listed, never silently scored as complete: the primary
analysis uses complete pre/post pairs only, and the sensitivity analysis every pair of
available scores, side by side.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from telemetry.research import stats
from telemetry.research.ingest import Dataset
from telemetry.research.plan import Inclusion
from telemetry.research.scipy_stats import stats as sps

ANSWERED = """
SELECT session_id, phase, form, count(DISTINCT item) AS answered
FROM answers WHERE correct IS NOT NULL GROUP BY ALL
"""


def form_lengths(ds: Dataset, rule: Inclusion) -> dict[str, int]:
    """Scored items per form: the plan's number, else the distinct items seen in the folder."""
    rows = ds.connect().execute(
        "SELECT form, count(DISTINCT item) FROM answers WHERE correct IS NOT NULL "
        "GROUP BY form ORDER BY form").fetchall()
    lengths = {str(form): int(n) for form, n in rows}
    lengths.update(rule.form_items)
    return lengths


def quiz_status(ds: Dataset, rule: Inclusion) -> pd.DataFrame:
    """Per session and phase: the form, items answered, items expected, complete or not."""
    answered: pd.DataFrame = ds.connect().execute(ANSWERED).df()
    lengths = form_lengths(ds, rule)
    answered["expected"] = answered["form"].map(lengths).astype(int)
    needed = np.ceil(answered["expected"] * rule.min_fraction_answered - 1e-9)
    answered["complete"] = answered["answered"] >= needed
    return answered.sort_values(["session_id", "phase"]).reset_index(drop=True)


def partial_quizzes(status: pd.DataFrame, sessions: pd.DataFrame) -> pd.DataFrame:
    """Every started but incomplete quiz, with the player code (the teacher can follow up)."""
    partial = status[~status["complete"]].merge(
        sessions[["session_id", "player", "file"]], on="session_id", how="left")
    return partial[["session_id", "player", "phase", "form", "answered", "expected",
                    "file"]].reset_index(drop=True)


def room_order(ds: Dataset) -> list[str]:
    """Rooms in the order players usually reach them (mean rank of first entry)."""
    rows = ds.connect().execute("""
        WITH first AS (
          SELECT session_id, json_extract_string(data, '$.room') AS room, min(seq) AS seq
          FROM events WHERE name = 'RoomEntered' GROUP BY ALL),
        ranked AS (SELECT room, rank() OVER (PARTITION BY session_id ORDER BY seq) AS k
                   FROM first)
        SELECT room FROM ranked GROUP BY room ORDER BY avg(k), room""").fetchall()
    return [str(r[0]) for r in rows if r[0] is not None]


def attrition(ds: Dataset, people: pd.DataFrame) -> pd.DataFrame:
    """Started, pre started and complete, each room reached, game ended, post started and
    complete, complete pair: how many participants got that far (and % of started)."""
    con = ds.connect()
    started = len(people)
    steps: list[tuple[str, int]] = [
        ("started", started),
        ("pre-quiz started", int((people["pre_answered"] > 0).sum())),
        ("pre-quiz complete", int(people["pre_complete"].sum())),
    ]
    reached = dict(con.execute(
        "SELECT json_extract_string(data, '$.room'), count(DISTINCT session_id) FROM events "
        "WHERE name = 'RoomEntered' GROUP BY 1").fetchall())
    for room in room_order(ds):
        steps.append((f"reached room {room}", int(reached.get(room, 0))))
    ended = con.execute("SELECT count(DISTINCT session_id) FROM events "
                        "WHERE name = 'GameEnded'").fetchall()
    steps.append(("game ended", int(ended[0][0]) if ended else 0))
    steps += [
        ("post-quiz started", int((people["post_answered"] > 0).sum())),
        ("post-quiz complete", int(people["post_complete"].sum())),
        ("complete pre/post pair (primary analysis)", int(people["complete"].sum())),
        ("any pre and post score (sensitivity analysis)", int(people["available"].sum())),
    ]
    frame = pd.DataFrame(steps, columns=["step", "participants"])
    frame["percent_of_started"] = 100.0 * frame["participants"] / started if started else math.nan
    return frame


def baseline_comparison(people: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """Completers (complete pair) against non-completers among those with a complete pre-quiz:
    the pre score (Welch t, standardized mean difference) and each design variable
    (chi-square test of independence; completers and non_completers are then the share of
    each group at that level). Dropout that depends on the baseline biases gains."""
    base = people[people["pre_complete"]]
    done, gone = base[base["complete"]], base[~base["complete"]]
    rows: list[dict[str, object]] = []
    for column in ("pre_score", "pre_confidence"):
        if column not in base or base[column].notna().sum() == 0:
            continue
        a, b = done[column].dropna(), gone[column].dropna()
        row: dict[str, object] = {
            "variable": column, "level": "", "completers": float(a.mean()) if len(a) else math.nan,
            "non_completers": float(b.mean()) if len(b) else math.nan,
            "n_completers": len(a), "n_non_completers": len(b), "test": "Welch t",
            "difference": math.nan, "ci_low": math.nan, "ci_high": math.nan,
            "statistic": math.nan, "df": math.nan, "p": math.nan, "smd": math.nan}
        if len(a) >= 2 and len(b) >= 2:
            w = stats.welch(a.to_numpy(float), b.to_numpy(float), confidence=1 - alpha)
            pooled = math.sqrt((a.var(ddof=1) + b.var(ddof=1)) / 2)
            row.update(difference=w.diff, ci_low=w.ci_low, ci_high=w.ci_high, statistic=w.t,
                       df=w.df, p=w.p, smd=w.diff / pooled if pooled > 0 else math.nan)
        rows.append(row)
    for column in ("condition", "class_id", "pre_form", "language"):
        if column not in base or base[column].nunique(dropna=True) < 2:
            continue
        table = pd.crosstab(base[column].fillna("(none)"), base["complete"])
        chi = p = dof = math.nan
        if table.shape == (table.shape[0], 2) and table.shape[0] >= 2:
            result = sps.chi2_contingency(table.to_numpy(), correction=False)
            chi, p, dof = float(result.statistic), float(result.pvalue), float(result.dof)
        for level, counts in table.iterrows():
            n_done = int(counts.get(True, 0))
            n_gone = int(counts.get(False, 0))
            rows.append({
                "variable": column, "level": str(level),
                "completers": n_done / max(1, len(done)),
                "non_completers": n_gone / max(1, len(gone)),
                "n_completers": n_done, "n_non_completers": n_gone,
                "test": "chi-square", "difference": math.nan,
                "ci_low": math.nan, "ci_high": math.nan, "statistic": chi, "df": dof,
                "p": p, "smd": math.nan})
    columns = ["variable", "level", "n_completers", "n_non_completers", "completers",
               "non_completers", "difference", "ci_low", "ci_high", "test", "statistic", "df",
               "p", "smd"]
    return pd.DataFrame(rows, columns=columns)
