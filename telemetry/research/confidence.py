"""Confidence (Likert) before and after, and calibration: does confidence follow knowledge?

Confidence is a participant's mean answer to a phase's Likert items (unscored items with a
numeric choice, e.g. "I feel able to compare two insurance policies", 1-5). Before/after is
a paired comparison of those means. Calibration, per phase, is the Pearson correlation of
confidence and score over participants, overall and per concept (the concept's Likert item
against the concept's proportion correct), and the bias: confidence rescaled to 0-1,
(value - 1) / (scale - 1), minus the proportion correct (positive = overconfident).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from telemetry.research import stats
from telemetry.research.scipy_stats import stats as sps

DEFINITION = __doc__.split("\n\n", 1)[1].replace("\n", " ").strip() if __doc__ else ""


def _correlation(x: np.ndarray, y: np.ndarray, alpha: float) -> tuple[float, float, float,
                                                                        float]:
    """r, its Fisher-z CI and the two-sided p; NaN when undefined."""
    n = x.size
    if n < 4 or x.std() == 0 or y.std() == 0:
        return math.nan, math.nan, math.nan, math.nan
    result = sps.pearsonr(x, y)
    r, p = float(result.statistic), float(result.pvalue)
    z, half = math.atanh(max(-0.999999, min(0.999999, r))), (
        float(sps.norm.ppf(1 - alpha / 2)) / math.sqrt(n - 3))
    return r, math.tanh(z - half), math.tanh(z + half), p


def before_after(people: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """Paired comparison of mean confidence, pre vs post, among participants with both."""
    both = people[["pre_confidence", "post_confidence"]].dropna()
    columns = ["n", "mean_pre", "mean_post", "diff", "ci_low", "ci_high", "t", "df", "p",
               "d_z", "p_wilcoxon"]
    if len(both) < 2:
        return pd.DataFrame(columns=columns)
    p = stats.paired_comparison(both["pre_confidence"].to_numpy(float),
                                both["post_confidence"].to_numpy(float),
                                confidence=1 - alpha)
    return pd.DataFrame([(p.n, p.mean_pre, p.mean_post, p.mean_diff, p.ci_low, p.ci_high,
                          p.t, p.df, p.p_t, p.d_z, p.p_wilcoxon)], columns=columns)


def calibration(people: pd.DataFrame, likert: pd.DataFrame, concepts: list[str], *,
                scale: int = 5, alpha: float = 0.05) -> pd.DataFrame:
    """Per phase and concept ('' = overall): n, r(confidence, score) with CI and p, bias."""
    rows = []
    indexed = people.set_index("session_id")
    for phase in ("pre", "post"):
        own = likert[likert["phase"] == phase]
        targets = [("", own.groupby("session_id")["value"].mean(), f"{phase}_score")]
        for concept in concepts:
            part = own[own["concept"] == concept]
            if len(part):
                targets.append((concept, part.groupby("session_id")["value"].mean(),
                                f"{phase}_{concept}"))
        for concept, confidence, score_column in targets:
            if score_column not in indexed:
                continue
            joined = pd.concat([confidence.rename("c"), indexed[score_column].rename("s")],
                               axis=1, join="inner").dropna()
            x, y = joined["c"].to_numpy(float), joined["s"].to_numpy(float)
            r, low, high, p = _correlation(x, y, alpha)
            bias = float(((x - 1) / (scale - 1) - y).mean()) if x.size else math.nan
            rows.append((phase, concept, int(x.size), r, low, high, p, bias))
    return pd.DataFrame(rows, columns=["phase", "concept", "n", "r", "ci_low", "ci_high", "p",
                                       "bias"])
