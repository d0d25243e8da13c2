"""The report's figures, drawn with matplotlib (Agg) and returned as PNG bytes.

Colours come from the Okabe-Ito palette, readable with the common colour-vision deficiencies;
every figure also carries its numbers in a table of the report.
"""

from __future__ import annotations

import io
from typing import Any

import numpy as np
import pandas as pd

from telemetry.research.matplotlib_artists import Figure, LineCollection

BLUE, ORANGE, GREEN, GREY = "#0072B2", "#E69F00", "#009E73", "#999999"


def _axes(figsize: tuple[float, float]) -> tuple[Figure, Any]:
    """A figure of its own, outside pyplot: nothing global to close, and pyplot's start-up
    (its backend machinery) is not paid; ``savefig`` draws it with Agg."""
    fig = Figure(figsize=figsize)
    return fig, fig.add_subplot()


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=110)
    return buffer.getvalue()


def paired(pre: pd.Series, post: pd.Series, *, seed: int = 0, limit: int = 300) -> bytes:
    """One grey line per participant (a random sample when there are many), means in blue."""
    fig, ax = _axes((4.5, 4))
    rng = np.random.default_rng(seed)
    index = np.arange(len(pre))
    if len(index) > limit:
        index = rng.choice(index, limit, replace=False)
    jitter = rng.uniform(-0.04, 0.04, (len(index), 2))
    # One collection for all the lines: one artist to draw instead of hundreds.
    x = np.array([0.0, 1.0]) + jitter
    y = np.column_stack([pre.to_numpy(float)[index], post.to_numpy(float)[index]])
    ax.add_collection(LineCollection(list(np.stack([x, y], axis=2)), colors=GREY, alpha=0.25,
                                     linewidths=0.8))
    ax.plot([0, 1], [pre.mean(), post.mean()], color=BLUE, linewidth=3, marker="o",
            label="mean")
    ax.set_xticks([0, 1], ["pre-quiz", "post-quiz"])
    ax.set_ylim(-0.05, 1.05)
    ax.set_ylabel("proportion correct")
    ax.legend(loc="lower right")
    return _png(fig)


def concept_gains(table: pd.DataFrame) -> bytes:
    """Mean post - pre per concept with its confidence interval."""
    fig, ax = _axes((6, 0.6 * len(table) + 1.5))
    y = np.arange(len(table))
    ax.errorbar(table["diff"], y, xerr=[table["diff"] - table["ci_low"],
                                        table["ci_high"] - table["diff"]],
                fmt="o", color=BLUE, capsize=4)
    ax.axvline(0, color=GREY, linewidth=1)
    ax.set_yticks(y, table["concept"])
    ax.invert_yaxis()
    ax.set_xlabel("post - pre (proportion correct), 95% CI")
    return _png(fig)


def difficulty_discrimination(items: pd.DataFrame) -> bytes:
    fig, ax = _axes((5.5, 4))
    weak = items["weak"].astype(bool)
    ax.scatter(items.loc[~weak, "p"], items.loc[~weak, "discrimination"], color=BLUE,
               label="item")
    ax.scatter(items.loc[weak, "p"], items.loc[weak, "discrimination"], color=ORANGE,
               marker="^", label="flagged item")
    ax.axvspan(0, 0.2, color=GREY, alpha=0.15)
    ax.axvspan(0.9, 1, color=GREY, alpha=0.15)
    ax.axhline(0.2, color=GREY, linestyle="--", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_xlabel("difficulty p (proportion correct)")
    ax.set_ylabel("upper-lower discrimination D")
    ax.legend(loc="best")
    return _png(fig)


def funnel(table: pd.DataFrame) -> bytes:
    fig, ax = _axes((6, 0.45 * len(table) + 1.2))
    y = np.arange(len(table))
    ax.barh(y, table["participants"], color=GREEN)
    for k, n in enumerate(table["participants"]):
        ax.text(n, k, f" {n}", va="center")
    ax.set_yticks(y, table["step"])
    ax.invert_yaxis()
    ax.set_xlabel("participants")
    return _png(fig)
