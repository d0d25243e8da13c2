"""Scenario tests for threats: triggers, warnings, pausing, likelihood, and insurance payouts."""

from __future__ import annotations

from decimal import Decimal
from textwrap import dedent, indent
from typing import Any

import pytest
from scenarios import event, names, play, reason

from escape_game.core import GameState, Level, new_game, pending_threats, shop
from escape_game.runner.levels import level_from_text

HEAD = """\
format: 1
id: risks
title: Risks
languages: [en]
start: {room: hall, money: "500.00"}
risks: [{id: fire, name: Fire}, {id: theft, name: Theft}]
rooms:
  - id: other
    title: Other
    description: O
    exits: [{id: back, to: hall, label: Back}]
  - id: hall
    title: Hall
    description: H
    exits: [{id: away, to: other, label: Away}]
    objects:
      - {id: bell, name: Bell, description: B, on_examine: [{trigger_threat: blaze}]}
      - {id: book, name: Book, description: B}
"""


def make(threats: str, shop_yaml: str = "") -> Level:
    text = HEAD + "    threats:\n" + indent(dedent(threats), "      ")
    if shop_yaml:
        text += "    shop:\n" + indent(dedent(shop_yaml), "      ")
    return level_from_text(text)


def blaze(trigger: str = "{when: effect}", **extra: Any) -> str:
    fields = {"loss": '"300.00"', "wellbeing_loss": "20", "warning": "{seconds: 10}", **extra}
    more = "".join(f"  {k}: {v}\n" for k, v in fields.items())
    return (f"- id: blaze\n  name: Blaze\n  category: fire\n  description: Fire!\n"
            f"  trigger: {trigger}\n{more}")


RING = {"type": "examine", "object": "bell"}
BOOK = {"type": "examine", "object": "book"}


def wait(ms: int) -> dict[str, Any]:
    return {"type": "wait", "ms": ms}


def test_enter_trigger_warns_on_entering_and_strikes_after_the_countdown() -> None:
    level = make(blaze("{when: enter}"))
    start = new_game(level, seed=1)
    assert names(start) == ["RoomEntered", "ThreatWarned"]
    assert pending_threats(level, start.state)[0].remaining_ms == 10_000
    state, results = play(level, wait(9_999), wait(1))
    assert names(results[1]) == []
    assert names(results[2]) == ["ThreatStruck", "MoneyChanged", "WellbeingChanged"]
    struck = event(results[2], "ThreatStruck")
    assert struck["protected"] is False and struck["not_covered_because"] == "no_policy"
    assert struck["out_of_pocket"] == Decimal("300.00") and struck["wellbeing_loss"] == 20
    assert state.money == Decimal("200.00") and state.wellbeing == 80
    assert state.resolved_threats == ("blaze",) and state.warnings == ()


def test_each_threat_resolves_once() -> None:
    level = make(blaze("{when: enter}"))
    state, results = play(level, wait(10_000), {"type": "go", "exit": "away"},
                          {"type": "go", "exit": "back"})
    assert "ThreatWarned" not in names(results[3])
    assert state.resolved_threats == ("blaze",)


def test_actions_trigger_counts_actions_in_the_room() -> None:
    level = make(blaze("{when: actions, count: 2}"))
    state, results = play(level, BOOK, wait(100), BOOK)
    assert "ThreatWarned" not in names(results[1]) + names(results[2])
    assert names(results[3])[-1] == "ThreatWarned"
    assert state.room_actions == 2


def test_timer_trigger_counts_game_seconds_in_the_room() -> None:
    level = make(blaze("{when: timer, seconds: 3}"))
    _state, results = play(level, wait(2_000), {"type": "go", "exit": "away"},
                          {"type": "go", "exit": "back"}, wait(2_999), wait(1))
    assert all("ThreatWarned" not in names(r) for r in results[:5])
    assert names(results[5]) == ["ThreatWarned"]


def test_effect_trigger_and_condition() -> None:
    level = make(blaze(condition="{has_flag: armed}"))
    state, _ = play(level, RING)
    assert state.warnings == ()  # condition false: nothing starts
    level = make(blaze())
    state, results = play(level, RING)
    assert names(results[1]) == ["ObjectExamined", "ThreatWarned"]


def test_zero_second_warning_strikes_at_once() -> None:
    level = make(blaze(warning="{seconds: 0}"))
    _, results = play(level, RING)
    assert names(results[1])[:3] == ["ObjectExamined", "ThreatWarned", "ThreatStruck"]


def test_pause_reveals_and_halves_the_countdown() -> None:
    level = make(blaze())
    _state, results = play(level, RING, wait(4_000), {"type": "pause", "threat": "blaze"},
                          wait(10_000), {"type": "pause", "threat": "blaze"}, wait(2_000))
    assert names(results[3]) == ["ThreatPaused"]
    assert event(results[3], "ThreatPaused") == {"threat": "blaze", "remaining_ms": 6_000}
    assert names(results[4]) == []  # 10 s at half speed: 5 s of the 6 s left
    assert reason(results[5]) == "already_paused"
    assert names(results[6])[0] == "ThreatStruck"


def test_timers_off_warnings_wait_to_be_faced_and_time_never_runs_out() -> None:
    text_level = make(blaze())
    state, results = play(text_level, RING, wait(60_000), timers=False)
    assert names(results[2]) == []
    assert pending_threats(text_level, state)[0].remaining_ms == 10_000
    state, results = play(text_level, RING, wait(60_000), {"type": "face", "threat": "blaze"},
                          timers=False)
    assert names(results[3])[0] == "ThreatStruck"
    assert state.elapsed_ms == 60_000


