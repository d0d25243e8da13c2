"""The level a checking command works on, or its problems printed for the teacher."""

from __future__ import annotations

import sys
from pathlib import Path

from escape_game.check.checker import load_for_check
from escape_game.core import Level
from escape_game.loading import LoadedCampaign


def level_or_report(path: Path) -> tuple[LoadedCampaign, Level] | None:
    """The loaded level and the core's view of it; None once the loader's problems are
    printed on stderr (the command then exits with its 'problems' status)."""
    found = load_for_check(path)
    if isinstance(found, list):
        print("\n".join(found), file=sys.stderr)
        return None
    return found
