"""The whole pre/post analysis of a dataset in one object, shared by the report and notebooks.

Only complete participants (a pre and a post score) enter the paired statistics; the counts
left out are kept so the report can state them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from telemetry.research import behaviour, items, stats, tables
from telemetry.research.ingest import Dataset


@dataclass(frozen=True)
class ConceptResult:
    concept: str
    paired: stats.PairedComparison
    hake: float
    change: stats.NormalizedChange


@dataclass
class Analysis:
    participants: pd.DataFrame
    complete: pd.DataFrame
    overall: stats.PairedComparison | None
    hake: float
    change: stats.NormalizedChange
    concepts: list[ConceptResult]
    item_tables: dict[tuple[str, str], pd.DataFrame]
    reliability: dict[tuple[str, str], items.Reliability]
    order: stats.WelchComparison | None
    conditions: dict[tuple[str, str], stats.WelchComparison]
    funnel: pd.DataFrame
    room_times: pd.DataFrame
    decisions: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def concept_table(self) -> pd.DataFrame:
        """Per concept: n, mean pre/post, mean difference with its CI, d_z, Hake's gain."""
        rows = []
        for c in self.concepts:
            p = c.paired
            rows.append({"concept": c.concept, "n": p.n, "pre": p.mean_pre, "post": p.mean_post,
                         "diff": p.mean_diff, "ci_low": p.ci_low, "ci_high": p.ci_high,
                         "p_t": p.p_t, "d_z": p.d_z, "g_z": p.g_z, "hake_gain": c.hake,
                         "mean_c": c.change.mean, "c_dropped": c.change.n_dropped,
                         "p_wilcoxon": p.p_wilcoxon, "rank_biserial": p.rank_biserial})
        return pd.DataFrame(rows)


def _paired_or_none(pre: pd.Series, post: pd.Series) -> stats.PairedComparison | None:
    try:
        return stats.paired_comparison(pre.to_numpy(float), post.to_numpy(float))
    except ValueError:
        return None


def analyse(ds: Dataset) -> Analysis:
    people = tables.participants(ds)
    complete = people[people["complete"]].copy()
    notes = [f"{len(people) - len(complete)} of {len(people)} participants lack a pre or a "
             "post score and are left out of the paired statistics"]
    overall = _paired_or_none(complete["pre_score"], complete["post_score"])
    hake = stats.hake_gain(complete["pre_score"], complete["post_score"])
    change = stats.mean_normalized_change(complete["pre_score"], complete["post_score"])
    concept_results = []
    for concept in tables.concepts(ds):
        both = complete[[f"pre_{concept}", f"post_{concept}"]].dropna()
        paired = _paired_or_none(both[f"pre_{concept}"], both[f"post_{concept}"])
        if paired is None:
            notes.append(f"concept {concept}: fewer than 2 participants with both scores")
            continue
        concept_results.append(ConceptResult(
            concept, paired, stats.hake_gain(both.iloc[:, 0], both.iloc[:, 1]),
            stats.mean_normalized_change(both.iloc[:, 0], both.iloc[:, 1])))
    item_tables: dict[tuple[str, str], pd.DataFrame] = {}
    reliability: dict[tuple[str, str], items.Reliability] = {}
    forms = ds.connect().execute(
        "SELECT DISTINCT form, phase FROM answers ORDER BY form, phase").fetchall()
    for form, phase in forms:
        matrix = tables.item_matrix(ds, phase=str(phase), form=str(form))
        if len(matrix) >= 4:
            item_tables[(str(form), str(phase))] = items.item_table(matrix)
            reliability[(str(form), str(phase))] = items.kr20(matrix)
    order = None
    orders = complete.dropna(subset=["pre_form"]).groupby("pre_form")["gain"]
    groups = {str(k): v for k, v in orders}
    if len(groups) == 2:
        (a_name, a), (b_name, b) = sorted(groups.items())
        try:
            order = stats.welch(a.to_numpy(float), b.to_numpy(float))
            notes.append(f"counterbalancing: gain of {a_name}-first minus {b_name}-first")
        except ValueError:
            order = None
    conditions: dict[tuple[str, str], stats.WelchComparison] = {}
    by_condition = {str(k): v for k, v in complete.dropna(subset=["condition"])
                    .groupby("condition")["gain"]}
    names = sorted(by_condition)
    for i, a_name in enumerate(names):
        for b_name in names[i + 1:]:
            try:
                conditions[(b_name, a_name)] = stats.welch(
                    by_condition[b_name].to_numpy(float), by_condition[a_name].to_numpy(float))
            except ValueError:
                continue
    if change.n_dropped:
        notes.append(f"normalized change: {change.n_dropped} participants with pre = post = 0 "
                     "or 1 dropped")
    if overall is None or math.isnan(hake):
        notes.append("too few complete participants for the overall paired statistics")
    return Analysis(
        participants=people, complete=complete, overall=overall, hake=hake, change=change,
        concepts=concept_results, item_tables=item_tables, reliability=reliability,
        order=order, conditions=conditions, funnel=behaviour.funnel(ds),
        room_times=behaviour.room_times(ds), decisions=behaviour.decisions(ds), notes=notes,
    )
