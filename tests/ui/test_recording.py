"""The flow always holds a recorder: telemetry's null one without consent and after closing.

There is one recorder that records nothing (:class:`telemetry.recorder.NullRecorder`), so no
step of the journey has to ask whether a recorder exists.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from walk import Player

from escape_game.ui.scenes.room import RoomScene
from telemetry.recorder import NullRecorder, SessionRecorder

pytestmark = pytest.mark.ui


def _into_room(pilot: Any, consent: str) -> Player:
    player = Player(pilot, "keyboard")
    player.do("play")
    if consent == "agree":
        player.do("generate")
    player.do(consent)
    player.answer_quiz()
    player.to_room()
    assert isinstance(pilot.scene, RoomScene)
    return player


def test_without_consent_the_null_recorder_is_used_from_start_to_close(
        make_pilot: Any, tmp_path: Path) -> None:
    pilot = make_pilot()
    flow = pilot.app.flow
    assert type(flow.recorder) is NullRecorder  # before anyone consented
    _into_room(pilot, "refuse")
    assert type(flow.recorder) is NullRecorder
    assert pilot.session().recorder is flow.recorder  # the game records through the same one
    pilot.wait(1000)
    flow.close()
    flow.close()  # closing twice is harmless
    assert type(flow.recorder) is NullRecorder
    assert not list((tmp_path / "data").rglob("*.jsonl*"))
    assert pilot.app.errors == []


def test_a_closed_session_falls_back_to_the_null_recorder(make_pilot: Any,
                                                          tmp_path: Path) -> None:
    pilot = make_pilot()
    flow = pilot.app.flow
    _into_room(pilot, "agree")
    assert isinstance(flow.recorder, SessionRecorder)
    pilot.wait(1000)
    flow.close()
    assert type(flow.recorder) is NullRecorder
    (path,) = list((tmp_path / "data").rglob("*.jsonl"))
    written = path.read_text("utf-8")
    assert json.loads(written.splitlines()[-1])["record"] == "footer"
    flow.close()  # a second close writes nothing more
    assert path.read_text("utf-8") == written
