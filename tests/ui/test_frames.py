"""Frames drawn only when something changed, from a page kept between frames.

The room keeps its page while nothing it shows changes: hover and focus are drawn over it,
the text typing out is drawn whole and its untyped part hidden, and a frame where nothing
changed is not drawn at all. The pictures must be exactly those of a page laid out again
at each frame, which is what every scene without a page key still does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pygame
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escape_game.commands.play import campaign_or_problems
from escape_game.ui import app as app_module
from escape_game.ui.scenes.room import RoomScene

pytestmark = pytest.mark.ui
LEVEL = Path(__file__).resolve().parents[2] / "levels" / "risk_academy"


def in_room(make_pilot: Any, **settings_: Any) -> Any:
    """The busiest room of the academy on screen, its text typed out, nothing moving."""
    level, _ = campaign_or_problems(LEVEL)
    pilot = make_pilot(level, start_room="protection", telemetry=False)
    app = pilot.app
    app.apply_settings(app.settings.with_(reduced_motion=False, **settings_))
    app.flow.consent_given(None, False)
    app.flow.start_game()
    del app.scenes.stack[1:]  # the room's opening message
    app.toasts.clear()
    pilot.wait(4000, step=100)
    assert isinstance(pilot.scene, RoomScene)
    return pilot


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


@contextmanager
def laid_out_each_frame() -> Iterator[None]:
    """The room as every scene without a page key is drawn: laid out at each frame, with
    hover and focus drawn in the page."""
    saved = RoomScene.page_key
    RoomScene.page_key = lambda self: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        RoomScene.page_key = saved  # type: ignore[method-assign]


def fresh_picture(pilot: Any) -> bytes:
    """The screen drawn from scratch, page and all, in the same state; then drawn back."""
    app = pilot.app
    with laid_out_each_frame():
        app.redraw()
        pilot.frame(ms=0)
        picture = pixels(app.screen)
    app.redraw()
    pilot.frame(ms=0)
    return picture


def motion(pos: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))


def test_a_still_room_draws_no_frame_until_something_changes(make_pilot: Any) -> None:
    pilot = in_room(make_pilot)
    app = pilot.app
    drawn = app.frames_drawn
    pilot.wait(2000)  # game time flows; nothing on screen changes
    assert app.frames_drawn == drawn
    spot = next(w for w in pilot.widgets() if w.kind == "hotspot")
    pilot.frame([motion(spot.rect.center)])
    assert app.frames_drawn == drawn + 1
    assert pilot.scene.hover == spot.key
    pilot.wait(500)
    assert app.frames_drawn == drawn + 1
    pilot.frame([pygame.event.Event(pygame.WINDOWEXPOSED)])  # the window lost its pixels
    assert app.frames_drawn == drawn + 2


def test_a_changed_state_is_drawn(make_pilot: Any) -> None:
    """What the core changes (here the money) is shown at the next frame."""
    import dataclasses
    from decimal import Decimal

    pilot = in_room(make_pilot)
    before = pixels(pilot.app.screen)
    session = pilot.session()
    session.state = dataclasses.replace(session.state,
                                        money=session.state.money - Decimal(100))
    pilot.frame()
    assert pixels(pilot.app.screen) != before
    assert pixels(pilot.app.screen) == fresh_picture(pilot)


@pytest.mark.slow
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.one_of(st.integers(min_value=0, max_value=40),
                                st.sampled_from(["tab", "back-tab", "away"])),
                      min_size=1, max_size=6),
       largest=st.booleans())
def test_hover_and_focus_over_the_kept_page_leave_nothing_behind(
        make_pilot: Any, steps: list[int | str], largest: bool) -> None:
    """After any moves of the pointer and the focus, the screen is the one a page laid out
    from scratch shows: no highlight is left behind, none is missing."""
    pilot = in_room(make_pilot, text_size=3 if largest else 0, high_contrast=largest)
    usable = [w for w in pilot.widgets() if w.usable]
    for step in steps:
        if step == "tab":
            pilot.press(pygame.K_TAB)
        elif step == "back-tab":
            pilot.press(pygame.K_TAB, pygame.KMOD_SHIFT)
        elif step == "away":
            pilot.frame([motion((2, 2))])
        else:
            pilot.frame([motion(usable[int(step) % len(usable)].rect.center)])
        shown = pixels(pilot.app.screen)
        assert shown == fresh_picture(pilot), f"after {step!r}"
    assert pilot.app.errors == []


def test_text_typing_out_keeps_its_place_and_ends_as_drawn_whole(make_pilot: Any) -> None:
    pilot = in_room(make_pilot, text_size=3)
    scene, app = pilot.scene, pilot.app
    done = pixels(app.screen)
    scene.age_ms = 0
    layouts = set()
    pictures = []
    while scene.typed_chars(app.flow.tr(app.flow.session.room.description)) is not None:
        pilot.frame()
        layouts.add((scene.page_h, tuple(w.page_rect.topleft for w in scene.widgets)))
        pictures.append(pixels(app.screen))
    assert len(pictures) > 10
    assert len(layouts) == 1  # nothing moved, the page never grew
    assert len(set(pictures)) > 10  # the letters did come one after another
    assert pictures[0] != done
    pilot.frame()
    assert pixels(app.screen) == done


def test_the_window_is_shown_through_its_framebuffer_on_linux(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SDL_FRAMEBUFFER_ACCELERATION", raising=False)
    monkeypatch.setattr(app_module.sys, "platform", "linux")
    app_module.native_framebuffer()
    assert os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "0"
    monkeypatch.setenv("SDL_FRAMEBUFFER_ACCELERATION", "1")  # the player's own choice stays
    app_module.native_framebuffer()
    assert os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "1"
    monkeypatch.delenv("SDL_FRAMEBUFFER_ACCELERATION")
    monkeypatch.setattr(app_module.sys, "platform", "win32")
    app_module.native_framebuffer()
    assert "SDL_FRAMEBUFFER_ACCELERATION" not in os.environ


@pytest.mark.parametrize("largest", [False, True])
def test_a_highlight_drawn_once_is_shown_again_as_drawn(
        make_pilot: Any, largest: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each widget hovered, then hovered again: the second time its highlight comes from
    the kept pixels, not drawn again, and the screen is still the one laid out from
    scratch (the kept pixels hold all the highlight: focus ring, halo, name)."""
    from escape_game.ui.draw import Painter

    pilot = in_room(make_pilot, text_size=3 if largest else 0, high_contrast=largest)
    usable = [w for w in pilot.widgets() if w.usable]
    assert any(w.kind == "hotspot" for w in usable)
    for widget in usable:  # first pass: drawn and kept
        pilot.frame([motion(widget.rect.center)])
    drawn: list[str] = []
    widget_drawn = Painter.widget

    def counting(self: Painter, w: Any, focused: bool, hovered: bool) -> None:
        drawn.append(w.key)
        widget_drawn(self, w, focused, hovered)

    monkeypatch.setattr(Painter, "widget", counting)
    shown = {}
    for widget in usable:
        pilot.frame([motion(widget.rect.center)])
        assert drawn == [], f"{widget.key} drawn again"
        shown[widget.key] = pixels(pilot.app.screen)
    monkeypatch.setattr(Painter, "widget", widget_drawn)
    for widget in usable:  # (a page laid out from scratch forgets the kept highlights)
        pilot.frame([motion(widget.rect.center)])
        assert shown[widget.key] == fresh_picture(pilot), widget.key