def test_face_and_pause_need_a_pending_threat() -> None:
    level = make(blaze())
    _, results = play(level, {"type": "face", "threat": "blaze"},
                      {"type": "pause", "threat": "ghost"})
    assert reason(results[1]) == "not_pending"
    assert reason(results[2]) == "unknown_threat"


@pytest.mark.parametrize(("likelihood", "strikes"), [(0, False), (1, True)])
def test_likelihood_zero_never_one_always(likelihood: float, strikes: bool) -> None:
    level = make(blaze(likelihood=likelihood))
    for seed in range(20):
        state, results = play(level, RING, {"type": "face", "threat": "blaze"}, seed=seed)
        assert ("ThreatStruck" in names(results[2])) is strikes
        assert ("ThreatSpared" in names(results[2])) is not strikes
        assert state.rng == new_game(level, seed).state.rng  # no draw for certain outcomes


def test_likelihood_roll_is_seeded_and_roughly_right() -> None:
    level = make(blaze(likelihood=0.3))
    outcomes = []
    for seed in range(400):
        _, results = play(level, RING, {"type": "face", "threat": "blaze"}, seed=seed)
        outcomes.append("ThreatStruck" in names(results[2]))
        _, again = play(level, RING, {"type": "face", "threat": "blaze"}, seed=seed)
        assert names(again[2]) == names(results[2])
    assert 0.22 < sum(outcomes) / len(outcomes) < 0.38


POTIONS = """\
- {id: basic, brand: A, name: Basic, covers: [fire], premium: "20.00",
   deductible: "50.00", limit: "200.00"}
- {id: big_excess, brand: B, name: Big, covers: [fire], premium: "5.00",
   deductible: "400.00", limit: "1000.00"}
- {id: no_blaze, brand: C, name: Fine print, covers: [fire], premium: "10.00",
   limit: "1000.00", exclusions: [{text: "Not blazes", threats: [blaze]}]}
- {id: no_fire, brand: D, name: Fire excluded, covers: [fire, theft], premium: "10.00",
   limit: "1000.00", exclusions: [{text: "No fire", categories: [fire]}]}
- {id: slow, brand: E, name: Slow, covers: [fire], premium: "10.00", limit: "1000.00",
   waiting_period: 30}
- {id: theft_only, brand: F, name: Theft, covers: [theft], premium: "10.00", limit: "1000.00"}
- {id: full, brand: G, name: Full, covers: [fire], premium: "60.00", deductible: "10.00",
   limit: "1000.00"}
"""


def strike_with(*potions: str, waited_ms: int = 0) -> tuple[GameState, dict[str, Any]]:
    level = make(blaze(), POTIONS)
    buys = [{"type": "buy", "potion": p} for p in potions]
    state, results = play(level, *buys, wait(waited_ms), RING, {"type": "face", "threat": "blaze"})
    assert not any("ActionRejected" in names(r) for r in results)
    return state, event(results, "ThreatStruck")


@pytest.mark.parametrize(
    ("potions", "waited", "expect"),
    [
        (("basic",), 0, ("basic", "250.00", "200.00", "100.00", None)),  # limit caps
        (("big_excess",), 0, ("big_excess", "0", "0", "300.00", None)),  # deductible > loss
        (("no_blaze",), 0, (None, "0", "0", "300.00", "excluded")),  # excluded by threat id
        (("no_fire",), 0, (None, "0", "0", "300.00", "excluded")),  # excluded by category
        (("slow",), 29_999, (None, "0", "0", "300.00", "waiting_period")),
        (("slow",), 30_000, ("slow", "300.00", "300.00", "0.00", None)),
        (("theft_only",), 0, (None, "0", "0", "300.00", "not_covered")),
        ((), 0, (None, "0", "0", "300.00", "no_policy")),
        (("basic", "full", "slow"), 0, ("full", "290.00", "290.00", "10.00", None)),  # best pays
        (("slow", "no_blaze", "theft_only"), 0, (None, "0", "0", "300.00", "waiting_period")),
    ],
)
def test_payout_edge_cases(potions: tuple[str, ...], waited: int,
                           expect: tuple[str | None, str, str, str, str | None]) -> None:
    potion, _, payout, out_of_pocket, because = expect
    _state, struck = strike_with(*potions, waited_ms=waited)
    assert struck["potion"] == potion
    assert struck["payout"] == Decimal(payout)
    assert struck["out_of_pocket"] == Decimal(out_of_pocket)
    assert struck["not_covered_because"] == because
    assert struck["protected"] is (potion is not None)
    assert struck["wellbeing_loss"] == (10 if potion else 20)  # halved when protected


def test_protection_earns_points_and_excluded_cover_costs_points() -> None:
    state, _ = strike_with("full")
    assert state.score == 50
    level = make(blaze(), POTIONS)
    buys = [{"type": "buy", "potion": p} for p in ("no_blaze", "basic", "no_fire")]
    state, results = play(level, *buys, RING, {"type": "face", "threat": "blaze"})
    changes = [(e.model_dump()["reason"], e.model_dump()["delta"])
               for e in results[-1].events if e.name == "ScoreChanged"]
    # +50 protected by basic; -30 for each excluding policy, the score floored at zero
    assert changes == [("protected:blaze", 50), ("excluded:no_blaze", -30),
                       ("excluded:no_fire", -20)]
    assert state.score == 0


def test_shop_lists_what_is_not_yet_bought() -> None:
    level = make(blaze(), POTIONS)
    state, _ = play(level, {"type": "buy", "potion": "basic"})
    assert [p.id for p in shop(level, state)] == [
        "big_excess", "no_blaze", "no_fire", "slow", "theft_only", "full",
    ]
