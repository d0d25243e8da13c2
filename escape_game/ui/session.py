"""The game being played: the core's level and state, the action log, and the recorder.

This is the only UI module that calls the core. It sends actions, keeps the new state, hands
actions and events to telemetry (whose writes happen on the recorder's own thread), and keeps
every event for the debrief.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
from telemetry.protocol import Recorder

#: longest single AdvanceTime the UI sends (a stalled frame must not skip a countdown)
MAX_STEP_MS = 1000
#: frames' time is gathered into steps of at least this much before it reaches the core, so a
#: session log and a save hold a few time actions a second, not one per frame
TIME_STEP_MS = 250


@dataclass(frozen=True)
class Resume:
    """Where a saved game goes on from: the save's whole action log and its state."""

    actions: Sequence[Action]
    state: GameState


class GameSession:
    def __init__(self, campaign: Campaign, *, seed: int, timers: bool,
                 start_room: str | None, recorder: Recorder, clock: Callable[[], int],
                 resume: Resume | None = None) -> None:
        """A new game; with ``resume``, the game of a save going on where it was saved.

        A resumed game neither shows nor records the opening events of a new game (the player
        is back where they saved); the recorder gets a ``resume`` record instead, holding what
        replay needs to rebuild the state from ``new_game(seed, timers, start_room)`` and the
        save's log.
        """
        self.level = Level.from_campaign(campaign)
        self.campaign = campaign
        self.recorder = recorder
        self.clock = clock
        self.seed = seed
        #: what replay needs to time the game's decisions for the debrief
        self.timers = timers
        self.start_room = start_room
        self.log: list[Event] = []
        #: every action sent, for saves (a save holds the log so it can be verified by replay)
        self.actions: list[Action] = []
        #: frame time not yet sent to the core (see TIME_STEP_MS)
        self._unsent_ms = 0
        if resume is not None:
            self.actions = list(resume.actions)
            self.state: GameState = resume.state
            self.pending: list[Event] = []
            recorder.resume(self.level, seed=seed, timers=timers, start_room=start_room,
                            actions=self.actions, state=self.state, t_ms=clock())
            return
        result = new_game(self.level, seed, timers=timers, start_room=start_room)
        self.state = result.state
        self.pending = list(result.events)
        self._record(None, self.pending)

    def _record(self, action: Action | None, events: Sequence[Event]) -> None:
        t = self.clock()
        if action is not None:
            self.recorder.action(action, t)
        if events:
            self.recorder.events(events, t)
        self.log.extend(events)

    def act(self, action: Action) -> list[Event]:
        """Send an action; the events are also queued for the scenes (``drain``).

        Time gathered since the last step goes first, so the action happens at the right moment.
        """
        events = self._flush_time() if not isinstance(action, AdvanceTime) else []
        return events + self._send(action)

    def _send(self, action: Action) -> list[Event]:
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
        if ms <= 0 or self.state.outcome is not None:
            return
        self._unsent_ms += ms
        if self._unsent_ms >= TIME_STEP_MS:
            self._flush_time()

    def _flush_time(self) -> list[Event]:
        events: list[Event] = []
        while self._unsent_ms > 0 and self.state.outcome is None:
            chunk = min(self._unsent_ms, MAX_STEP_MS)
            self._unsent_ms -= chunk
            events += self._send(AdvanceTime(ms=chunk))
        self._unsent_ms = 0
        return events

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
