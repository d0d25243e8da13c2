"""Fixtures for driving the real app headless: a small level, a pilot, temp folders."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from escape_game.model import Campaign

UI_FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class FixtureLevel:
    """What the loader returns, for a fixture level validated straight from its YAML."""

    campaign: Campaign
    root: Path
    content_hash: str

    def resolve_asset(self, ref: str) -> Path:
        return self.root / ref


def fixture_level(name: str = "mini") -> FixtureLevel:
    path = UI_FIXTURES / name / "campaign.yaml"
    text = path.read_bytes()
    campaign = Campaign.model_validate(yaml.safe_load(text))
    return FixtureLevel(campaign, path.parent, hashlib.sha256(text).hexdigest())


@pytest.fixture
def make_pilot(tmp_path: Path) -> Any:
    from escape_game.ui.app import PlayOptions
    from escape_game.ui.pilot import Pilot

    def make(level: Any = None, size: tuple[int, int] = (1280, 720), **options: Any) -> Pilot:
        options.setdefault("seed", 7)
        options.setdefault("data_dir", tmp_path / "data")
        options.setdefault("settings_path", tmp_path / "config" / "settings.json")
        opts = PlayOptions(level=level if level is not None else fixture_level(), **options)
        return Pilot(opts, size=size)

    return make
