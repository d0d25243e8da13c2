"""`escape-game play --class 4B --school S01` (or a classroom file) through the real start-up:
the window the command opens is played with keys, and the session file it writes carries the
class and the school in its header; a player who refuses consent leaves no file at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from walk import Player

from escape_game.cli import main
from escape_game.ui.app import App
from escape_game.ui.pilot import Pilot
from escape_game.ui.scenes.quiz import QuizScene
from escape_game.ui.scenes.room import RoomScene
from escape_game.ui.scenes.title import TitleScene

pytestmark = pytest.mark.ui


@pytest.fixture
def start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run ``escape-game play ARGS`` as a teacher would type it, and hand back a pilot of the
    app it built (its loop is left to the test: the pilot's frames replace the clock's)."""
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
                 "XDG_CACHE_HOME"):  # settings, saves and logs stay in the test's folder
        monkeypatch.setenv(name, str(tmp_path / "home" / name.lower()))
    built: list[App] = []

    def keep(app: App, max_frames: int | None = None) -> int:
        built.append(app)
        return 0

    monkeypatch.setattr(App, "run", keep)

    def run(*args: str) -> Pilot:
        assert main(["play", "--data-dir", str(tmp_path / "data"), "--seed", "3",
                     *args]) == 0
        assert len(built) == 1
        pilot = Pilot.attach(built[0])
        for _ in range(10):  # the loading screen reads the default campaign
            if isinstance(pilot.scene, TitleScene):
                break
            pilot.frame()
        assert isinstance(pilot.scene, TitleScene), type(pilot.scene).__name__
        return pilot

    return run


def _play_a_little(pilot: Pilot, consent: str) -> None:
    """Title, player code, consent (given or refused), the pre-quiz, a few seconds in the
    first room, then the game is closed."""
    player = Player(pilot, "keyboard")
    player.do("play")
    if consent == "agree":
        player.do("generate")
    player.do(consent)
    assert isinstance(pilot.scene, QuizScene) and pilot.scene.phase == "pre"
    player.answer_quiz()
    player.to_room()
    assert isinstance(pilot.scene, RoomScene)
    pilot.wait(1500)
    assert pilot.app.errors == []
    pilot.app.flow.close()


def _sessions(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data").rglob("*.jsonl"))


@pytest.mark.parametrize("how", ["flags", "classroom file"])
def test_the_header_of_a_played_session_carries_class_and_school(
        start: Any, tmp_path: Path, how: str) -> None:
    if how == "flags":
        args = ["--class", "4B", "--school", "S01"]
    else:
        classroom = tmp_path / "classroom.yaml"
        classroom.write_text("class: 4B\nschool: S01\n", encoding="utf-8")
        args = ["--classroom", str(classroom)]
    pilot = start(*args)
    assert (pilot.app.options.class_id, pilot.app.options.school_id) == ("4B", "S01")
    _play_a_little(pilot, "agree")
    files = _sessions(tmp_path)
    assert len(files) == 1
    records = [json.loads(line) for line in files[0].read_text("utf-8").splitlines()]
    header = records[0]
    assert header["record"] == "header"
    assert (header["class_id"], header["school_id"]) == ("4B", "S01")
    assert header["player"] == pilot.app.flow.player
    # the few steps played are there too: the pre-quiz answers and the first room
    kinds = [r["record"] for r in records]
    assert kinds.count("quiz_answer") >= 1
    assert any(r["record"] == "event" and r["name"] == "RoomEntered" for r in records)


def test_without_consent_nothing_is_written(start: Any, tmp_path: Path) -> None:
    pilot = start("--class", "4B", "--school", "S01")
    _play_a_little(pilot, "refuse")
    assert _sessions(tmp_path) == []
