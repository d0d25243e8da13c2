"""Keyboard flow: the main action has the focus, Enter sends, Tab never changes an answer,
and a page taller than the window scrolls with the keys and the wheel."""

from __future__ import annotations

from typing import Any

import pygame
import pytest
from walk import Player

from escape_game.ui.scenes.puzzle import PuzzleScene
from escape_game.ui.scenes.quiz import QuizScene
from escape_game.ui.settings import TEXT_SCALES, Settings, save_settings

pytestmark = pytest.mark.ui


def to_quiz(make_pilot: Any, **options: Any) -> Any:
    pilot = make_pilot(**options)
    Player(pilot, "keyboard").do("play")
    Player(pilot, "keyboard").do("refuse")
    assert isinstance(pilot.scene, QuizScene)
    return pilot


def test_enter_starts_the_quiz_from_its_intro(make_pilot: Any) -> None:
    pilot = to_quiz(make_pilot)
    assert pilot.scene.intro and pilot.focused == "start"
    pilot.press(pygame.K_RETURN)
    assert not pilot.scene.intro


def test_a_scale_shows_each_number_once_and_its_key_picks_it(make_pilot: Any) -> None:
    """A Likert scale's buttons read "1" to "5", not "1. 1" to "5. 5"; the number keys
    still choose them."""
    from pathlib import Path

    from escape_game.commands.play import campaign_or_problems

    level, problems = campaign_or_problems(Path(__file__).resolve().parents[2] / "levels"
                                           / "risk_academy")
    assert problems == [], problems
    pilot = to_quiz(make_pilot, level=level)
    scene = pilot.scene
    pilot.press(pygame.K_RETURN)  # past the intro
    while not pilot.has("scale_1"):
        pilot.press(pygame.K_1)
        pilot.activate("next")
    pilot.frame()
    shown = {t.text for t in scene.texts if (t.owner or "").startswith("scale_")}
    scale = len([w for w in pilot.widgets() if w.key.startswith("scale_")])
    assert shown == {str(n) for n in range(1, scale + 1)}
    pilot.press(pygame.K_4)
    assert scene.choice == 4


def test_tab_after_choosing_never_changes_the_answer(make_pilot: Any) -> None:
    pilot = to_quiz(make_pilot)
    pilot.press(pygame.K_RETURN)
    scene = pilot.scene
    item = scene.item
    second = item.options[1].id
    pilot.press(pygame.K_2)
    assert scene.choice == second and pilot.focused == "next"
    for _ in range(len(item.options) + 3):  # round and round the screen
        pilot.press(pygame.K_TAB)
        if pilot.focused != "next":
            assert pilot.focused == f"option_{second}"  # the answers are one stop
            pilot.press(pygame.K_RETURN)
        assert scene.choice == second


def test_enter_checks_a_typed_code(make_pilot: Any) -> None:
    pilot = make_pilot(start_room="hall")
    player = Player(pilot, "keyboard")
    player.do("play")
    player.do("refuse")
    player.answer_quiz()
    pilot.frame_ms = 0
    player.play({"type": "take", "object": "desk"})
    player.open_puzzle("safe_code")
    scene = pilot.scene
    assert isinstance(scene, PuzzleScene)
    pilot.type("9")
    pilot.type("9")
    pilot.press(pygame.K_RETURN)
    assert pilot.session().state.attempts_on("safe_code") == 1
    assert scene.feedback is not None and not scene.feedback[1]


def test_a_tall_page_scrolls_with_keys_and_the_wheel(make_pilot: Any, tmp_path: Any) -> None:
    path = tmp_path / "largest.json"
    save_settings(Settings(language="en", text_size=len(TEXT_SCALES) - 1), path)
    pilot = make_pilot(size=(1024, 600), settings_path=path)
    Player(pilot, "keyboard").do("play")
    scene = pilot.scene
    assert scene.page_h > scene.viewport.height  # the consent screen does not fit
    assert scene.scrollbar_rect() is not None
    pilot.press(pygame.K_PAGEDOWN)
    assert scene.scroll > 0
    pilot.press(pygame.K_HOME)
    assert scene.scroll == 0
    pilot.frame([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2, flipped=False,
                                    precise_x=0.0, precise_y=-2.0)])
    assert scene.scroll > 0
    pilot.press(pygame.K_END)
    pilot.frame()
    assert scene.scroll == scene.page_h - scene.viewport.height
    # every button can then be seen whole, and Tab brings each into view
    for key in ("generate", "refuse", "back"):
        pilot.focus_on(key)
        pilot.frame()
        assert scene.visible(pilot.widget(key)), key


def test_typing_a_code_shows_the_field_typed_in(make_pilot: Any, tmp_path: Any) -> None:
    """The consent page opens at its top, on what is recorded, with the focus in the code
    field below the fold: the letters typed must not land in a field out of sight, and
    Enter on a valid code shows the "I agree" it moved to."""
    path = tmp_path / "largest.json"
    save_settings(Settings(language="fr", text_size=len(TEXT_SCALES) - 1), path)
    pilot = make_pilot(size=(1024, 600), settings_path=path)
    Player(pilot, "keyboard").do("play")
    scene = pilot.scene
    assert pilot.focused == "code" and scene.scroll == 0
    pilot.type("OWL")
    pilot.frame()
    assert scene.visible(pilot.widget("code"))
    pilot.press(pygame.K_HOME)
    pilot.press(pygame.K_BACKSPACE)
    pilot.frame()
    assert scene.visible(pilot.widget("code"))
    pilot.type("L-003")
    pilot.press(pygame.K_RETURN)
    pilot.frame()
    assert pilot.focused == "agree" and pilot.widget("agree").enabled
    assert scene.visible(pilot.widget("agree"))
