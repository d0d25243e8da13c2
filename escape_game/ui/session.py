"""The game being played: the core's level and state, the action log, and the recorder.

This is the only UI module that calls the core. It sends actions, keeps the new state, hands
actions and events to telemetry (whose writes happen on the recorder's own thread), and keeps
every event for the debrief.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from escape_game.core.actions import Action, AdvanceTime
from escape_game.core.events import Event
from escape_game.model import Campaign


def _core_function(name: str) -> Callable[..., Any]:
    for module in ("escape_game.core", "escape_game.core.rules", "escape_game.core.engine",
                   "escape_game.core.game", "escape_game.core.step"):
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if found is not None:
            return found  # type: ignore[no-any-return]
    raise RuntimeError(f"the game core has no {name}() yet")


def _query(name: str) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("escape_game.core.queries")
    except ImportError:
        return None
    return getattr(module, name, None)


class GameSession:
    def __init__(self, campaign: Campaign, *, seed: int, timers: bool,
                 start_room: str | None, recorder: Any, clock: Callable[[], int]) -> None:
        from escape_game.core.level import Level

        self.level = Level.from_campaign(campaign)
        self.campaign = campaign
        self.recorder = recorder
        self.clock = clock
        self.seed = seed
        self.log: list[Event] = []
        #: every action sent, for saves (a save holds the log so it can be verified by replay)
        self.actions: list[Action] = []
        self._step = _core_function("step")
        new_game = _core_function("new_game")
        result = new_game(self.level, seed, timers=timers, start_room=start_room)
        self.state: Any = result.state
        self.pending: list[Event] = list(result.events)
        self._record(None, self.pending)

    def _record(self, action: Action | None, events: Sequence[Event]) -> None:
        t = self.clock()
        if action is not None:
            self.recorder.action(action, t)
        if events:
            self.recorder.events(events, t)
        self.log.extend(events)

    def act(self, action: Action) -> list[Event]:
        """Send an action; the events are also queued for the scenes (``drain``)."""
        if self.state.outcome is not None:
            return []
        result = self._step(self.level, self.state, action)
        self.actions.append(action)
        self.state = result.state
        events = list(result.events)
        self._record(action, events)
        self.pending.extend(events)
        return events

    def advance(self, ms: int) -> None:
        if ms > 0 and self.state.outcome is None:
            self.act(AdvanceTime(ms=min(ms, 1000)))

    def drain(self) -> list[Event]:
        events, self.pending = self.pending, []
        return events

    # --- what the room shows (core queries, with plain fallbacks) ------------------------
    @property
    def room(self) -> Any:
        return self.level.rooms[self.state.room]

    def _ask(self, name: str, fallback: Callable[[], list[Any]]) -> list[Any]:
        query = _query(name)
        if query is None:
            return fallback()
        return list(query(self.level, self.state))

    def objects(self) -> list[Any]:
        return self._ask("visible_objects", lambda: [
            o for o in self.room.objects if o.id not in self.state.taken or not o.take])

    def exits(self) -> list[Any]:
        return self._ask("visible_exits", lambda: list(self.room.exits))

    def exit_open(self, exit_id: str) -> bool:
        query = _query("exit_open")
        if query is None:
            ex = self.level.exits[exit_id]
            return not ex.locked or exit_id in self.state.unlocked_exits
        return bool(query(self.level, self.state, exit_id))

    def puzzles(self) -> list[Any]:
        return self._ask("visible_puzzles", lambda: [
            p for p in self.room.puzzles if p.id not in self.level.puzzle_object])

    def shop(self) -> list[Any]:
        return self._ask("shop", lambda: list(self.room.shop))

    def threats(self) -> list[Any]:
        """Pending warnings (``threat``, ``remaining_ms``, ``paused``)."""
        return self._ask("pending_threats", lambda: list(self.state.warnings))
