"""`escape-game validate`: one sorted line per problem, JSON for tools, honest exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from escape_game.cli import main
from escape_game.commands import validate
from escape_game.loading import LoadedCampaign, Problem

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "levels" / "tutorial"
BROKEN = ROOT / "tests" / "fixtures" / "broken"
LINE = re.compile(r"^.+:\d+:\d+: (error|warning): .+$")


def test_clean_level_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(TUTORIAL)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "1 level checked: 0 errors, 0 warnings" in err


def test_folder_of_levels_gives_sorted_located_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--no-context", str(BROKEN)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) >= 40
    assert all(LINE.match(line) for line in lines), [x for x in lines if not LINE.match(x)]
    assert "Traceback" not in out + err
    keyed = [(line.split(":")[0], int(line.split(":")[1]), int(line.split(":")[2]))
             for line in lines]
    assert keyed == sorted(keyed)
    assert re.search(r"levels checked: \d+ errors, \d+ warnings", err)


def test_json_output_lists_problem_objects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "json", str(BROKEN / "unknown_start_room")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == [{
        "file": str(BROKEN / "unknown_start_room" / "campaign.yaml"), "line": 6, "column": 9,
        "severity": "error", "code": "unknown_room",
        "message": "unknown room 'kitchn'; did you mean 'kitchen'?",
    }]


def test_warnings_pass_unless_strict(capsys: pytest.CaptureFixture[str]) -> None:
    level = str(BROKEN / "unused_item")  # has no escape: the quick proof would fail it
    assert main(["validate", "--no-proof", level]) == 0
    assert "warning: the item 'key' is declared but never used" in capsys.readouterr().out
    assert main(["validate", "--no-proof", "--strict", level]) == 1
    assert "error: the item 'key'" in capsys.readouterr().out


def test_context_quotes_the_line_with_a_caret(capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", "--context", str(BROKEN / "key_typo_in_room")])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "        descripton: typo"
    assert lines[2] == "        ^"


def test_missing_path_is_an_unusable_call(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT / "no-such-level")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_deep_without_checker_is_an_unusable_call(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(validate, "_deep_checker", lambda: None)
    assert main(["validate", "--deep", str(TUTORIAL)]) == 2
    assert "deep checks are not available" in capsys.readouterr().err


def test_deep_problems_are_reported_with_the_others(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def deep(loaded: LoadedCampaign) -> list[Problem]:
        where = loaded.locate_entity("office")
        return [Problem(where.file, where.line, where.column, "error",
                        "room 'office' cannot be reached", "unreachable")]

    monkeypatch.setattr(validate, "_deep_checker", lambda: deep)
    assert main(["validate", "--deep", str(TUTORIAL)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(str(TUTORIAL / "rooms" / "office.yaml") + ":3:")
    assert "room 'office' cannot be reached" in out


def test_an_included_file_stands_for_its_level(capsys: pytest.CaptureFixture[str]) -> None:
    room = TUTORIAL / "rooms" / "hall.yaml"
    assert main(["validate", str(room)]) == 0
    assert "1 level checked: 0 errors, 0 warnings" in capsys.readouterr().err
