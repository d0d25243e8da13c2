"""Live reload: the running game follows the level's files as the author saves them.

A few stat calls every quarter of a second are enough for a level's handful of small files
(a file-watching library would add a thread and a dependency for no gain here, and polling on
the game's own clock lets tests drive it frame by frame). When a file changes the level is
loaded again; the player keeps the room and everything whose id still exists; a level with
errors is not taken: its problems are given back, to be shown in the game, and the last good
version goes on playing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from escape_game.core import GameState, Level
from escape_game.core.state import use_target

#: how often the files are looked at, in milliseconds of the game's clock
POLL_MS = 250
#: folders of a level whose files are not part of it (action files, editor schemas)
IGNORED = {"walkthroughs", "schema", ".vscode", ".git"}

Stamp = dict[Path, tuple[int, int]]


@dataclass(frozen=True)
class Reloaded:
    loaded: Any
    """The new LoadedCampaign."""


@dataclass(frozen=True)
class ReloadFailed:
    problems: tuple[str, ...]
    """'rooms/hall.yaml:12: message' lines, for the player's screen."""


def _load(path: Path) -> Any:
    from escape_game.loading import load_campaign

    return load_campaign(path)


class LevelWatcher:
    """Polls a level folder's YAML files; ``tick`` returns a reload when they changed."""

    def __init__(self, path: Path, *, poll_ms: int = POLL_MS,
                 load: Callable[[Path], Any] = _load) -> None:
        self.path = path
        self.folder = path if path.is_dir() else path.parent
        self.poll_ms = poll_ms
        self.load = load
        self._waited = 0
        self._stamp = self.stamp()

    def files(self) -> list[Path]:
        return sorted(p for p in self.folder.rglob("*")
                      if p.suffix in (".yaml", ".yml")
                      and not set(p.relative_to(self.folder).parts[:-1]) & IGNORED)

    def stamp(self) -> Stamp:
        out: Stamp = {}
        for file in self.files():
            try:
                info = file.stat()
            except OSError:
                continue
            out[file] = (info.st_mtime_ns, info.st_size)
        return out

    def tick(self, dt_ms: int) -> Reloaded | ReloadFailed | None:
        self._waited += dt_ms
        if self._waited < self.poll_ms:
            return None
        self._waited = 0
        now = self.stamp()
        if now == self._stamp:
            return None
        self._stamp = now
        return self.reload()

    def reload(self) -> Reloaded | ReloadFailed:
        from escape_game.loading import LevelError

        try:
            return Reloaded(self.load(self.path))
        except LevelError as exc:
            return ReloadFailed(tuple(self._short(p) for p in exc.problems))
        except (OSError, ValueError) as exc:
            return ReloadFailed((f"{self.path}: {exc}",))

    def _short(self, problem: Any) -> str:
        try:
            name = Path(problem.file).resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            name = str(problem.file)
        return f"{name}:{problem.line}: {problem.message}"


def carry_over(level: Level, state: GameState) -> GameState:
    """The state in a reloaded level: what names a vanished id is dropped; a vanished room
    sends the player to the level's start room."""
    rooms, items, puzzles = level.rooms, level.items, level.puzzles
    potions, threats, objects, exits = level.potions, level.threats, level.objects, level.exits
    room = state.room if state.room in rooms else level.campaign.start.room
    return dataclasses.replace(
        state,
        room=room,
        visited=tuple(r for r in state.visited if r in rooms),
        inventory=tuple(i for i in state.inventory if i in items),
        owned_potions=tuple(p for p in state.owned_potions if p.potion in potions),
        declined_potions=frozenset(p for p in state.declined_potions if p in potions),
        solved=tuple(p for p in state.solved if p in puzzles),
        locked_puzzles=frozenset(p for p in state.locked_puzzles if p in puzzles),
        attempts=tuple((p, n) for p, n in state.attempts if p in puzzles),
        hints=tuple((p, n) for p, n in state.hints if p in puzzles),
        examined=frozenset(o for o in state.examined if o in objects),
        taken=frozenset(o for o in state.taken if o in objects),
        used=frozenset(u for u in state.used if use_target(u) in objects),
        unlocked_exits=frozenset(e for e in state.unlocked_exits if e in exits),
        warnings=tuple(w for w in state.warnings if w.threat in threats),
        resolved_threats=tuple(t for t in state.resolved_threats if t in threats),
    )
