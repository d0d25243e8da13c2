"""Pre/post statistics a researcher can defend, each with the exact definition it reports.

The functions take plain sequences of proportions (one pair per participant) and return frozen
dataclasses, so the report, the exports and a notebook all print the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from telemetry.research.scipy_stats import stats as sps

ZeroMethod = Literal["wilcox", "pratt"]

HAKE_DEFINITION = "<g> = (<post> - <pre>) / (1 - <pre>), on class-average proportions correct"
MARX_CUMMINGS_DEFINITION = (
    "c = (post-pre)/(1-pre) if post > pre; (post-pre)/pre if post < pre; 0 if equal; "
    "participants with pre = post = 0 or pre = post = 1 are dropped"
)
HEDGES_DEFINITION = "g = J * d with J = 1 - 3 / (4 (n - 1) - 1)"


def _array(values: Sequence[float]) -> np.ndarray:
    return np.asarray(values, dtype=float)


def _pairs(pre: Sequence[float], post: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    a, b = _array(pre), _array(post)
    if a.shape != b.shape:
        raise ValueError(f"pre and post differ in length ({a.size} vs {b.size})")
    keep = ~(np.isnan(a) | np.isnan(b))
    return a[keep], b[keep]


def hake_gain(pre: Sequence[float], post: Sequence[float]) -> float:
    """Hake's class-average normalized gain; NaN when the class pre-score is already perfect."""
    a, b = _pairs(pre, post)
    if a.size == 0:
        return math.nan
    mean_pre, mean_post = float(a.mean()), float(b.mean())
    if mean_pre >= 1.0:
        return math.nan
    return (mean_post - mean_pre) / (1.0 - mean_pre)


def marx_cummings(pre: float, post: float) -> float:
    """Normalized change c of one participant; NaN when pre = post = 0 or pre = post = 1."""
    if post > pre:
        return (post - pre) / (1.0 - pre)
    if post < pre:
        return (post - pre) / pre
    if pre in (0.0, 1.0):
        return math.nan
    return 0.0


@dataclass(frozen=True)
class NormalizedChange:
    mean: float
    n_used: int
    n_dropped: int
    definition: str = MARX_CUMMINGS_DEFINITION


def mean_normalized_change(pre: Sequence[float], post: Sequence[float]) -> NormalizedChange:
    a, b = _pairs(pre, post)
    values = np.array([marx_cummings(float(x), float(y)) for x, y in zip(a, b, strict=True)])
    used = values[~np.isnan(values)]
    mean = float(used.mean()) if used.size else math.nan
    return NormalizedChange(mean=mean, n_used=int(used.size), n_dropped=int(a.size - used.size))


def hedges_j(n: int) -> float:
    """Small-sample correction of a paired d with n - 1 degrees of freedom."""
    return 1.0 - 3.0 / (4.0 * (n - 1) - 1.0)


@dataclass(frozen=True)
class PairedComparison:
    """Paired t-test and Wilcoxon signed-rank of post - pre, with effect sizes."""

    n: int
    mean_pre: float
    mean_post: float
    sd_pre: float
    sd_post: float
    mean_diff: float
    sd_diff: float
    t: float
    df: int
    p_t: float
    ci_low: float
    ci_high: float
    d_z: float
    d_av: float
    d_av_rms: float
    g_z: float
    g_av: float
    wilcoxon_w: float
    p_wilcoxon: float
    zero_method: ZeroMethod
    rank_biserial: float
    confidence: float = 0.95


