"""The committed JSON Schemas match the models, and the tutorial validates against them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from escape_game.cli import main
from escape_game.commands.schema import FILES, SCHEMA_DIR, schema_text
from escape_game.loading.safe_yaml import Limits, read_yaml

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "levels" / "tutorial"


@cache
def _validator(kind: str) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMA_DIR / FILES[kind]).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def _data(path: Path) -> Any:
    parsed = read_yaml(path, Limits())
    assert parsed.ok, parsed.problems
    return parsed.data


@pytest.mark.parametrize("kind", sorted(FILES))
def test_committed_schema_is_what_the_command_writes(kind: str, tmp_path: Path) -> None:
    committed = (SCHEMA_DIR / FILES[kind]).read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run: escape-game schema --dir schema"
    assert main(["schema", "--dir", str(tmp_path)]) == 0
    assert (tmp_path / FILES[kind]).read_text(encoding="utf-8") == committed


def test_output_option_writes_one_schema(tmp_path: Path) -> None:
    target = tmp_path / "level.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema_text("campaign")
    assert main(["schema", "--fragment", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"].endswith("campaign.yaml")
    assert "rooms" in json.loads(target.read_text(encoding="utf-8"))["properties"]


def test_tutorial_validates_against_the_schemas() -> None:
    assert list(_validator("campaign").iter_errors(_data(TUTORIAL / "campaign.yaml"))) == []
    fragment = _validator("fragment")
    for path in sorted((TUTORIAL / "rooms").glob("*.yaml")):
        assert list(fragment.iter_errors(_data(path))) == [], path


def test_schema_refuses_what_the_loader_refuses() -> None:
    data = _data(TUTORIAL / "rooms" / "hall.yaml")
    data["rooms"][0]["descripton"] = "typo"
    assert list(_validator("fragment").iter_errors(data))
    root = _data(TUTORIAL / "campaign.yaml")
    del root["start"]
    assert list(_validator("campaign").iter_errors(root))


def test_fields_carry_help_for_editors() -> None:
    schema = json.loads((SCHEMA_DIR / FILES["campaign"]).read_text(encoding="utf-8"))
    code = schema["$defs"]["CodeLock"]["properties"]["code"]
    assert "quotes" in code["description"]
    assert "insurance" in schema["$defs"]["Potion"]["description"]


def test_old_keys_validate_against_the_schema_and_are_marked_deprecated() -> None:
    old = ROOT / "tests" / "fixtures" / "old_keys"
    assert list(_validator("campaign").iter_errors(_data(old / "campaign.yaml"))) == []
    assert list(_validator("fragment").iter_errors(_data(old / "rooms" / "vault.yaml"))) == []
    defs = _validator("campaign").schema["$defs"]
    for name, old_key, new_key in [("HasFlag", "flag", "has_flag"),
                                   ("ItemUse", "effects", "on_use"),
                                   ("Option", "feedback", "message"),
                                   ("CodeLock", "correct_feedback", "correct_message"),
                                   ("Threat", "protected_text", "protected_message")]:
        prop = defs[name]["properties"][old_key]
        assert prop["deprecated"] is True and f"write '{new_key}'" in prop["deprecationMessage"]
        assert "deprecated" not in defs[name]["properties"][new_key]
    assert list(jsonschema.Draft7Validator(defs["HasFlag"]).iter_errors({})) != []
    assert list(jsonschema.Draft7Validator(defs["HasFlag"]).iter_errors({"flag": "a"})) == []
