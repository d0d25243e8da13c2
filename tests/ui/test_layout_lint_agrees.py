"""The layout lint computes the room screen without pygame: it must agree with the real one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from escape_game.check.layout_lint import png_size, room_spots
from escape_game.core import Level
from escape_game.loading import load_campaign
from escape_game.runner.arrival import arrival

ACADEMY = Path(__file__).resolve().parents[2] / "levels" / "risk_academy"


@pytest.mark.ui
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_hotspots_and_cut_labels_match_the_screen(make_pilot: Any, lang: str) -> None:
    loaded = load_campaign(ACADEMY)
    level = Level.from_campaign(loaded.campaign)
    state = arrival(level, "protection").state
    pilot = make_pilot(level=loaded, start_state=state, language=lang)
    pilot.wait(50)
    room = level.rooms["protection"]
    size = png_size(loaded.resolve_asset(room.background)) if room.background else None
    spots = {f"{s.kind}_{s.id}": s for s in room_spots(room, lang, "fr", size)}
    widgets = {w.key: w for w in pilot.widgets() if w.kind == "hotspot"}
    assert spots and set(spots) <= set(widgets)
    painter = pilot.app.painter(pilot.app.screen)
    for key, spot in spots.items():
        rect = widgets[key].rect
        assert abs(spot.icon.x + 3 - rect.x) <= 1 and abs(spot.icon.y + 3 - rect.y) <= 1, key
        width = widgets[key].extra["label_width"]
        assert painter.fit_text(spot.label, width, "small", bold=True) == spot.shown, key
