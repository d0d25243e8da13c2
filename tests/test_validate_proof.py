"""Plain `validate` runs a quick proof: an unwinnable level never exits 0 in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from escape_game.check.quick import quick_proof
from escape_game.cli import main
from escape_game.loading import load_campaign

ROOT = Path(__file__).resolve().parents[1]
UNSOLVABLE = ROOT / "tests" / "fixtures" / "unsolvable"
UNWINNABLE = ["key_behind_door", "unaffordable_potion"]
DEAD_ENDS = ["locked_after_wrong_answer", "one_way_trap", "spent_too_much"]


@pytest.mark.parametrize("name", UNWINNABLE + DEAD_ENDS)
def test_plain_validate_fails_a_level_the_proof_condemns(
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-context", str(UNSOLVABLE / name)]) == 1
    captured = capsys.readouterr()
    if name in UNWINNABLE:
        assert "error: the level cannot be won" in captured.out
        assert f"{name}: cannot be won (all " in captured.err
    else:
        assert "error: dead end:" in captured.out


def test_an_unreachable_room_is_reported_without_deep(capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", "--no-context", str(UNSOLVABLE / "key_behind_door")])
    out = capsys.readouterr().out
    assert "campaign.yaml:27:5: warning: no play reaches room 'study'" in out


def test_no_proof_skips_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-proof", str(UNSOLVABLE / "key_behind_door")]) == 0
    assert "cannot be won" not in capsys.readouterr().err


def test_a_level_too_big_for_the_budget_is_sent_to_check() -> None:
    proof = quick_proof(load_campaign(ROOT / "levels" / "risk_academy"), budget=50)
    assert proof.problems == []
    assert "run `escape-game check` for the rest" in proof.note
    assert "not proved within 50 states" in proof.note


def test_the_shipped_levels_are_proved_winnable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT / "levels" / "tutorial")]) == 0
    assert "tutorial: can be won (all 11 states searched)" in capsys.readouterr().err


def test_a_level_without_any_escape_says_to_add_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "campaign.yaml").write_text(
        "format: 1\nid: demo\ntitle: Demo\nlanguages: [en]\nstart: {room: hall, money: 5}\n"
        "rooms:\n  - id: hall\n    title: Hall\n    description: A hall.\n"
        "    on_enter: [{set_flag: in}]\n", "utf-8")
    assert main(["validate", "--no-context", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert ("campaign.yaml:7:5: error: the level cannot be won: nothing in it has the effect "
            "'escape: true'; add it where the player gets out") in out
