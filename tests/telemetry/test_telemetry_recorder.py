"""The recorder: complete, append-only, durable files; silent failure modes; no consent, no file."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from telemetry_helpers import make_header, sample_turns

import telemetry.recorder as recorder_module
from escape_game.core.events import RoomEntered
from telemetry.reader import read_session
from telemetry.recorder import NullRecorder, SessionRecorder, open_recorder


def _play(rec: object, t0: int = 0) -> int:
    t = t0
    for action, events in sample_turns():
        t += 100
        rec.action(action, t)  # type: ignore[attr-defined]
        rec.events(events, t)  # type: ignore[attr-defined]
    return t


def test_a_session_reads_back_whole(tmp_path: Path) -> None:
    header = make_header()
    rec = open_recorder(tmp_path, header, consent=True)
    t = _play(rec)
    rec.quiz_answer("pre", "A", "q1", "premium", "b", True, 4200, None, t + 1)
    rec.quiz_answer("post", "B", "q9", None, 4, None, 900, 4, t + 2)
    rec.close("escaped", t + 3)
    assert rec.problem is None
    session = read_session(tmp_path / f"{header.session_id}.jsonl")
    assert session.problems == []
    assert session.header == header
    assert session.footer is not None and session.footer.outcome == "escaped"
    kinds = [r.record for r in session.records]
    assert kinds == ["action", "event"] * 4 + ["quiz_answer"] * 2
    assert [r.seq for r in session.records] == list(range(1, 11))


def test_text_and_typed_codes_never_reach_the_file(tmp_path: Path) -> None:
    header = make_header()
    rec = open_recorder(tmp_path, header, consent=True)
    _play(rec)
    rec.close("quit", 1000)
    raw = (tmp_path / f"{header.session_id}.jsonl").read_text()
    assert "hi there" not in raw
    # Eight digits: the random ids and hashes in a file hold them by chance about once in a
    # million runs (the four digits used before matched in a few runs out of a hundred).
    assert "73914062" not in raw
    lines = [json.loads(line) for line in raw.splitlines()]
    answer = next(r for r in lines if r["record"] == "action" and r["action"]["type"] == "answer")
    assert answer["action"] == {"type": "answer", "puzzle": "safe", "code_length": 8}
    message = next(r for r in lines if r.get("name") == "MessageShown")
    assert message["data"] == {"source": "drawer"}
    struck = next(r for r in lines if r.get("name") == "ThreatStruck")
    assert struck["data"]["loss"] == "200.00" and struck["data"]["deductible"] == "50.00"


def test_without_consent_nothing_is_created(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    rec = open_recorder(folder, make_header(), consent=False)
    assert isinstance(rec, NullRecorder)
    _play(rec)
    rec.quiz_answer("pre", "A", "q1", None, "a", False, 10, None, 5)
    rec.close("quit", 10)
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_without_consent_the_default_folder_is_not_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    rec = open_recorder(None, make_header(), consent=False)
    _play(rec)
    rec.close("quit", 10)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    header = make_header()
    path = tmp_path / f"{header.session_id}.jsonl"
    path.write_text("precious\n")
    rec = open_recorder(tmp_path, header, consent=True)
    _play(rec)
    rec.close("quit", 10)
    assert path.read_text() == "precious\n"
    assert rec.problem is not None and "cannot create" in rec.problem


def test_a_folder_that_cannot_be_created_sets_problem_once(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    rec = open_recorder(blocker / "sessions", make_header(), consent=True)
    first = rec.problem
    assert first is not None
    _play(rec)
    rec.close("quit", 10)
    assert rec.problem == first


def test_disk_full_stops_recording_and_the_game_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    header = make_header()
    rec = open_recorder(tmp_path, header, consent=True)
    assert isinstance(rec, SessionRecorder)
    rec.action(sample_turns()[0][0], 1)
    assert rec.flush()

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(recorder_module, "_write", full)
    _play(rec)  # must not raise
    assert rec.flush()
    problem = rec.problem
    assert problem is not None and "No space left" in problem
    monkeypatch.undo()
    _play(rec)
    rec.close("quit", 10)
    assert rec.problem == problem  # set once, never replaced
    session = read_session(tmp_path / f"{header.session_id}.jsonl")
    assert session.errors == [] and len(session.records) == 1  # what was written stays valid


def test_a_deleted_session_file_is_noticed_at_the_next_checkpoint(tmp_path: Path) -> None:
    header = make_header()
    rec = open_recorder(tmp_path, header, consent=True)
    assert isinstance(rec, SessionRecorder)
    assert rec.flush()
    (tmp_path / f"{header.session_id}.jsonl").unlink()
    rec.events([RoomEntered(room="hall")], 5)
    assert rec.flush()
    assert rec.problem is not None and "deleted" in rec.problem
    rec.close("quit", 10)


def test_fsync_happens_at_room_changes_quiz_answers_and_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(recorder_module, "_fsync", lambda fd: (synced.append(fd), real(fd)))
    rec = open_recorder(tmp_path, make_header(), consent=True)
    assert isinstance(rec, SessionRecorder)
    assert len(synced) == 1  # the header
    _play(rec)
    assert rec.flush()
    assert len(synced) == 2  # one RoomEntered among the sample events
    rec.quiz_answer("pre", "A", "q1", None, "a", False, 10, None, 5)
    assert rec.flush()
    assert len(synced) == 3
    rec.close("quit", 10)
    assert len(synced) == 4


def test_a_refused_record_is_kept_visible_and_recording_goes_on(tmp_path: Path) -> None:
    header = make_header()
    rec = open_recorder(tmp_path, header, consent=True)
    assert isinstance(rec, SessionRecorder)
    rec.quiz_answer("middle", "A", "q1", None, "a", False, 10, None, 5)
    _play(rec)
    rec.close("quit", 1000)
    assert rec.problem is None
    assert len(rec.refused) == 1 and rec.refused[0].startswith("QuizAnswerRecord")
    assert read_session(tmp_path / f"{header.session_id}.jsonl").problems == []


def test_calls_after_close_are_ignored(tmp_path: Path) -> None:
    header = make_header()
    rec = open_recorder(tmp_path, header, consent=True)
    rec.close("quit", 1)
    _play(rec)
    rec.close("escaped", 2)
    session = read_session(tmp_path / f"{header.session_id}.jsonl")
    assert session.records == [] and session.footer is not None
    assert session.footer.outcome == "quit"


def test_new_header_fills_in_the_session_identity(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from pydantic import ValidationError

    from escape_game import __version__
    from telemetry.recorder import new_header

    at = datetime.now(UTC)
    header = new_header(player="OWL-427", campaign_id="demo", content_hash="ab" * 32, seed=4,
                        language="fr", consent_at=at, timers=False, start_room="hall")
    assert header.engine_version == __version__ and header.consent.at == at
    assert header.session_id != new_header(player="OWL-427", campaign_id="demo",
                                           content_hash="ab" * 32, seed=4, language="fr",
                                           consent_at=at).session_id
    with pytest.raises(ValidationError):
        new_header(player="Alice Martin", campaign_id="demo", content_hash="ab" * 32, seed=4,
                   language="fr", consent_at=at)


def test_lines_wait_in_memory_while_an_fsync_runs_then_go_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from escape_game.core.actions import Examine

    header = make_header()
    path = tmp_path / f"{header.session_id}.jsonl"
    rec = open_recorder(tmp_path, header, consent=True)
    assert isinstance(rec, SessionRecorder)
    release = threading.Event()
    syncing = threading.Event()
    real = os.fsync

    def slow_fsync(fd: int) -> None:
        syncing.set()
        release.wait(5)
        real(fd)

    monkeypatch.setattr(recorder_module, "_fsync", slow_fsync)
    rec.events([RoomEntered(room="hall")], 1)
    assert syncing.wait(5)
    lines_before = len(path.read_bytes().splitlines())
    rec.action(Examine(object="desk"), 2)  # the frame goes on during the fsync
    assert rec.held == 1
    assert len(path.read_bytes().splitlines()) == lines_before
    release.set()
    assert rec.flush()
    assert rec.held == 0
    rec.close("quit", 3)
    session = read_session(path)
    assert session.problems == []
    assert [r.record for r in session.records] == ["event", "action"]


@pytest.mark.parametrize("wild", ["1e26", "-1e26", "1e-30", "NaN", "Infinity", "1e999999",
                                  "123456789012345678901234567890.5"])
def test_the_recorder_never_raises_on_amounts_past_the_bound(tmp_path: Path, wild: str) -> None:
    """An action built in code skips validation; the recorder still writes the session."""
    from decimal import Decimal

    from escape_game.core.actions import Answer
    from escape_game.core.events import MoneyChanged
    from telemetry.records import money_token

    header = make_header()
    rec = open_recorder(tmp_path, header, consent=True)
    amount = Decimal(wild)
    rec.action(Answer.model_construct(puzzle="budget", amounts={"rent": amount}), 10)
    rec.events([MoneyChanged.model_construct(delta=amount, balance=amount, debt=amount,
                                             reason="effect:x")], 20)
    rec.close("quit", 30)
    assert rec.problem is None
    assert len(money_token(amount)) <= 40
    session = read_session(tmp_path / f"{header.session_id}.jsonl")
    assert session.footer is not None
