"""Saves: atomic, versioned, verified on load; every bad file gives SaveError, never a reset."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from locations import FIXTURES

from escape_game.core import Action, GameState, Level
from escape_game.core import actions as a
from escape_game.runner import SaveError, load_save, play_script, replay, save_game
from escape_game.runner.levels import load_level_with_hash
from escape_game.runner.saves import (
    SAVE_FORMAT,
    SaveGame,
    _checksum,
    remove_stale_temps,
    save_document,
    write_save,
)

MINI = FIXTURES / "core" / "levels" / "mini"
ACTIONS: list[Action] = [
    a.Examine(object="desk"),
    a.Take(object="drawer"),
    a.TakeHint(puzzle="safe_code"),
    a.Answer(puzzle="safe_code", code="9"),
    a.BuyPotion(potion="cheap"),
    a.AdvanceTime(ms=1234),
    a.Examine(object="desk"),
    a.Examine(object="desk"),
    a.PauseToThink(threat="spark"),
]


@pytest.fixture(scope="module")
def loaded() -> tuple[Level, str]:
    found = load_level_with_hash(MINI)
    return found.level, found.content_hash


def saved(tmp_path: Path, level: Level, digest: str, seed: int = 9) -> tuple[Path, GameState]:
    state = play_script(level, ACTIONS, seed).state
    path = tmp_path / "slot1.json"
    save_game(path, level, seed=seed, actions=ACTIONS, state=state, content_hash=digest)
    return path, state


def test_resume_restores_exactly_what_replay_gives(tmp_path: Path,
                                                   loaded: tuple[Level, str]) -> None:
    level, digest = loaded
    path, state = saved(tmp_path, level, digest)
    save = load_save(path, campaign_id="mini", content_hash=digest, level=level)
    assert save.state == state == replay(level, save.seed, save.actions)[-1].state
    assert save.actions == tuple(ACTIONS) and save.seed == 9 and save.timers is True
    assert state.pending("spark") is not None and state.pending("spark").paused  # type: ignore[union-attr]
    # playing on from the resumed state equals playing the whole log from the start
    more = [a.AdvanceTime(ms=30_000), a.UseItem(item="key", target="door_panel"),
            a.GoThrough(exit="north")]
    resumed = play_script(level, [*save.actions, *more], save.seed).state
    assert resumed.outcome == "escaped"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_document_is_versioned_and_complete(tmp_path: Path, loaded: tuple[Level, str]) -> None:
    level, digest = loaded
    path, state = saved(tmp_path, level, digest)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["save_format"] == SAVE_FORMAT and doc["engine"]
    assert doc["campaign"] == {"id": "mini", "content_hash": digest}
    assert doc["seed"] == 9 and len(doc["actions"]) == len(ACTIONS)
    assert GameState.from_dict(doc["state"]) == state


def rewrite(path: Path, change: Any) -> None:
    """Edit a save and fix its checksum, as a newer engine or another campaign would write it."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    body = {k: v for k, v in doc.items() if k != "checksum"}
    doc["checksum"] = _checksum(body)
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_newer_format_is_refused_clearly(tmp_path: Path, loaded: tuple[Level, str]) -> None:
    level, digest = loaded
    path, _ = saved(tmp_path, level, digest)
    rewrite(path, lambda d: d.update(save_format=SAVE_FORMAT + 1, engine="9.0"))
    with pytest.raises(SaveError, match=r"newer version.*Update escape-game"):
        load_save(path, level=level)


