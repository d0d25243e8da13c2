"""Decision times for the debrief: careful pauses pay, a hasty rush costs."""

from __future__ import annotations

import random
from decimal import Decimal

from locations import LEVELS

from escape_game.check.bots import PERSONAS
from escape_game.core import Level
from escape_game.core import actions as act
from escape_game.core.rules import new_game, step
from escape_game.loading import load_campaign
from escape_game.runner.decisions import decisions, timed_events

SEED = 3


def _level() -> Level:
    return Level.from_campaign(load_campaign(LEVELS / "risk_academy").campaign)


def _play(level: Level, persona: str) -> tuple[list[act.Action], list]:
    """A persona's game as the UI would send it: thinking time, then the action."""
    rng = random.Random(f"{persona}:{SEED}")
    result = new_game(level, SEED, timers=True)
    state, timed = result.state, [(result.state.elapsed_ms, e) for e in result.events]
    actions: list[act.Action] = []
    for _ in range(300):
        if state.over:
            break
        action, think = PERSONAS[persona].policy(level, state, rng)
        for a in (act.AdvanceTime(ms=think), action):
            result = step(level, state, a)
            state = result.state
            actions.append(a)
            timed.extend((state.elapsed_ms, e) for e in result.events)
            if state.over:
                break
    return actions, timed


def test_replaying_the_log_times_the_events_as_they_happened():
    level = _level()
    actions, timed = _play(level, "careful")
    assert timed_events(level, actions, seed=SEED, timers=True) == timed


def test_careful_purchases_come_after_a_pause_and_pay_back():
    found = decisions(_play(_level(), "careful")[1])
    assert [p.potion for p in found.purchases] == ["assurix_home", "clara_health"]
    assert all(p.paused and p.best_value for p in found.purchases)
    assert all(p.net > 0 for p in found.purchases)
    assert all(s.protected for s in found.strikes)
    count, seconds, net = found.by_pause()[True]
    assert count == 2 and seconds > 30 and net > 0
    assert False not in found.by_pause()


def test_hasty_purchases_are_quick_unpaused_and_pay_nothing():
    found = decisions(_play(_level(), "hasty")[1])
    assert [p.potion for p in found.purchases] == ["megashield", "vita_health"]
    assert all(not p.paused and p.seconds <= 5 for p in found.purchases)
    assert [p.net for p in found.purchases] == [Decimal(-50), Decimal(-30)]
    assert not any(s.protected for s in found.strikes)
    assert sum(s.out_of_pocket for s in found.strikes) >= Decimal(1800)
    assert found.by_pause()[False][0] == 2


def test_a_strike_is_timed_from_its_warning():
    level = _level()
    found = decisions(_play(level, "careful")[1])
    fire = next(s for s in found.strikes if s.threat == "kitchen_fire")
    assert fire.paused
    assert 0 < fire.seconds < 200
