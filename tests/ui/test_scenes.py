"""Each screen driven through the real app on a small level that has every puzzle kind."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pygame
import pytest
from walk import Player

from escape_game.core.events import GameEnded
from escape_game.locales import say
from escape_game.ui.scenes.consent import ConsentScene
from escape_game.ui.scenes.dialogs import MessageScene
from escape_game.ui.scenes.problems import ProblemsScene
from escape_game.ui.scenes.puzzle import PuzzleScene
from escape_game.ui.scenes.room import RoomScene
from escape_game.ui.scenes.settings import SettingsScene
from escape_game.ui.scenes.shop import ShopScene
from escape_game.ui.scenes.threat import ThreatScene
from escape_game.ui.scenes.title import TitleScene

pytestmark = pytest.mark.ui


def in_room(make_pilot: Any, **options: Any) -> tuple[Any, Player]:
    pilot = make_pilot(**options)
    player = Player(pilot, "keyboard")
    player.do("play")
    player.do("refuse")
    player.answer_quiz()
    player.to_room()
    assert isinstance(pilot.scene, RoomScene)
    return pilot, player


def test_title_focus_ring_moves_with_tab_and_arrows(make_pilot: Any) -> None:
    pilot = make_pilot()
    assert pilot.focused == "play"
    pilot.press(pygame.K_TAB)
    second = pilot.focused
    assert second not in (None, "play")
    pilot.press(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    assert pilot.focused == "play"
    pilot.press(pygame.K_DOWN)
    assert pilot.focused == second


@pytest.mark.parametrize(("puzzle", "answer"), [
    ("safe_code", {"code": "1234"}),
    ("pick_one", {"choice": "price"}),
    ("pick_many", {"choices": ["fire", "theft"]}),
    ("order", {"choices": ["a", "b", "c"]}),
    ("match", {"pairs": {"fire": "home", "ill": "health"}}),
    ("budget", {"amounts": {"save": 40, "fun": 60}}),
])
def test_every_puzzle_kind_can_be_solved_with_the_keyboard(make_pilot: Any, puzzle: str,
                                                           answer: dict[str, Any]) -> None:
    pilot, player = in_room(make_pilot)
    player.play({"type": "answer", "puzzle": puzzle, **answer})
    assert puzzle in pilot.session().state.solved
    assert pilot.app.errors == []


def test_a_wrong_answer_gives_feedback_and_a_hint_costs_points(make_pilot: Any) -> None:
    pilot, player = in_room(make_pilot)
    player.open_puzzle("safe_code")
    pilot.type("9999")
    player.do("submit")
    scene = pilot.scene
    assert isinstance(scene, PuzzleScene) and scene.feedback is not None
    assert scene.feedback[1] is False
    player.do("hint")
    assert pilot.session().state.hints_on("safe_code") == 1
    assert not pilot.has("hint")  # the only hint is taken
    pilot.press(pygame.K_BACKSPACE)
    assert scene.code == "999"


def test_market_shop_threat_and_comparison(make_pilot: Any) -> None:
    pilot, player = in_room(make_pilot)
    player.play({"type": "answer", "puzzle": "safe_code", "code": "1234"})
    player.play({"type": "go", "exit": "to_market"})
    assert pilot.session().state.room == "market"
    player.shop()
    assert isinstance(pilot.scene, ShopScene)
    player.do("fine_blaze_pro")
    assert isinstance(pilot.scene, MessageScene) and "Kitchen" in pilot.scene.text
    player.settle()
    player.buy("flame_guard")
    player.do("decline_blaze_pro")
    assert pilot.session().state.owned_ids == {"flame_guard"}
    # two actions in the market: the kitchen fire warns
    assert isinstance(pilot.scene, ThreatScene), type(pilot.scene).__name__
    player.do("think")
    assert pilot.session().state.warnings[0].paused
    player.do("face")
    assert isinstance(pilot.scene, ThreatScene) and pilot.scene.result is not None
    assert pilot.scene.result.protected
    player.settle()
    player.play({"type": "answer", "puzzle": "compare", "choice": "flame_guard"})
    assert pilot.session().state.outcome == "escaped"


@pytest.mark.parametrize("mode", ["keyboard", "mouse"])
def test_using_an_item_from_the_bag_on_an_object(make_pilot: Any, mode: str) -> None:
    pilot, player = in_room(make_pilot)
    player.mode = mode
    player.play({"type": "take", "object": "desk"})
    assert pilot.session().state.inventory == ("key",)
    money = pilot.session().state.money
    # nothing picked in the bag: the object offers no item, and says how to use one
    player.do("object_drawer")
    assert not any(w.key.startswith("use_") for w in pilot.widgets())
    assert say("en", "object.how_to_use") in " ".join(r.text for r in pilot.scene.texts)
    player.close()
    player.play({"type": "use", "item": "key", "target": "drawer"})
    player.settle()
    assert pilot.session().state.money == money + Decimal(10)
    room = pilot.scene
    assert isinstance(room, RoomScene) and room.selected_item is None  # the hand is empty


def test_the_object_offers_only_the_item_held(make_pilot: Any) -> None:
    pilot, player = in_room(make_pilot)
    player.play({"type": "take", "object": "desk"})
    player.do("item_key")
    player.do("choose")
    room = pilot.scene
    assert isinstance(room, RoomScene) and room.selected_item == "key"
    assert say("en", "room.holding", item="Brass key") in [r.text for r in pilot.scene.texts]
    player.do("object_drawer")
    assert [w.key for w in pilot.widgets() if w.key.startswith("use_")] == ["use_key"]
    assert pilot.focused == "use_key"


def test_save_and_load_from_the_pause_menu(make_pilot: Any) -> None:
    pilot, player = in_room(make_pilot)
    player.play({"type": "take", "object": "desk"})
    pilot.press(pygame.K_ESCAPE)
    player.do("save")
    player.close()
    player.play({"type": "answer", "puzzle": "safe_code", "code": "1234"})
    assert "safe_code" in pilot.session().state.solved
    player.to_room()
    pilot.press(pygame.K_ESCAPE)
    player.do("load")
    assert isinstance(pilot.scene, RoomScene)
    assert "safe_code" not in pilot.session().state.solved
    assert pilot.session().state.inventory == ("key",)


def test_pause_stops_game_time(make_pilot: Any) -> None:
    pilot, _ = in_room(make_pilot)
    pilot.press(pygame.K_ESCAPE)
    before = pilot.session().state.elapsed_ms
    pilot.wait(2000)
    assert pilot.session().state.elapsed_ms == before
    pilot.press(pygame.K_ESCAPE)
    pilot.wait(1000)
    assert pilot.session().state.elapsed_ms > before


def test_settings_apply_at_once_and_persist(make_pilot: Any, tmp_path: Path) -> None:
    pilot = make_pilot()
    player = Player(pilot, "keyboard")
    player.do("settings")
    assert isinstance(pilot.scene, SettingsScene)
    for key in ("high_contrast", "dyslexic_font", "size_3", "lang_fr", "no_timers",
                "speed_instant"):
        player.do(key)
    settings = pilot.app.settings
    assert settings.high_contrast and settings.dyslexic_font and settings.no_timers
    assert settings.text_size == 3 and settings.language == "fr"
    assert pilot.app.theme.name == "high_contrast"
    assert pilot.widget("back").label == "Terminé"
    again = make_pilot()
    assert again.app.settings == settings
    player.do("back")
    assert isinstance(pilot.scene, TitleScene)


def test_no_timers_mode_reaches_the_core(make_pilot: Any, tmp_path: Path) -> None:
    from escape_game.ui.settings import Settings, save_settings

    save_settings(Settings(no_timers=True), tmp_path / "config" / "settings.json")
    pilot, _ = in_room(make_pilot)
    assert pilot.session().state.timers is False


def test_resize_and_fullscreen(make_pilot: Any) -> None:
    pilot = make_pilot()
    pilot.resize(800, 600)
    assert pilot.app.screen.get_size() == (800, 600)
    for widget in pilot.widgets():
        assert pygame.Rect(0, 0, 800, 600).contains(widget.rect), widget.key
    pilot.resize(100, 100)  # too small: clamped to a usable minimum
    assert pilot.app.screen.get_width() >= 480
    pilot.press(pygame.K_F11)
    assert pilot.app.settings.fullscreen
    pilot.press(pygame.K_F11)
    assert not pilot.app.settings.fullscreen


def test_a_broken_level_shows_its_problems(make_pilot: Any) -> None:
    from escape_game.ui.app import PlayOptions
    from escape_game.ui.pilot import Pilot

    pilot = Pilot(PlayOptions(level=None, level_problems=["rooms.yaml:3:5: unknown room 'x'"]))
    assert isinstance(pilot.scene, ProblemsScene)
    assert pilot.scene.problems == ["rooms.yaml:3:5: unknown room 'x'"]
    pilot.activate("quit")
    assert not pilot.app.running


def test_play_command_on_a_missing_level_prints_problems(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from escape_game.cli import main

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    code = main(["play", str(tmp_path / "nowhere"), "--frames", "2", "--no-telemetry"])
    assert code == 1
    assert "nowhere" in capsys.readouterr().err


def test_a_failing_scene_goes_back_to_the_title_with_a_message(make_pilot: Any) -> None:
    pilot, _ = in_room(make_pilot)

    def broken(*_: Any) -> None:
        raise RuntimeError("boom")

    pilot.scene.draw = broken  # type: ignore[method-assign]
    pilot.resize(1100, 700)  # the room keeps its page until what it shows changes
    assert isinstance(pilot.scene, TitleScene)
    assert pilot.app.errors and "boom" in pilot.app.errors[0]
    assert any("RuntimeError" in toast.text for toast in pilot.app.toasts)
    pilot.frame()


def test_continue_from_the_title_and_a_damaged_save(make_pilot: Any) -> None:
    pilot, player = in_room(make_pilot)
    player.play({"type": "take", "object": "desk"})
    pilot.press(pygame.K_ESCAPE)
    player.do("save")
    player.do("quit")
    assert isinstance(pilot.scene, TitleScene)
    player.do("continue")
    assert isinstance(pilot.scene, ConsentScene)  # a resumed game asks for consent again
    player.do("refuse")
    player.to_room()
    assert pilot.session().state.inventory == ("key",)
    assert not pilot.app.flow.consent
    path = pilot.app.flow.save_path()
    path.write_text("{ not a save", encoding="utf-8")
    pilot.press(pygame.K_ESCAPE)
    player.do("quit")
    player.do("continue")
    player.do("refuse")  # the same (anonymous) player: their save is damaged
    assert isinstance(pilot.scene, TitleScene)
    assert any(toast.kind == "bad" for toast in pilot.app.toasts)


@pytest.mark.parametrize("edit", [{"money": "999999.00"}, {"room": "nowhere"}],
                         ids=["money", "room"])
def test_continue_refuses_an_edited_save_given_a_new_checksum(make_pilot: Any,
                                                              edit: dict[str, Any]) -> None:
    import json

    from escape_game.runner.saves import _checksum

    pilot, player = in_room(make_pilot)
    player.play({"type": "take", "object": "desk"})
    pilot.press(pygame.K_ESCAPE)
    player.do("save")
    player.do("quit")
    path = pilot.app.flow.save_path()
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["state"].update(edit)
    body = {k: v for k, v in doc.items() if k != "checksum"}
    path.write_text(json.dumps({**body, "checksum": _checksum(body)}), encoding="utf-8")
    player.do("continue")
    player.do("refuse")  # the same (anonymous) player: their save was edited
    assert isinstance(pilot.scene, TitleScene)
    assert any(toast.kind == "bad" for toast in pilot.app.toasts)
    assert pilot.app.errors == []


def test_a_campaign_in_another_script_is_offered_and_drawn(make_pilot: Any) -> None:
    from ui_fixtures import fixture_level

    level = fixture_level()
    level.campaign = level.campaign.model_copy(update={
        "languages": ("uk", "en"), "title": {"uk": "Міні-академія", "en": "Mini Academy"}})
    pilot = make_pilot(level)
    assert pilot.app.flow.lang == "en"  # a language the UI itself speaks comes first
    assert pilot.has("lang_uk") and pilot.widget("lang_uk").label == "Українська"
    pilot.activate("lang_uk")
    assert pilot.app.flow.tr(level.campaign.title) == "Міні-академія"
    fonts = pilot.app.fonts  # every letter is drawn by a font that has it (no empty boxes)
    assert all(fonts.has_glyph(fonts.role_for(c, False), c) for c in "Міні-академія")
    pilot.activate("play")  # the UI itself falls back to English
    assert pilot.widget("refuse").label == "Play without recording"
    assert pilot.app.errors == []


def test_a_damaged_settings_file_is_reported_in_the_game(make_pilot: Any, tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("{ damaged", encoding="utf-8")
    pilot = make_pilot()
    assert any(toast.kind == "warn" for toast in pilot.app.toasts)
    assert (tmp_path / "config" / "settings.json.bak").exists()
    assert isinstance(pilot.scene, TitleScene)


def test_an_unknown_start_room_is_named_with_the_rooms_that_exist(make_pilot: Any) -> None:
    pilot = make_pilot(start_room="kitchen")
    assert isinstance(pilot.scene, ProblemsScene)
    assert "kitchen" in pilot.scene.problems[0] and "hall, market" in pilot.scene.problems[0]


def test_continue_offers_only_the_players_own_save_and_not_a_finished_one(
        make_pilot: Any) -> None:
    from telemetry.codes import generate_codes

    mine, theirs = generate_codes(2, seed=11)
    pilot = make_pilot()
    player = Player(pilot, "keyboard")
    player.do("play")
    pilot.type(mine)
    player.do("refuse")  # no recording: the code still names the save, on this computer
    player.answer_quiz()
    player.to_room()
    player.play({"type": "take", "object": "desk"})
    pilot.press(pygame.K_ESCAPE)
    player.do("save")
    player.do("quit")
    assert pilot.has("continue")
    # the next student, with another code, is not given this game
    player.do("continue")
    pilot.type(theirs)
    player.do("refuse")
    assert isinstance(pilot.scene, ConsentScene)
    assert any("no saved game" in toast.text.lower() for toast in pilot.app.toasts)
    assert pilot.session() is None
    # the owner is
    pilot.focus_on("code")
    for _ in range(len(theirs)):
        pilot.press(pygame.K_BACKSPACE)
    pilot.type(mine)
    player.do("refuse")
    player.to_room()
    assert pilot.session().state.inventory == ("key",)
    # a finished game is kept, marked finished, and no longer offered
    slots = pilot.app.flow.slots()
    assert slots.has(mine)
    pilot.app.flow.react([GameEnded(outcome="escaped", score=1, money=Decimal(0),
                                    wellbeing=100, elapsed_ms=1)])
    assert not slots.has(mine) and not slots.any_open()
    assert list(slots.folder.glob("*.finished.json"))


def test_continue_asks_for_the_code_that_finds_the_save(make_pilot: Any) -> None:
    """From "Continue" the code field says it finds the saved game; going on without a
    code, when only a coded game was saved, asks for the code rather than claiming there
    is no save "for this code" (no code was typed)."""
    from telemetry.codes import generate_codes

    (mine,) = generate_codes(1, seed=5)
    pilot = make_pilot()
    player = Player(pilot, "keyboard")
    player.do("play")
    assert say("en", "consent.code_label") in [t.text for t in pilot.scene.texts]
    pilot.type(mine)
    player.do("agree")
    player.answer_quiz()
    player.to_room()
    pilot.press(pygame.K_ESCAPE)
    player.do("save")
    player.do("quit")
    player.do("continue")
    assert isinstance(pilot.scene, ConsentScene)
    assert say("en", "consent.code_label_continue") in [t.text for t in pilot.scene.texts]
    pilot.app.toasts.clear()
    player.do("refuse")
    assert isinstance(pilot.scene, ConsentScene) and pilot.session() is None
    assert [t.text for t in pilot.app.toasts] == [say("en", "load.none_without_code")]
    assert pilot.focused == "code"  # where the code is typed, at once
    pilot.type(mine)
    player.do("agree")
    player.to_room()
    assert pilot.session() is not None
