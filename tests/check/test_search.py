"""The search on small inline levels: chance, budgets, state keys, answers of every kind."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from escape_game.check import check_level
from escape_game.check import search as search_module
from escape_game.check.abstraction import Abstraction, rng_for
from escape_game.check.search import search
from escape_game.check.solutions import budget_allocation, correct_answer, wrong_answer
from escape_game.core import new_game
from escape_game.core.answer_rules import check
from escape_game.core.rng import next_unit
from escape_game.model import Budget
from escape_game.runner.levels import level_from_text

GAMBLE = """
format: 1
id: gamble
title: Gamble
languages: [en]
start: {room: hall, money: 100}
risks: [{id: theft, name: Theft}]
rooms:
  - id: hall
    title: Hall
    description: A pickpocket may be about.
    threats:
      - id: pickpocket
        name: Pickpocket
        category: theft
        description: Your wallet.
        loss: 60
        likelihood: 0.5
        trigger: {when: enter}
    exits:
      - {id: ferry, to: island, label: Ferry, condition: {money_at_least: 80}}
  - id: island
    title: Island
    description: Free.
    on_enter: [{escape: true}]
"""

CORRIDOR = """
format: 1
id: corridor
title: Corridor
languages: [en]
start: {room: r0, money: 0}
rooms:
""" + "".join(
    f"""  - id: r{i}
    title: Room {i}
    description: Room {i}.
    objects:
      - {{id: lamp{i}, name: Lamp, description: A lamp., on_examine: [{{set_flag: f{i}}}]}}
      - {{id: vase{i}, name: Vase, description: A vase., on_examine: [{{set_flag: g{i}}}]}}
    exits:
      - {{id: e{i}, to: r{i + 1}, label: Next}}
"""
    for i in range(6)
) + """  - id: r6
    title: End
    description: The end.
    on_enter: [{escape: true}]
"""


LEFTOVERS = """
format: 1
id: leftovers
title: Leftovers
languages: [en]
start: {room: hall, money: 0}
items: [{id: key, name: Key}, {id: souvenir, name: Souvenir}]
concepts: [{id: saving, name: Saving, definition: Saving.}]
rooms:
  - id: hall
    title: Hall
    description: A hall.
    objects:
      - {id: notice, name: Notice, description: Read., on_examine: [{set_flag: read}]}
      - {id: chest, name: Chest, description: A chest., take: key}
      - {id: door_panel, name: Panel, description: A keyhole.,
         uses: [{item: key, on_use: [{unlock_exit: out}]}]}
#extra      - {id: clue, name: Clue, description: A note., concepts: [saving],
#extra         on_examine: [{message: Save.}]}
#extra      - {id: poster, name: Poster, description: Art.,
#extra         on_examine: [{add_score: 5}, {set_flag: doodle}]}
#extra      - {id: shelf, name: Shelf, description: Trinkets., take: souvenir}
    exits:
      - {id: out, to: garden, label: Out, locked: true, condition: {has_flag: read}}
  - id: garden
    title: Garden
    description: Free.
    on_enter: [{escape: true}]
