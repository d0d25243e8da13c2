"""A small level for UI tests, validated straight from its YAML (no loader needed)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

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
