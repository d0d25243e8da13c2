"""Loading a save from the pause menu is recorded so that the session file still replays.

The real app is driven with the pilot: consent, the pre-quiz, play, save, play on, load (in
the same session and in a new one), play on, quit. Every session file written must then pass
``check_replay`` with every recorded event reproduced.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pygame
import pytest
from walk import Player

from escape_game.core import Level
from escape_game.ui.scenes.room import RoomScene
from escape_game.ui.scenes.title import TitleScene
from telemetry.reader import read_session
from telemetry.records import ResumeRecord
from telemetry.replay_check import check_replay, report

pytestmark = pytest.mark.ui


def _start(pilot: Any, player: Player, code: str | None = None) -> None:
    """Title, consent with ``code`` (a generated one by default), the pre-quiz, into the
    first room."""
    assert isinstance(pilot.scene, TitleScene)
    player.do("play")
    if code is None:
        player.do("generate")
    else:
        pilot.type(code)
    player.do("agree")
    player.answer_quiz()
    player.to_room()
    assert isinstance(pilot.scene, RoomScene)


def _pause_and(pilot: Any, player: Player, key: str) -> None:
    pilot.press(pygame.K_ESCAPE)
    player.do(key)
    if key == "save":
        player.close()  # back from the pause menu to the room
    if key != "quit":
        player.to_room()


def _sessions(data: Path) -> list[Path]:
    files = list(data.rglob("*.jsonl"))
    return sorted(files, key=lambda p: json.loads(p.read_text().splitlines()[0])["started_at"])


def _check(path: Path, level: Level) -> tuple[int, int]:
    session = read_session(path)
    assert session.ok, session.problems
    assert session.footer is not None
    result = check_replay(session, level)
    assert result.ok, report(result)
    events = sum(r.record == "event" for r in session.records)
    assert result.compared == result.replayed_total == events
    return result.resumes, events


def _strings(value: Any) -> set[str]:
    """Every string value (and key) anywhere in a JSON document."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set(value) | {s for v in value.values() for s in _strings(v)}
    if isinstance(value, list):
        return {s for v in value for s in _strings(v)}
    return set()


def test_loading_in_the_same_and_in_a_new_session_replays(make_pilot: Any,
                                                          tmp_path: Path) -> None:
    pilot = make_pilot()
    level = Level.from_campaign(pilot.app.flow.campaign)
    player = Player(pilot, "keyboard")
    _start(pilot, player)
    # Session one: play, save, play on, load, play on.
    player.play({"type": "take", "object": "desk"})
    pilot.wait(600)
    _pause_and(pilot, player, "save")
    player.play({"type": "answer", "puzzle": "safe_code", "code": "9999"})
    player.to_room()
    player.play({"type": "answer", "puzzle": "safe_code", "code": "1234"})
    player.to_room()
    assert "safe_code" in pilot.session().state.solved
    pilot.wait(400)
    _pause_and(pilot, player, "load")
    assert "safe_code" not in pilot.session().state.solved
    assert pilot.session().state.inventory == ("key",)
    pilot.wait(500)
    player.play({"type": "answer", "puzzle": "safe_code", "code": "1234"})
    player.to_room()
    _pause_and(pilot, player, "quit")
    assert isinstance(pilot.scene, TitleScene)
    # Session two: the same player again, a new file; load the save twice and play between.
    _start(pilot, player, code=pilot.app.flow.player)
    pilot.wait(300)
    _pause_and(pilot, player, "load")
    assert pilot.session().state.inventory == ("key",)
    pilot.wait(700)
    player.play({"type": "answer", "puzzle": "safe_code", "code": "5555"})
    player.to_room()
    _pause_and(pilot, player, "load")
    player.play({"type": "answer", "puzzle": "safe_code", "code": "1234"})
    player.to_room()
    pilot.wait(300)
    _pause_and(pilot, player, "quit")
    assert pilot.app.errors == []

    first, second = _sessions(tmp_path / "data")
    assert _check(first, level)[0] == 1
    assert _check(second, level)[0] == 2
    # What the resume record holds: the save's log, codes without their keys.
    for path in (first, second):
        # Whole string values, not substrings: random ids and hashes in the file hold "9999"
        # or "5555" by chance in a few runs out of a hundred.
        strings = _strings([json.loads(line) for line in path.read_text().splitlines()])
        assert "9999" not in strings and "5555" not in strings
        assert not any('"code":' in line for line in path.read_text().splitlines())
        session = read_session(path)
        resumes = [r for r in session.records if isinstance(r, ResumeRecord)]
        assert all(r.actions and r.state_sha256 for r in resumes)
        assert all("code" not in a for r in resumes for a in r.actions)
        assert all(any(a.get("type") == "take" for a in r.actions) for r in resumes)
        # No opening events of a new game follow a resume: the resumed play's first action
        # (or the next resume) comes right after it.
        for resume in resumes:
            after = session.records[session.records.index(resume) + 1]
            assert after.record in ("action", "resume"), after


def test_a_resume_record_tampered_in_a_ui_session_is_a_mismatch(make_pilot: Any,
                                                                  tmp_path: Path) -> None:
    pilot = make_pilot()
    level = Level.from_campaign(pilot.app.flow.campaign)
    player = Player(pilot, "keyboard")
    _start(pilot, player)
    player.play({"type": "take", "object": "desk"})
    _pause_and(pilot, player, "save")
    pilot.wait(400)
    _pause_and(pilot, player, "load")
    pilot.wait(400)
    _pause_and(pilot, player, "quit")
    (path,) = _sessions(tmp_path / "data")
    assert _check(path, level)[0] == 1
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    for record in lines:
        if record["record"] == "resume":
            record["actions"] = [a for a in record["actions"] if a["type"] != "take"]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    result = check_replay(read_session(path), level)
    assert result.mismatch is not None and not result.ok
    assert result.mismatch.recorded is not None and result.mismatch.recorded[0] == "resume"


def test_continue_from_the_title_asks_consent_and_records_a_replayable_session(
        make_pilot: Any, tmp_path: Path) -> None:
    pilot = make_pilot()
    level = Level.from_campaign(pilot.app.flow.campaign)
    player = Player(pilot, "keyboard")
    _start(pilot, player)
    player.play({"type": "take", "object": "desk"})
    _pause_and(pilot, player, "save")
    _pause_and(pilot, player, "quit")
    assert isinstance(pilot.scene, TitleScene)
    code = pilot.app.flow.player
    player.do("continue")
    pilot.type(code)  # the same player comes back
    player.do("agree")
    player.to_room()  # no second pre-quiz: it was taken before the save
    assert pilot.session().state.inventory == ("key",)
    player.play({"type": "answer", "puzzle": "safe_code", "code": "1234"})
    player.to_room()
    pilot.wait(300)
    _pause_and(pilot, player, "quit")
    assert pilot.app.errors == []
    first, second = _sessions(tmp_path / "data")
    assert _check(first, level)[0] == 0
    assert _check(second, level)[0] == 1
    assert not any(r.record == "quiz_answer" for r in read_session(second).records)
