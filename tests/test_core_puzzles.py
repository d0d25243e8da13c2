"""Scenario tests for puzzles: every kind, attempts and locks, hints and their costs."""

from __future__ import annotations

from decimal import Decimal
from textwrap import dedent, indent
from typing import Any

import pytest
from scenarios import event, names, play, reason

from escape_game.core import Level, step, visible_puzzles
from escape_game.core.actions import ACTION_ADAPTER
from escape_game.runner.levels import level_from_text

HEAD = """\
format: 1
id: t
title: T
languages: [en]
start: {room: hall, money: "100.00"}
risks: [{id: fire, name: Fire}]
rooms:
  - id: hall
    title: Hall
    description: A hall.
    puzzles:
"""


#: the products a comparison puzzle names, on sale in the hall
PRODUCTS = """\
shop:
  - {id: x, brand: X, name: X, covers: [fire], premium: "10.00", limit: "100.00"}
  - {id: y, brand: Y, name: Y, covers: [fire], premium: "20.00", limit: "500.00"}
"""


def level_with(puzzle_yaml: str, room_yaml: str = "") -> Level:
    """The hall holding ``puzzle_yaml`` (and ``room_yaml``, more of the hall's keys)."""
    return level_from_text(HEAD + indent(dedent(puzzle_yaml), "      ")
                           + indent(room_yaml, "    "))


def answer(**fields: Any) -> dict[str, Any]:
    return {"type": "answer", "puzzle": "p", **fields}


CODE = """\
- id: p
  kind: code_lock
  title: Lock
  prompt: Code?
  code: "0A42"
  points: 80
  max_attempts: 2
  hints: [{text: nudge, cost: 30}, {text: answer, cost: 70}]
  on_success: [{set_flag: open}]
  on_failure: [{add_score: -5}]
"""


def test_code_lock_ignores_case_and_spaces_and_counts_attempts() -> None:
    level = level_with(CODE)
    state, results = play(level, answer(code="1234"), answer(code="0a42"))
    assert names(results[1]) == ["PuzzleAttempted"]
    assert names(results[2])[:2] == ["PuzzleAttempted", "PuzzleSolved"]
    assert event(results[2], "PuzzleSolved") == {
        "puzzle": "p", "attempts": 2, "hints_used": 0, "points": 80}
    assert "open" in state.flags and state.solved == ("p",)
    assert state.attempts_on("p") == 2
    assert visible_puzzles(level, state) == []
    again = step(level, state, ACTION_ADAPTER.validate_python(answer(code="0A42")))
    assert again.state is state and reason(again) == "already_solved"


def test_case_sensitive_code() -> None:
    level = level_with(CODE.replace('code: "0A42"', 'code: "0A42"\n  case_sensitive: true'))
    state, _ = play(level, answer(code="0a42"))
    assert state.solved == ()
    state, _ = play(level, answer(code="0A42"))
    assert state.solved == ("p",)


def test_max_attempts_locks_and_failure_effects_apply() -> None:
    level = level_with(CODE)
    hint = {"type": "hint", "puzzle": "p"}
    state, results = play(level, hint, answer(code="1"), answer(code="2"), answer(code="0A42"))
    assert names(results[3]) == ["PuzzleAttempted", "PuzzleLocked"]
    assert "p" in state.locked_puzzles
    assert reason(results[4]) == "puzzle_locked"
    assert state.score == 0  # the failure penalty cannot push the score below zero


def test_hints_in_order_cost_points_and_run_out() -> None:
    level = level_with(CODE)
    state, results = play(level, {"type": "hint", "puzzle": "p"}, {"type": "hint", "puzzle": "p"},
                          {"type": "hint", "puzzle": "p"}, answer(code="0A42"))
    assert names(results[1]) == ["HintTaken"]
    assert event(results[1], "HintTaken") == {"puzzle": "p", "index": 0, "cost": 30}
    assert event(results[2], "HintTaken")["index"] == 1
    assert reason(results[3]) == "no_more_hints"
    assert event(results[4], "PuzzleSolved")["points"] == 0  # 80 - 100, never below zero
    assert state.hints_on("p") == 2


def test_hint_cost_is_taken_from_the_puzzle_points() -> None:
    level = level_with(CODE)
    state, results = play(level, {"type": "hint", "puzzle": "p"}, answer(code="0A42"))
    assert event(results[2], "PuzzleSolved")["points"] == 50
    assert state.score == 50