"""


def _leftovers(extras: bool) -> str:
    """The level, with or without its optional objects (a clue, a poster, a shelf)."""
    lines = LEFTOVERS.splitlines(keepends=True)
    return "".join(
        line.removeprefix("#extra") for line in lines if extras or not line.startswith("#")
    )


def test_a_threat_that_may_strike_is_explored_both_ways() -> None:
    report = check_level(level_from_text(GAMBLE))
    assert report.winnable is True
    assert report.shortest is not None
    assert report.shortest[0].chance == "spared"
    [dead] = report.dead_ends
    assert dead.entity == "pickpocket"
    assert "bad luck" in dead.message


@given(st.floats(min_value=0.01, max_value=0.99), st.booleans())
def test_the_chosen_roll_gives_the_chosen_side(likelihood: float, strikes: bool) -> None:
    _, roll = next_unit(rng_for(likelihood, strikes))
    assert (roll < likelihood) == strikes


def test_a_small_budget_answers_undecided_not_solvable() -> None:
    level = level_from_text(CORRIDOR)
    assert check_level(level).winnable is True
    small = check_level(level, budget=5)
    assert small.winnable is None
    assert not small.complete
    assert [f.code for f in small.findings if f.code == "undecided"] == ["undecided"]


def test_the_key_ignores_score_clocks_and_generator() -> None:
    level = level_from_text(GAMBLE)
    state = new_game(level, 3, timers=False).state
    key = Abstraction.of(level).key
    same = replace(state, score=70, elapsed_ms=9000, room_ms=100, steps=4, rng=12345)
    assert key(same) == key(state)
    assert key(replace(state, money=Decimal(99))) != key(state)
    # No condition reads a flag here: setting one changes nothing a player can do.
    assert key(replace(state, flags=frozenset({"x"}))) == key(state)
    exact = Abstraction.of(level, exact=True).key
    assert exact(replace(state, flags=frozenset({"x"}))) != exact(state)


def test_the_key_keeps_what_conditions_read_and_drops_the_rest() -> None:
    level = level_from_text(_leftovers(True))
    state = new_game(level, 0, timers=False).state
    key = Abstraction.of(level).key
    assert key(replace(state, flags=frozenset({"read"}))) != key(state)
    assert key(replace(state, inventory=("key",))) != key(state)
    assert key(replace(state, flags=frozenset({"doodle"}))) == key(state)
    assert key(replace(state, inventory=("souvenir",))) == key(state)
    assert key(replace(state, examined=frozenset({"clue"}))) == key(state)
    assert key(replace(state, examined=frozenset({"notice"}))) != key(state)
    assert key(replace(state, taken=frozenset({"shelf"}))) == key(state)
    assert key(replace(state, taken=frozenset({"chest"}))) != key(state)


def test_optional_content_no_condition_reads_adds_no_state() -> None:
    bare = search(level_from_text(_leftovers(False)))
    full = search(level_from_text(_leftovers(True)))
    assert full.complete and full.winnable
    assert len(full.graph.states) == len(bare.graph.states)
    assert len(search(level_from_text(_leftovers(True)), exact=True).graph.states) > len(
        full.graph.states
    )
    # The clue's concept is still met on a way out, through the loop its examination makes.
    assert "saving" in check_level(level_from_text(_leftovers(True))).concepts_on_some_win


def test_search_counts_core_steps_and_states() -> None:
    result = search(level_from_text(CORRIDOR))
    assert result.complete and result.winnable
    assert len(result.shortest_win or []) == 6
    assert result.steps >= len(result.graph.states) - 1


PUZZLES = """
format: 1
id: puzzles
title: Puzzles
languages: [en]
start: {room: hall, money: 0}
rooms:
  - id: hall
    title: Hall
    description: Every kind.
    puzzles:
      - {id: p1, kind: code_lock, title: C, prompt: C, code: "04 50", max_attempts: 2}
      - id: p2
        kind: single_choice
        title: S
        prompt: S
        options: [{id: a, text: A}, {id: b, text: B}]
        answer: b
      - id: p3
        kind: multiple_choice
        title: M
        prompt: M
        options: [{id: a, text: A}, {id: b, text: B}, {id: c, text: C}]
        answers: [a, c]
      - id: p4
        kind: ordering
        title: O
        prompt: O
        items: [{id: a, text: A}, {id: b, text: B}]
        answer: [b, a]
      - id: p5
        kind: matching
        title: X
        prompt: X
        left: [{id: l1, text: L1}, {id: l2, text: L2}]
        right: [{id: r1, text: R1}, {id: r2, text: R2}]
        answer: {l1: r2, l2: r1}
      - id: p6
        kind: budget
        title: B
        prompt: B
        total: 100
        categories:
          - {id: food, text: Food, min: 30, max: 50}
          - {id: fun, text: Fun, max: 20}
          - {id: save, text: Save, min: 10}
