"""Between-group models of a study design, fitted with statsmodels and reported in full.

- ANCOVA: ``outcome ~ C(condition) + pre_score [+ covariates]`` by ordinary least squares;
  the adjusted difference of each condition from the reference with its CI, the F test of
  the condition factor (type II sums of squares), partial eta squared and d = adjusted
  difference / root mean squared error.
- Linear mixed model: the same fixed effects and a random intercept per class (pupils nested
  in classes), fitted by REML; the class variance, the residual variance and their ICC.
- Multiple comparisons: Holm, Benjamini-Hochberg or Bonferroni adjusted p-values
  (``statsmodels.stats.multitest.multipletests``).
- A-priori sample sizes for the planned designs (``statsmodels.stats.power``).

Every p-value stays a number: formatting is the report's business, never the table's.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# statsmodels imports SciPy's statistics: it is imported inside the functions, after
# telemetry.research.scipy_stats made the first (and cheaper) import.
from telemetry.research.scipy_stats import stats as _scipy_stats  # noqa: F401

ANCOVA_DEFINITION = (
    "ANCOVA: OLS of the outcome on condition (treatment coding against the reference) and the "
    "covariates; estimate = adjusted mean difference from the reference, t-based CI; F and p "
    "of the condition factor from type II sums of squares; partial eta^2 = SS_condition / "
    "(SS_condition + SS_residual); d_adjusted = estimate / sqrt(MSE).")
MIXED_DEFINITION = (
    "Linear mixed model: the ANCOVA's fixed effects plus a random intercept per cluster, "
    "REML; Wald z tests and CIs of the fixed effects; ICC = var(cluster) / (var(cluster) + "
    "var(residual)); d = estimate / sqrt(var(cluster) + var(residual)).")


def _formula(outcome: str, group: str | None, reference: str | None,
             covariates: Sequence[str], frame: pd.DataFrame) -> str:
    terms = []
    if group is not None:
        terms.append(f"C({group}, Treatment(reference={reference!r}))")
    terms += [c if pd.api.types.is_numeric_dtype(frame[c]) else f"C({c})" for c in covariates]
    return f"{outcome} ~ " + (" + ".join(terms) if terms else "1")


def _level(term: str) -> str | None:
    """``C(condition, Treatment(...))[T.timers_off]`` -> ``timers_off``."""
    if "[T." in term:
        return term.split("[T.", 1)[1].rstrip("]")
    return None


@dataclass
class ModelResult:
    """One fitted model: its coefficient table, summary numbers and what went wrong."""

    name: str
    formula: str
    n: int
    coefficients: pd.DataFrame
    summary: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def model_frame(people: pd.DataFrame, outcome: str, group: str | None,
                covariates: Sequence[str], cluster: str | None = None) -> pd.DataFrame:
    columns = [outcome, *covariates, *([group] if group else []), *([cluster] if cluster else [])]
    frame = people[list(dict.fromkeys(columns))].dropna()
    return frame.reset_index(drop=True)


def ancova(people: pd.DataFrame, *, outcome: str = "post_score", group: str = "condition",
           reference: str, covariates: Sequence[str] = ("pre_score",),
           alpha: float = 0.05) -> ModelResult:
    # Imported here: the formula machinery (formulaic, patsy) takes a second to import, and
    # a report of a study without conditions never fits a model.
    import statsmodels.formula.api as smf
    from statsmodels.stats.anova import anova_lm

    frame = model_frame(people, outcome, group, covariates)
    formula = _formula(outcome, group, reference, covariates, frame)
    fit = smf.ols(formula, data=frame).fit()
    table = anova_lm(fit, typ=2)
    factor = next(i for i in table.index if str(i).startswith(f"C({group}"))
    ss_factor = float(table.loc[factor, "sum_sq"])
    ss_resid = float(table.loc["Residual", "sum_sq"])
    rmse = math.sqrt(fit.mse_resid)
    ci = fit.conf_int(alpha)
    rows = []
    for term in fit.params.index:
        rows.append({
            "term": str(term), "level": _level(str(term)) or "",
            "estimate": float(fit.params[term]), "se": float(fit.bse[term]),
            "t": float(fit.tvalues[term]), "df": float(fit.df_resid),
            "p": float(fit.pvalues[term]), "ci_low": float(ci.loc[term, 0]),
            "ci_high": float(ci.loc[term, 1]),
            "d_adjusted": float(fit.params[term]) / rmse if _level(str(term)) else math.nan,
        })
    summary = {
        "n": float(len(frame)), "F_condition": float(table.loc[factor, "F"]),
        "df_condition": float(table.loc[factor, "df"]), "df_residual": float(fit.df_resid),
        "p_condition": float(table.loc[factor, "PR(>F)"]),
        "partial_eta_squared": ss_factor / (ss_factor + ss_resid),
        "rmse": rmse, "r_squared": float(fit.rsquared)}
    return ModelResult("ANCOVA", formula, len(frame), pd.DataFrame(rows), summary)


def mixed_model(people: pd.DataFrame, *, outcome: str = "post_score",
                group: str | None = "condition", reference: str | None = None,
                covariates: Sequence[str] = ("pre_score",), cluster: str = "class_id",
                alpha: float = 0.05) -> ModelResult:
    import statsmodels.formula.api as smf  # see ancova

    frame = model_frame(people, outcome, group, covariates, cluster)
    formula = _formula(outcome, group, reference, covariates, frame)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit = smf.mixedlm(formula, data=frame, groups=frame[cluster]).fit(reml=True)
    var_cluster = float(fit.cov_re.iloc[0, 0])
    var_resid = float(fit.scale)
    notes = fit_notes(bool(fit.converged), var_cluster / var_resid if var_resid else 0.0,
                      cluster, [str(w.message).splitlines()[0] for w in caught])
    total_sd = math.sqrt(var_cluster + var_resid)
    ci = fit.conf_int(alpha)
    rows = []
    for term in fit.fe_params.index:
        rows.append({
            "term": str(term), "level": _level(str(term)) or "",
            "estimate": float(fit.fe_params[term]), "se": float(fit.bse_fe[term]),
            "z": float(fit.tvalues[term]), "p": float(fit.pvalues[term]),
            "ci_low": float(ci.loc[term, 0]), "ci_high": float(ci.loc[term, 1]),
            "d": float(fit.fe_params[term]) / total_sd if _level(str(term)) else math.nan,
        })
    effects = {str(k): float(v.iloc[0]) for k, v in fit.random_effects.items()}
    summary = {"n": float(len(frame)), "clusters": float(frame[cluster].nunique()),
               "var_cluster": var_cluster, "var_residual": var_resid,
               "icc": var_cluster / (var_cluster + var_resid) if total_sd > 0 else math.nan,
               "converged": float(bool(fit.converged)), "log_likelihood": float(fit.llf)}
    summary.update({f"intercept_{k}": v for k, v in sorted(effects.items())})
    return ModelResult("mixed", formula, len(frame), pd.DataFrame(rows), summary, notes)


def fit_notes(converged: bool, variance_ratio: float, cluster: str,
              messages: Sequence[str]) -> list[str]:
    """What a reader of the mixed model must know about its fit, in words, then
    statsmodels' own messages once each (it repeats them as it retries optimizers).
    `variance_ratio` is the cluster variance over the residual variance.

    A fit problem is not a deviation from the plan: it is shown with the model."""
    notes = []
    if not converged:
        notes.append("The optimizer did not converge: these estimates are not reliable; the "
                     "ANCOVA above has the same fixed effects without the cluster term.")
    if converged and variance_ratio < 1e-4:
        notes.append(f"The variance between {cluster} values is estimated at or near 0 (the "
                     f"edge of its range): the {cluster} groups differ too little for a random "
                     "intercept to be estimated, and the ICC is about 0.")
    distinct = list(dict.fromkeys(messages))
    if distinct:
        notes.append("statsmodels: " + "; ".join(distinct))
    return notes


def adjust(p_values: Sequence[float], method: str, alpha: float = 0.05
           ) -> tuple[np.ndarray, np.ndarray]:
    """Adjusted p-values and rejections; NaN p-values stay NaN and are not counted."""
    from statsmodels.stats.multitest import multipletests

    p = np.asarray(p_values, dtype=float)
    adjusted = np.full(p.shape, np.nan)
    reject = np.zeros(p.shape, dtype=bool)
    keep = ~np.isnan(p)
    if method == "none":
        adjusted[keep] = p[keep]
        reject[keep] = p[keep] < alpha
    elif keep.any():
        rej, adj, _, _ = multipletests(p[keep], alpha=alpha, method=method)
        adjusted[keep], reject[keep] = adj, rej
    return adjusted, reject


def power_table(*, alpha: float, powers: Sequence[float], effect_sizes: Sequence[float],
                pre_post_r: float) -> pd.DataFrame:
    """Participants needed, per design, effect size and power (two-sided tests).

    Paired pre/post: one-sample t on the differences, effect size d_z. Two conditions,
    post only: two-sample t, effect size d. Two conditions, ANCOVA on the pre score: the
    two-sample n times (1 - r^2) (Borm, Fransen and Lemmens 2007), r the pre/post correlation.
    """
    from statsmodels.stats.power import TTestIndPower, TTestPower

    rows = []
    paired, independent = TTestPower(), TTestIndPower()
    for power in powers:
        for d in effect_sizes:
            n_pairs = math.ceil(paired.solve_power(effect_size=d, alpha=alpha, power=power,
                                                   alternative="two-sided"))
            per_group = float(independent.solve_power(effect_size=d, alpha=alpha, power=power,
                                                      ratio=1.0, alternative="two-sided"))
            adjusted = math.ceil(per_group * (1 - pre_post_r**2))
            rows += [
                ("pre/post gain (paired t)", "d_z", d, power, n_pairs, n_pairs),
                ("two conditions, post score (t)", "d", d, power, math.ceil(per_group),
                 2 * math.ceil(per_group)),
                (f"two conditions, ANCOVA on pre (r = {pre_post_r:g})", "d", d, power,
                 adjusted, 2 * adjusted),
            ]
    return pd.DataFrame(rows, columns=["design", "effect", "effect_size", "power",
                                       "n_per_group", "n_total"])
