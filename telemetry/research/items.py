"""Item analysis of one quiz form: difficulty, discrimination, point-biserial, KR-20.

Input is a participant x item matrix of 0/1 scores (a pandas DataFrame, one column per item).
Participants who skipped an item are left out of the reliability (listwise) but count for the
items they answered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from telemetry.research.scipy_stats import stats as sps

UPPER_LOWER_FRACTION = 0.27
WEAK_P_LOW, WEAK_P_HIGH, WEAK_DISCRIMINATION = 0.2, 0.9, 0.2

DEFINITIONS = {
    "p": "difficulty: proportion of participants answering the item correctly",
    "discrimination": "D = p(top 27% by total score) - p(bottom 27%), groups of round(0.27 n)",
    "point_biserial": "corrected item-total: Pearson r of the item with the total of the "
    "other items",
    "kr20": "KR-20 = k/(k-1) * (1 - sum(p q) / var(total)), equal to Cronbach's alpha for 0/1 "
    "items; complete cases only",
    "kr20_ci": "Feldt's interval: 1 - (1 - KR20) * F, F the upper (1 - conf)/2 and "
    "(1 + conf)/2 quantiles of F(n - 1, (n - 1)(k - 1))",
    "weak": f"flagged when p < {WEAK_P_LOW} or p > {WEAK_P_HIGH} or D < {WEAK_DISCRIMINATION}",
}


def difficulty(matrix: pd.DataFrame) -> pd.Series:
    return matrix.mean(axis=0, skipna=True)


def upper_lower_discrimination(
    matrix: pd.DataFrame, fraction: float = UPPER_LOWER_FRACTION
) -> pd.Series:
    """p(top group) - p(bottom group); ties at the cut are broken by a stable sort."""
    total = matrix.sum(axis=1, skipna=True)
    order = np.argsort(total.to_numpy(), kind="stable")
    size = max(1, round(fraction * len(matrix)))
    lower = matrix.iloc[order[:size]]
    upper = matrix.iloc[order[-size:]]
    return upper.mean(axis=0) - lower.mean(axis=0)


def corrected_point_biserial(matrix: pd.DataFrame) -> pd.Series:
    total = matrix.sum(axis=1, skipna=True)
    out: dict[Any, float] = {}
    for item in matrix.columns:
        column = matrix[item]
        rest = total - column.fillna(0)
        keep = column.notna()
        x, y = column[keep].to_numpy(float), rest[keep].to_numpy(float)
        if x.size < 3 or x.std() == 0 or y.std() == 0:
            out[item] = math.nan
        else:
            out[item] = float(np.corrcoef(x, y)[0, 1])
    return pd.Series(out)


@dataclass(frozen=True)
class Reliability:
    kr20: float
    ci_low: float
    ci_high: float
    n: int
    k: int
    confidence: float = 0.95


def kr20(matrix: pd.DataFrame, *, confidence: float = 0.95) -> Reliability:
    complete = matrix.dropna(axis=0, how="any").to_numpy(float)
    n, k = complete.shape
    if n < 2 or k < 2:
        return Reliability(math.nan, math.nan, math.nan, n, k, confidence)
    p = complete.mean(axis=0)
    var_total = complete.sum(axis=1).var(ddof=0)
    if var_total == 0:
        return Reliability(math.nan, math.nan, math.nan, n, k, confidence)
    alpha = k / (k - 1) * (1.0 - float((p * (1 - p)).sum()) / float(var_total))
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1.0 - (1.0 - alpha) * float(sps.f.isf((1.0 - confidence) / 2.0, df1, df2))
    high = 1.0 - (1.0 - alpha) * float(sps.f.isf((1.0 + confidence) / 2.0, df1, df2))
    return Reliability(alpha, low, high, n, k, confidence)


def item_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """One row per item: n, p, discrimination, point-biserial and the weak-item flag."""
    table = pd.DataFrame(
        {
            "n": matrix.notna().sum(axis=0),
            "p": difficulty(matrix),
            "discrimination": upper_lower_discrimination(matrix),
            "point_biserial": corrected_point_biserial(matrix),
        }
    )
    table["weak"] = (
        (table["p"] < WEAK_P_LOW)
        | (table["p"] > WEAK_P_HIGH)
        | (table["discrimination"] < WEAK_DISCRIMINATION)
    )
    table.index.name = "item"
    return table.reset_index()