"""


def test_derived_answers_are_right_and_wrong_for_every_kind() -> None:
    level = level_from_text(PUZZLES)
    assert len(level.puzzles) == 6
    for puzzle in level.puzzles.values():
        right = correct_answer(puzzle)
        assert right is not None
        assert check(puzzle, right) is True, puzzle.id
        assert check(puzzle, wrong_answer(puzzle)) is False, puzzle.id


def test_budget_allocation_respects_bounds_or_says_none() -> None:
    level = level_from_text(PUZZLES)
    puzzle = level.puzzles["p6"]
    assert isinstance(puzzle, Budget)
    amounts = budget_allocation(puzzle)
    assert amounts == {"food": Decimal(50), "fun": Decimal(20), "save": Decimal(30)}
    impossible = puzzle.model_copy(update={"total": Decimal(5)})
    assert budget_allocation(impossible) is None


def test_walkthrough_words_every_answer_kind_in_both_languages() -> None:
    from escape_game.check.moves import Move
    from escape_game.check.walkthrough import Describer

    level = level_from_text(PUZZLES)
    for lang in ("en", "fr"):
        describe = Describer(level, lang)
        for puzzle in level.puzzles.values():
            answer = correct_answer(puzzle)
            assert answer is not None
            line = describe.move(Move((answer,)))
            assert not line.endswith("?"), line
            assert f"“{puzzle.title}”" in line or f"« {puzzle.title} »" in line
    budget = correct_answer(level.puzzles["p6"])
    assert budget is not None
    assert "Food: €50; Fun: €20; Save: €30" in Describer(level, "en").move(Move((budget,)))


def test_an_uncoverable_threat_warns_unless_its_risk_is_marked_uninsurable() -> None:
    def uncovered(text: str) -> list[str]:
        return [f.entity for f in check_level(level_from_text(text)).findings
                if f.code == "uncovered_threat"]

    assert uncovered(GAMBLE) == ["pickpocket"]
    uninsurable = GAMBLE.replace(
        "risks: [{id: theft, name: Theft}]",
        "risks: [{id: theft, name: Theft, insurable: false}]",
    )
    assert uninsurable != GAMBLE
    assert uncovered(uninsurable) == []


def test_where_actions_are_counted_taking_still_counts() -> None:
    """A souvenir in a room whose threat strikes after some actions is a way to let turns
    pass: taking it is kept in the state there, so the search proves what the exact key
    proves."""
    text = _leftovers(True).replace(
        "    exits:\n      - {id: out,",
        "    threats:\n      - {id: leak, name: Leak, category: water, description: Drip.,\n"
        "         loss: 0, trigger: {when: actions, count: 3}, on_strike: [{set_flag: wet}]}\n"
        "    exits:\n      - {id: out,",
    ).replace("condition: {has_flag: read}",
              "condition: {all: [{has_flag: read}, {has_flag: wet}]}")
    text = text.replace("concepts: [{id: saving", "risks: [{id: water, name: Water}]\n"
                        "concepts: [{id: saving")
    level = level_from_text(text)
    abstraction = Abstraction.of(level)
    assert "shelf" in abstraction.take_matters and "clue" in abstraction.examine_matters
    assert not abstraction.inert_objects & {"shelf", "clue", "poster"}
    reduced, exact = search(level), search(level, exact=True)
    assert reduced.winnable and exact.winnable
    assert len(reduced.shortest_win or []) == len(exact.shortest_win or [])
    assert (0 in reduced.can_win) == (0 in exact.can_win)


def test_an_uncoverable_threat_says_what_to_write() -> None:
    (message,) = [f.message for f in check_level(level_from_text(GAMBLE)).findings
                  if f.code == "uncovered_threat"]
    assert "no potion covers 'theft'; add 'theft' to the 'covers' of a potion" in message
    assert "write 'insurable: false' in the risk category 'theft'" in message


def test_examining_what_changes_nothing_takes_no_step_even_where_taking_matters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    level = level_from_text(_leftovers(True))
    abstraction = Abstraction.of(level)
    # The chest's key opens the door (taking matters); examining it does nothing.
    assert "chest" in abstraction.quiet_examinations
    assert "chest" not in abstraction.inert_objects
    asked: list[str] = []
    real = search_module.drafted_step

    def recorded(lv: Any, state: Any, action: Any, only: Any) -> Any:
        asked.append(f"{action.type}:{getattr(action, 'object', '')}")
        return real(lv, state, action, only)

    monkeypatch.setattr(search_module, "drafted_step", recorded)
    result = search(level)
    assert "take:chest" in asked and "examine:chest" not in asked
    assert "examine:clue" not in asked and "take:shelf" not in asked  # inert
    exact = search(level, exact=True)
    assert result.winnable and exact.winnable
    assert result.reached.objects == exact.reached.objects
    assert len(result.shortest_win or []) == len(exact.shortest_win or [])
    # From a state where the chest was examined already, examinations are tried one by one
    # (the loops stand for examinations not made yet), and the proof is the same.
    asked.clear()
    examined = replace(result.graph.states[0], examined=frozenset({"chest"}))
    again = search(level, start=examined)
    assert "examine:clue" in asked and "examine:chest" not in asked
    assert again.winnable and len(again.shortest_win or []) == len(result.shortest_win or [])


PASSED_THROUGH = """
format: 1
id: passed_through
title: Passed through
languages: [en]
start: {room: hall, money: 0}
rooms:
  - id: hall
    title: Hall
    description: A hall.
    exits:
      - {id: chute, to: slide, label: Chute}
  - id: slide
    title: Slide
    description: You slide on.
    on_enter: [{go_to: garden}]
    objects:
      - {id: sign, name: Sign, description: Too fast to read.}
  - id: garden
    title: Garden
    description: Free.
    on_enter: [{escape: true}]
"""


def test_a_room_entered_only_in_passing_or_at_the_opening_is_reached() -> None:
    # The slide sends the player on at once: no state is in it, yet a play enters it.
    report = check_level(level_from_text(PASSED_THROUGH))
    codes = {(f.code, f.entity) for f in report.findings}
    assert ("unreachable_room", "slide") not in codes
    assert ("unreachable_object", "sign") in codes  # entered, but never seen there
    # A level whose first room lets the player out at once still reaches that room.
    opening_out = PASSED_THROUGH.replace("start: {room: hall", "start: {room: garden")
    codes = {(f.code, f.entity) for f in check_level(level_from_text(opening_out)).findings}
    assert ("unreachable_room", "garden") not in codes
    assert ("unreachable_room", "hall") in codes  # no play goes back there
