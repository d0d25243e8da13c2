"""Replay check: a recorded session reproduces its events; a tampered one shows a clear diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from telemetry_helpers import VAULT, make_header, play_session, vault_level

from escape_game.cli import main
from escape_game.core import GameState, Level, new_game, step
from escape_game.core.actions import Action, Answer, BuyPotion, CancelPurchase, Examine
from telemetry.reader import read_session
from telemetry.recorder import open_recorder
from telemetry.replay_check import check_replay


def _record(folder: Path, seed: int = 3, frames: int = 80, close: bool = True) -> Path:
    level, content_hash = vault_level()
    header = make_header(content_hash=content_hash, seed=seed)
    header = header.model_copy(update={"campaign_id": "telemetry_vault"})
    rec = open_recorder(folder, header, consent=True)
    play_session(rec, level, seed, frames)
    if close:
        rec.close("quit", 99_999)
    else:
        rec.flush()  # type: ignore[attr-defined]
    return folder / f"{header.session_id}.jsonl"


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_recorded_sessions_replay_exactly(tmp_path: Path, seed: int) -> None:
    level, _ = vault_level()
    session = read_session(_record(tmp_path, seed))
    result = check_replay(session, level)
    assert result.ok, result
    assert result.compared == result.replayed_total > 2
    assert result.actions > 0


def _record_vault(folder: Path, actions: list[Action]) -> tuple[Level, GameState, Path]:
    """The vault level played through the core with `actions`, recorded with consent; the
    level, the final state and the session file."""
    level, content_hash = vault_level()
    header = make_header(content_hash=content_hash)
    rec = open_recorder(folder, header, consent=True)
    opening = new_game(level, header.seed)
    rec.events(opening.events, 0)
    state = opening.state
    for t, action in enumerate(actions, start=1):
        result = step(level, state, action)
        state = result.state
        rec.action(action, t)
        rec.events(result.events, t)
    rec.close("quit", 10)
    return level, state, folder / f"{header.session_id}.jsonl"


def test_code_lock_answers_replay_without_their_keys(tmp_path: Path) -> None:
    level, _, path = _record_vault(tmp_path, [Examine(object="safe"),
                                          Answer(puzzle="safe_code", code="7"),
                                          Answer(puzzle="safe_code", code="0042")])
    # Whole values, not substrings: random ids and hashes hold "0042" in a few runs of a hundred.
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    answers = [r["action"] for r in lines
               if r["record"] == "action" and r["action"]["type"] == "answer"]
    assert answers == [{"type": "answer", "puzzle": "safe_code", "code_length": n} for n in (1, 4)]
    assert not any("0042" in json.dumps(r.get("data", {})) for r in lines)
    session = read_session(path)
    names = [r.name for r in session.records if r.record == "event"]
    assert "PuzzleSolved" in names
    assert check_replay(session, level).ok


def _tamper(path: Path) -> None:
    lines = path.read_text().splitlines()
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("name") == "RoomEntered":
            record["data"]["first_time"] = not record["data"]["first_time"]
            lines[i] = json.dumps(record)
            break
    path.write_text("\n".join(lines) + "\n")


def test_a_tampered_session_fails_with_a_diff(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _record(tmp_path)
    assert main(["replay", str(path), "--level", str(VAULT)]) == 0
    assert "OK" in capsys.readouterr().out
    _tamper(path)
    assert main(["replay", str(path), "--level", str(VAULT)]) == 1
    out = capsys.readouterr().out
    assert "first difference at event #1" in out
    assert "recorded: RoomEntered(room='hall', via=None, first_time=False)" in out
    assert "replayed: RoomEntered(room='hall', via=None, first_time=True)" in out


def test_a_killed_session_replays_as_a_prefix(tmp_path: Path) -> None:
    level, _ = vault_level()
    path = _record(tmp_path, close=False)
    lines = path.read_text().splitlines()
    # Drop the tail after the last action: its events were "in flight".
    last_action = max(i for i, line in enumerate(lines) if '"record":"action"' in line)
    path.write_text("\n".join(lines[: last_action + 1]) + "\n")
    session = read_session(path)
    assert session.errors == []
    result = check_replay(session, level)
    assert result.ok and result.compared < result.replayed_total


def test_a_different_level_version_is_refused_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _record(tmp_path)
    lines = path.read_text().splitlines()
    header = json.loads(lines[0])
    header["content_hash"] = "0" * 64
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n")
    assert main(["replay", str(path), "--level", str(VAULT)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["replay", str(path), "--level", str(VAULT), "--force"]) == 0


def test_an_unknown_campaign_needs_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _record(tmp_path)
    assert main(["replay", str(path)]) == 1
    assert "--level" in capsys.readouterr().err


def test_a_cancelled_purchase_is_recorded_and_replays(tmp_path: Path) -> None:
    level, state, path = _record_vault(tmp_path, [BuyPotion(potion="good"),
                                                  CancelPurchase(potion="good")])
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert {"type": "cancel", "potion": "good"} in [r["action"] for r in lines
                                                    if r["record"] == "action"]
    [cancelled] = [r["data"] for r in lines if r.get("name") == "PurchaseCancelled"]
    assert cancelled["potion"] == "good" and state.owned_potions == ()
    result = check_replay(read_session(path), level)
    assert result.ok, result
