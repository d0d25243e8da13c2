"""The layout lint computes the room and shop screens without pygame: it must agree with the
real ones, as measured by the painter's record of what it drew."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from escape_game.check.arrival import arrival
from escape_game.check.layout_lint import (
    SHOP_INNER_W,
    header_texts,
    lines,
    png_size,
    room_layout,
    shop_as_table,
    shop_column_width,
)
from escape_game.core import Level
from escape_game.loading import LoadedCampaign, load_campaign

LEVELS = Path(__file__).resolve().parents[2] / "levels"
ACADEMY = LEVELS / "risk_academy"
#: the lint sums letter widths without kerning: a text this close to a limit may go either way
MARGIN_PX = 6

CROWDED = """format: 1
id: crowded
title: Crowded
languages: [en, fr]
start: {room: hall, money: 10}
concepts:
  - {id: premium, name: {en: Premium, fr: Prime}, definition: {en: Paid., fr: Payée.}}
rooms:
  - id: hall
    title: {en: Hall, fr: Entrée}
    description: {en: A hall., fr: Une entrée.}
    concepts: [premium]
    objects:
      - id: lamp
        name: {en: Lamp, fr: Lampe}
        description: {en: A lamp., fr: Une lampe.}
        position: {x: 0.3, y: 0.5}
      - id: desk
        name: {en: A very long name for a small wooden desk, fr: Bureau}
        description: {en: A desk., fr: Un bureau.}
        position: {x: 0.43, y: 0.52}
    puzzles:
      - id: door
        kind: code_lock
        title: {en: Door, fr: Porte}
        prompt: {en: Code?, fr: Code ?}
        code: "1"
        concepts: [premium]
        position: {x: 0.8, y: 0.3}
        on_success: [{escape: true}]
