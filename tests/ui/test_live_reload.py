"""Live reload under the pilot: an edit shows up in the running game, an error is shown in it."""

from __future__ import annotations

import shutil
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pygame
import pytest

from escape_game.check.arrival import arrival, with_changes
from escape_game.core import Level
from escape_game.live_reload import LevelWatcher
from escape_game.loading import load_campaign
from escape_game.ui.scenes.room import RoomScene

TUTORIAL = Path(__file__).resolve().parents[2] / "levels" / "tutorial"
SHOTS = Path("/tmp/live_reload")


def _start(make_pilot: Any, tmp_path: Path, lang: str = "en") -> tuple[Any, Path]:
    level_dir = tmp_path / "tutorial"
    shutil.copytree(TUTORIAL, level_dir)
    loaded = load_campaign(level_dir)
    level = Level.from_campaign(loaded.campaign)
    state = with_changes(level, arrival(level, "hall").state, money=Decimal("77"))
    pilot = make_pilot(level=loaded, start_state=state, language=lang,
                       watcher=LevelWatcher(level_dir))
    pilot.wait(100)
    return pilot, level_dir


def _until(pilot: Any, seen: Any, limit_ms: int = 1000) -> int:
    """Game milliseconds until ``seen()`` holds (the real loop's clock is the wall clock)."""
    waited = 0
    while not seen() and waited < limit_ms:
        pilot.wait(50)
        waited += 50
    return waited


@pytest.mark.ui
def test_a_saved_edit_shows_in_the_room_within_a_second(make_pilot: Any,
                                                        tmp_path: Path) -> None:
    pilot, level_dir = _start(make_pilot, tmp_path)
    pilot.press(pygame.K_ESCAPE)  # a dialog open while editing: the reload closes it
    hall = level_dir / "rooms" / "hall.yaml"
    text = hall.read_text("utf-8")
    hall.write_text(text.replace("title: {en: Hall, fr: Entrée}",
                                 "title: {en: Hall of mirrors, fr: Galerie des glaces}"),
                    "utf-8")
    started = time.monotonic()
    waited = _until(pilot, lambda: pilot.session().room.title["en"] == "Hall of mirrors")
    wall = time.monotonic() - started
    assert pilot.session().room.title["en"] == "Hall of mirrors"
    assert waited <= 1000 and wall < 5, (waited, wall)
    assert isinstance(pilot.scene, RoomScene)
    state = pilot.session().state
    assert state.room == "hall" and state.money == Decimal("77.00")  # the state is kept
    SHOTS.mkdir(exist_ok=True)
    pygame.image.save(pilot.screenshot(), str(SHOTS / "reloaded_en.png"))


@pytest.mark.ui
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_broken_edit_is_shown_in_game_and_the_last_good_version_goes_on(
        make_pilot: Any, tmp_path: Path, lang: str) -> None:
    pilot, level_dir = _start(make_pilot, tmp_path, lang)
    hall = level_dir / "rooms" / "hall.yaml"
    good = hall.read_text("utf-8")
    hall.write_text(good.replace("    title: {en: Hall, fr: Entrée}",
                                 "    title {en: Hall, fr: Entrée}"), "utf-8")
    waited = _until(pilot, lambda: any("hall.yaml:" in t.text for t in pilot.app.toasts))
    assert waited <= 1000
    (toast,) = [t for t in pilot.app.toasts if "hall.yaml:" in t.text]
    assert "rooms/hall.yaml:4: the ':' after 'title' is missing" in toast.text, toast.text
    assert toast.kind == "bad"
    assert isinstance(pilot.scene, RoomScene) and pilot.session().state.room == "hall"
    assert pilot.session().room.title["en"] == "Hall"  # the last good version plays on
    SHOTS.mkdir(exist_ok=True)
    pygame.image.save(pilot.screenshot(), str(SHOTS / f"broken_{lang}.png"))
    hall.write_text(good, "utf-8")  # fixed: the error goes away
    _until(pilot, lambda: not any("hall.yaml:" in t.text for t in pilot.app.toasts))
    assert not any("hall.yaml:" in t.text for t in pilot.app.toasts)


@pytest.mark.ui
def test_state_whose_ids_vanished_is_dropped(make_pilot: Any, tmp_path: Path) -> None:
    pilot, level_dir = _start(make_pilot, tmp_path)
    pilot.session().state = with_changes(pilot.session().level, pilot.session().state,
                                         items=["note"])
    campaign = level_dir / "campaign.yaml"
    text = campaign.read_text("utf-8")
    assert "id: note" in text
    campaign.write_text(text.replace("id: note", "id: memo"), "utf-8")
    rooms = level_dir / "rooms" / "hall.yaml"
    rooms.write_text(rooms.read_text("utf-8").replace("take: note", "take: memo")
                     .replace("has_item: note", "has_item: memo"), "utf-8")
    _until(pilot, lambda: "memo" in pilot.session().level.items)
    assert "memo" in pilot.session().level.items
    assert "note" not in pilot.session().state.inventory
