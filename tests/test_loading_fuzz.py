"""Whatever a file holds, the loader answers with a level or a LevelError, never a crash."""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escape_game.loading import LevelError, LoadedCampaign, load_campaign

TUTORIAL = Path(__file__).resolve().parent.parent / "levels" / "tutorial"
# LOADER_FUZZ_EXAMPLES=2000 runs a longer search before a release.
SETTINGS = settings(max_examples=int(os.environ.get("LOADER_FUZZ_EXAMPLES", "100")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _load_text(text: str | bytes, extra: dict[str, str] | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "campaign.yaml"
        if isinstance(text, bytes):
            root.write_bytes(text)
        else:
            root.write_text(text, encoding="utf-8")
        for name, content in (extra or {}).items():
            (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / name).write_text(content, encoding="utf-8")
        _load(Path(tmp))


def _load(level: Path) -> None:
    try:
        loaded = load_campaign(level)
    except LevelError as exc:
        assert exc.problems, "a LevelError always lists its problems"
        for problem in exc.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message
    else:
        assert isinstance(loaded, LoadedCampaign)


YAMLISH = st.text(alphabet=st.one_of(st.sampled_from(list("abc :-[]{}&*!#|>'\"\n\t 0123,.%@`~?<=")),
                                     st.characters(codec="utf-8")), max_size=300)


@SETTINGS
@given(YAMLISH)
def test_random_yaml_text(text: str) -> None:
    _load_text(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes(raw: bytes) -> None:
    _load_text(raw)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["hall", "en", "fr", "code_lock",
                                                           "enter", "0042", "1.5", "yes"]))
KEYS = st.one_of(st.text(max_size=10), st.sampled_from(
    ["id", "rooms", "format", "title", "languages", "start", "room", "money", "kind", "when",
     "include", "objects", "exits", "to", "items", "concepts", "code", "image", "<<"]))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)


@SETTINGS
@given(st.dictionaries(KEYS, DATA, max_size=8))
def test_random_nested_data(data: dict[str, Any]) -> None:
    _load_text(yaml.safe_dump(data, allow_unicode=True))


def _tutorial_data() -> dict[str, dict[str, Any]]:
    return {str(p.relative_to(TUTORIAL)): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(TUTORIAL.rglob("*.yaml"))}


TUTORIAL_DATA = _tutorial_data()


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(_paths(value, (*prefix, i)))
    return found


@st.composite
def mutated_tutorial(draw: st.DrawFn) -> dict[str, Any]:
    files = copy.deepcopy(TUTORIAL_DATA)
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(files)))
        paths = _paths(files[name])[1:]
        if not paths:
            continue
        path = draw(st.sampled_from(paths))
        parent = files[name]
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "rename", "duplicate"]))
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(DATA)
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(KEYS)] = parent.pop(last)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    return files


@pytest.mark.slow
@SETTINGS
@given(mutated_tutorial())
def test_mutations_of_the_tutorial(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        level = Path(tmp) / "tutorial"
        shutil.copytree(TUTORIAL, level)
        for name, data in files.items():
            (level / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        _load(level)


TUTORIAL_TEXTS = {str(p.relative_to(TUTORIAL)): p.read_text(encoding="utf-8")
                  for p in sorted(TUTORIAL.rglob("*.yaml"))}


@SETTINGS
@given(st.sampled_from(sorted(TUTORIAL_TEXTS)), st.data())
def test_text_edits_of_the_tutorial(name: str, data: st.DataObject) -> None:
    """Typing accidents: characters deleted, inserted or replaced anywhere in a file."""
    text = TUTORIAL_TEXTS[name]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 20))
        insert = data.draw(st.text(alphabet=st.sampled_from(list(" \t\n:-#'\"[]{}&*!|>?,x0é")),
                                   max_size=5))
        text = text[:at] + insert + text[at + cut:]
    with tempfile.TemporaryDirectory() as tmp:
        level = Path(tmp) / "tutorial"
        shutil.copytree(TUTORIAL, level)
        (level / name).write_text(text, encoding="utf-8")
        _load(level)
