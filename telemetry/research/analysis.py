"""The whole analysis of a dataset in one object, shared by the report and notebooks.

It follows the analysis plan (:mod:`telemetry.research.plan`): the primary paired statistics
use complete pre/post pairs (every item of both quizzes answered, or the plan's threshold);
the sensitivity analysis repeats them on every participant with any pre and post score. The
design models (ANCOVA, mixed model), the correction across per-concept tests, the confidence
analysis and the a-priori power table come from the plan too; whatever the data did not
allow is listed as a deviation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from telemetry.research import behaviour, confidence, inclusion, items, models, stats, tables
from telemetry.research.ingest import Dataset
from telemetry.research.plan import LoadedPlan, default_plan


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
    plan: LoadedPlan = field(default_factory=default_plan)
    available: pd.DataFrame = field(default_factory=pd.DataFrame)
    sensitivity: stats.PairedComparison | None = None
    partial: pd.DataFrame = field(default_factory=pd.DataFrame)
    attrition: pd.DataFrame = field(default_factory=pd.DataFrame)
    baseline: pd.DataFrame = field(default_factory=pd.DataFrame)
    ancova: models.ModelResult | None = None
    mixed: models.ModelResult | None = None
    confidence_change: pd.DataFrame = field(default_factory=pd.DataFrame)
    calibration: pd.DataFrame = field(default_factory=pd.DataFrame)
    power: pd.DataFrame = field(default_factory=pd.DataFrame)
    deviations: list[str] = field(default_factory=list)
    _concept_table: pd.DataFrame | None = field(default=None, repr=False)

    def concept_table(self) -> pd.DataFrame:
        """Per concept: n, mean pre/post, mean difference with its CI, d_z, Hake's gain, and
        the p-value adjusted across concepts by the plan's correction.

        Made once (a copy each call): statsmodels' Holm correction runs a full garbage
        collection, a third of a second with a big dataset in memory."""
        if self._concept_table is None:
            self._concept_table = self._make_concept_table()
        return self._concept_table.copy()

    def _make_concept_table(self) -> pd.DataFrame:
        rows = []
        for c in self.concepts:
            p = c.paired
            rows.append({"concept": c.concept, "n": p.n, "pre": p.mean_pre, "post": p.mean_post,
                         "diff": p.mean_diff, "ci_low": p.ci_low, "ci_high": p.ci_high,
                         "p_t": p.p_t, "d_z": p.d_z, "g_z": p.g_z, "hake_gain": c.hake,
                         "mean_c": c.change.mean, "c_dropped": c.change.n_dropped,
                         "p_wilcoxon": p.p_wilcoxon, "rank_biserial": p.rank_biserial})
        frame = pd.DataFrame(rows)
        if len(frame):
            plan = self.plan.plan
            adjusted, reject = models.adjust(frame["p_t"], plan.correction, plan.alpha)
            frame["p_adjusted"] = adjusted
            frame["significant"] = reject
        return frame

    def primary_and_sensitivity(self) -> pd.DataFrame:
        """The overall paired comparison on complete pairs and on all available pairs."""
        rows = []
        for name, p in (("primary: complete pairs", self.overall),
                        ("sensitivity: all available pairs", self.sensitivity)):
            if p is None:
                continue
            rows.append({"analysis": name, "n": p.n, "mean_pre": p.mean_pre,
                         "mean_post": p.mean_post, "diff": p.mean_diff, "ci_low": p.ci_low,
                         "ci_high": p.ci_high, "t": p.t, "df": p.df, "p": p.p_t, "d_z": p.d_z,
                         "g_z": p.g_z})
        return pd.DataFrame(rows)


def _paired_or_none(pre: pd.Series, post: pd.Series, alpha: float = 0.05
                    ) -> stats.PairedComparison | None:
    try:
        return stats.paired_comparison(pre.to_numpy(float), post.to_numpy(float),
                                       confidence=1 - alpha)
    except ValueError:
        return None


def analyse(ds: Dataset, plan: LoadedPlan | None = None) -> Analysis:
    loaded = plan or default_plan()
    p = loaded.plan
    deviations: list[str] = []
    if loaded.path is None:
        deviations.append("no pre-registered plan was given: the default plan below was used")
    people = tables.participants(ds, p.inclusion)
    complete = people[people["complete"]].copy()
    available = people[people["available"]].copy()
    notes = [f"{len(people) - len(complete)} of {len(people)} participants lack a complete "
             "pre or post quiz and are left out of the primary statistics; "
             f"{len(available)} with any pre and post score enter the sensitivity analysis"]
    answered_forms = {str(r[0]) for r in ds.connect().execute(
        "SELECT DISTINCT form FROM answers").fetchall()}
    unknown_forms = set(p.inclusion.form_items) - answered_forms
    if unknown_forms:
        deviations.append(f"plan lists form(s) nobody answered: {', '.join(sorted(unknown_forms))}")
    overall = _paired_or_none(complete["pre_score"], complete["post_score"], p.alpha)
    sensitivity = _paired_or_none(available["pre_score"], available["post_score"], p.alpha)
    hake = stats.hake_gain(complete["pre_score"], complete["post_score"])
    change = stats.mean_normalized_change(complete["pre_score"], complete["post_score"])
    concept_results = []
    for concept in tables.concepts(ds):
        both = complete[[f"pre_{concept}", f"post_{concept}"]].dropna()
        paired = _paired_or_none(both[f"pre_{concept}"], both[f"post_{concept}"], p.alpha)
        if paired is None:
            notes.append(f"concept {concept}: fewer than 2 participants with both scores")
            continue
        concept_results.append(ConceptResult(
            concept, paired, stats.hake_gain(both.iloc[:, 0], both.iloc[:, 1]),
            stats.mean_normalized_change(both.iloc[:, 0], both.iloc[:, 1])))
    item_tables: dict[tuple[str, str], pd.DataFrame] = {}
    reliability: dict[tuple[str, str], items.Reliability] = {}
    forms = ds.connect().execute(
        "SELECT DISTINCT form, phase FROM answers WHERE correct IS NOT NULL "
        "ORDER BY form, phase").fetchall()
    for form, phase in forms:
        matrix = tables.item_matrix(ds, phase=str(phase), form=str(form))
        if len(matrix) >= 4:
            item_tables[(str(form), str(phase))] = items.item_table(matrix)
            reliability[(str(form), str(phase))] = items.kr20(matrix)
    order = None
    by_order = complete.dropna(subset=["pre_form"]).groupby("pre_form")["gain"]
    groups = {str(k): v for k, v in by_order}
    if len(groups) == 2:
        (_, a), (_, b) = sorted(groups.items())
        try:
            order = stats.welch(a.to_numpy(float), b.to_numpy(float), confidence=1 - p.alpha)
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
                    by_condition[b_name].to_numpy(float), by_condition[a_name].to_numpy(float),
                    confidence=1 - p.alpha)
            except ValueError:
                continue
    ancova, mixed = _design_models(complete, loaded, deviations)
    if change.n_dropped:
        notes.append(f"normalized change: {change.n_dropped} participants with pre = post = 0 "
                     "or 1 dropped")
    if overall is None or math.isnan(hake):
        notes.append("too few complete participants for the overall paired statistics")
    if p.power.planned_n is not None and len(complete) < p.power.planned_n:
        deviations.append(f"{len(complete)} complete pairs, fewer than the {p.power.planned_n} "
                          "planned")
    partial = inclusion.partial_quizzes(inclusion.quiz_status(ds, p.inclusion), ds.sessions)
    likert = tables.likert_answers(ds)
    return Analysis(
        participants=people, complete=complete, overall=overall, hake=hake, change=change,
        concepts=concept_results, item_tables=item_tables, reliability=reliability,
        order=order, conditions=conditions, funnel=behaviour.funnel(ds),
        room_times=behaviour.room_times(ds), decisions=behaviour.decisions(ds), notes=notes,
        plan=loaded, available=available, sensitivity=sensitivity, partial=partial,
        attrition=inclusion.attrition(ds, people),
        baseline=inclusion.baseline_comparison(people, p.alpha), ancova=ancova, mixed=mixed,
        confidence_change=confidence.before_after(people, p.alpha),
        calibration=confidence.calibration(people, likert, tables.concepts(ds),
                                           scale=p.likert_scale, alpha=p.alpha),
        power=models.power_table(alpha=p.alpha, powers=p.power.power,
                                 effect_sizes=p.power.effect_sizes,
                                 pre_post_r=p.power.pre_post_r),
        deviations=deviations,
    )


def _design_models(complete: pd.DataFrame, loaded: LoadedPlan, deviations: list[str]
                   ) -> tuple[models.ModelResult | None, models.ModelResult | None]:
    """ANCOVA across conditions and the mixed model across clusters, as far as the data let."""
    p = loaded.plan
    outcome = p.primary_outcome
    frame = complete
    present = sorted(str(c) for c in frame["condition"].dropna().unique())
    levels = list(p.conditions.compare) or present
    missing = [c for c in levels if c not in present]
    if missing:
        deviations.append(f"planned condition(s) with no complete pair: {', '.join(missing)}")
    extra = [c for c in present if c not in levels]
    if extra:
        deviations.append(f"condition(s) in the data but not in the plan, left out of the "
                          f"models: {', '.join(extra)}")
    levels = [c for c in levels if c in present]
    frame = frame[frame["condition"].isin(levels) | frame["condition"].isna()]
    covariates = []
    for covariate in p.covariates:
        values = frame[covariate] if covariate in frame else pd.Series(dtype=float)
        if values.notna().sum() == 0 or values.nunique(dropna=True) < 2:
            deviations.append(f"covariate {covariate} has no variation in the data: dropped")
        else:
            covariates.append(covariate)
    reference = p.conditions.reference or (levels[0] if levels else None)
    if reference is not None and reference not in levels:
        deviations.append(f"reference condition {reference} has no complete pair")
        reference = levels[0] if levels else None
    group = "condition" if len(levels) >= 2 else None
    ancova = None
    if group is None:
        deviations.append("fewer than two conditions with complete pairs: no ANCOVA")
    else:
        try:
            ancova = models.ancova(frame[frame["condition"].isin(levels)], outcome=outcome,
                                   reference=str(reference), covariates=covariates,
                                   alpha=p.alpha)
        except (ValueError, KeyError, StopIteration, ZeroDivisionError) as error:
            deviations.append(f"ANCOVA could not be fitted: {error}")
    mixed = None
    clusters = frame[p.cluster].nunique(dropna=True)
    if clusters < 2:
        deviations.append(f"fewer than two {p.cluster} values: no mixed model")
    else:
        try:
            with_group = frame[frame["condition"].isin(levels)] if group else frame
            mixed = models.mixed_model(with_group, outcome=outcome, group=group,
                                       reference=reference, covariates=covariates,
                                       cluster=p.cluster, alpha=p.alpha)
        except (ValueError, KeyError, ZeroDivisionError, IndexError,
                np.linalg.LinAlgError) as error:
            deviations.append(f"mixed model could not be fitted: {error}")
    return ancova, mixed
