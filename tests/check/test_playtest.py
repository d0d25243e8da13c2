"""Playtest bots: seeded, timers on, time passes, and the balance report adds up."""

from __future__ import annotations

import json

import pytest
from locations import LEVELS

from escape_game.check.balance import playtest, summarize, table
from escape_game.check.bots import PERSONAS, play
from escape_game.cli import main
from escape_game.core import Level
from escape_game.core.economics import on_the_label
from escape_game.loading import load_campaign
from escape_game.runner.levels import level_from_text

RUSH = """
format: 1
id: rush
title: Rush
languages: [en]
start: {room: hall, money: 100, time_limit: 45}
risks: [{id: fire, name: Fire}]
rooms:
  - id: hall
    title: Hall
    description: Hurry.
    objects:
      - {id: sign, name: Sign, description: A long sign to read.}
      - {id: poster, name: Poster, description: Another long text.}
      - {id: leaflet, name: Leaflet, description: Fine print.}
    puzzles:
      - id: lock
        kind: code_lock
        title: Lock
        prompt: Code?
        code: "7"
        on_success: [{unlock_exit: out}]
    exits:
      - {id: out, to: street, label: Out, locked: true}
  - id: street
    title: Street
    description: Out.
    on_enter: [{escape: true}]
"""


def _tutorial() -> Level:
    return Level.from_campaign(load_campaign(LEVELS / "tutorial").campaign)


def test_games_are_reproducible_from_their_seed() -> None:
    level = _tutorial()
    for persona in PERSONAS.values():
        assert play(level, persona, 7) == play(level, persona, 7)


def test_careful_player_escapes_the_tutorial_protected() -> None:
    record = play(_tutorial(), PERSONAS["careful"], 0)
    assert record.outcome == "escaped"
    assert record.potions_bought == 1
    assert record.elapsed_ms > 0


def test_time_limits_matter_with_timers_on() -> None:
    level = level_from_text(RUSH)
    careful = play(level, PERSONAS["careful"], 0)
    hasty = play(level, PERSONAS["hasty"], 0)
    assert careful.outcome == "out_of_time"
    assert hasty.outcome == "escaped"
    assert hasty.elapsed_ms < 45_000


def test_summary_counts_every_game() -> None:
    level = level_from_text(RUSH)
    records = [play(level, PERSONAS["hasty"], s) for s in range(6)]
    summary = summarize("hasty", records)
    assert summary.games == 6
    assert sum(summary.outcomes.values()) == 6
    assert summary.escaped == summary.outcomes.get("escaped", 0)
    text = table(level, playtest(level, games=2))
    assert text.splitlines()[0].startswith("persona")
    assert {"careful", "hasty", "random"} <= {line.split()[0] for line in text.splitlines()[2:5]}


def test_playtest_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["playtest", str(LEVELS / "tutorial"), "--games", "3", "--seed", "5",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["timers"] is True
    assert [p["persona"] for p in data["personas"]] == ["careful", "hasty", "random"]
    assert all(p["games"] == 3 for p in data["personas"])


def test_playtest_refuses_an_unknown_persona(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["playtest", str(LEVELS / "tutorial"), "--persona", "lazy"]) == 2
    assert "unknown persona 'lazy'" in capsys.readouterr().err


def test_the_hasty_player_judges_by_the_label_not_by_the_list_order() -> None:
    level = Level.from_campaign(load_campaign(LEVELS / "risk_academy").campaign)
    offer = list(level.rooms["protection"].shop)
    assert on_the_label(offer).id == on_the_label(offer[::-1]).id == "megashield"
    fine_print = list(level.rooms["fine_print"].shop)
    assert on_the_label(fine_print[::-1]).id == "vita_health"


def test_on_the_default_campaign_calm_pays() -> None:
    """The lesson of the game: careful ends ahead in money, wellbeing and protection."""
    level = Level.from_campaign(load_campaign(LEVELS / "risk_academy").campaign)
    careful, hasty = playtest(level, games=5, personas=[PERSONAS["careful"], PERSONAS["hasty"]])
    assert careful.completion == hasty.completion == 1.0
    assert careful.money_end - hasty.money_end >= 500
    assert careful.wellbeing_end - hasty.wellbeing_end >= 20
    assert careful.protected_share == 1.0
    assert (hasty.protected_share or 0.0) < 0.5
