"""Where the game's own files live: inside the installed package, or beside it in a checkout.

A wheel carries `levels/`, `assets/` and `schema/` as package data under `escape_game/_data/`
(schools install packages, not git checkouts); a clone or an editable install reads the
folders at the top of the checkout, so a teacher's edit there is seen at once. This module is
the only place that knows the difference.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _data_root() -> Path:
    packaged = Path(str(files("escape_game") / "_data"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent


DATA_ROOT = _data_root()
LEVELS = DATA_ROOT / "levels"
ASSETS = DATA_ROOT / "assets"
SCHEMA = DATA_ROOT / "schema"
DEFAULT_CAMPAIGN = LEVELS / "risk_academy"


def level_path(text: str) -> Path:
    """A level named on the command line: a path, or the name of a shipped campaign.

    `escape-game check tutorial` works from any folder, including after a wheel install where
    the shipped campaigns sit inside the package; a path that exists always wins.
    """
    given = Path(text)
    if given.exists() or given.parent != Path("."):
        return given
    shipped = LEVELS / text
    return shipped if (shipped / "campaign.yaml").is_file() else given
