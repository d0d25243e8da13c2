"""Which levels a list of paths names, and every problem they have (for `escape-game validate`)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from escape_game.loading.campaign import ROOT_FILE, confined_root, load_campaign
from escape_game.loading.problems import LevelError, Problem
from escape_game.loading.safe_yaml import Limits, read_yaml


def validate_paths(paths: Iterable[Path | str], limits: Limits | None = None) -> list[Problem]:
    """Every problem of every level under the given paths, sorted (for `escape-game validate`)."""
    problems: list[Problem] = []
    for level in find_levels(paths):
        try:
            loaded = load_campaign(level, limits)
        except LevelError as exc:
            problems.extend(exc.problems)
        else:
            problems.extend(loaded.warnings)
    return sorted(problems, key=Problem.sort_key)


def find_levels(paths: Iterable[Path | str]) -> list[Path]:
    """A file is a level; a folder with campaign.yaml is one level; else its level subfolders.

    A file included by a campaign.yaml in a folder above stands for that whole level, so
    `validate rooms/hall.yaml` checks the level the room belongs to.
    """
    levels: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir() and not (path / ROOT_FILE).is_file():
            subs = sorted(p for p in path.iterdir() if (p / ROOT_FILE).is_file())
            levels.extend(subs or [path])
        elif path.is_file() and path.name != ROOT_FILE:
            levels.append(_including_level(path) or path)
        else:
            levels.append(path)
    return list(dict.fromkeys(levels))


def _including_level(path: Path, up: int = 3) -> Path | None:
    try:
        return _level_including(path, up)
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a loop of links
        return None


def _level_including(path: Path, up: int) -> Path | None:
    target = path.resolve()
    for folder in list(path.parents)[:up]:
        root = folder / ROOT_FILE
        if not root.is_file() or isinstance(confined_root(root), Problem):
            continue
        data = read_yaml(root, Limits()).data
        includes = data.get("include") if isinstance(data, dict) else None
        if isinstance(includes, list) and any(
            isinstance(ref, str) and (folder / ref).resolve() == target for ref in includes
        ):
            return folder
    return None
