"""The app holds the sound and motion services and keeps them in step with the settings."""

from __future__ import annotations

import pytest

from escape_game.cli import main

pytestmark = pytest.mark.ui


def test_classroom_mode_starts_silent_until_sound_is_turned_on(make_pilot):
    app = make_pilot(classroom=True).app
    assert not app.audio.enabled
    app.apply_settings(app.settings.with_(sound="on"))
    assert app.audio.enabled
    app.apply_settings(app.settings.with_(sound="auto"))
    assert not app.audio.enabled


def test_at_home_sound_follows_volume_and_mute(make_pilot):
    app = make_pilot().app
    assert app.audio.enabled
    app.apply_settings(app.settings.with_(volume=25))
    assert app.audio.volume == 0.25
    app.apply_settings(app.settings.with_(sound="off"))
    assert not app.audio.enabled


def test_reduced_motion_setting_reaches_the_motion_service(make_pilot):
    pilot = make_pilot()
    app = pilot.app
    shake = app.motion.shake()
    assert shake.frame(app.time_ms + 10) is not None
    app.apply_settings(app.settings.with_(reduced_motion=True))
    assert app.motion.shake().frame(app.time_ms + 10) is None
    pilot.frame()
    assert app.motion.now() == app.time_ms


def test_play_offers_the_classroom_flag(capsys):
    with pytest.raises(SystemExit) as info:
        main(["play", "--help"])
    assert info.value.code == 0
    assert "--classroom" in capsys.readouterr().out
