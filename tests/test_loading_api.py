"""The loader's public API: the tutorial loads clean, entities are located, hashes are stable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from escape_game.loading import LevelError, Problem, load_campaign, validate_paths

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "levels" / "tutorial"


def test_tutorial_loads_without_warnings() -> None:
    loaded = load_campaign(TUTORIAL)
    assert loaded.warnings == []
    assert [room.id for room in loaded.campaign.rooms] == ["hall", "office"]
    assert loaded.root == TUTORIAL
    assert [p.name for p in loaded.files] == ["campaign.yaml", "hall.yaml", "office.yaml"]
    assert len(loaded.content_hash) == 64


def test_entities_are_located_in_the_file_that_declares_them() -> None:
    loaded = load_campaign(TUTORIAL / "campaign.yaml")
    where = loaded.locate_entity("kitchen_fire")
    assert where.file.name == "office.yaml"
    lines = where.file.read_text(encoding="utf-8").splitlines()
    assert lines[where.line - 1][where.column - 1 :].startswith("id: kitchen_fire")
    exit_to = loaded.locate(("rooms", 0, "exits", 0, "to"))
    assert exit_to.file.name == "hall.yaml"
    assert loaded.file_line(exit_to).strip() == "to: office"
    with pytest.raises(KeyError):
        loaded.locate_entity("no_such_thing")


def test_content_hash_is_stable_and_follows_content(tmp_path: Path) -> None:
    copy = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, copy)
    first = load_campaign(copy).content_hash
    assert load_campaign(copy).content_hash == first
    hall = copy / "rooms" / "hall.yaml"
    hall.write_bytes(hall.read_bytes().replace(b"\n", b"\r\n"))
    assert load_campaign(copy).content_hash == first, "line endings are normalized"
    hall.write_text(hall.read_text(encoding="utf-8").replace("A small hall", "A tiny hall"),
                    encoding="utf-8")
    assert load_campaign(copy).content_hash != first


def test_engine_assets_resolve_and_escapes_do_not() -> None:
    loaded = load_campaign(TUTORIAL)
    assert loaded.resolve_asset("assets:images/rooms/hall.png").is_file()
    with pytest.raises(LevelError) as info:
        loaded.resolve_asset("../../README.md")
    assert "'..'" in info.value.problems[0].message


def test_error_lists_problems_and_formats_them(tmp_path: Path) -> None:
    level = tmp_path / "campaign.yaml"
    level.write_text("format: 1\nid: x\ntitle: X\nlanguages: [en]\n"
                     "start: {room: hal, money: 0}\nrooms:\n  - {id: hall, title: H, "
                     "description: D}\n", encoding="utf-8")
    with pytest.raises(LevelError) as info:
        load_campaign(level)
    (problem,) = info.value.problems
    assert isinstance(problem, Problem)
    assert problem.format() == (f"{level}:5:15: error: unknown room 'hal'; did you mean 'hall'?")
    assert validate_paths([level]) == [problem]


def test_engine_images_can_be_named_by_their_manifest_key() -> None:
    loaded = load_campaign(TUTORIAL)
    by_name = loaded.resolve_asset("assets:items/key")
    assert by_name == loaded.resolve_asset("assets:images/items/key.png")
    with pytest.raises(LevelError) as info:
        loaded.resolve_asset("assets:items/no_such_icon")
    assert "engine's assets folder" in info.value.problems[0].message


def test_every_file_is_checked_in_one_run(tmp_path: Path) -> None:
    (tmp_path / "rooms").mkdir()
    (tmp_path / "campaign.yaml").write_text(
        "format: 1\nid: x\ntitle: X\ntitle: Y\nlanguages: [en]\nstart: {room: hall, money: oops}\n"
        "include: [rooms/hall.yaml]\n", encoding="utf-8")
    (tmp_path / "rooms" / "hall.yaml").write_text(
        "rooms:\n  - id: hall\n    titel: Hall\n    description: D\n", encoding="utf-8")
    with pytest.raises(LevelError) as info:
        load_campaign(tmp_path)
    found = {(p.file.name, p.line, p.code) for p in info.value.problems}
    # 'titel' is reported once, as a misspelling of 'title', not also as a missing 'title'
    assert found == {("campaign.yaml", 4, "duplicate_key"), ("campaign.yaml", 6, "decimal_parsing"),
                     ("hall.yaml", 3, "extra_forbidden")}


def test_an_inline_level_gets_the_loaders_cross_checks() -> None:
    """Scenario tests' inline levels are refused for what a teacher's file would be."""
    from escape_game.runner.levels import level_from_text

    text = (
        "format: 1\nid: t\ntitle: T\nlanguages: [en]\nstart: {room: hall, money: \"10.00\"}\n"
        "risks: [{id: fire, name: Fire}]\n"
        "rooms:\n  - id: hall\n    title: Hall\n    description: H\n"
        "    objects: [{id: desk, name: Desk, description: D, take: map}]\n"
    )
    with pytest.raises(LevelError) as raised:
        level_from_text(text)
    (problem,) = raised.value.problems
    assert problem.code == "unknown_item" and problem.line == 11
    assert problem.file.name == "campaign.yaml"
    fixed = text.replace("take: map", "take: key") + "items: [{id: key, name: Key}]\n"
    assert level_from_text(fixed).items["key"].name == "Key"
