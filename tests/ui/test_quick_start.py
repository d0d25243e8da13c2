"""`escape-game try`: the game opens in the room, with nothing asked and nothing recorded."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from escape_game.check.arrival import arrival, with_changes
from escape_game.core import Level
from escape_game.loading import load_campaign

TUTORIAL = Path(__file__).resolve().parents[2] / "levels" / "tutorial"


@pytest.mark.ui
def test_the_game_opens_in_the_room_with_nothing_asked_or_recorded(
        make_pilot: Any, tmp_path: Path) -> None:
    from escape_game.ui.scenes.room import RoomScene

    loaded = load_campaign(TUTORIAL)
    level = Level.from_campaign(loaded.campaign)
    state = with_changes(level, arrival(level, "office").state, money=Decimal("99"))
    pilot = make_pilot(level=loaded, start_state=state, data_dir=tmp_path / "data")
    pilot.wait(500)
    assert isinstance(pilot.scene, RoomScene)
    assert pilot.session().state.room == "office"
    assert pilot.session().state.money == Decimal("99.00")
    assert pilot.has("shop")
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.jsonl*"))
