"""The game being played: the core's level and state, the action log, and the recorder.

This is the only UI module that calls the core. It sends actions, keeps the new state, hands
actions and events to telemetry (whose writes happen on the recorder's own thread), and keeps
every event for the debrief.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from escape_game.core import (
    GameState,
    Level,
    exit_open,
    new_game,
    pending_threats,
    shop,
    step,
    visible_exits,
    visible_objects,
    visible_puzzles,
)
from escape_game.core.actions import Action, AdvanceTime
from escape_game.core.events import Event
from escape_game.model import Campaign, Exit, GameObject, Potion, Room

#: longest single AdvanceTime the UI sends (a stalled frame must not skip a countdown)
MAX_STEP_MS = 1000


class GameSession:
    def __init__(self, campaign: Campaign, *, seed: int, timers: bool,
                 start_room: str | None, recorder: Any, clock: Callable[[], int]) -> None:
        self.level = Level.from_campaign(campaign)
        self.campaign = campaign
        self.recorder = recorder
        self.clock = clock
        self.seed = seed
        self.log: list[Event] = []
        #: every action sent, for saves (a save holds the log so it can be verified by replay)
        self.actions: list[Action] = []
        result = new_game(self.level, seed, timers=timers, start_room=start_room)
        self.state: GameState = result.state
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
        result = step(self.level, self.state, action)
        self.actions.append(action)
        self.state = result.state
        events = list(result.events)
        self._record(action, events)
        self.pending.extend(events)
        return events

    def advance(self, ms: int) -> None:
        if ms > 0 and self.state.outcome is None:
            self.act(AdvanceTime(ms=min(ms, MAX_STEP_MS)))

    def drain(self) -> list[Event]:
        events, self.pending = self.pending, []
        return events

    # --- what the room shows ----------------------------------------------------------
    @property
    def room(self) -> Room:
        return self.level.rooms[self.state.room]

    def objects(self) -> list[GameObject]:
        return visible_objects(self.level, self.state)

    def exits(self) -> list[Exit]:
        return visible_exits(self.level, self.state)

    def exit_open(self, exit_id: str) -> bool:
        return exit_open(self.level, self.state, exit_id)

    def puzzles(self) -> list[Any]:
        return visible_puzzles(self.level, self.state)

    def shop(self) -> list[Potion]:
        return shop(self.level, self.state)

    def threats(self) -> list[Any]:
        """Pending warnings (``threat``, ``remaining_ms``, ``paused``)."""
        return pending_threats(self.level, self.state)
