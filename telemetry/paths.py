"""Where session files live when no folder is given: the user's data folder, per platform."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "escape-game"


def default_data_dir() -> Path:
    """E.g. ``~/.local/share/escape-game/sessions`` on Linux, ``%LOCALAPPDATA%`` on Windows."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "sessions"
