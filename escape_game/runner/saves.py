"""Saved games: a versioned JSON document written atomically, checked thoroughly on load.

A save holds the seed and the whole action log as well as the state snapshot, so it can be
verified (replaying the log must give the snapshot) and survives engine fixes by replay.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from escape_game import __version__
from escape_game.core import ACTION_ADAPTER, Action, GameState, Level, StateFormatError
from escape_game.model import Campaign
from escape_game.runner.play import replay

SAVE_FORMAT = 1


class SaveError(Exception):
    """A save that cannot be resumed: corrupt, too new, or for another campaign."""


def content_hash(campaign: Campaign) -> str:
    """A stable fingerprint of a campaign's content (for callers without the loader's hash)."""
    body = campaign.model_dump_json(by_alias=True, exclude_none=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SaveGame:
    campaign_id: str
    content_hash: str
    seed: int
    timers: bool
    actions: tuple[Action, ...]
    state: GameState
    engine: str = __version__


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def save_document(save: SaveGame) -> dict[str, Any]:
    body: dict[str, Any] = {
        "save_format": SAVE_FORMAT,
        "engine": save.engine,
        "campaign": {"id": save.campaign_id, "content_hash": save.content_hash},
        "seed": save.seed,
        "timers": save.timers,
        "actions": [ACTION_ADAPTER.dump_python(a, mode="json") for a in save.actions],
        "state": save.state.to_dict(),
    }
    return {**body, "checksum": _checksum(body)}


def write_save(path: Path | str, save: SaveGame) -> None:
    """Temp file in the same folder, fsync, then os.replace: a crash never leaves half a save."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(save_document(save), indent=1, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open folders; the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_game(
    path: Path | str,
    level: Level,
    *,
    seed: int,
    actions: Sequence[Action],
    state: GameState,
    content_hash: str,
    timers: bool = True,
) -> SaveGame:
    save = SaveGame(level.id, content_hash, seed, timers, tuple(actions), state)
    write_save(path, save)
    return save


def load_save(
    path: Path | str,
    *,
    campaign_id: str | None = None,
    content_hash: str | None = None,
    level: Level | None = None,
) -> SaveGame:
    """Read and check a save. With ``level``, the log is replayed and must give the snapshot."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise SaveError(f"{where}: cannot read the save: {exc.strerror or exc}") from exc
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SaveError(f"{where}: the save is corrupt (not valid JSON)") from exc
    if not isinstance(doc, dict):
        raise SaveError(f"{where}: the save is corrupt (not a JSON object)")
    version = doc.get("save_format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(f"{where}: not a save file (no save_format number)")
    if version > SAVE_FORMAT:
        raise SaveError(
            f"{where}: the save has format {version}, written by a newer version "
            f"({doc.get('engine', 'unknown')}); this engine ({__version__}) reads up to "
            f"{SAVE_FORMAT}. Update escape-game to resume it."
        )
    body = {k: v for k, v in doc.items() if k != "checksum"}
    if doc.get("checksum") != _checksum(body):
        raise SaveError(f"{where}: the save is corrupt (its checksum does not match)")
    try:
        save = _parse(doc)
    except (KeyError, TypeError, ValueError, ValidationError, StateFormatError) as exc:
        raise SaveError(f"{where}: the save is corrupt ({exc})") from exc
    if campaign_id is not None and save.campaign_id != campaign_id:
        raise SaveError(
            f"{where}: the save is for campaign {save.campaign_id!r}, not {campaign_id!r}"
        )
    if content_hash is not None and save.content_hash != content_hash:
        raise SaveError(
            f"{where}: the campaign {save.campaign_id!r} has changed since this game was saved"
        )
    if level is not None:
        verify(save, level, where)
    return save


def _parse(doc: dict[str, Any]) -> SaveGame:
    campaign = doc["campaign"]
    seed = doc["seed"]
    timers = doc["timers"]
    engine = doc["engine"]
    if not isinstance(campaign, dict) or not isinstance(campaign.get("id"), str):
        raise ValueError("campaign id missing")
    if not isinstance(campaign.get("content_hash"), str):
        raise ValueError("campaign content hash missing")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValueError("seed must be an integer")
    if not isinstance(timers, bool) or not isinstance(engine, str):
        raise ValueError("timers or engine version malformed")
    if not isinstance(doc["actions"], list):
        raise ValueError("the action log must be a list")
    actions = tuple(ACTION_ADAPTER.validate_python(a) for a in doc["actions"])
    state = GameState.from_dict(doc["state"])
    return SaveGame(campaign["id"], campaign["content_hash"], seed, timers, actions, state, engine)


def verify(save: SaveGame, level: Level, where: str = "save") -> None:
    """Replaying the saved log must reproduce the saved snapshot exactly."""
    if save.campaign_id != level.id:
        raise SaveError(f"{where}: the save is for campaign {save.campaign_id!r}, not {level.id!r}")
    final = replay(level, save.seed, save.actions, timers=save.timers)[-1].state
    if final != save.state:
        raise SaveError(f"{where}: the saved state does not match its action log")
