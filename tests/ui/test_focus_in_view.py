"""The keyboard never acts on what the player cannot see, and reaches all a player can.

One rule for every dialog with a scrolling region (a puzzle, a warning, an object up close):
everything focusable in the region is reached by Tab and the arrows and scrolls into view
as it takes the focus; the focus a dialog opens with shows whole (or the dialog opens with
none, at its top, and Tab goes on from there); Enter on a focus the player scrolled away
brings it back into view instead of pressing it; the mouse clicks only what shows whole.
The shop's page keeps each product's buttons with their card and brings the focused one
into view. Run at the largest text size on the smallest window, where regions scroll.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pygame
import pytest
from audit import audit
from test_choices_in_view import LARGEST, PUZZLES, every_puzzle, in_room, puzzle_open, warned

from escape_game.ui.scenes.puzzle import PuzzleScene
from escape_game.ui.scenes.shop import ShopScene
from escape_game.ui.scenes.threat import ThreatScene
from escape_game.ui.settings import TEXT_SCALES
from escape_game.ui.widgets import Widget

pytestmark = pytest.mark.ui

SMALL = (1024, 600)


def focus_shows(pilot: Any) -> bool:
    """No focus, or a focused widget that shows whole."""
    key = pilot.focused
    return key is None or (pilot.has(key) and pilot.scene.visible(pilot.widget(key)))


def answer_of(scene: PuzzleScene) -> object:
    return (scene.code, scene.choice, list(scene.choices), list(scene.order),
            dict(scene.pairs), dict(scene.amounts), scene.feedback)


@every_puzzle
def test_a_puzzle_opens_with_its_focus_in_view(make_pilot: Any, tmp_path: Path, language: str,
                                               level: str, room_id: str,
                                               puzzle_id: str) -> None:
    """As it opens (at its question), the focus is on nothing or on what shows: Enter then
    changes nothing unseen; the first Tab lands on something that shows."""
    pilot = puzzle_open(make_pilot, tmp_path, language, SMALL, level, room_id, puzzle_id)
    scene = pilot.scene
    assert isinstance(scene, PuzzleScene)
    assert scene.region.offset == 0  # it opens at its question
    assert focus_shows(pilot), (pilot.focused, pilot.widget(pilot.focused).rect)
    focused = pilot.focused
    if focused is None or not pilot.widget(focused).key.startswith(("hint", "close")):
        before = answer_of(scene)
        pilot.press(pygame.K_RETURN)
        if focused is None:
            assert answer_of(scene) == before  # nothing was pressed
    pilot.press(pygame.K_TAB)
    assert focus_shows(pilot), pilot.focused


def test_the_first_tab_brings_the_first_option_into_view(make_pilot: Any,
                                                          tmp_path: Path) -> None:
    """A comparison's table fills the region at this size, its first "pick this" below
    it: the dialog opens with no focus, and Tab takes the first option and scrolls to it."""
    pilot = puzzle_open(make_pilot, tmp_path, "fr", SMALL, "risk_academy",
                        *next((r, p) for _, r, p in PUZZLES if p == "home_comparison"))
    scene = pilot.scene
    assert isinstance(scene, PuzzleScene)
    first = next(w.key for w in pilot.widgets() if w.key.startswith("option_"))
    assert not scene.visible(pilot.widget(first))  # the case this test is about
    assert pilot.focused is None
    pilot.press(pygame.K_RETURN)
    assert scene.choice is None
    pilot.press(pygame.K_TAB)
    assert pilot.focused == first and scene.visible(pilot.widget(first))


def test_enter_on_a_focus_scrolled_away_shows_it_first(make_pilot: Any,
                                                       tmp_path: Path) -> None:
    pilot = puzzle_open(make_pilot, tmp_path, "fr", SMALL, "risk_academy",
                        *next((r, p) for _, r, p in PUZZLES if p == "red_flags"))
    scene = pilot.scene
    assert isinstance(scene, PuzzleScene)
    last = [w.key for w in pilot.widgets() if w.key.startswith("option_")][-1]
    pilot.focus_on(last)
    assert scene.visible(pilot.widget(last))
    pilot.press(pygame.K_HOME)  # the player scrolls back up to read the question
    assert not scene.visible(pilot.widget(last))
    pilot.press(pygame.K_RETURN)
    assert scene.choices == [] and scene.visible(pilot.widget(last))
    pilot.press(pygame.K_RETURN)
    assert scene.choices == [last.removeprefix("option_")]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_tab_reaches_the_flash_offer_scrolled_away(make_pilot: Any, tmp_path: Path,
                                                   language: str) -> None:
    """The offer's button sits below the warning's text: Tab reaches it all the same and
    the region scrolls to it; the mouse cannot press it while it is out of view."""
    pilot = warned(make_pilot, tmp_path, language, SMALL)
    scene = pilot.scene
    assert isinstance(scene, ThreatScene) and scene.region.overflowing
    assert pilot.focused == "think"
    assert pilot.has("flash_buy")
    buy = pilot.widget("flash_buy")
    assert not scene.visible(buy)
    assert scene.widget_at(scene.region.rect.midbottom) is None or \
        scene.widget_at(scene.region.rect.midbottom) is not buy
    stops = [w.key for w in scene.focus.tab_stops(scene.widgets)]
    assert "flash_buy" in stops
    pilot.focus_on("flash_buy")
    buy = pilot.widget("flash_buy")
    assert scene.visible(buy), buy.rect
    for key in ("think", "shop", "face"):  # the choices did not move
        assert scene.visible(pilot.widget(key))
    assert audit(pilot, "warning, the offer focused") == []
    pilot.press(pygame.K_RETURN)
    assert scene.flash_bought is not None


def test_a_click_on_the_offer_in_part_does_nothing(make_pilot: Any, tmp_path: Path) -> None:
    pilot = warned(make_pilot, tmp_path, "fr", SMALL)
    scene = pilot.scene
    assert isinstance(scene, ThreatScene)
    for _ in range(40):  # scroll the region a line at a time until the button shows in part
        buy = pilot.widget("flash_buy")
        shown = buy.rect.clip(scene.region.rect)
        if shown.height > 0:
            break
        scene.region.scroll_by(max(1, scene.region.rect.height // 10))
        scene.remeasure = True
        pilot.frame(ms=0)
    buy = pilot.widget("flash_buy")
    shown = buy.rect.clip(scene.region.rect)
    assert 0 < shown.height < buy.rect.height
    pilot.click(shown.center)
    assert scene.flash_bought is None


@pytest.mark.parametrize("size", [SMALL, (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_shop_brings_each_product_button_into_view(make_pilot: Any, tmp_path: Path,
                                                       language: str,
                                                       size: tuple[int, int]) -> None:
    """Four products at the largest text, shown as cards: each product's buttons lie in its
    card; Tab reaches every one, and each shows whole in the window as it takes the focus."""
    pilot = in_room(make_pilot, tmp_path, language, size)
    pilot.app.scenes.push(ShopScene(pilot.app))
    pilot.frame(ms=0)
    scene = pilot.scene
    assert isinstance(scene, ShopScene) and scene.page_h > size[1]
    potions = list(pilot.app.flow.game.room.shop)
    assert len(potions) == 4
    areas = scene.tables[0].areas  # type: ignore[attr-defined]
    for potion in potions:  # each product's buttons inside its own card
        for kind in ("buy", "fine", "decline"):
            button = pilot.widget(f"{kind}_{potion.id}")
            assert areas[potion.id].contains(button.page_rect), (button.key, areas)
    window = pygame.Rect((0, 0), size)
    track = scene.scrollbar_rect()
    assert track is not None
    for potion in potions:
        for kind in ("buy", "fine", "decline"):
            key = f"{kind}_{potion.id}"
            pilot.focus_on(key)
            rect = pilot.widget(key).rect
            assert window.contains(rect), (key, rect)
            assert not rect.colliderect(track), (key, rect, track)
    assert audit(pilot, "shop, the last button focused") == []


@pytest.mark.parametrize("size", [SMALL, (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_scrollbars_are_comfortably_wide(make_pilot: Any, tmp_path: Path,
                                         size: tuple[int, int]) -> None:
    """16 px at least, wider with the text; the page's and a region's alike, and nothing
    lies under them."""
    from escape_game.ui.scene import scrollbar_width

    widths = [scrollbar_width(min(size[0] / 1280, size[1] / 720), scale)
              for scale in TEXT_SCALES]
    assert min(widths) >= 16 and widths == sorted(widths) and widths[-1] > widths[0]
    pilot = in_room(make_pilot, tmp_path, "fr", size)
    pilot.app.scenes.push(ShopScene(pilot.app))
    pilot.frame(ms=0)
    track = pilot.scene.scrollbar_rect()
    assert track is not None and track.width == widths[LARGEST] >= 20
    pilot = warned(make_pilot, tmp_path, "fr", size)
    scene = pilot.scene
    assert isinstance(scene, ThreatScene)
    if scene.region.overflowing:
        assert scene.region.lane.width == widths[LARGEST]
        for text in scene.texts:
            assert not text.rect.colliderect(scene.region.lane), text.text
    assert audit(pilot, "warning") == []


@pytest.mark.parametrize("size", [SMALL, (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_primary_button_is_as_tall_as_its_bold_label(make_pilot: Any, tmp_path: Path,
                                                       size: tuple[int, int]) -> None:
    """A primary button's label is drawn bold, so it is measured bold: a "Pause and think"
    whose bold letters need one line more than regular ones still shows whole."""
    pilot = warned(make_pilot, tmp_path, "en", size)
    app = pilot.app
    scene = pilot.scene
    think = pilot.widget("think")
    p = app.painter(app.screen)
    room = p.label_room(think.rect.width)
    size_px = p.size("body")
    words = ["Pause", "and", "think", "about", "what", "the", "offer", "really", "covers",
             "before", "you", "buy", "anything", "at", "all,", "whatever", "the", "clock",
             "says"]
    label = ""
    for n in range(400):
        label = " ".join(words[i % len(words)] for i in range(n + 3))
        plain = len(p.fonts.wrapped(label, size_px, False, room))
        bold = len(p.fonts.wrapped(label, size_px, True, room))
        if bold > plain:
            break
    else:
        pytest.fail(f"no label needs more lines in bold ({room}, {size_px}, {think.rect})")
    t = app.t

    def told(key: str, **kwargs: Any) -> str:
        return label if key == "threat.think" else t(key, **kwargs)

    app.t = told  # type: ignore[method-assign]
    scene.remeasure = True
    pilot.frame(ms=0)
    think = pilot.widget("think")
    assert think.label == label
    cut = [x.text for x in scene.texts if x.cut]
    assert cut == []
    assert audit(pilot, "warning, a long bold label") == []


def test_widget_height_measures_as_the_widget_is_drawn(make_pilot: Any) -> None:
    """The one place that says how a widget's label is drawn (its role, bold or not, the
    number key before it) is the one that measures it."""
    pilot = make_pilot(size=SMALL)
    p = pilot.app.painter(pilot.app.screen)
    label = "Check my answer " * 12
    plain = Widget("a", label, pygame.Rect(0, 0, 300, 0))
    primary = dataclasses.replace(plain, style="primary")
    numbered = dataclasses.replace(plain, hotkey=7)
    room = p.label_room(300, icon=False)
    assert p.widget_height(primary, 300) == max(
        p.button_height("", 300), p.measure(label, room, bold=True) + p.px(16))
    assert p.widget_height(plain, 300) == max(
        p.button_height("", 300), p.measure(label, room) + p.px(16))
    assert p.widget_height(numbered, 300) == max(
        p.button_height("", 300), p.measure("7. " + label, room) + p.px(16))
    option = dataclasses.replace(plain, kind="option", icon="ui/check")
    assert p.widget_height(option, 300) == max(
        p.button_height("", 300),
        p.measure(label, p.label_room(300, icon=True, check=True)) + p.px(16))
