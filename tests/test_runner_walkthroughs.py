"""Every scripted walkthrough of every level reaches the outcome its file expects.

A walkthrough is ``<level>/walkthroughs/*.yaml``: actions plus ``expect:`` (outcome, and
optionally score, min_score, money, debt, wellbeing). New levels are picked up automatically.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from locations import FIXTURES, ROOT

from escape_game.runner import load_script, play_script
from escape_game.runner.levels import load_level

LEVEL_ROOTS = (ROOT / "levels", FIXTURES / "core" / "levels")
WALKTHROUGHS = sorted(
    path for root in LEVEL_ROOTS if root.is_dir() for path in root.glob("*/walkthroughs/*.yaml")
)
EXPECT_KEYS = {"outcome", "score", "min_score", "money", "debt", "wellbeing"}


def _id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.stem}"


def test_the_fixture_walkthroughs_are_found() -> None:
    assert {_id(p) for p in WALKTHROUGHS} >= {"mini/careful", "mini/reckless"}


@pytest.mark.parametrize("path", WALKTHROUGHS, ids=[_id(p) for p in WALKTHROUGHS])
def test_walkthrough_reaches_expected_outcome(path: Path) -> None:
    level = load_level(path.parent.parent)
    script = load_script(path)
    expect = script.expect
    assert "outcome" in expect, f"{path}: a walkthrough needs expect: {{outcome: ...}}"
    assert set(expect) <= EXPECT_KEYS, f"{path}: unknown expect keys {set(expect) - EXPECT_KEYS}"
    result = play_script(level, script.actions, script.seed or 0,
                         timers=True if script.timers is None else script.timers)
    rejected = [e.model_dump() for e in result.events if e.name == "ActionRejected"]
    state = result.state
    summary = (f"outcome={state.outcome} score={state.score} money={state.money} "
               f"debt={state.debt} wellbeing={state.wellbeing} rejected={rejected}")
    assert state.outcome == expect["outcome"], summary
    if "score" in expect:
        assert state.score == expect["score"], summary
    if "min_score" in expect:
        assert state.score >= expect["min_score"], summary
    if "money" in expect:
        assert state.money == Decimal(str(expect["money"])), summary
    if "debt" in expect:
        assert state.debt == Decimal(str(expect["debt"])), summary
    if "wellbeing" in expect:
        assert state.wellbeing == expect["wellbeing"], summary