"""


def _in_room(make_pilot: Any, loaded: LoadedCampaign, room_id: str, lang: str) -> Any:
    level = Level.from_campaign(loaded.campaign)
    pilot = make_pilot(level=loaded, start_state=arrival(level, room_id).state, language=lang)
    pilot.wait(50)
    pilot.app.toasts.clear()
    pilot.wait(20)
    return pilot


def _near_a_limit(pilot: Any, words: list[str], limit: int, size: int, bold: bool) -> bool:
    return any(abs(pilot.app.fonts.width(w, size, bold) - limit) <= MARGIN_PX for w in words)


def _check_room(pilot: Any, loaded: LoadedCampaign, room_id: str, lang: str) -> str | None:
    """The lint's hotspots, names and verdict (names under the pictures or listed) are the
    screen's; returns the lint's reason for listing them."""
    room = next(r for r in loaded.campaign.rooms if r.id == room_id)
    size = png_size(loaded.resolve_asset(room.background)) if room.background else None
    layout = room_layout(room, lang, loaded.campaign.languages[0], size)
    scene = pilot.scene
    widgets = {w.key: w for w in pilot.widgets() if w.kind == "hotspot"}
    assert layout.spots and {s.key for s in layout.spots} <= set(widgets)
    assert not [t.text for t in scene.texts if t.cut]
    listed_on_screen = bool(scene.listed)
    for s in layout.spots:
        rect = widgets[s.key].rect
        assert (s.icon.x, s.icon.y, s.icon.w, s.icon.h) == tuple(rect), s.key
        assert widgets[s.key].extra["label_width"] == int(layout.picture.w * 0.24)
        drawn = [t for t in scene.texts if t.owner == s.key]
        if listed_on_screen:
            assert not drawn, s.key  # no name under the picture, and it is in the list
            assert f"list_{s.key}" in {w.key for w in pilot.widgets()}
        else:
            assert [t.text for t in drawn] == s.lines, s.key
            # the backdrop the lint computed holds every line the screen drew
            for t in drawn:
                assert t.rect.top == s.box.y + 3 + s.lines.index(t.text) * 22, s.key
                assert s.box.x - MARGIN_PX <= t.rect.left, s.key
                assert t.rect.right <= s.box.right + MARGIN_PX, s.key
    words = [w for s in layout.spots for w in s.label.split()]
    if not _near_a_limit(pilot, words, int(layout.picture.w * 0.24), 17, True):
        assert (layout.listed is not None) == listed_on_screen, layout.listed
    return layout.listed[0] if layout.listed else None


@pytest.mark.ui
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("room_id", ["protection", "risk_matrix"])
def test_shipped_rooms_match_the_screen(make_pilot: Any, room_id: str, lang: str) -> None:
    loaded = load_campaign(ACADEMY)
    pilot = _in_room(make_pilot, loaded, room_id, lang)
    assert _check_room(pilot, loaded, room_id, lang) is None
    assert not pilot.scene.listed


@pytest.mark.ui
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_names_listed_beside_the_picture_match_the_screen(make_pilot: Any, tmp_path: Path,
                                                          lang: str) -> None:
    (tmp_path / "level").mkdir()
    (tmp_path / "level" / "campaign.yaml").write_text(CROWDED, "utf-8")
    loaded = load_campaign(tmp_path / "level")
    pilot = _in_room(make_pilot, loaded, "hall", lang)
    why = _check_room(pilot, loaded, "hall", lang)
    if lang == "en":  # the long English name would run into the lamp's
        assert why == "the names of object 'lamp' and object 'desk' would overlap"
        assert pilot.scene.listed
    else:
        assert why is None and not pilot.scene.listed


def _shop(make_pilot: Any, loaded: LoadedCampaign, lang: str) -> Any:
    pilot = _in_room(make_pilot, loaded, "protection", lang)
    pilot.click_on("shop")
    pilot.wait(50)
    return pilot


def _check_shop(pilot: Any, loaded: LoadedCampaign, lang: str) -> bool:
    """The lint's table-or-cards verdict and line breaks are the shop's; returns the verdict."""
    campaign = loaded.campaign
    shop = next(r for r in campaign.rooms if r.id == "protection").shop
    table = shop_as_table(shop, campaign, lang, campaign.languages[0])
    assert not [t.text for t in pilot.scene.texts if t.cut]
    column = shop_column_width(len(shop)) if table else SHOP_INNER_W - 28 + 16
    for potion in shop:
        buy = pilot.widget(f"buy_{potion.id}").rect
        if table:
            assert buy.width == column
        else:  # a card: the buttons take the card's width, side by side or one per line
            assert buy.left == pilot.widget(f"buy_{shop[0].id}").rect.left
            assert buy.width > shop_column_width(len(shop))
        drawn = {t.text for t in pilot.scene.texts}
        for field, text, font, size, width in header_texts(potion, lang, "fr", column):
            expected = lines(text, font, size, width)
            real = pilot.app.fonts.wrapped(text, size, font.endswith("Bold"), width)
            if not _near_a_limit(pilot, text.split(), width, size, font.endswith("Bold")):
                assert expected == real, (field, text)
            assert set(real) <= drawn, (field, real)
    return table


@pytest.mark.ui
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_shop_is_laid_out_as_the_lint_says(make_pilot: Any, lang: str) -> None:
    loaded = load_campaign(ACADEMY)
    assert _check_shop(_shop(make_pilot, loaded, lang), loaded, lang) is True


@pytest.mark.ui
def test_a_shop_of_five_is_shown_as_cards_as_the_lint_says(make_pilot: Any,
                                                           tmp_path: Path) -> None:
    copy = tmp_path / "risk_academy"
    shutil.copytree(ACADEMY, copy)
    rooms = copy / "rooms" / "protection.yaml"
    data = yaml.safe_load(rooms.read_text("utf-8"))
    shop = data["rooms"][0]["shop"]
    shop.append({**shop[0], "id": "fifth_home"})
    rooms.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    loaded = load_campaign(copy)
    assert _check_shop(_shop(make_pilot, loaded, "fr"), loaded, "fr") is False
