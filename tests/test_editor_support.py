"""Editor completion: every key explained, no engine class names, and it works in any folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from escape_game.cli import main
from escape_game.commands.schema import FILES, schema_text
from escape_game.loading import load_campaign

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")


def _definitions(kind: str) -> dict[str, dict[str, object]]:
    schema = json.loads(schema_text(kind))
    return {"<root>": schema, **schema["$defs"]}


@pytest.mark.parametrize("kind", sorted(FILES))
def test_every_property_has_a_description(kind: str) -> None:
    missing = [f"{name}.{key}" for name, d in _definitions(kind).items()
               for key, prop in d.get("properties", {}).items()  # type: ignore[attr-defined]
               if not prop.get("description")]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(FILES))
def test_no_engine_class_name_is_offered(kind: str) -> None:
    text = schema_text(kind)
    titles = re.findall(r'"title": "([^"]*)"', text)
    assert titles, "titles are what completion lists show"
    camel = [t for t in titles if re.fullmatch(r"(?:[A-Z][a-z]+){2,}", t)]
    assert camel == []
    for internal in ("GiveItem", "SetFlag", "Give Item", "Set Flag"):
        assert f'"title": "{internal}"' not in text


def _modeline_target(file: Path) -> Path:
    first = file.read_text("utf-8").splitlines()[0]
    found = MODELINE.match(first)
    assert found, first
    path = Path(found["path"])
    assert not path.is_absolute(), "an absolute path breaks when the level moves"
    return (file.parent / path).resolve()


def test_a_new_level_outside_the_engine_gets_working_relative_schemas(tmp_path: Path) -> None:
    assert main(["new", "My first job", "--dir", str(tmp_path)]) == 0
    level = tmp_path / "my_first_job"
    moved = tmp_path / "elsewhere" / "job"
    moved.parent.mkdir()
    level.rename(moved)  # the level moves to another computer or folder: still works
    assert _modeline_target(moved / "campaign.yaml") == (moved / "schema" / FILES["campaign"])
    assert _modeline_target(moved / "rooms" / "hall.yaml") == (
        moved / "schema" / FILES["fragment"])
    assert (moved / "schema" / FILES["fragment"]).read_text("utf-8") == schema_text("fragment")
    settings = json.loads((moved / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"]["./schema/level.schema.json"] == ["campaign.yaml"]
    load_campaign(moved)  # the modelines and the schema folder do not disturb the loader


def test_schema_editor_sets_up_an_existing_level(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    level = tmp_path / "lvl"
    (level / "rooms").mkdir(parents=True)
    tutorial = Path(__file__).resolve().parents[1] / "levels" / "tutorial"
    (level / "campaign.yaml").write_text(
        (tutorial / "campaign.yaml").read_text("utf-8"), "utf-8")
    for room in ("hall", "office"):
        text = (tutorial / "rooms" / f"{room}.yaml").read_text("utf-8")
        (level / "rooms" / f"{room}.yaml").write_text(text.split("\n", 1)[1], "utf-8")
    (level / ".vscode").mkdir()
    (level / ".vscode" / "settings.json").write_text('{"editor.tabSize": 2}', "utf-8")
    assert main(["schema", "--editor", str(level)]) == 0
    assert _modeline_target(level / "rooms" / "office.yaml") == (
        level / "schema" / FILES["fragment"])
    assert _modeline_target(level / "campaign.yaml") == level / "schema" / FILES["campaign"]
    settings = json.loads((level / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["editor.tabSize"] == 2 and "yaml.schemas" in settings
    before = (level / "campaign.yaml").read_text("utf-8")
    assert main(["schema", "--editor", str(level)]) == 0  # a second run changes nothing
    assert (level / "campaign.yaml").read_text("utf-8") == before
    load_campaign(level)
    assert main(["schema", "--editor", str(tmp_path)]) == 2
    assert "no campaign.yaml" in capsys.readouterr().err
