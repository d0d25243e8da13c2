"""matplotlib imported without its docstring property lists draws the very same figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FIGURES = """
import hashlib, json, sys
import matplotlib.artist
import numpy as np
import pandas as pd
from telemetry.research import plots
rng = np.random.default_rng(3)
pre, post = pd.Series(rng.uniform(0, 1, 400)), pd.Series(rng.uniform(0, 1, 400))
concepts = pd.DataFrame({"concept": ["budget", "interest"], "diff": [0.1, -0.05],
                         "ci_low": [0.02, -0.1], "ci_high": [0.2, 0.01]})
items = pd.DataFrame({"p": [0.1, 0.5, 0.95], "discrimination": [0.3, 0.1, 0.5],
                      "weak": [True, True, False]})
funnel = pd.DataFrame({"step": ["started", "entered room 1", "finished"],
                       "participants": [40, 35, 30]})
pngs = [plots.paired(pre, post), plots.concept_gains(concepts),
        plots.difficulty_discrimination(items), plots.funnel(funnel)]
from matplotlib.lines import Line2D
print(json.dumps([[hashlib.sha256(p).hexdigest() for p in pngs],
                  "dash_capstyle" in (Line2D.set.__doc__ or ""),
                  matplotlib.artist.kwdoc.__module__ == "matplotlib.artist"]))
"""


def _run(first: str) -> list[object]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-c", first + "\n" + FIGURES], env=env,
                          capture_output=True, text=True, check=True, timeout=300)
    result: list[object] = json.loads(done.stdout)
    return result


@pytest.mark.slow  # two fresh interpreters import matplotlib
def test_the_figures_are_the_same_bytes_with_and_without_the_property_lists() -> None:
    ours, lists, restored = _run("")
    plain, plain_lists, plain_restored = _run("import matplotlib.figure, matplotlib.collections")
    assert ours == plain  # four PNG files, byte for byte
    assert plain_lists and not lists  # the first import was ours, without the lists
    assert restored and plain_restored  # matplotlib's kwdoc is put back
