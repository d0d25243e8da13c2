"""The YAML examples in docs/level-format.md parse, and complete ones validate as the models."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from escape_game.loading.safe_yaml import LevelLoader
from escape_game.model import (
    PUZZLE_KINDS,
    Concept,
    Exit,
    GameObject,
    Item,
    Potion,
    Puzzle,
    Risk,
    Story,
    Threat,
)

DOC = Path(__file__).resolve().parent.parent / "docs" / "level-format.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
MODELS: dict[str, Any] = {"objects": GameObject, "exits": Exit, "shop": Potion,
                          "threats": Threat, "items": Item, "risks": Risk, "concepts": Concept}


def _has_placeholder(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_placeholder(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_placeholder(v) for v in value)
    return value == "..." or value == ["..."]


def test_the_guide_has_examples() -> None:
    assert len(BLOCKS) >= 20


@pytest.mark.parametrize("block", BLOCKS, ids=[b.splitlines()[0][:40] for b in BLOCKS])
def test_example_parses_everywhere_and_validates(block: str) -> None:
    data = yaml.load(block, Loader=LevelLoader)
    yaml.safe_load(block)  # strict pure-Python parser: what stricter editors accept too
    entries: list[tuple[Any, dict[str, Any]]] = []
    if isinstance(data, list) and isinstance(data[0], dict) and data[0].get("kind") in PUZZLE_KINDS:
        entries = [(TypeAdapter(Puzzle), e) for e in data]
    elif isinstance(data, dict):
        for key, model in MODELS.items():
            if isinstance(data.get(key), list):
                entries += [(TypeAdapter(model), e) for e in data[key]]
    if isinstance(data, dict) and isinstance(data.get("story"), dict):
        entries.append((TypeAdapter(Story), data["story"]))
    for adapter, entry in entries:
        if not _has_placeholder(entry):
            adapter.validate_python(entry)