def test_other_campaign_and_changed_content(tmp_path: Path, loaded: tuple[Level, str]) -> None:
    level, digest = loaded
    path, _ = saved(tmp_path, level, digest)
    with pytest.raises(SaveError, match="for campaign 'mini', not 'tutorial'"):
        load_save(path, level=level, campaign_id="tutorial")
    with pytest.raises(SaveError, match="has changed since"):
        load_save(path, level=level, campaign_id="mini", content_hash="0" * 64)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: p.write_bytes(p.read_bytes()[:100]), "not valid JSON"),
        (lambda p: p.write_bytes(b"\xff\xfe garbage"), "not valid JSON"),
        (lambda p: p.write_text("[1, 2]"), "not a JSON object"),
        (lambda p: p.write_text("{}"), "no save_format"),
        (lambda p: p.write_text(p.read_text().replace('"steps": 9', '"steps": 10')),
         "checksum does not match"),
        (lambda p: p.unlink(), "cannot read"),
    ],
    ids=["truncated", "binary", "list", "empty", "tampered", "missing"],
)
def test_corrupt_files_raise_save_error(tmp_path: Path, loaded: tuple[Level, str],
                                        damage: Any, message: str) -> None:
    level, digest = loaded
    path, _ = saved(tmp_path, level, digest)
    damage(path)
    with pytest.raises(SaveError, match=message):
        load_save(path, level=level)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["state"].update(wellbeing=400), "outside 0..100"),
        (lambda d: d["state"].pop("rng"), "missing"),
        (lambda d: d["actions"].append({"type": "fly"}), "corrupt"),
        (lambda d: d.update(seed="x"), "seed must be an integer"),
        (lambda d: d["state"].update(version=99), "version 99"),
        (lambda d: d["state"].update(score=d["state"]["score"] + 1), "does not match its action"),
    ],
    ids=["wellbeing", "missing-field", "bad-action", "seed", "state-version", "log-mismatch"],
)
def test_inconsistent_contents_raise_save_error(tmp_path: Path, loaded: tuple[Level, str],
                                                change: Any, message: str) -> None:
    level, digest = loaded
    path, _ = saved(tmp_path, level, digest)
    rewrite(path, change)
    with pytest.raises(SaveError, match=message):
        load_save(path, level=level)


def test_failed_write_keeps_the_previous_save(tmp_path: Path, loaded: tuple[Level, str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    level, digest = loaded
    path, state = saved(tmp_path, level, digest)
    before = path.read_bytes()

    def boom(*_: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("escape_game.runner.saves.os.replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write_save(path, SaveGame("mini", digest, 1, True, (), state))
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_save_document_round_trips_every_action_kind(loaded: tuple[Level, str]) -> None:
    from escape_game.check.explore import every_action

    level, digest = loaded
    actions = every_action(level)
    state = play_script(level, actions, 3).state
    doc = save_document(SaveGame("mini", digest, 3, True, tuple(actions), state))
    from escape_game.runner.saves import _parse

    parsed = _parse(json.loads(json.dumps(doc)))
    assert parsed.actions == tuple(actions) and parsed.state == state


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested more than"),
        ('{"save_format": 1, "seed": ' + "9" * 5_001 + "}", "too large"),
        ('{"save_format": 1, "seed": 1e99999}', "too large"),
        ('{"save_format": 1, "seed": NaN}', "not valid JSON"),
        ('{"save_format": ' + "[" * 5_000 + "]" * 5_000 + "}", "nested more than"),
    ],
    ids=["deep-list", "long-int", "long-exponent", "nan", "deep-value"],
)
def test_malformed_documents_are_save_errors(tmp_path: Path, loaded: tuple[Level, str],
                                             text: str, message: str) -> None:
    level, _ = loaded
    path = tmp_path / "slot1.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SaveError, match=message) as info:
        load_save(path, level=level)
    assert len(str(info.value)) < len(str(path)) + 200


def test_an_edited_and_re_signed_save_is_refused_by_replay(tmp_path: Path,
                                                           loaded: tuple[Level, str]) -> None:
    level, digest = loaded
    path, _ = saved(tmp_path, level, digest)
    rewrite(path, lambda d: d["state"].update(money="999999.00"))
    with pytest.raises(SaveError, match="does not match its action log"):
        load_save(path, level=level)


def test_an_amount_past_the_bound_in_the_log_is_a_save_error(tmp_path: Path,
                                                              loaded: tuple[Level, str]) -> None:
    level, digest = loaded
    path, _ = saved(tmp_path, level, digest)
    rewrite(path, lambda d: d["actions"].append(
        {"type": "answer", "puzzle": "lock", "amounts": {"rent": "1e26"}}))
    with pytest.raises(SaveError, match="corrupt"):
        load_save(path, level=level)


def test_stale_temporary_files_are_removed_and_fresh_ones_kept(tmp_path: Path,
                                                              loaded: tuple[Level, str]) -> None:
    level, digest = loaded
    path, _ = saved(tmp_path, level, digest)
    stale = tmp_path / f".{path.name}.abc123.tmp"
    fresh = tmp_path / f".{path.name}.def456.tmp"
    other = tmp_path / ".other.json.zzz.tmp"
    for temp in (stale, fresh, other):
        temp.write_text("{half a save", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    load_save(path, level=level)
    assert not stale.exists() and fresh.exists() and other.exists()
    assert remove_stale_temps(path, now=time.time() + 3600) == 1
    assert not fresh.exists()
