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
STALE = pytest.mark.xfail(strict=True, reason=(
    "the room and shop now lay themselves out from what they measure (a scrollbar lane, a "
    "taller bag, names wrapped or listed beside the picture, never cut); "
    "escape_game/check/layout_lint.py still models the earlier fixed layout and needs "
    "updating to it"))
#: the lint sums letter widths without kerning: near the limit its verdict may differ
MARGIN_PX = 6


def _same_cut(pilot: Any, text: str, room_px: int, size: int, bold: bool, shown: str) -> None:
    """The lint cuts a text where the screen cuts it (away from the limit, where kerning
    cannot change the verdict), give or take one letter."""
    painter = pilot.app.painter(pilot.app.screen)
    real = pilot.app.fonts.for_text(text, size, bold).size(text)[0]
    screen = painter.fit_text(text, room_px, "small" if size == 17 else "body", bold=bold)
    if abs(real - room_px) > MARGIN_PX:
        assert (screen == text) == (shown == text), (text, real, room_px)
    assert abs(len(screen) - len(shown)) <= 1, (screen, shown)


@pytest.mark.ui
@STALE
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
    for key, spot in spots.items():
        rect = widgets[key].rect
        assert abs(spot.icon.x + 3 - rect.x) <= 1 and abs(spot.icon.y + 3 - rect.y) <= 1, key
        _same_cut(pilot, spot.label, widgets[key].extra["label_width"], 17, True, spot.shown)


@pytest.mark.ui
@STALE
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_shop_texts_are_cut_as_the_shop_cuts_them(make_pilot: Any, lang: str) -> None:
    from escape_game.check.layout_lint import shop_column_width, shop_texts

    loaded = load_campaign(ACADEMY)
    level = Level.from_campaign(loaded.campaign)
    pilot = make_pilot(level=loaded, start_state=arrival(level, "protection").state,
                       language=lang)
    pilot.wait(50)
    pilot.app.toasts.clear()
    pilot.click_on("shop")
    pilot.wait(50)
    shop = level.rooms["protection"].shop
    for potion in shop:
        column = pilot.widget(f"buy_{potion.id}").rect.width
        assert column == shop_column_width(len(shop))
        for field, text, shown in shop_texts(potion, lang, "fr", len(shop)):
            room_px = column if field == "slogan" else column - 76
            _same_cut(pilot, text, room_px, 21, field == "brand", shown)
