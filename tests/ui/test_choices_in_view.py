"""A warning counts down while it shows, so its choices (pause and think, the shop, face it)
never leave the window, whatever the text size, language or screen: the warning's text and
the shop's flash offer scroll in their own region above them instead, and scrolling it
brings the offer's button into view. An object seen up close keeps its actions in view the
same way, and the shop its way out, however long its table of products. (The layout audit
checks every warning and object of both levels; these are the worst cases, quick.)"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pygame
import pytest
from audit import audit

from escape_game.core.state import PendingWarning
from escape_game.loading import load_campaign
from escape_game.ui.scenes.object import ObjectScene
from escape_game.ui.scenes.puzzle import PuzzleScene
from escape_game.ui.scenes.shop import ShopScene
from escape_game.ui.scenes.threat import ThreatScene
from escape_game.ui.settings import TEXT_SCALES, Settings, save_settings

pytestmark = pytest.mark.ui

LEVEL = Path(__file__).resolve().parents[2] / "levels" / "risk_academy"
LARGEST = len(TEXT_SCALES) - 1


def in_room(make_pilot: Any, tmp_path: Path, language: str, size: tuple[int, int],
            room_id: str | None = None) -> Any:
    """Risk Academy at the largest text size, in a room (by default the first with a shop
    and a threat)."""
    settings_path = tmp_path / f"{language}.json"
    save_settings(Settings(language=language, text_size=LARGEST, text_speed="instant"),
                  settings_path)
    pilot = make_pilot(load_campaign(LEVEL), size=size, seed=3, settings_path=settings_path,
                       telemetry=False)
    app, flow = pilot.app, pilot.app.flow
    room = next(r for r in flow.campaign.rooms
                if (r.id == room_id if room_id else r.shop and r.threats))
    app.options.start_room = room.id
    flow.start_game()
    del app.scenes.stack[1:]
    app.toasts.clear()
    return pilot


def warned(make_pilot: Any, tmp_path: Path, language: str, size: tuple[int, int],
           paused: bool = False) -> Any:
    """The first room with a shop, its fire warning on screen: the shop's flash offer
    shows."""
    pilot = in_room(make_pilot, tmp_path, language, size)
    app, flow = pilot.app, pilot.app.flow
    room = flow.game.room
    threat = room.threats[0]
    flow.game.state = dataclasses.replace(flow.game.state, warnings=(
        PendingWarning(threat.id, 30000, paused=paused),))
    app.scenes.push(ThreatScene(app, threat.id))
    pilot.frame(ms=0)
    return pilot


@pytest.mark.parametrize("paused", [False, True], ids=["counting", "paused"])
@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_choices_stay_in_view_beside_a_flash_offer(make_pilot: Any, tmp_path: Path,
                                                       language: str, size: tuple[int, int],
                                                       paused: bool) -> None:
    pilot = warned(make_pilot, tmp_path, language, size, paused)
    scene = pilot.scene
    assert isinstance(scene, ThreatScene) and scene.featured() is not None
    window = pygame.Rect((0, 0), size)
    for key in ("think", "shop", "face"):
        assert window.contains(pilot.widget(key).rect), (key, pilot.widget(key).rect, size)
    assert audit(pilot, "warning with a flash offer") == []


def test_scrolling_the_warning_brings_the_offer_into_view(make_pilot: Any,
                                                          tmp_path: Path) -> None:
    pilot = warned(make_pilot, tmp_path, "fr", (1024, 600))
    scene = pilot.scene
    assert isinstance(scene, ThreatScene)
    assert scene.region.overflowing  # the largest text on a small screen: it must scroll
    assert not scene.visible(pilot.widget("flash_buy"))  # Tab reaches it; no click yet
    pilot.press(pygame.K_PAGEDOWN)
    pilot.press(pygame.K_PAGEDOWN)
    assert pilot.has("flash_buy") and scene.visible(pilot.widget("flash_buy"))
    for key in ("think", "shop", "face"):  # the choices did not move
        assert scene.visible(pilot.widget(key))
    assert audit(pilot, "warning scrolled to the offer") == []
    pilot.press(pygame.K_HOME)
    assert scene.region.offset == 0
    focused = pilot.focused
    pilot.press(pygame.K_DOWN)  # reads on first, as on a page that scrolls
    assert scene.region.offset > 0 and pilot.focused == focused


@pytest.mark.parametrize("language", ["en", "fr"])
def test_an_object_keeps_its_actions_in_view(make_pilot: Any, tmp_path: Path,
                                             language: str) -> None:
    """The savers' timeline, the longest description, at the largest size on 1024x600,
    with something in the bag (so it also says how to use it)."""
    pilot = in_room(make_pilot, tmp_path, language, (1024, 600), room_id="time")
    session = pilot.app.flow.game
    session.state = dataclasses.replace(session.state, inventory=tuple(session.level.items))
    pilot.app.scenes.push(ObjectScene(pilot.app, "savers_timeline"))
    pilot.frame(ms=0)
    scene = pilot.scene
    assert isinstance(scene, ObjectScene)
    assert pygame.Rect(0, 0, 1024, 600).contains(pilot.widget("close").rect)
    assert scene.region.overflowing  # the text had to scroll to keep it there
    assert audit(pilot, "object up close") == []
    pilot.scene.on_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-3))
    assert scene.region.offset > 0


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_shop_shows_its_way_out_as_it_opens(make_pilot: Any, tmp_path: Path,
                                                language: str, size: tuple[int, int]) -> None:
    """Four products, the largest text: the table scrolls, Leave the shop does not."""
    pilot = in_room(make_pilot, tmp_path, language, size)
    pilot.app.scenes.push(ShopScene(pilot.app))
    pilot.frame(ms=0)
    scene = pilot.scene
    assert isinstance(scene, ShopScene) and scene.page_h > size[1]
    assert pygame.Rect((0, 0), size).contains(pilot.widget("close").rect)
    assert audit(pilot, "shop") == []


def puzzles_of(name: str) -> list[tuple[str, str]]:
    """(room, puzzle) for every puzzle of a shipped level."""
    campaign = load_campaign(LEVEL.parent / name)
    return [(room.id, puzzle.id) for room in campaign.campaign.rooms
            for puzzle in room.puzzles]


PUZZLES = [(name, room, puzzle) for name in ("tutorial", "risk_academy")
           for room, puzzle in puzzles_of(name)]


F = TypeVar("F", bound=Callable[..., None])


def every_puzzle(test: F) -> F:
    """Run ``test`` on every puzzle of both levels (``level``, ``room_id``, ``puzzle_id``),
    in English and in French (``language``)."""
    by_puzzle = pytest.mark.parametrize(("level", "room_id", "puzzle_id"), PUZZLES,
                                        ids=[p for _, _, p in PUZZLES])
    by_language = pytest.mark.parametrize("language", ["en", "fr"])
    marked: F = by_language(by_puzzle(test))
    return marked


def puzzle_open(make_pilot: Any, tmp_path: Path, language: str, size: tuple[int, int],
                level: str, room_id: str, puzzle_id: str) -> Any:
    """A puzzle's dialog, opened in its room at the largest text size."""
    settings_path = tmp_path / f"{language}.json"
    save_settings(Settings(language=language, text_size=LARGEST, text_speed="instant"),
                  settings_path)
    pilot = make_pilot(load_campaign(LEVEL.parent / level), size=size, seed=3,
                       settings_path=settings_path, telemetry=False)
    app = pilot.app
    app.options.start_room = room_id
    app.flow.start_game()
    del app.scenes.stack[1:]
    app.toasts.clear()
    app.scenes.push(PuzzleScene(app, puzzle_id))
    pilot.frame_ms = 0  # the game's clock stands still: no threat comes to interrupt
    pilot.frame(ms=0)
    return pilot