def paired_comparison(
    pre: Sequence[float],
    post: Sequence[float],
    *,
    confidence: float = 0.95,
    zero_method: ZeroMethod = "wilcox",
) -> PairedComparison:
    """Definitions: diff = post - pre; t = mean(diff) / (sd(diff) / sqrt(n)) with n - 1 df;
    CI = mean(diff) +- t_{(1+conf)/2, n-1} * sd(diff)/sqrt(n); d_z = mean(diff) / sd(diff);
    d_av = mean(diff) / ((sd_pre + sd_post) / 2) (Lakens 2013); d_av_rms = mean(diff) /
    sqrt((var_pre + var_post) / 2) (Cumming 2012); g = J * d. Wilcoxon signed-rank on diff
    (two-sided, no continuity correction; zeros by ``zero_method``); matched-pairs rank-biserial
    r = (R+ - R-) / (R+ + R-) over the non-zero differences (Kerby 2014). sd uses n - 1.
    """
    a, b = _pairs(pre, post)
    n = int(a.size)
    if n < 2:
        raise ValueError(f"a paired comparison needs at least 2 participants, got {n}")
    diff = b - a
    mean_diff = float(diff.mean())
    sd_diff = float(diff.std(ddof=1))
    sd_pre, sd_post = float(a.std(ddof=1)), float(b.std(ddof=1))
    se = sd_diff / math.sqrt(n)
    df = n - 1
    crit = float(sps.t.ppf((1.0 + confidence) / 2.0, df))
    if se > 0:
        t = mean_diff / se
        p_t = float(2.0 * sps.t.sf(abs(t), df))
    else:
        t, p_t = math.nan, math.nan
    d_z = mean_diff / sd_diff if sd_diff > 0 else math.nan
    avg_sd = (sd_pre + sd_post) / 2.0
    d_av = mean_diff / avg_sd if avg_sd > 0 else math.nan
    rms_sd = math.sqrt((sd_pre**2 + sd_post**2) / 2.0)
    d_av_rms = mean_diff / rms_sd if rms_sd > 0 else math.nan
    j = hedges_j(n) if n > 2 else math.nan
    nonzero = diff[diff != 0]
    if nonzero.size:
        w_result = sps.wilcoxon(diff, zero_method=zero_method, correction=False)
        w, p_w = float(w_result.statistic), float(w_result.pvalue)
        ranks = sps.rankdata(np.abs(nonzero))
        r_plus, r_minus = float(ranks[nonzero > 0].sum()), float(ranks[nonzero < 0].sum())
        rbc = (r_plus - r_minus) / (r_plus + r_minus)
    else:
        w, p_w, rbc = math.nan, math.nan, math.nan
    return PairedComparison(
        n=n, mean_pre=float(a.mean()), mean_post=float(b.mean()), sd_pre=sd_pre,
        sd_post=sd_post, mean_diff=mean_diff, sd_diff=sd_diff, t=t, df=df, p_t=p_t,
        ci_low=mean_diff - crit * se, ci_high=mean_diff + crit * se, d_z=d_z, d_av=d_av,
        d_av_rms=d_av_rms, g_z=j * d_z, g_av=j * d_av, wilcoxon_w=w, p_wilcoxon=p_w,
        zero_method=zero_method, rank_biserial=rbc, confidence=confidence,
    )


@dataclass(frozen=True)
class WelchComparison:
    """Welch's unequal-variance t-test of group a minus group b."""

    n_a: int
    n_b: int
    mean_a: float
    mean_b: float
    diff: float
    t: float
    df: float
    p: float
    ci_low: float
    ci_high: float
    confidence: float = 0.95


def welch(
    a_values: Sequence[float], b_values: Sequence[float], *, confidence: float = 0.95
) -> WelchComparison:
    """t = (mean_a - mean_b) / sqrt(va/na + vb/nb), Welch-Satterthwaite df."""
    a, b = _array(a_values), _array(b_values)
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    if a.size < 2 or b.size < 2:
        raise ValueError(f"each group needs at least 2 values, got {a.size} and {b.size}")
    va, vb = float(a.var(ddof=1)) / a.size, float(b.var(ddof=1)) / b.size
    se = math.sqrt(va + vb)
    diff = float(a.mean() - b.mean())
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1)) if se > 0 else math.nan
    t = diff / se if se > 0 else math.nan
    p = float(2.0 * sps.t.sf(abs(t), df)) if se > 0 else math.nan
    crit = float(sps.t.ppf((1.0 + confidence) / 2.0, df)) if se > 0 else math.nan
    return WelchComparison(
        n_a=int(a.size), n_b=int(b.size), mean_a=float(a.mean()), mean_b=float(b.mean()),
        diff=diff, t=t, df=df, p=p, ci_low=diff - crit * se, ci_high=diff + crit * se,
        confidence=confidence,
    )


@dataclass(frozen=True)
class MeanCI:
    mean: float
    ci_low: float
    ci_high: float
    n: int


def mean_ci(values: Sequence[float], *, confidence: float = 0.95) -> MeanCI:
    """Mean with a t-based confidence interval (sd with n - 1)."""
    x = _array(values)
    x = x[~np.isnan(x)]
    n = int(x.size)
    if n == 0:
        return MeanCI(math.nan, math.nan, math.nan, 0)
    mean = float(x.mean())
    if n < 2:
        return MeanCI(mean, math.nan, math.nan, n)
    half = float(sps.t.ppf((1.0 + confidence) / 2.0, n - 1)) * float(x.std(ddof=1)) / math.sqrt(n)
    return MeanCI(mean, mean - half, mean + half, n)
