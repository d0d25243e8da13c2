"""A small level for UI tests, loaded through the loader like any level a teacher writes."""

from __future__ import annotations

from pathlib import Path

from escape_game.loading import LoadedCampaign, load_campaign

UI_FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_level(name: str = "mini") -> LoadedCampaign:
    return load_campaign(UI_FIXTURES / name)