@every_puzzle
def test_a_puzzle_shows_its_actions_as_it_opens(make_pilot: Any, tmp_path: Path, language: str,
                                                level: str, room_id: str,
                                                puzzle_id: str) -> None:
    """The clock runs while a puzzle is open: Check my answer, Hint and Close are in the
    window as it opens, unscrolled, at the largest text on the smallest screen."""
    pilot = puzzle_open(make_pilot, tmp_path, language, (1024, 600), level, room_id,
                        puzzle_id)
    window = pygame.Rect(0, 0, 1024, 600)
    for key in ("submit", "hint", "close"):
        if pilot.has(key):
            assert window.contains(pilot.widget(key).rect), (key, pilot.widget(key).rect)
    assert pilot.has("submit") and pilot.has("close")
    assert audit(pilot, f"puzzle {puzzle_id}") == []


@pytest.mark.parametrize("mode", ["keyboard", "mouse"])
def test_every_option_of_a_long_puzzle_is_reached(make_pilot: Any, tmp_path: Path,
                                                  mode: str) -> None:
    """The red flags' seven options do not all fit above the actions: Tab (or the wheel,
    for the mouse) brings each into view before it is pressed, and the actions never
    move."""
    pilot = puzzle_open(make_pilot, tmp_path, "fr", (1024, 600), "risk_academy",
                        *next((r, p) for _, r, p in PUZZLES if p == "red_flags"))
    scene = pilot.scene
    assert isinstance(scene, PuzzleScene)
    close = pilot.widget("close").rect.copy()
    options = [w.key for w in pilot.widgets() if w.key.startswith("option_")]
    assert len(options) == 7
    assert not all(scene.visible(pilot.widget(key)) for key in options)  # it has to scroll
    for key in options:
        if mode == "keyboard":
            pilot.focus_on(key)
            assert scene.visible(pilot.widget(key)), key  # the focus scrolled into view
            pilot.press(pygame.K_SPACE)
        else:
            pilot.click_on(key)
        assert key.removeprefix("option_") in scene.choices, key
        assert pilot.widget("close").rect == close
    assert audit(pilot, "red flags, every option ticked") == []


def test_a_hint_taken_and_the_feedback_scroll_into_view(make_pilot: Any,
                                                        tmp_path: Path) -> None:
    """The hint just taken and the answer's feedback show as they come, even when the
    region had to scroll to them; the actions stay put."""
    pilot = puzzle_open(make_pilot, tmp_path, "fr", (1024, 600), "risk_academy",
                        *next((r, p) for _, r, p in PUZZLES if p == "red_flags"))
    scene = pilot.scene
    assert isinstance(scene, PuzzleScene)
    close = pilot.widget("close").rect.copy()

    def shown(text: str) -> bool:
        """Every line of the text was drawn in the region (as far as it shows)."""
        drawn = " ".join(r.text for r in scene.texts if scene.region.rect.contains(r.rect))
        return " ".join(text.split()) in " ".join(drawn.split())

    pilot.click_on("hint")
    hint = scene.flow.tr(scene.puzzle.hints[0].text)
    assert shown(hint), "the hint taken is not in view"
    last = next(k for k in reversed([w.key for w in pilot.widgets()])
                if k.startswith("option_"))
    pilot.click_on(last)  # scrolled to the bottom of the options
    assert scene.region.offset > 0
    pilot.press(pygame.K_HOME)
    assert scene.region.offset == 0
    assert pilot.widget("close").rect == close
    assert audit(pilot, "red flags with a hint") == []
    pilot.click_on("submit")  # one ticked: wrong (and here the money is sent)
    assert scene.feedback is not None and not scene.feedback[1]
    assert shown(scene.feedback[0]) and scene.region.offset > 0
