"""Each deliberately broken level is reported with the right entity, file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from locations import FIXTURES

from escape_game.check import check_level, deep_problems
from escape_game.check.checker import locator
from escape_game.core import Level
from escape_game.loading import load_campaign

CASES = sorted(p for p in (FIXTURES / "unsolvable").iterdir() if (p / "expected.yaml").is_file())


def _expected(case: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list) and data
    return data


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_level_is_reported_at_the_entity(case: Path) -> None:
    loaded = load_campaign(case)
    report = check_level(Level.from_campaign(loaded.campaign))
    located = {
        (f.code, f.entity, file.name, line) for file, line, _, f in report.located(locator(loaded))
    }
    for want in _expected(case):
        key = (want["code"], want["entity"], want["file"], want["line"])
        assert key in located, f"{key} not among {sorted(map(str, located))}"


def test_there_are_the_five_kinds_of_broken_level() -> None:
    names = {c.name for c in CASES}
    assert {
        "key_behind_door",
        "one_way_trap",
        "unaffordable_potion",
        "unreachable_puzzle",
        "locked_after_wrong_answer",
    } <= names


def test_dead_end_carries_the_sequence_that_leads_there() -> None:
    loaded = load_campaign(FIXTURES / "unsolvable" / "locked_after_wrong_answer")
    report = check_level(Level.from_campaign(loaded.campaign))
    assert report.winnable is True
    [dead] = report.dead_ends
    assert dead.path is not None and len(dead.path) == 1
    assert dead.path[0].wrong
    assert "max_attempts: 1" in dead.message


def test_deep_problems_are_located_like_the_loaders() -> None:
    case = FIXTURES / "unsolvable" / "one_way_trap"
    problems = deep_problems(load_campaign(case))
    [dead] = [p for p in problems if p.code == "dead_end"]
    assert dead.severity == "error"
    assert dead.file.name == "campaign.yaml"
    assert dead.format().startswith(f"{dead.file}:14:9: error: dead end: exit 'to_cellar'")


def test_an_exit_named_like_its_room_is_located_at_the_exit(tmp_path: Path) -> None:
    text = (FIXTURES / "unsolvable" / "one_way_trap" / "campaign.yaml").read_text(
        encoding="utf-8"
    )
    (tmp_path / "campaign.yaml").write_text(
        text.replace("id: to_cellar", "id: cellar"), encoding="utf-8"
    )
    loaded = load_campaign(tmp_path)
    report = check_level(Level.from_campaign(loaded.campaign))
    [(file, line, _, dead)] = [
        t for t in report.located(locator(loaded)) if t[3].code == "dead_end"
    ]
    assert (dead.entity, dead.kind, file.name, line) == ("cellar", "exit", "campaign.yaml", 14)
