"""The whole player's journey on the default campaign, keyboard only and then mouse only.

Title, player code and assent, pre-quiz, every room of Risk Academy following the careful
walkthrough, post-quiz, debrief, back to the title. The game must end exactly as the
walkthrough expects: the UI sent the same actions the script names.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from walk import Player

from escape_game.commands.play import campaign_or_problems
from escape_game.ui.scenes.debrief import DebriefScene
from escape_game.ui.scenes.intro import IntroScene
from escape_game.ui.scenes.outcome import OutcomeScene
from escape_game.ui.scenes.quiz import QuizScene
from escape_game.ui.scenes.room import RoomScene
from escape_game.ui.scenes.title import TitleScene

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = ROOT / "levels" / "risk_academy"
CAREFUL = CAMPAIGN / "walkthroughs" / "careful.yaml"


@pytest.fixture(scope="module")
def risk_academy() -> Any:
    level, problems = campaign_or_problems(CAMPAIGN)
    assert problems == [], problems
    return level


@pytest.mark.parametrize("mode", ["keyboard", "mouse"])
def test_careful_player_plays_the_whole_campaign(make_pilot: Any, risk_academy: Any,
                                                 tmp_path: Path, mode: str) -> None:
    script = yaml.safe_load(CAREFUL.read_text("utf-8"))
    pilot = make_pilot(risk_academy, seed=script["seed"])
    player = Player(pilot, mode)
    assert isinstance(pilot.scene, TitleScene)
    player.do("play")
    player.do("generate")
    player.do("agree")
    assert isinstance(pilot.scene, QuizScene) and pilot.scene.phase == "pre"
    player.answer_quiz()
    assert isinstance(pilot.scene, IntroScene)  # a new game opens on the story
    assert player.read_story() >= 1
    pilot.frame_ms = 0
    player.to_room()
    assert isinstance(pilot.scene, RoomScene)
    visited = []
    for action in script["actions"]:
        player.play(action)
        room = pilot.session().state.room
        if not visited or visited[-1] != room:
            visited.append(room)
    state = pilot.session().state
    expect = script["expect"]
    assert state.outcome == expect["outcome"]
    assert state.money == Decimal(expect["money"])
    assert state.debt == Decimal(expect["debt"])
    assert state.wellbeing == expect["wellbeing"]
    assert state.score == expect["score"]
    assert set(visited) == {room.id for room in risk_academy.campaign.rooms}
    assert isinstance(pilot.scene, OutcomeScene)
    story = risk_academy.campaign.story
    assert pilot.app.flow.tr(story.endings.escaped) in pilot.scene.text
    player.read_story()
    assert isinstance(pilot.scene, QuizScene) and pilot.scene.phase == "post"
    player.answer_quiz(pick="right")
    assert isinstance(pilot.scene, DebriefScene)
    right, total = pilot.app.flow.quiz_scores["post"]
    assert right == total > 0
    player.do("done")
    assert isinstance(pilot.scene, TitleScene)
    assert pilot.app.errors == []
    # consent was given: one session file with a header, the actions, quiz answers, a footer
    files = list((tmp_path / "data").rglob("*.jsonl"))
    assert len(files) == 1
    records = [json.loads(line) for line in files[0].read_text("utf-8").splitlines()]
    kinds = {r["record"] for r in records}
    assert {"header", "action", "event", "quiz_answer", "footer"} <= kinds
    assert records[0]["player"] == pilot.app.flow.player or records[0]["record"] == "header"


def test_refusing_consent_plays_and_writes_nothing(make_pilot: Any, risk_academy: Any,
                                                   tmp_path: Path) -> None:
    pilot = make_pilot(risk_academy)
    player = Player(pilot, "keyboard")
    player.do("play")
    player.do("refuse")
    player.answer_quiz()
    player.to_room()
    assert isinstance(pilot.scene, RoomScene)
    pilot.wait(2000)
    pilot.app.flow.close()
    assert not (tmp_path / "data").exists() or not list((tmp_path / "data").rglob("*.jsonl"))
