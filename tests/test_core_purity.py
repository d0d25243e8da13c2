"""The core is pure: importing it pulls in no UI, telemetry or loader, and playing reads no
clock and no global random generator (checked at run time, beside the ast import rules)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from typing import Any

import pytest
from locations import FIXTURES, ROOT

from escape_game.check.explore import plausible_actions
from escape_game.core import new_game, step
from escape_game.runner.levels import level_from_text

PROBE = """
import json, sys
import escape_game.core
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_core_loads_no_ui_telemetry_or_loader() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    modules = json.loads(done.stdout)
    forbidden = [m for m in modules if m.split(".")[0] in {"pygame", "telemetry"}
                 or m.startswith(("escape_game.ui", "escape_game.loading", "escape_game.runner",
                                  "escape_game.check"))]
    assert forbidden == []
    assert "escape_game.core.rules" in modules


def test_a_session_never_reads_a_clock_or_global_randomness(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (FIXTURES / "core" / "levels" / "mini" / "campaign.yaml").read_text(encoding="utf-8")
    level = level_from_text(text.replace("trigger: {when: actions, count: 6}",
                                         "trigger: {when: actions, count: 6}\n"
                                         "        likelihood: 0.5"))
    options_per_state = []
    state = new_game(level, 3).state
    for i in range(60):
        options = plausible_actions(level, state)
        options_per_state.append(options)
        state = step(level, state, options[(i * 5) % len(options)]).state

    def forbidden(*_: Any, **__: Any) -> Any:
        raise AssertionError("the core read a clock or the global random generator")

    for name in ("time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "process_time"):
        monkeypatch.setattr(time, name, forbidden)
    for name in ("random", "randint", "choice", "getrandbits", "uniform", "shuffle", "seed"):
        monkeypatch.setattr(random, name, forbidden)
    replayed = new_game(level, 3).state
    for i, options in enumerate(options_per_state):
        replayed = step(level, replayed, options[(i * 5) % len(options)]).state
    assert replayed == state
    assert replayed.resolved_threats == ("spark",)
    assert replayed.rng != new_game(level, 3).state.rng  # the 0.5 likelihood was rolled
