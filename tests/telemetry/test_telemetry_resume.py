"""A session that goes on from a save replays: the ``resume`` record restarts the core.

The saves are real (``escape_game.runner.saves``), written and read back from disk; the
recorder and the reader are the real ones. Old files without the record read and replay as
before.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telemetry_helpers import VAULT, _policy, make_header, play_session, vault_level

from escape_game.cli import main
from escape_game.core import GameState, Level, new_game, step
from escape_game.core.actions import Action, AdvanceTime, Answer, Examine, GoThrough
from escape_game.runner.saves import SaveGame, load_save, save_game
from telemetry.reader import read_session
from telemetry.recorder import SessionRecorder, open_recorder
from telemetry.records import ResumeRecord
from telemetry.replay_check import check_replay, report, state_digest


class _Game:
    """A scripted player driving the core and the recorder, with saves on disk."""

    def __init__(self, folder: Path, level: Level, content_hash: str, seed: int) -> None:
        self.level, self.content_hash, self.seed = level, content_hash, seed
        self.folder = folder
        self.t = 0
        self.rng = random.Random(seed * 7919)
        header = make_header(content_hash=content_hash, seed=seed).model_copy(
            update={"campaign_id": "telemetry_vault"})
        rec = open_recorder(folder / "sessions", header, consent=True)
        assert isinstance(rec, SessionRecorder)
        self.rec = rec
        opening = new_game(level, seed)
        self.state = opening.state
        self.actions: list[Action] = []
        self.game_seed = seed
        rec.events(opening.events, 0)

    def play(self, turns: int, extra: list[Action] | None = None,
             may_escape: bool = False) -> None:
        """``extra``, then ``turns`` random actions; the way out only with ``may_escape``."""
        randoms = (_policy(self.rng) for _ in range(turns))
        chosen = [a for a in randoms if may_escape or not isinstance(a, GoThrough)]
        for action in [*(extra or []), *chosen]:
            if self.state.outcome is not None:
                return
            self.t += 16
            result = step(self.level, self.state, action)
            self.state = result.state
            self.actions.append(action)
            self.rec.action(action, self.t)
            self.rec.events(result.events, self.t)

    def save(self, name: str) -> Path:
        path = self.folder / "saves" / f"{name}.json"
        save_game(path, self.level, seed=self.game_seed, actions=self.actions, state=self.state,
                  content_hash=self.content_hash, timers=self.state.timers)
        return path

    def load(self, path: Path) -> SaveGame:
        """What the game does on load: the saved state, and a resume record first."""
        save = load_save(path, content_hash=self.content_hash, level=self.level)
        self.t += 16
        self.rec.resume(self.level, seed=save.seed, timers=save.timers, start_room=None,
                        actions=save.actions, state=save.state, t_ms=self.t)
        self.state, self.actions, self.game_seed = save.state, list(save.actions), save.seed
        return save

    def close(self) -> Path:
        self.rec.close("quit", self.t + 1)
        return self.rec.path


def _resume_lines(path: Path) -> list[dict[str, object]]:
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return [r for r in records if r["record"] == "resume"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_save_play_on_load_in_the_same_session_replays(tmp_path: Path, seed: int) -> None:
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed)
    game.play(30)
    saved = game.save("a")
    game.play(25)  # played after the save: undone by the load, but still recorded
    game.load(saved)
    game.play(60, may_escape=True)
    session = read_session(game.close())
    assert session.ok, session.problems
    kinds = [r.record for r in session.records]
    assert kinds.count("resume") == 1
    assert kinds.count("action") > 40
    assert "event" in kinds[kinds.index("resume"):], "nothing played after the load"
    result = check_replay(session, level)
    assert result.ok, report(result)
    assert result.resumes == 1
    recorded_events = sum(r.record == "event" for r in session.records)
    assert result.compared == result.replayed_total == recorded_events > 0


def test_a_save_loaded_in_a_new_session_replays(tmp_path: Path) -> None:
    level, content_hash = vault_level()
    first = _Game(tmp_path, level, content_hash, seed=11)
    first.play(40, extra=[Examine(object="safe"), Answer(puzzle="safe_code", code="42")])
    saved = first.save("a")
    first.close()
    # Another day: a new session with another seed loads the save and plays on.
    second = _Game(tmp_path, level, content_hash, seed=12)
    second.play(5)
    save = second.load(saved)
    assert save.seed == 11
    second.play(40)
    path = second.close()
    for file in (first.rec.path, path):
        result = check_replay(read_session(file), level)
        assert result.ok, report(result)
    assert check_replay(read_session(path), level).resumes == 1


def test_several_loads_in_one_session_replay(tmp_path: Path) -> None:
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=21)
    game.play(20)
    early = game.save("early")
    game.play(20)
    late = game.save("late")
    game.play(10)
    game.load(early)
    game.play(15)
    game.load(late)
    game.play(15)
    game.load(late)  # twice in a row: an empty stretch between two resumes
    game.load(early)
    game.play(10)
    result = check_replay(read_session(game.close()), level)
    assert result.ok, report(result)
    assert result.resumes == 4
    assert "4 resumes" in report(result)


def test_code_answers_in_a_resume_keep_no_keys(tmp_path: Path) -> None:
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=31)
    game.play(0, extra=[Examine(object="safe"), Answer(puzzle="safe_code", code="1234"),
                        Answer(puzzle="safe_code", code="0042")])
    saved = game.save("a")
    game.load(saved)
    game.play(10)
    path = game.close()
    (resume,) = _resume_lines(path)
    answers = [a for a in resume["actions"] if a.get("type") == "answer"]  # type: ignore[union-attr, attr-defined]
    assert [(a.get("code"), a["code_length"], a["code_correct"]) for a in answers] == [
        (None, 4, False), (None, 4, True)]
    assert "safe_code" in game.state.solved
    result = check_replay(read_session(path), level)
    assert result.ok, report(result)


def _rewrite_resume(path: Path, change: str) -> None:
    lines = path.read_text("utf-8").splitlines()
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record["record"] != "resume":
            continue
        if change == "drop_last_action":
            record["actions"] = record["actions"][:-1]
        elif change == "change_an_action":
            assert record["actions"][-1] == {"type": "wait", "ms": 500}
            record["actions"][-1]["ms"] = 400
        elif change == "seed":
            record["seed"] += 1
        elif change == "state":
            record["state_sha256"] = "0" * 64
        lines[i] = json.dumps(record)
        break
    path.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.mark.parametrize("change", ["drop_last_action", "change_an_action", "seed", "state"])
def test_a_tampered_resume_is_a_mismatch(tmp_path: Path, change: str) -> None:
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=41)
    game.play(30, extra=[Examine(object="desk")])
    game.play(0, extra=[AdvanceTime(ms=500)])  # the log's last action moves the clock
    assert game.state.outcome is None
    saved = game.save("a")
    game.play(10)
    game.load(saved)
    game.play(10)
    path = game.close()
    assert check_replay(read_session(path), level).ok
    _rewrite_resume(path, change)
    session = read_session(path)
    assert session.ok, session.problems
    result = check_replay(session, level)
    assert not result.ok
    assert result.mismatch is not None
    assert result.mismatch.recorded is not None and result.mismatch.recorded[0] == "resume"
    events_before = 0
    for record in session.records:
        if isinstance(record, ResumeRecord):
            break
        events_before += record.record == "event"
    assert result.mismatch.index == events_before
    assert "its log does not give its state" in report(result)


def test_a_resume_without_a_state_digest_trusts_its_log(tmp_path: Path) -> None:
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=51)
    game.play(30)
    saved = game.save("a")
    game.load(saved)
    game.play(30)
    path = game.close()
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    for record in lines:
        if record["record"] == "resume":
            record["state_sha256"] = None
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    session = read_session(path)
    assert [r.state_sha256 for r in session.records if isinstance(r, ResumeRecord)] == [None]
    result = check_replay(session, level)
    assert result.ok, report(result)
    assert result.resumes == 1


def test_an_event_changed_after_a_resume_is_found_there(tmp_path: Path) -> None:
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=61)
    game.play(20)
    saved = game.save("a")
    game.load(saved)
    game.play(0, extra=[Examine(object="desk"), Examine(object="safe")])
    path = game.close()
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    seen_resume = False
    changed_seq = None
    for record in lines:
        seen_resume = seen_resume or record["record"] == "resume"
        if seen_resume and record["record"] == "event":
            record["name"] = "Tampered"
            changed_seq = record["seq"]
            break
    assert changed_seq is not None
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    session = read_session(path)
    result = check_replay(session, level)
    assert result.mismatch is not None
    assert result.mismatch.recorded is not None and result.mismatch.recorded[0] == "Tampered"
    events_before = sum(1 for r in session.records if r.record == "event" and r.seq < changed_seq)
    assert result.mismatch.index == events_before


def test_events_missing_before_a_resume_are_a_mismatch(tmp_path: Path) -> None:
    """A stretch that ends at a resume was written whole: it may not stop early."""
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=71)
    game.play(0, extra=[Examine(object="desk"), Examine(object="safe")])
    saved = game.save("a")
    game.load(saved)
    game.play(5)
    path = game.close()
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    resume_at = next(i for i, r in enumerate(lines) if r["record"] == "resume")
    last_event = max(i for i in range(resume_at) if lines[i]["record"] == "event")
    del lines[last_event]
    for number, record in enumerate(lines[1:], start=1):
        record["seq"] = number
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), "utf-8")
    result = check_replay(read_session(path), level)
    assert result.mismatch is not None and result.mismatch.recorded is None


def test_a_session_killed_after_a_resume_replays_as_a_prefix(tmp_path: Path) -> None:
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=81)
    game.play(20)
    saved = game.save("a")
    game.load(saved)
    game.play(20)
    assert game.rec.flush()
    path = game.rec.path
    session = read_session(path)  # no footer: the game was killed
    assert session.footer is None
    result = check_replay(session, level)
    assert result.ok, report(result)
    assert result.resumes == 1
    game.close()


def test_old_files_without_a_resume_still_read_and_replay(tmp_path: Path) -> None:
    level, content_hash = vault_level()
    header = make_header(content_hash=content_hash, seed=5)
    rec = open_recorder(tmp_path, header, consent=True)
    play_session(rec, level, 5, 60)
    rec.close("quit", 99_999)
    path = tmp_path / f"{header.session_id}.jsonl"
    assert "resume" not in {json.loads(line)["record"] for line in path.read_text().splitlines()}
    session = read_session(path)
    assert session.ok and session.problems == []
    result = check_replay(session, level)
    assert result.ok, report(result)
    assert result.resumes == 0 and result.compared == result.replayed_total > 2
    assert "resume" not in report(result)


def test_the_resume_state_digest_is_the_saved_state(tmp_path: Path) -> None:
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=91)
    game.play(25)
    saved_state: GameState = game.state
    saved = game.save("a")
    game.play(10)
    game.load(saved)
    path = game.close()
    (resume,) = _resume_lines(path)
    assert resume["state_sha256"] == state_digest(saved_state)
    assert resume["seed"] == 91 and resume["timers"] is saved_state.timers


def test_the_research_ingest_reads_files_with_resumes(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    from telemetry.research.ingest import ingest

    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=101)
    game.play(20)
    saved = game.save("a")
    game.load(saved)
    game.play(20)
    path = game.close()
    events = sum(json.loads(line)["record"] == "event" for line in path.read_text().splitlines())
    dataset = ingest(tmp_path / "sessions")
    assert len(dataset.sessions) == 1
    assert [p for p in dataset.problems if p.severity == "error"] == []
    assert dataset.events.num_rows == events


def test_the_replay_command_replays_a_resumed_session(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    level, content_hash = vault_level()
    game = _Game(tmp_path, level, content_hash, seed=111)
    game.play(20)
    saved = game.save("a")
    game.play(10)
    game.load(saved)
    game.play(20)
    path = game.close()
    assert main(["replay", str(path), "--level", str(VAULT)]) == 0
    assert "(1 resume from a save)" in capsys.readouterr().out
    _rewrite_resume(path, "seed")
    assert main(["replay", str(path), "--level", str(VAULT)]) == 1
    assert "its log does not give its state" in capsys.readouterr().out


#: One step of a scripted player: play some turns, save to a slot, or load a slot.
_steps = st.one_of(
    st.tuples(st.just("play"), st.integers(0, 25)),
    st.tuples(st.just("save"), st.integers(0, 1)),
    st.tuples(st.just("load"), st.integers(0, 1)),
)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), steps=st.lists(_steps, max_size=12))
def test_any_mix_of_play_saves_and_loads_replays(tmp_path: Path, seed: int,
                                                 steps: list[tuple[str, int]]) -> None:
    level, content_hash = vault_level()
    folder = tmp_path / f"run{seed}-{len(steps)}-{abs(hash(tuple(steps)))}"
    game = _Game(folder, level, content_hash, seed)
    slots: dict[int, Path] = {}
    loads = 0
    for kind, value in steps:
        if kind == "play":
            game.play(value, may_escape=value % 5 == 0)
        elif kind == "save":
            slots[value] = game.save(f"slot{value}")
        elif value in slots:
            game.load(slots[value])
            loads += 1
    session = read_session(game.close())
    assert session.ok, session.problems
    result = check_replay(session, level)
    assert result.ok, report(result)
    assert result.resumes == loads
    assert result.compared == sum(r.record == "event" for r in session.records)
