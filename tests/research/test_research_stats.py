"""Every statistic is cross-checked against scipy.stats or pingouin, to 1e-9."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from telemetry.research import items, stats

TOL = 1e-9


def _scores(seed: int, n: int = 40, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    pre = rng.binomial(k, 0.4, n) / k
    post = np.clip(pre + rng.binomial(k, 0.25, n) / k - 0.1, 0, 1)
    return pre, post


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000))
def test_paired_matches_scipy_and_pingouin(seed: int) -> None:
    pre, post = _scores(seed)
    if np.std(post - pre) == 0:
        return
    ours = stats.paired_comparison(pre, post)
    ref = sps.ttest_rel(post, pre)
    assert ours.t == pytest.approx(ref.statistic, abs=TOL)
    assert ours.p_t == pytest.approx(ref.pvalue, abs=TOL)
    ci = ref.confidence_interval(0.95)
    assert (ours.ci_low, ours.ci_high) == pytest.approx((ci.low, ci.high), abs=TOL)
    ping = pg.ttest(post, pre, paired=True)
    assert ours.t == pytest.approx(float(ping["T"].iloc[0]), abs=TOL)
    assert ours.d_z == pytest.approx(pg.compute_effsize(post, pre, True, "cohen_dz"), abs=TOL)
    assert ours.d_av_rms == pytest.approx(pg.compute_effsize(post, pre, True, "cohen"), abs=TOL)
    sd_mean = (np.std(pre, ddof=1) + np.std(post, ddof=1)) / 2
    assert ours.d_av == pytest.approx(np.mean(post - pre) / sd_mean, abs=TOL)
    j = 1 - 3 / (4 * (len(pre) - 1) - 1)
    assert ours.g_z == pytest.approx(j * ours.d_z, abs=TOL)
    wil = pg.wilcoxon(post, pre, correction=False)
    assert ours.wilcoxon_w == pytest.approx(float(wil["W_val"].iloc[0]), abs=TOL)
    assert ours.p_wilcoxon == pytest.approx(float(wil["p_val"].iloc[0]), abs=TOL)
    assert ours.rank_biserial == pytest.approx(float(wil["RBC"].iloc[0]), abs=TOL)


def test_wilcoxon_zero_method_is_passed_through() -> None:
    pre, post = _scores(3)
    pratt = stats.paired_comparison(pre, post, zero_method="pratt")
    ref = sps.wilcoxon(post - pre, zero_method="pratt", correction=False)
    assert pratt.zero_method == "pratt"
    assert pratt.wilcoxon_w == pytest.approx(ref.statistic, abs=TOL)
    assert pratt.p_wilcoxon == pytest.approx(ref.pvalue, abs=TOL)


def test_welch_matches_scipy() -> None:
    rng = np.random.default_rng(7)
    a, b = rng.normal(0.3, 0.2, 31), rng.normal(0.1, 0.4, 45)
    ours = stats.welch(a, b)
    ref = sps.ttest_ind(a, b, equal_var=False)
    assert ours.t == pytest.approx(ref.statistic, abs=TOL)
    assert ours.p == pytest.approx(ref.pvalue, abs=TOL)
    assert ours.df == pytest.approx(ref.df, abs=TOL)
    ci = ref.confidence_interval(0.95)
    assert (ours.ci_low, ours.ci_high) == pytest.approx((ci.low, ci.high), abs=TOL)


def test_hake_gain_on_class_averages() -> None:
    assert stats.hake_gain([0.2, 0.4], [0.6, 0.8]) == pytest.approx((0.7 - 0.3) / 0.7)
    assert math.isnan(stats.hake_gain([1.0], [1.0]))


def test_marx_cummings_cases_and_drops() -> None:
    assert stats.marx_cummings(0.5, 0.75) == pytest.approx(0.5)
    assert stats.marx_cummings(0.5, 0.25) == pytest.approx(-0.5)
    assert stats.marx_cummings(0.5, 0.5) == 0.0
    assert math.isnan(stats.marx_cummings(0.0, 0.0))
    assert math.isnan(stats.marx_cummings(1.0, 1.0))
    result = stats.mean_normalized_change([0.5, 0.0, 1.0, 0.2], [0.75, 0.0, 1.0, 0.2])
    assert (result.n_used, result.n_dropped) == (2, 2)
    assert result.mean == pytest.approx(0.25)


@given(st.floats(0, 1), st.floats(0, 1))
def test_normalized_change_is_bounded(pre: float, post: float) -> None:
    c = stats.marx_cummings(pre, post)
    assert math.isnan(c) or -1.0 <= c <= 1.0


def test_mean_ci_matches_scipy() -> None:
    x = np.random.default_rng(1).normal(0.2, 0.1, 25)
    ours = stats.mean_ci(x)
    low, high = sps.t.interval(0.95, 24, loc=x.mean(), scale=sps.sem(x))
    assert (ours.ci_low, ours.ci_high) == pytest.approx((low, high), abs=TOL)


def _matrix(seed: int, n: int = 80, k: int = 8) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ability = rng.normal(0, 1, n)[:, None]
    difficulty = np.linspace(-1.5, 1.5, k)[None, :]
    correct = rng.random((n, k)) < 1 / (1 + np.exp(-(ability - difficulty) * 1.7))
    return pd.DataFrame(correct.astype(float), columns=[f"q{i}" for i in range(k)])


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000))
def test_kr20_matches_pingouin_alpha_and_feldt_ci(seed: int) -> None:
    m = _matrix(seed)
    ours = items.kr20(m)
    alpha, (low, high) = pg.cronbach_alpha(data=m, ci=0.95)
    assert ours.kr20 == pytest.approx(alpha, abs=TOL)
    # pingouin rounds its interval to 3 decimals.
    assert (ours.ci_low, ours.ci_high) == pytest.approx((low, high), abs=5e-4)


def test_point_biserial_matches_scipy() -> None:
    m = _matrix(11)
    ours = items.corrected_point_biserial(m)
    total = m.sum(axis=1)
    for item in m.columns:
        ref = sps.pointbiserialr(m[item], total - m[item]).statistic
        assert ours[item] == pytest.approx(ref, abs=TOL)


def test_upper_lower_discrimination_by_hand() -> None:
    m = pd.DataFrame({"a": [1, 1, 1, 0, 0, 0, 0, 0, 1, 1], "b": [1] * 10}, dtype=float)
    # totals: a+b; the 3 lowest (round(2.7)) have a=0, the 3 highest have a=1.
    d = items.upper_lower_discrimination(m)
    assert d["a"] == pytest.approx(1.0)
    assert d["b"] == pytest.approx(0.0)
    table = items.item_table(m).set_index("item")
    assert bool(table.loc["b", "weak"]) is True  # p = 1 > .9
    assert bool(table.loc["a", "weak"]) is False