@pytest.mark.parametrize("largest", [False, True])
def test_a_change_lays_out_again_only_the_parts_it_shows(
        make_pilot: Any, largest: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The money changes: the top bar is drawn again, the side panel (title, description,
    buttons) and the picture with its hotspots come from their kept pixels, and the screen
    is the one laid out from scratch."""
    import dataclasses
    from decimal import Decimal

    from escape_game.ui.draw import Painter

    pilot = in_room(make_pilot, text_size=3 if largest else 0, high_contrast=largest)
    before = {w.key: w.page_rect for w in pilot.widgets()}
    panels: list[pygame.Rect] = []
    panel = Painter.panel

    def counting(self: Painter, rect: pygame.Rect, *args: Any, **kwargs: Any) -> None:
        panels.append(rect)
        panel(self, rect, *args, **kwargs)

    monkeypatch.setattr(Painter, "panel", counting)
    pictures: list[object] = []
    hotspots = RoomScene._draw_hotspots

    def placing(self: RoomScene, *args: Any) -> Any:
        pictures.append(args)
        return hotspots(self, *args)

    monkeypatch.setattr(RoomScene, "_draw_hotspots", placing)
    session = pilot.session()
    session.state = dataclasses.replace(session.state,
                                        money=session.state.money + Decimal(7))
    pilot.frame()
    assert panels == []  # the side panel was not drawn again
    assert pictures == []  # nor the picture and its hotspots
    assert {w.key: w.page_rect for w in pilot.widgets()} == before
    shown = pixels(pilot.app.screen)
    assert shown == fresh_picture(pilot)
    assert panels and pictures  # (laid out from scratch, they are drawn)


def test_highlights_over_text_typing_out_hide_no_letter(make_pilot: Any) -> None:
    """While the description types out, a kept highlight never shows letters not typed yet
    nor hides typed ones: every widget hovered twice (the second time from kept pixels
    where they are kept) shows the screen laid out from scratch."""
    pilot = in_room(make_pilot, text_size=3)
    scene, app = pilot.scene, pilot.app
    text = app.flow.tr(app.flow.session.room.description)
    cps = app.settings.chars_per_second
    scene.age_ms = (len(text) - 12) * 1000 // cps  # on the last line, next to what is below
    pilot.frame(ms=0)
    assert scene.typed_chars(text) is not None
    usable = [w for w in pilot.widgets() if w.usable]
    shown = {}
    for turn in range(2):
        for widget in usable:
            pilot.frame([motion(widget.rect.center)], ms=0)
            if turn:
                shown[widget.key] = pixels(app.screen)
        if not turn:
            pilot.frame(ms=6 * 1000 // cps)  # letters typed since the highlights were drawn
    for widget in usable:
        pilot.frame([motion(widget.rect.center)], ms=0)
        assert shown[widget.key] == fresh_picture(pilot), widget.key


def test_a_hotspot_pointed_at_says_its_name_where_names_are_listed(make_pilot: Any) -> None:
    """Largest text on a small window: the names do not fit under every hotspot and the
    side panel lists them, below the fold. The hotspot focused or under the mouse still
    says what it is, inside the picture, whether the page is kept or laid out afresh."""
    level, _ = campaign_or_problems(LEVEL)
    pilot = make_pilot(level, size=(1024, 600), start_room="protection", telemetry=False)
    app = pilot.app
    app.apply_settings(app.settings.with_(text_size=3, language="fr"))
    app.flow.consent_given(None, False)
    app.flow.start_game()
    del app.scenes.stack[1:]
    app.toasts.clear()
    pilot.wait(4000, step=100)
    spots = [w for w in pilot.widgets() if w.kind == "hotspot"]
    assert spots and not any(w.extra["label"] for w in spots)  # listed, not under each

    def named(key: str) -> tuple[str, list[pygame.Rect]]:
        records = [t for t in pilot.scene.texts if t.owner == key]
        return " ".join(t.text for t in records), [t.rect for t in records]

    first, last = spots[0], spots[-1]
    pilot.focus_on(first.key)
    with laid_out_each_frame():
        app.redraw()
        pilot.frame(ms=0)
        text, rects = named(first.key)
        assert text.split() == first.label.split()
        assert all(first.extra["clip"].contains(r) for r in rects)
        pilot.frame([motion(last.rect.center)])
        pilot.frame(ms=0)
        text, rects = named(last.key)
        assert text.split() == last.label.split()
        assert all(last.extra["clip"].contains(r) for r in rects)
        assert named(spots[1].key)[0] == ""  # neither focused nor pointed at: no name
    # the kept page shows the same names, drawn over it
    app.redraw()
    pilot.frame(ms=0)
    assert pilot.scene.overlay
    kept = pixels(app.screen)
    assert kept == fresh_picture(pilot)
