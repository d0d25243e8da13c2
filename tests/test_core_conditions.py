"""The condition evaluator answers every kind of condition, true and false."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import TypeAdapter

from escape_game.core.conditions import _TESTS, holds
from escape_game.core.state import GameState, OwnedPotion
from escape_game.model import Condition
from escape_game.model.conditions import CONDITION_TYPES

READ: TypeAdapter[Condition] = TypeAdapter(Condition)
STATE = GameState(
    room="hall", visited=("hall",), inventory=("key",), flags=frozenset({"lit"}),
    money=Decimal("20.00"), wellbeing=60, solved=("lock",),
    owned_potions=(OwnedPotion("shield", 0),),
)


def test_every_kind_of_condition_has_a_test() -> None:
    assert set(_TESTS) == set(CONDITION_TYPES)


@pytest.mark.parametrize("written,expected", [
    ({"has_item": "key"}, True), ({"has_item": "map"}, False),
    ({"has_flag": "lit"}, True), ({"has_flag": "dark"}, False),
    ({"solved": "lock"}, True), ({"solved": "safe"}, False),
    ({"visited": "hall"}, True), ({"visited": "attic"}, False),
    ({"owns_potion": "shield"}, True), ({"owns_potion": "cloak"}, False),
    ({"money_at_least": 20}, True), ({"money_at_least": "20.01"}, False),
    ({"wellbeing_at_least": 60}, True), ({"wellbeing_at_least": 61}, False),
    ({"all": [{"has_item": "key"}, {"has_flag": "lit"}]}, True),
    ({"all": [{"has_item": "key"}, {"has_flag": "dark"}]}, False),
    ({"any": [{"has_item": "map"}, {"has_flag": "lit"}]}, True),
    ({"any": [{"has_item": "map"}, {"has_flag": "dark"}]}, False),
    ({"not": {"has_item": "map"}}, True), ({"not": {"has_item": "key"}}, False),
])
def test_each_kind_holds_exactly_when_the_state_says_so(written: object, expected: bool) -> None:
    assert holds(READ.validate_python(written), STATE) is expected


def test_a_missing_condition_holds() -> None:
    assert holds(None, STATE)