def test_answer_of_the_wrong_shape_is_rejected_without_an_attempt() -> None:
    level = level_with(CODE)
    state, results = play(level, answer(choice="a"))
    assert reason(results[1]) == "bad_answer"
    assert state.attempts_on("p") == 0


OPTIONS = "options: [{id: a, text: A}, {id: b, text: B}, {id: c, text: C}]"


@pytest.mark.parametrize(
    ("puzzle", "wrong", "right"),
    [
        (f"kind: single_choice\n  {OPTIONS}\n  answer: b", {"choice": "a"}, {"choice": "b"}),
        (
            f"kind: multiple_choice\n  {OPTIONS}\n  answers: [a, c]",
            {"choices": ["a", "c", "c"]},
            {"choices": ["c", "a"]},
        ),
        (
            "kind: ordering\n  items: [{id: a, text: A}, {id: b, text: B}]\n  answer: [b, a]",
            {"choices": ["a", "b"]},
            {"choices": ["b", "a"]},
        ),
        (
            "kind: matching\n  left: [{id: fire, text: F}, {id: theft, text: T}]\n"
            "  right: [{id: home, text: H}, {id: lock, text: L}]\n"
            "  answer: {fire: home, theft: lock}",
            {"pairs": {"fire": "lock", "theft": "home"}},
            {"pairs": {"theft": "lock", "fire": "home"}},
        ),
        (
            "kind: product_comparison\n  products: [x, y]\n  answer: y",
            {"choice": "x"},
            {"choice": "y"},
        ),
    ],
    ids=["single_choice", "multiple_choice", "ordering", "matching", "product_comparison"],
)
def test_choice_kinds(puzzle: str, wrong: dict[str, Any], right: dict[str, Any]) -> None:
    shop = PRODUCTS if "product_comparison" in puzzle else ""
    level = level_with(f"- id: p\n  title: P\n  prompt: Q\n  {puzzle}\n", shop)
    state, results = play(level, answer(**wrong), answer(**right))
    assert event(results[1], "PuzzleAttempted")["correct"] is False
    assert event(results[2], "PuzzleAttempted")["correct"] is True
    assert state.solved == ("p",) and state.score == 100


BUDGET = """\
- id: p
  kind: budget
  title: Budget
  prompt: Split 100
  total: "100.00"
  categories:
    - {id: needs, text: Needs, min: "50.00"}
    - {id: wants, text: Wants, max: "30.00"}
    - {id: save, text: Savings, min: "10.00", max: "40.00"}
"""


@pytest.mark.parametrize(
    ("amounts", "correct"),
    [
        ({"needs": "60", "wants": "20", "save": "20"}, True),
        ({"needs": "50.00", "wants": "30.00", "save": "20.00"}, True),
        ({"needs": "40", "wants": "30", "save": "30"}, False),  # needs below min
        ({"needs": "50", "wants": "35", "save": "15"}, False),  # wants above max
        ({"needs": "60", "wants": "20", "save": "19.99"}, False),  # does not sum to total
        ({"needs": "70", "wants": "30"}, False),  # a category missing
        ({"needs": "60", "wants": "20", "save": "20", "fun": "0"}, False),  # unknown category
    ],
)
def test_budget(amounts: dict[str, str], correct: bool) -> None:
    level = level_with(BUDGET)
    state, results = play(level, answer(amounts={k: Decimal(v) for k, v in amounts.items()}))
    assert event(results[1], "PuzzleAttempted")["correct"] is correct
    assert (state.solved == ("p",)) is correct


def test_puzzle_attached_to_a_hidden_object_cannot_be_answered() -> None:
    objects = """\
    objects:
      - {id: safe, name: Safe, description: S, puzzle: p, visible_if: {has_flag: lit}}
      - {id: lamp, name: Lamp, description: L, on_examine: [{set_flag: lit}]}
"""
    level = level_from_text(HEAD.replace("    puzzles:\n", objects + "    puzzles:\n")
                            + indent(CODE, "      "))
    state, results = play(level, answer(code="0A42"), {"type": "examine", "object": "lamp"},
                          answer(code="0A42"))
    assert reason(results[1]) == "not_visible"
    assert state.solved == ("p",)
