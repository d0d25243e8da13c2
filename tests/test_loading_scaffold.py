"""`escape-game new`: the scaffold validates clean in any languages and never overwrites."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from locations import LEVELS

from escape_game.check import deep_problems
from escape_game.cli import main
from escape_game.commands.schema import schema_text
from escape_game.loading import load_campaign
from escape_game.loading.safe_yaml import Limits, read_yaml


@pytest.mark.parametrize("langs", [["en", "fr"], ["en"], ["fr", "de", "no"]])
def test_new_level_validates_without_warnings(langs: list[str], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["new", "Budget Basics", "--dir", str(tmp_path)]
    for lang in langs:
        argv += ["--lang", lang]
    assert main(argv) == 0
    level = tmp_path / "budget_basics"
    assert "escape-game validate" in capsys.readouterr().out
    loaded = load_campaign(level)
    assert loaded.warnings == []
    campaign = loaded.campaign
    assert campaign.languages == tuple(langs)
    assert campaign.title == "Budget Basics"
    room = campaign.rooms[0]
    assert room.objects and room.puzzles and len(room.shop) == 2 and room.threats
    assert {p.kind for p in room.puzzles} >= {"code_lock"}
    assert len(campaign.concepts) == 2
    assert [len(form.items) for form in campaign.quiz_forms] == [2, 2]
    assert main(["validate", str(level)]) == 0


def test_scaffold_is_commented_and_fits_the_schemas(tmp_path: Path) -> None:
    assert main(["new", "Risk 101", "--dir", str(tmp_path)]) == 0
    level = tmp_path / "risk_101"
    text = (level / "campaign.yaml").read_text(encoding="utf-8")
    assert text.count("\n#") >= 5 and "yaml-language-server: $schema=" in text
    for path, kind in ((level / "campaign.yaml", "campaign"),
                       (level / "rooms" / "hall.yaml", "fragment")):
        validator = jsonschema.Draft7Validator(json.loads(schema_text(kind)))
        assert list(validator.iter_errors(read_yaml(path, Limits()).data)) == []


def test_other_languages_are_marked_for_translation(tmp_path: Path) -> None:
    assert main(["new", "Dos", "--dir", str(tmp_path), "--lang", "es"]) == 0
    room = load_campaign(tmp_path / "dos").campaign.rooms[0]
    assert room.title == "[es] Hall"


def test_existing_folder_is_never_overwritten(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "budget").mkdir()
    (tmp_path / "budget" / "mine.txt").write_text("keep me", encoding="utf-8")
    assert main(["new", "Budget", "--dir", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "budget").iterdir()] == ["mine.txt"]


@pytest.mark.parametrize("argv", [["new", "!!!"], ["new", "Ok", "--lang", "English"],
                                  ["new", "Ok", "--dir", "/no/such/folder"]])
def test_unusable_calls_exit_2(argv: list[str], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert list(tmp_path.iterdir()) == []


def test_scaffold_and_tutorial_can_be_finished(tmp_path: Path) -> None:
    assert main(["new", "Finish Me", "--dir", str(tmp_path)]) == 0
    for level in (tmp_path / "finish_me", LEVELS / "tutorial"):
        problems = deep_problems(load_campaign(level))
        assert [p.format() for p in problems if p.severity == "error"] == []
