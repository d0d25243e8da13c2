"""The debrief's sentences read as sentences: counts agree with their noun."""

from __future__ import annotations

from typing import Any

import pytest
from audit import tour_every_scene

from escape_game.locales import say
from escape_game.ui.scenes.debrief import DebriefScene

pytestmark = pytest.mark.ui


@pytest.mark.parametrize("language", ["en", "fr"])
def test_one_potion_is_not_written_potion_s(make_pilot: Any, tmp_path: Any,
                                            language: str) -> None:
    from escape_game.ui.settings import Settings, save_settings

    save_settings(Settings(language=language, text_speed="instant"),
                  tmp_path / "config" / "settings.json")
    pilot = make_pilot()
    for name, _ in tour_every_scene(pilot):
        if name == "debrief with timed decisions":
            break
    scene = pilot.scene
    assert isinstance(scene, DebriefScene)
    pilot.frame(ms=0)
    shown = " ".join(t.text for t in scene.texts)
    assert "(s)" not in shown
    # one purchase after a pause, one without: each group counts a single potion
    for group in ("debrief.group_paused", "debrief.group_hasty"):
        opening = say(language, group).split("{")[0]
        sentence = f"{opening}{say(language, 'debrief.potions_one')},"
        assert " ".join(sentence.split()) in " ".join(shown.split())
