"""Replay: a seed and an action log reproduce every state and event exactly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from locations import LEVELS, ROOT

from escape_game.check.explore import plausible_actions
from escape_game.core import Action, Level, new_game, step
from escape_game.runner import replay
from escape_game.runner.levels import load_level

EXAMPLES = int(os.environ.get("HYPOTHESIS_CORE_EXAMPLES", "100"))


@cache
def biggest_level() -> tuple[Path, Level]:
    """The shipped level with the most rooms; one that does not load fails the test asking."""
    shipped = {p.parent: load_level(p.parent) for p in sorted(LEVELS.glob("*/campaign.yaml"))}
    assert shipped, f"no level under {LEVELS}"
    path = max(shipped, key=lambda found: len(shipped[found].rooms))
    return path, shipped[path]


@st.composite
def long_sessions(draw: st.DrawFn) -> tuple[int, bool, list[Action]]:
    _, level = biggest_level()
    seed = draw(st.integers(0, 2**64 - 1))
    timers = draw(st.booleans())
    state = new_game(level, seed, timers=timers).state
    actions: list[Action] = []
    for _ in range(draw(st.integers(50, 300))):
        action = draw(st.sampled_from(plausible_actions(level, state)))
        actions.append(action)
        state = step(level, state, action).state
        if state.outcome is not None:
            break
    return seed, timers, actions


@settings(max_examples=max(20, EXAMPLES // 5), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(long_sessions())
def test_replay_reproduces_every_state_and_event(session: tuple[int, bool, list[Action]]) -> None:
    seed, timers, actions = session
    _, level = biggest_level()
    first = replay(level, seed, actions, timers=timers)
    second = replay(level, seed, actions, timers=timers)
    assert len(first) == len(actions) + 1
    for one, two in zip(first, second, strict=True):
        assert one.state == two.state and one.events == two.events
    # live play (the UI's loop) gives the same states as replay
    state = new_game(level, seed, timers=timers).state
    for action, expected in zip(actions, first[1:], strict=True):
        state = step(level, state, action).state
        assert state == expected.state


SCRIPT = """
import json, sys
from escape_game.runner import replay
from escape_game.check.explore import plausible_actions
from escape_game.runner.levels import load_level
from escape_game.core import new_game, step
level = load_level(sys.argv[1])
state = new_game(level, 12345).state
actions = []
for i in range(400):
    options = plausible_actions(level, state)
    action = options[(i * 7919) % len(options)]
    actions.append(action)
    state = step(level, state, action).state
print(json.dumps([r.state.to_json() for r in replay(level, 12345, actions)]))
"""


def test_same_result_under_different_hash_seeds() -> None:
    """No dependence on set or dict order that hash randomisation could change."""
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(biggest_level()[0])], env=env,
                              cwd=ROOT, capture_output=True, text=True, check=True)
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 401
