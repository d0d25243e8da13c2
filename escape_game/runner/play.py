"""Playing a list of actions headless, and replaying a seed + action log step by step."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from escape_game.core import Action, Event, GameState, Level, Outcome, StepResult, new_game, step


@dataclass(frozen=True)
class RunResult:
    state: GameState
    events: tuple[Event, ...]
    """Every event, from the opening ones to the last action's."""

    @property
    def outcome(self) -> Outcome | None:
        return self.state.outcome

    @property
    def rejected(self) -> int:
        return sum(1 for e in self.events if e.name == "ActionRejected")


def replay(
    level: Level, seed: int, actions: Iterable[Action], *, timers: bool = True
) -> list[StepResult]:
    """The opening StepResult, then one per action: ``len(actions) + 1`` results."""
    results = [new_game(level, seed, timers=timers)]
    state = results[0].state
    for action in actions:
        result = step(level, state, action)
        results.append(result)
        state = result.state
    return results


def play_script(
    level: Level, actions: Iterable[Action], seed: int = 0, *, timers: bool = True
) -> RunResult:
    results = replay(level, seed, actions, timers=timers)
    events = tuple(e for r in results for e in r.events)
    return RunResult(results[-1].state, events)
