"""Every shipped level is proved winnable with no dead ends, and its way out replays."""

from __future__ import annotations

from pathlib import Path

import pytest
from locations import LEVELS

from escape_game.check import check_level
from escape_game.check.checker import locator
from escape_game.check.moves import apply_move
from escape_game.core import Level, new_game
from escape_game.loading import load_campaign

SHIPPED = sorted(p for p in LEVELS.iterdir() if (p / "campaign.yaml").is_file())


def test_levels_are_found() -> None:
    assert {"risk_academy", "tutorial"} <= {p.name for p in SHIPPED}


@pytest.mark.parametrize("folder", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_level_is_winnable_without_dead_ends(folder: Path) -> None:
    loaded = load_campaign(folder)
    level = Level.from_campaign(loaded.campaign)
    report = check_level(level)
    errors = [f"{file}:{line}: {f.message}" for file, line, _, f in report.located(
        locator(loaded)) if f.severity == "error"]
    assert report.complete, "the search did not finish within its budget"
    assert report.winnable is True
    assert report.dead_ends == [], errors
    assert errors == []
    assert report.shortest is not None
    state = new_game(level, 0, timers=False).state
    for move in report.shortest:
        result = apply_move(level, state, move)
        assert result is not None, f"{move} was rejected"
        state = result.state
    assert state.outcome == "escaped"
