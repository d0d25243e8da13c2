"""Getting a Level from a file or an inline YAML text (tests and the headless runner)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from escape_game.core import Level
from escape_game.loading import load_campaign, load_campaign_text


@dataclass(frozen=True)
class LoadedLevel:
    level: Level
    content_hash: str
    """The loader's fingerprint of the level's files: saves record it to refuse stale resumes."""


def level_from_text(text: str) -> Level:
    """An inline single-file level, as scenario tests write them, through the loader's checks."""
    return Level.from_campaign(load_campaign_text(text).campaign)


def load_level_with_hash(path: Path | str) -> LoadedLevel:
    """A level folder or root file through the loader (includes, checks, located errors)."""
    loaded = load_campaign(path)
    return LoadedLevel(Level.from_campaign(loaded.campaign), loaded.content_hash)


def load_level(path: Path | str) -> Level:
    return load_level_with_hash(path).level
