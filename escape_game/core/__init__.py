"""The game core: a pure, deterministic rules engine shared by the UI, runner, solver and replay.

``step(level, state, action)`` returns a new immutable state and past-tense domain events; it
reads no clock, does no I/O and draws randomness only from the seeded generator in the state.
"""

from escape_game.core.actions import ACTION_ADAPTER, Action
from escape_game.core.events import Event, Outcome
from escape_game.core.level import Level
from escape_game.core.queries import (
    exit_open,
    pending_threats,
    shop,
    visible_exits,
    visible_objects,
    visible_puzzles,
)
from escape_game.core.rules import StepResult, new_game, step
from escape_game.core.state import (
    STATE_VERSION,
    GameState,
    Ledger,
    OwnedPotion,
    PendingWarning,
    StateFormatError,
)

__all__ = [
    "ACTION_ADAPTER",
    "STATE_VERSION",
    "Action",
    "Event",
    "GameState",
    "Ledger",
    "Level",
    "Outcome",
    "OwnedPotion",
    "PendingWarning",
    "StateFormatError",
    "StepResult",
    "exit_open",
    "new_game",
    "pending_threats",
    "shop",
    "step",
    "visible_exits",
    "visible_objects",
    "visible_puzzles",
]
