"""Accessibility and display settings, saved as JSON in the user's config folder.

A corrupt file never stops the game: it is kept as ``.bak``, the problem is reported, and
defaults are used.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

TEXT_SCALES = (1.0, 1.2, 1.45, 1.75)
TEXT_SPEEDS = {"instant": 0, "fast": 120, "normal": 60, "slow": 30}  # characters per second
#: "auto": on at home, off in classroom mode (see escape_game.ui.audio.sound_on).
SOUND_MODES = ("auto", "on", "off")


@dataclass(frozen=True)
class Settings:
    language: str = ""
    text_size: int = 0
    high_contrast: bool = False
    dyslexic_font: bool = False
    colour_blind: bool = False
    reduced_motion: bool = False
    no_timers: bool = False
    text_speed: str = "fast"
    fullscreen: bool = False
    sound: str = "auto"
    volume: int = 70  # percent

    @property
    def volume_fraction(self) -> float:
        return max(0, min(self.volume, 100)) / 100

    @property
    def text_scale(self) -> float:
        return TEXT_SCALES[max(0, min(self.text_size, len(TEXT_SCALES) - 1))]

    @property
    def chars_per_second(self) -> int:
        return TEXT_SPEEDS.get(self.text_speed, 0)

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def default_settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("escape-game", appauthor=False)) / "settings.json"


def _coerce(data: object) -> Settings:
    if not isinstance(data, dict):
        raise ValueError("the settings file does not hold a JSON object")
    defaults = Settings()
    values: dict[str, object] = {}
    for f in fields(Settings):
        if f.name not in data:
            continue
        value = data[f.name]
        expected = type(getattr(defaults, f.name))
        if (expected is int and isinstance(value, bool)) or not isinstance(value, expected):
            raise ValueError(f"setting {f.name!r} should be a {expected.__name__}")
        values[f.name] = value
    settings = replace(defaults, **values)  # type: ignore[arg-type]
    if not 0 <= settings.text_size < len(TEXT_SCALES):
        raise ValueError(f"text_size must be 0 to {len(TEXT_SCALES) - 1}")
    if settings.text_speed not in TEXT_SPEEDS:
        raise ValueError(f"text_speed must be one of {', '.join(TEXT_SPEEDS)}")
    if settings.sound not in SOUND_MODES:
        raise ValueError(f"sound must be one of {', '.join(SOUND_MODES)}")
    if not 0 <= settings.volume <= 100:
        raise ValueError("volume must be 0 to 100")
    return settings


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The saved settings and a problem to report (None when all went well)."""
    if not path.is_file():
        return Settings(), None
    try:
        return _coerce(json.loads(path.read_text(encoding="utf-8"))), None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        backup = path.with_suffix(path.suffix + ".bak")
        with contextlib.suppress(OSError):
            os.replace(path, backup)
        return Settings(), f"{path}: {exc}; kept as {backup.name}"


def save_settings(settings: Settings, path: Path) -> str | None:
    """Write atomically; return a problem to show instead of raising."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        return str(exc)
    return None
