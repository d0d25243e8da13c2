"""`check` warns about threats and objects the shortest way out never meets."""

from __future__ import annotations

from pathlib import Path

from escape_game.check import check_level
from escape_game.core import Level
from escape_game.loading import load_campaign
from escape_game.runner.levels import level_from_text

ROOT = Path(__file__).resolve().parents[2]

SIDE_ROOM = """
format: 1
id: side
title: Side room
languages: [en]
start: {room: hall, money: 100}
risks: [{id: fire, name: Fire}]
rooms:
  - id: hall
    title: Hall
    description: A hall.
    exits:
      - {id: to_attic, to: attic, label: Attic}
    objects:
      - {id: poster, name: Poster, description: Words., on_examine: [{add_score: 5}]}
    puzzles:
      - {id: door, kind: code_lock, title: Door, prompt: "Code?", code: "1",
         on_success: [{escape: true}]}
  - id: attic
    title: Attic
    description: Dusty.
    exits:
      - {id: down, to: hall, label: Down}
    threats:
      - {id: attic_fire, name: Fire, category: fire, description: Fire!, loss: 10,
         trigger: {when: enter}}
"""


def _codes(level: Level) -> dict[str, str]:
    return {f.entity or "": f.message for f in check_level(level).findings
            if f.code.endswith("off_shortest_way")}


def test_a_threat_in_a_side_room_and_an_unused_object_are_named() -> None:
    found = _codes(level_from_text(SIDE_ROOM))
    assert "its room 'attic' is not on the way" in found["attic_fire"]
    assert "never uses object 'poster'" in found["poster"]


def test_a_threat_that_starts_after_the_quick_player_left_is_explained() -> None:
    level = Level.from_campaign(load_campaign(ROOT / "levels" / "tutorial").campaign)
    found = _codes(level)
    assert "leaves or escapes before the threat starts (on actions 3" in found["kitchen_fire"]
    assert "keypad" not in found  # it opens the puzzle the shortest way answers


def test_a_threat_only_a_wrong_answer_starts_is_not_flagged() -> None:
    level = Level.from_campaign(load_campaign(ROOT / "levels" / "risk_academy").campaign)
    assert "influencer_scam" not in _codes(level)
