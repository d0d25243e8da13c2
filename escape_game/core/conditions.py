"""The one condition evaluator: exits, objects, puzzles, item uses and threats all use it."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import Protocol

from escape_game.model import Condition
from escape_game.model import conditions as c


class Facts(Protocol):
    """What a condition can look at; both GameState and the working draft provide it."""

    @property
    def inventory(self) -> Collection[str]: ...
    @property
    def flags(self) -> Collection[str]: ...
    @property
    def solved(self) -> Collection[str]: ...
    @property
    def visited(self) -> Collection[str]: ...
    @property
    def owned_ids(self) -> Collection[str]: ...
    @property
    def money(self) -> Decimal: ...
    @property
    def wellbeing(self) -> int: ...


def holds(condition: Condition | None, facts: Facts) -> bool:
    """A missing condition always holds."""
    if condition is None:
        return True
    if isinstance(condition, c.HasItem):
        return condition.has_item in facts.inventory
    if isinstance(condition, c.HasFlag):
        return condition.has_flag in facts.flags
    if isinstance(condition, c.Solved):
        return condition.solved in facts.solved
    if isinstance(condition, c.Visited):
        return condition.visited in facts.visited
    if isinstance(condition, c.OwnsPotion):
        return condition.owns_potion in facts.owned_ids
    if isinstance(condition, c.MoneyAtLeast):
        return facts.money >= condition.money_at_least
    if isinstance(condition, c.WellbeingAtLeast):
        return facts.wellbeing >= condition.wellbeing_at_least
    if isinstance(condition, c.AllOf):
        return all(holds(sub, facts) for sub in condition.all_)
    if isinstance(condition, c.AnyOf):
        return any(holds(sub, facts) for sub in condition.any_)
    if isinstance(condition, c.Not):
        return not holds(condition.not_, facts)
    raise TypeError(f"unknown condition {condition!r}")  # pragma: no cover - closed vocabulary
