"""How the core's scenario tests play a level and read what happened (import this, never
`conftest`).

An event is looked up by its type, so a test breaks when that event goes missing, doubles or
carries wrong data, not when an unrelated event is added or two independent ones swap places.
A test that means the order compares `names(result)` with a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from escape_game.core import GameState, Level, StepResult, new_game, step
from escape_game.core.actions import ACTION_ADAPTER


def play(level: Level, *actions: dict[str, Any], seed: int = 1, timers: bool = True
         ) -> tuple[GameState, list[StepResult]]:
    """The final state and every step's result, the opening first (so `results[n]` is the
    result of the n-th action)."""
    result = new_game(level, seed=seed, timers=timers)
    results = [result]
    for raw in actions:
        result = step(level, result.state, ACTION_ADAPTER.validate_python(raw))
        results.append(result)
    return result.state, results


def names(result: StepResult) -> list[str]:
    return [e.name for e in result.events]


def event(results: StepResult | Sequence[StepResult], name: str) -> dict[str, Any]:
    """The fields of the one event called `name` in `results`; fails on none or several."""
    found_in = [results] if isinstance(results, StepResult) else results
    found = [e.model_dump() for r in found_in for e in r.events if e.name == name]
    assert len(found) == 1, f"expected one {name}, got {found} in {[names(r) for r in found_in]}"
    return found[0]


def reason(result: StepResult) -> str:
    """Why the action was refused: a refusal is one ActionRejected and nothing else."""
    assert names(result) == ["ActionRejected"], result.events
    return str(result.events[0].model_dump()["reason"])
