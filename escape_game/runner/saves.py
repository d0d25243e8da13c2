"""Saved games: a versioned JSON document written atomically, checked thoroughly on load.

A save holds the seed and the whole action log as well as the state snapshot, so it can be
verified (replaying the log must give the snapshot) and survives engine fixes by replay.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from escape_game import __version__
from escape_game.core import ACTION_ADAPTER, Action, GameState, Level, StateFormatError
from escape_game.model import Campaign
from escape_game.model.numbers import NumberTooLong, check_decimal_text, whole_number
from escape_game.runner.play import replay

SAVE_FORMAT = 1
#: A save is a few kilobytes per hour of play; anything much larger is not one of ours.
MAX_SAVE_BYTES = 32 * 1024 * 1024
#: A save nests five levels deep; a deeper document is refused before it is parsed.
MAX_SAVE_DEPTH = 16
#: A temporary file this old was left by a write that never finished (a crash, a kill).
STALE_TEMP_SECONDS = 60.0
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


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
    remove_stale_temps(target)
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
    level: Level,
    campaign_id: str | None = None,
    content_hash: str | None = None,
) -> SaveGame:
    """Read and check a save against its level: the log is replayed and must give the snapshot.

    The replay is what makes a save trustworthy: a file edited and given a new checksum
    cannot bring ids the level does not have or amounts the game could not reach. Anything
    malformed (too large, too deep, a number past the bound) is a SaveError.
    """
    where = str(path)
    remove_stale_temps(Path(path))
    doc = _read_document(Path(path), where)
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
        raise SaveError(f"{where}: the save is corrupt ({_short(exc)})") from exc
    if campaign_id is not None and save.campaign_id != campaign_id:
        raise SaveError(
            f"{where}: the save is for campaign {save.campaign_id!r}, not {campaign_id!r}"
        )
    if content_hash is not None and save.content_hash != content_hash:
        raise SaveError(
            f"{where}: the campaign {save.campaign_id!r} has changed since this game was saved"
        )
    verify(save, level, where)
    return save


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if len(text) <= 120 else text[:119] + "…"


def _read_document(path: Path, where: str) -> Any:
    """The save's JSON, refused as a SaveError when too large, too deep or with a number past
    the bound (escape_game.model.numbers) before Python would convert or recurse into it."""
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"{where}: the save is corrupt (it is {size} bytes, far larger "
                            "than a save)")
        raw = path.read_bytes()
    except OSError as exc:
        raise SaveError(f"{where}: cannot read the save: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(f"{where}: the save is corrupt (not valid JSON)") from exc
    if _nesting(text) > MAX_SAVE_DEPTH:
        raise SaveError(f"{where}: the save is corrupt (values nested more than "
                        f"{MAX_SAVE_DEPTH} levels deep)")
    try:
        return json.loads(text, parse_int=whole_number, parse_float=_float,
                          parse_constant=_no_constant)
    except NumberTooLong as exc:
        raise SaveError(f"{where}: the save is corrupt ({exc})") from exc
    except (json.JSONDecodeError, ValueError, RecursionError) as exc:
        raise SaveError(f"{where}: the save is corrupt (not valid JSON)") from exc


def _nesting(text: str) -> int:
    """How deep brackets nest outside strings, counted without recursion (stops past the max)."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        mark = match.group()
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_SAVE_DEPTH:
                break
        elif mark in "]}":
            depth -= 1
    return deepest


def _float(text: str) -> float:
    return float(check_decimal_text(text))


def _no_constant(text: str) -> float:
    raise ValueError(f"{text} is not a number a save holds")


def remove_stale_temps(target: Path, now: float | None = None) -> int:
    """Delete the temporary files of writes to ``target`` that never finished; how many.

    Only files older than STALE_TEMP_SECONDS go, so a save being written by another running
    game is left alone. Never raises: a file that cannot be removed is left for next time.
    """
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = list(target.parent.glob(f".{glob_escape(target.name)}.*.tmp"))
    except OSError:
        return 0
    for temp in candidates:
        try:
            if now - temp.stat().st_mtime >= STALE_TEMP_SECONDS and not temp.is_symlink():
                temp.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def glob_escape(name: str) -> str:
    """A file name matched literally by Path.glob."""
    return re.sub(r"([*?\[])", r"[\1]", name)


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
