"""Saves and action files, whatever they hold: a SaveError or ActionFileError, never a crash.

Documents are built from a valid save or action file with deep nesting, long numbers and
random edits put anywhere. INPUT_FUZZ_EXAMPLES=2000 runs a longer search before a release.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from locations import FIXTURES
from test_loading_fuzz import value_paths

from escape_game.core import Level
from escape_game.core import actions as a
from escape_game.runner import ActionFileError, SaveError, load_save, load_script, save_game
from escape_game.runner.levels import load_level_with_hash
from escape_game.runner.play import replay
from escape_game.runner.saves import _checksum

SETTINGS = settings(max_examples=int(os.environ.get("INPUT_FUZZ_EXAMPLES", "100")),
                    deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                          HealthCheck.function_scoped_fixture])
MINI = FIXTURES / "core" / "levels" / "mini"
ACTIONS = [a.Examine(object="desk"), a.Take(object="drawer"), a.AdvanceTime(ms=1234),
           a.Answer(puzzle="safe_code", code="9"), a.BuyPotion(potion="cheap")]


@pytest.fixture(scope="module")
def mini() -> tuple[Level, str, str]:
    found = load_level_with_hash(MINI)
    level, digest = found.level, found.content_hash
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "slot.json"
        state = replay(level, 3, ACTIONS)[-1].state
        save_game(path, level, seed=3, actions=ACTIONS, state=state, content_hash=digest)
        return level, digest, path.read_text(encoding="utf-8")


@st.composite
def deep(draw: st.DrawFn) -> str:
    opener = draw(st.sampled_from(["[", "{\"a\": ", "[{\"a\": "]))
    closer = {"[": "]", "{\"a\": ": "}", "[{\"a\": ": "}]"}[opener]
    depth = draw(st.one_of(st.integers(1, 40), st.integers(1_000, 120_000)))
    return opener * depth + "1" + closer * depth


@st.composite
def long_number(draw: st.DrawFn) -> str:
    digits = draw(st.one_of(st.integers(18, 23), st.integers(24, 6_000)))
    body = "9" * digits
    return draw(st.sampled_from([body, "-" + body, f"1.{body}", f"1e{body[:7]}",
                                 f'"{body}"', "0" * digits + "1", "NaN", "Infinity"]))


MARK = "\u0000SPOT\u0000"


@st.composite
def edited_saves(draw: st.DrawFn, text: str) -> str:
    """The save with one value replaced by a deep or long value (checksum kept right or not)."""
    doc = json.loads(text)
    body = {k: v for k, v in doc.items() if k != "checksum"}
    path = draw(st.sampled_from(value_paths(body)[1:]))
    parent: Any = body
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = MARK
    replacement = draw(st.one_of(deep(), long_number()))
    signed = draw(st.booleans())
    out = {**body, "checksum": _checksum(body) if signed else doc["checksum"]}
    return json.dumps(out).replace(json.dumps(MARK), replacement)


@SETTINGS
@given(data=st.data())
def test_saves_with_deep_or_long_values(mini: tuple[Level, str, str], data: st.DataObject,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    level, digest, text = mini
    path = tmp_path_factory.mktemp("save") / "slot.json"
    path.write_text(data.draw(edited_saves(text)), encoding="utf-8")
    try:
        load_save(path, level=level, content_hash=digest)
    except SaveError as exc:
        assert len(str(exc)) < len(str(path)) + 300


@SETTINGS
@given(data=st.data())
def test_save_documents_made_of_deep_nesting_and_numbers(
    mini: tuple[Level, str, str], data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    level, _, _ = mini
    parts = data.draw(st.lists(st.one_of(deep(), long_number(),
                                         st.sampled_from(['"save_format": 1', ",", ":", "{",
                                                          "}", "[", "]", '"x"'])),
                               min_size=1, max_size=6))
    path = tmp_path_factory.mktemp("save") / "slot.json"
    path.write_text("".join(parts), encoding="utf-8")
    with pytest.raises(SaveError):
        load_save(path, level=level)


ACTION_FILE = """\
seed: 3
timers: true
actions:
  - {type: examine, object: desk}
  - {type: wait, ms: 1234}
  - {type: answer, puzzle: budget, amounts: {rent: 12.5}}
"""


@SETTINGS
@given(data=st.data())
def test_action_files_with_deep_or_long_values(data: st.DataObject,
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    lines = ACTION_FILE.splitlines()
    spots = [(i, line.index(": ") + 2) for i, line in enumerate(lines) if ": " in line]
    for _ in range(data.draw(st.integers(1, 2))):
        row, col = data.draw(st.sampled_from(spots))
        line = lines[row]
        end = min((line.find(ch, col) for ch in ",}" if line.find(ch, col) >= 0),
                  default=len(line))
        value = data.draw(st.one_of(deep(), long_number()))
        lines[row] = line[:col] + value + line[end:]
    path = tmp_path_factory.mktemp("actions") / "walk.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load_script(path)
    except ActionFileError as exc:
        assert exc.problems
        assert all(len(p) < 400 for p in exc.problems)
