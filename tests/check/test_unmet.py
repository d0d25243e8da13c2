"""`check` warns about threats and objects the shortest way out never meets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from proofs import levels

from escape_game.check import check_level
from escape_game.check.moves import apply_move
from escape_game.check.search import search
from escape_game.check.unmet import met_on
from escape_game.core import Level, new_game
from escape_game.core import events as ev
from escape_game.loading import load_campaign
from escape_game.runner.levels import level_from_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = list(levels())

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


def _met_by_replay(level: Level, path: list[Any]) -> tuple[set[str], set[str], set[str]]:
    """What the shortest way out meets, read from the events of playing it again."""
    result = new_game(level, 0, timers=False)
    state, events = result.state, list(result.events)
    for move in path:
        step = apply_move(level, state, move)
        assert step is not None
        state = step.state
        events.extend(step.events)
    threats: set[str] = set()
    objects: set[str] = set()
    rooms: set[str] = {level.campaign.start.room}
    for e in events:
        if isinstance(e, ev.ThreatWarned | ev.ThreatStruck):
            threats.add(e.threat)
        elif isinstance(e, ev.ObjectExamined | ev.ItemTaken):
            objects.add(e.object)
        elif isinstance(e, ev.ItemUsed):
            objects.add(e.target)
        elif isinstance(e, ev.RoomEntered):
            rooms.add(e.room)
        elif isinstance(e, ev.PuzzleAttempted):
            objects.update(o.id for o in level.objects.values() if o.puzzle == e.puzzle)
    return threats, objects, rooms


@pytest.mark.parametrize("name,level", CORPUS, ids=[name for name, _ in CORPUS])
def test_what_the_way_out_meets_is_read_from_its_last_state_as_from_its_events(
    name: str, level: Level
) -> None:
    result = search(level, budget=20_000)
    if not result.won:
        return  # no way out: nothing to compare (unwinnable fixtures)
    path = result.shortest_win or []
    assert met_on(level, result.graph.states[result.won[0]]) == _met_by_replay(level, path)
