"""The one condition evaluator: exits, objects, puzzles, item uses and threats all use it."""

from __future__ import annotations

from collections.abc import Callable, Collection
from decimal import Decimal
from typing import Any, Protocol

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
    test = _TESTS.get(type(condition))
    if test is None:
        raise TypeError(f"unknown condition {condition!r}")  # pragma: no cover - closed vocabulary
    return test(condition, facts)


# One test per kind of condition, found by the condition's type: exits, objects and puzzles
# ask at every step, and a chain of isinstance checks cost more than the tests themselves.
def _has_item(x: c.HasItem, facts: Facts) -> bool:
    return x.has_item in facts.inventory


def _has_flag(x: c.HasFlag, facts: Facts) -> bool:
    return x.has_flag in facts.flags


def _solved(x: c.Solved, facts: Facts) -> bool:
    return x.solved in facts.solved


def _visited(x: c.Visited, facts: Facts) -> bool:
    return x.visited in facts.visited


def _owns_potion(x: c.OwnsPotion, facts: Facts) -> bool:
    return x.owns_potion in facts.owned_ids


def _money_at_least(x: c.MoneyAtLeast, facts: Facts) -> bool:
    return facts.money >= x.money_at_least


def _wellbeing_at_least(x: c.WellbeingAtLeast, facts: Facts) -> bool:
    return facts.wellbeing >= x.wellbeing_at_least


def _all(x: c.AllOf, facts: Facts) -> bool:
    for sub in x.all_:  # noqa: SIM110 - a loop: all() over a generator costs twice as much
        if not holds(sub, facts):
            return False
    return True


def _any(x: c.AnyOf, facts: Facts) -> bool:
    for sub in x.any_:  # noqa: SIM110 - as in _all
        if holds(sub, facts):
            return True
    return False


def _not(x: c.Not, facts: Facts) -> bool:
    return not holds(x.not_, facts)


_TESTS: dict[type, Callable[[Any, Facts], bool]] = {
    c.HasItem: _has_item,
    c.HasFlag: _has_flag,
    c.Solved: _solved,
    c.Visited: _visited,
    c.OwnsPotion: _owns_potion,
    c.MoneyAtLeast: _money_at_least,
    c.WellbeingAtLeast: _wellbeing_at_least,
    c.AllOf: _all,
    c.AnyOf: _any,
    c.Not: _not,
}
