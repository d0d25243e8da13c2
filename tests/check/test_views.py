"""The search finds what a state shows again by the fields the queries read: the view it
finds is the one the queries give, on every level the checker's proofs cover."""

from __future__ import annotations

import pytest
from proofs import levels

from escape_game.check.moves import View, Views
from escape_game.check.search import search
from escape_game.core import Level

CASES = list(levels())


@pytest.mark.parametrize("name,level", CASES, ids=[name for name, _ in CASES])
def test_a_view_found_again_is_the_view_of_the_state(name: str, level: Level) -> None:
    states = search(level, budget=3000).graph.states
    views = Views(level)
    firsts = 0
    for state in states:
        view, first = views.of(state)
        assert view == View.of(level, state)
        firsts += first
    assert 0 < firsts <= len(states)


def test_a_room_with_conditions_keys_its_view_by_what_they_read() -> None:
    level = next(lv for name, lv in CASES if name == "generated teacher 5/12/3")
    reads = Views(level).reads
    assert reads["r0"] == ("flags", "owned_potions")  # a lock shown once read, and the shop
    assert reads["r1"] == ()  # nothing shown on a condition, no shop
