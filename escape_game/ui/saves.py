"""Where each player's saved game lives, so "Continue" only ever offers a player their own.

A classroom computer is shared: saves are kept per campaign and per player code. The file is
named by a hash of the code (the folder does not list who played); a player who gave no code
has the one anonymous slot. When a game ends its save is marked finished (renamed), so it is
kept but never offered again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

ANONYMOUS = "anonymous"
FINISHED = ".finished.json"


class SaveSlots:
    def __init__(self, base: Path, campaign_id: str) -> None:
        self.folder = base / "saves" / campaign_id

    @staticmethod
    def owner_key(code: str | None) -> str:
        if not code:
            return ANONYMOUS
        return hashlib.sha256(code.encode("utf-8")).hexdigest()[:20]

    def path(self, code: str | None) -> Path:
        """The save of the player with ``code`` (None: the anonymous slot)."""
        return self.folder / f"{self.owner_key(code)}.json"

    def has(self, code: str | None) -> bool:
        return self.path(code).is_file()

    def any_open(self) -> bool:
        """Some player has a game to continue (the title then offers "Continue")."""
        try:
            return any(p.is_file() and not p.name.endswith(FINISHED)
                       for p in self.folder.glob("*.json"))
        except OSError:
            return False

    def finish(self, code: str | None) -> None:
        """The game of ``code`` ended: keep its save, marked finished, out of "Continue"."""
        path = self.path(code)
        if path.is_file():
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.stem + FINISHED))
