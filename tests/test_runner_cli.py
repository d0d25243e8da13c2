"""`escape-game run` and action files: a readable log, JSON lines, and located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from locations import FIXTURES

from escape_game.cli import main
from escape_game.core import actions as a
from escape_game.runner import ActionFileError, load_actions, load_script

MINI = FIXTURES / "core" / "levels" / "mini" / "campaign.yaml"
WIN = """\
- {type: examine, object: desk}
- {type: take, object: drawer}
- {type: answer, puzzle: safe_code, code: "0042"}
- {type: use, item: key, target: door_panel}
- {type: go, exit: north}
"""


def test_run_prints_a_log_and_the_outcome(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    actions = tmp_path / "win.yaml"
    actions.write_text(WIN, encoding="utf-8")
    assert main(["run", str(MINI), "--actions", str(actions), "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "ItemTaken item=key object=drawer" in out
    assert "outcome: escaped  score: 100" in out


def test_run_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actions = tmp_path / "win.json"
    actions.write_text(json.dumps([{"type": "examine", "object": "desk"}, {"type": "quit"}]))
    assert main(["run", str(MINI), "--actions", str(actions), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[1]["events"][0] == {"name": "ObjectExamined",
                                     "data": {"object": "desk", "room": "hall"}}
    assert lines[-1]["result"]["outcome"] == "quit"


def test_invalid_action_file_exits_1_with_line_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {type: examine, object: desk}\n\n- {type: fly}\n- {type: wait, ms: -1}\n")
    assert main(["run", str(MINI), "--actions", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "line 3: action 2" in err and "'go', 'examine'" in err
    assert "line 4: action 3: ms: Input should be greater than or equal to 0" in err


def test_broken_yaml_and_wrong_shapes_are_reported(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("- {type: go, exit: [\n")
    with pytest.raises(ActionFileError, match="not valid YAML"):
        load_actions(broken)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("type: go\n")
    with pytest.raises(ActionFileError, match="unknown keys"):
        load_actions(mapping)
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("go north\n")
    with pytest.raises(ActionFileError, match="expected a list of actions"):
        load_actions(scalar)


def test_script_with_seed_and_expectation(tmp_path: Path) -> None:
    path = tmp_path / "walk.yaml"
    path.write_text("seed: 7\ntimers: false\nexpect: {outcome: quit}\nactions:\n  - {type: quit}\n")
    script = load_script(path)
    assert script.seed == 7 and script.timers is False
    assert script.expect == {"outcome": "quit"}
    assert script.actions == (a.Quit(),)


def test_a_broken_level_exits_1_with_located_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    level = tmp_path / "campaign.yaml"
    level.write_text(MINI.read_text(encoding="utf-8").replace("to: vault", "to: vaultt"))
    actions = tmp_path / "a.yaml"
    actions.write_text("- {type: quit}\n")
    assert main(["run", str(tmp_path), "--actions", str(actions)]) == 1
    err = capsys.readouterr().err
    assert "cannot load level" in err and "vaultt" in err and "campaign.yaml:" in err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "line 1, column "),
        ("- {type: go, exit: " + "[" * 300 + "]" * 300 + "}\n", "line 1, column "),
        ("- {type: wait, ms: " + "9" * 5_001 + "}\n", "line 1, column 20: the number '999"),
        ("seed: 0x" + "f" * 40 + "\nactions: []\n", "line 1, column 7: the number '0xfff"),
        ("- {type: answer, puzzle: p, amounts: {rent: 1e26}}\n", "line 1: action 1: amounts"),
        ('- {type: answer, puzzle: p, amounts: {rent: "' + "9" * 3_000 + '"}}\n',
         "line 1: action 1: amounts"),
    ],
    ids=["deep-document", "deep-value", "long-int", "long-seed", "huge-amount", "long-amount"],
)
def test_too_deep_and_too_large_action_files_get_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, words: str
) -> None:
    path = tmp_path / "actions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ActionFileError, match=None) as info:
        load_actions(path)
    assert words in str(info.value)
    assert max(len(line) for line in str(info.value).splitlines()) < len(str(path)) + 200
    assert main(["run", str(MINI), "--actions", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "invalid action file" in err
