"""`escape-game check` and `escape-game walkthrough` as a teacher runs them."""

from __future__ import annotations

import json

import pytest
from locations import FIXTURES, LEVELS

from escape_game.cli import main


def test_check_prints_located_dead_end_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    case = FIXTURES / "unsolvable" / "locked_after_wrong_answer"
    assert main(["check", str(case)]) == 1
    out = capsys.readouterr().out
    assert "can be won, but has 1 dead end(s)" in out
    assert f"{case / 'campaign.yaml'}:14:9: error: dead end: puzzle 'safe'" in out
    assert "timers are off" in out


def test_check_json_lists_problems_with_sequences(capsys: pytest.CaptureFixture[str]) -> None:
    case = FIXTURES / "unsolvable" / "one_way_trap"
    assert main(["check", str(case), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["winnable"] is True and data["complete"] is True
    [dead] = [p for p in data["problems"] if p["code"] == "dead_end"]
    assert (dead["entity"], dead["line"]) == ("to_cellar", 14)
    assert dead["sequence"] == [{"actions": [{"type": "go", "exit": "to_cellar"}]}]


def test_check_passes_the_tutorial(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(LEVELS / "tutorial")]) == 0
    assert "can be won, with no dead ends" in capsys.readouterr().out


def test_check_reports_loader_errors_without_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = FIXTURES / "broken" / "exit_to_unknown_room"
    assert main(["check", str(case)]) == 1
    assert "campaign.yaml:" in capsys.readouterr().err


def test_walkthrough_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["walkthrough", str(LEVELS / "tutorial"), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Tu t’échappes." in out
    assert "1. " in out and "Passer par" in out


def test_walkthrough_of_an_unwinnable_level_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["walkthrough", str(FIXTURES / "unsolvable" / "key_behind_door")]) == 1
    assert "cannot be finished" in capsys.readouterr().out


def test_walkthrough_refuses_a_language_the_level_lacks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["walkthrough", str(LEVELS / "tutorial"), "--lang", "de"]) == 2
    assert "not 'de'" in capsys.readouterr().err
