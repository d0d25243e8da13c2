"""Wiring for `escape-game play`: logging to the user log folder, settings, then the loop."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def setup_logging() -> Path | None:
    import platformdirs

    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    path: Path | None = None
    try:
        folder = Path(platformdirs.user_log_dir("escape-game", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "escape-game.log"
        handlers.append(logging.FileHandler(path, encoding="utf-8"))
    except OSError:
        path = None
    logging.basicConfig(level=logging.WARNING, handlers=handlers,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return path


def _quiet_pygame() -> None:
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def play(loader: Callable[[], tuple[Any, list[str]]], *, language: str | None = None,
         start_room: str | None = None, fullscreen: bool = False, data_dir: Path | None = None,
         telemetry: bool = True, seed: int | None = None, frames: int | None = None,
         class_id: str | None = None, school_id: str | None = None,
         classroom: bool = False, start_state: Any = None,
         watcher: Any = None) -> int:
    setup_logging()
    _quiet_pygame()
    from escape_game.ui.app import App, PlayOptions
    from escape_game.ui.settings import default_settings_path

    options = PlayOptions(loader=loader, language=language,
                          start_room=start_room, data_dir=data_dir, telemetry=telemetry,
                          seed=seed, fullscreen=fullscreen,
                          settings_path=default_settings_path(),
                          class_id=class_id, school_id=school_id, classroom=classroom,
                          start_state=start_state, watcher=watcher)
    app = App(options)
    app.run(max_frames=frames)
    if options.loader is not None:  # closed before the level was read
        return 0
    return 0 if options.level is not None else 1
