"""SciPy's statistics imported without their docstring notes: the first import, the same
functions and numbers as a plain import, and the docstring parser put back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from telemetry.research import scipy_stats

ROOT = Path(__file__).resolve().parents[2]
NOTE = "Array API Standard Support"

NUMBERS = """
import json, numpy as np
from statsmodels.stats.power import TTestPower
pre = np.array([0.2, 0.4, 0.5, 0.1, 0.7, 0.3, 0.6, 0.35])
post = np.array([0.5, 0.6, 0.5, 0.4, 0.9, 0.2, 0.8, 0.65])
w = sps.wilcoxon(post, pre, zero_method="wilcox", correction=False)
r = sps.pearsonr(pre, post)
print(json.dumps([float(w.statistic), float(w.pvalue), float(r.statistic), float(r.pvalue),
                  float(sps.t.ppf(0.975, 7)), float(sps.f.isf(0.025, 3, 40)),
                  float(TTestPower().solve_power(effect_size=0.4, alpha=0.05, power=0.8)),
                  sps.rankdata([3, 1, 3, 2]).tolist(), NOTE in (sps.wilcoxon.__doc__ or ""),
                  "Wilcoxon signed-rank test" in (sps.wilcoxon.__doc__ or ""),
                  FunctionDoc is sys.modules["scipy._lib._docscrape"].FunctionDoc]))
"""


def _run(imports: str) -> list[object]:
    program = (f"import sys\nNOTE = {NOTE!r}\n{imports}\n"
               "from scipy._lib._array_api import FunctionDoc\n" + NUMBERS)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True,
                          text=True, check=True, timeout=300)
    result: list[object] = json.loads(done.stdout)
    return result


@pytest.mark.slow  # two fresh interpreters import SciPy and statsmodels
def test_the_report_imports_scipy_stats_first_and_gets_the_same_numbers() -> None:
    ours = _run("import telemetry.research.report\nimport scipy.stats as sps")
    plain = _run("import scipy.stats as sps")
    *numbers, note, text, parser_back = ours
    *plain_numbers, plain_note, plain_text, plain_parser = plain
    assert numbers == plain_numbers  # the very same floats
    assert plain_note and not note  # the report's import was the first, without the note
    assert text and plain_text  # the docstring itself is kept
    assert parser_back and plain_parser  # SciPy's docstring parser is put back


def test_an_earlier_import_is_used_as_it_is() -> None:
    import scipy.stats

    assert scipy_stats._import_stats() is scipy.stats
    from scipy._lib import _array_api, _docscrape

    assert _array_api.FunctionDoc is _docscrape.FunctionDoc
