"""Levels load the same without libyaml: PyYAML's pure-Python parser is what a browser has.

The loader picks libyaml when PyYAML has it and the pure-Python loader otherwise; both must
read every level alike, including the texts the Python scanner alone used to refuse.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from locations import ROOT

from escape_game.loading.pure_yaml import PureSafeLoader

C_LOADER = getattr(yaml, "CSafeLoader", None)


@pytest.mark.parametrize(("text", "data"), [
    ("{prompt: Sure?}", {"prompt": "Sure?"}),
    ("- {id: q1, prompt: Sure?}", [{"id": "q1", "prompt": "Sure?"}]),
    ("[foo?bar, a ? b, x?]", ["foo?bar", "a ? b", "x?"]),
    ("{a: b?c, d: [e?, f]}", {"a": "b?c", "d": ["e?", "f"]}),
    ("{? a : b}", {"a": "b"}),
    ("[?foo]", [{"foo": None}]),
    ("q: what? yes", {"q": "what? yes"}),
])
def test_a_question_mark_inside_a_flow_scalar_is_text(text: str, data: Any) -> None:
    assert yaml.load(text, Loader=PureSafeLoader) == data
    if C_LOADER is not None:
        assert yaml.load(text, Loader=C_LOADER) == data


_WORD = st.text(alphabet="ab?", min_size=1, max_size=4).filter(lambda w: not w.startswith("?"))
_FLOW = st.recursive(
    _WORD,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(_WORD, inner), max_size=3).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
    ),
    max_leaves=6,
)


def _read(text: str, loader: Any) -> Any:
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        return type(exc).__name__


@pytest.mark.skipif(C_LOADER is None, reason="PyYAML is installed without libyaml")
@given(_FLOW)
def test_flow_collections_with_question_marks_read_as_libyaml_reads_them(text: str) -> None:
    assert _read(text, PureSafeLoader) == _read(text, C_LOADER)


@pytest.mark.slow
def test_the_level_suites_pass_without_libyaml() -> None:
    """The broken-level corpus and every walkthrough, with libyaml hidden from the loader."""
    code = (
        "import sys, yaml\n"
        "for name in ('CSafeLoader', 'CLoader', 'CParser', 'CBaseLoader', 'CFullLoader',\n"
        "             'CUnsafeLoader'):\n"
        "    if hasattr(yaml, name): delattr(yaml, name)\n"
        "from escape_game.loading import safe_yaml\n"
        "from escape_game.loading.pure_yaml import PureSafeLoader\n"
        "assert issubclass(safe_yaml.LevelLoader, PureSafeLoader), safe_yaml.LevelLoader.__mro__\n"
        "import pytest\n"
        "sys.exit(pytest.main(['-q', '-p', 'no:cacheprovider', '-p', 'no:xdist',\n"
        "                      'tests/test_loading_corpus.py',\n"
        "                      'tests/test_runner_walkthroughs.py']))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=600, check=False)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert " passed" in run.stdout.splitlines()[-1], run.stdout[-500:]
