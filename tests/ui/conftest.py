"""Fixtures for driving the real app headless: a small level, a pilot, temp folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ui_fixtures import fixture_level


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
