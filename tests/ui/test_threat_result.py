"""What a strike tells the player: why the cover did not pay comes before the numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from walk import Player

from escape_game.commands.play import campaign_or_problems
from escape_game.locales import say
from escape_game.ui.scenes.threat import ThreatScene
from escape_game.ui.settings import Settings, save_settings

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_reason_a_potion_did_not_pay_is_read_before_the_numbers(
        make_pilot: Any, tmp_path: Path, language: str) -> None:
    """Largest text in a small window: the dialog scrolls, and the player who presses OK at
    once must still have read why the flashy potion did not pay (its fine print)."""
    level, problems = campaign_or_problems(ROOT / "levels" / "risk_academy")
    assert problems == [], problems
    save_settings(Settings(language=language, text_size=3, text_speed="instant"),
                  tmp_path / "config" / "settings.json")
    pilot = make_pilot(level, size=(1024, 600), seed=1)
    player = Player(pilot, "keyboard")
    player.do("play")
    player.do("refuse")
    player.answer_quiz()
    player.read_story()
    pilot.frame_ms = 0
    player.to_room()
    player.play({"type": "buy", "potion": "megashield"})
    player.play({"type": "examine", "object": "flat_lease"})
    player.play({"type": "examine", "object": "savings_jar"})
    player.threat_scene("kitchen_fire")
    player.do("face")
    scene = pilot.scene
    assert isinstance(scene, ThreatScene) and scene.result is not None
    assert scene.result.not_covered_because == "excluded"
    pilot.frame(ms=0)
    drawn = [t.text for t in scene.texts]
    reason = say(language, "threat.because_excluded")
    meter = say(language, "threat.meter", name=say(language, "hud.money"), value="")
    meter = meter.split("{")[0].strip()
    at_reason = next(i for i, text in enumerate(drawn) if reason in text)
    at_money = next(i for i, text in enumerate(drawn) if text.startswith(meter))
    headline = next(i for i, text in enumerate(drawn)
                    if say(language, "threat.unprotected") in text)
    assert headline < at_reason < at_money, drawn
