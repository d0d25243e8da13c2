"""The sound service: mute and classroom mode make no audio calls; no device is no crash."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pygame
import pytest
from hypothesis import given
from hypothesis import strategies as st

from escape_game.core import events as ev
from escape_game.ui.assets import ASSETS_DIR
from escape_game.ui.audio import (
    SOUND_MODES,
    VISUAL_CUES,
    Audio,
    PygameMixer,
    effects_for,
    shipped_sounds,
    sound_on,
)
from escape_game.ui.settings import Settings


class RecordingMixer:
    """A mixer that records every call the service makes."""

    def __init__(self, starts: bool = True) -> None:
        self.starts = starts
        self.calls: list[tuple[str, object]] = []

    def start(self) -> bool:
        self.calls.append(("start", None))
        return self.starts

    def load(self, path: Path) -> object | None:
        self.calls.append(("load", path.name))
        return path.name

    def play(self, sound: object, volume: float) -> None:
        self.calls.append(("play", sound))

    def loop(self, path: Path, volume: float) -> None:
        self.calls.append(("loop", path.name))

    def loop_volume(self, volume: float) -> None:
        self.calls.append(("loop_volume", round(volume, 3)))

    def stop_loop(self) -> None:
        self.calls.append(("stop_loop", None))


def _strike(payout: str) -> ev.ThreatStruck:
    return ev.ThreatStruck(threat="fire", category="fire", protected=payout != "0", potion=None,
                           loss=Decimal(500), deductible=Decimal(0), payout=Decimal(payout),
                           out_of_pocket=Decimal(500) - Decimal(payout))


def _exercise(audio: Audio) -> None:
    """Everything a game might ask of the service."""
    for name in (*VISUAL_CUES, "no_such_sound"):
        audio.play(name)
    audio.react([_strike("300"), ev.PuzzleSolved(puzzle="p", attempts=1, hints_used=0,
                                                 points=10)])
    audio.ambient("time")
    audio.set_calm(True)
    audio.set_calm(False)
    audio.ambient("no_such_theme")
    audio.ambient(None)


@pytest.mark.parametrize(("mode", "classroom"), [("off", False), ("off", True), ("auto", True)])
def test_muted_or_classroom_default_makes_no_audio_call(mode, classroom):
    mixer = RecordingMixer()
    _exercise(Audio(mixer, mode=mode, classroom=classroom))
    assert mixer.calls == []


def test_volume_zero_makes_no_audio_call():
    mixer = RecordingMixer()
    _exercise(Audio(mixer, volume=0.0))
    assert mixer.calls == []


def test_sound_on_plays_each_effect_and_loads_it_once():
    mixer = RecordingMixer()
    audio = Audio(mixer)
    audio.play("strike")
    audio.play("strike")
    assert mixer.calls == [("start", None), ("load", "strike.wav"), ("play", "strike.wav"),
                           ("play", "strike.wav")]


def test_the_mixer_starts_only_when_a_sound_is_first_needed():
    mixer = RecordingMixer()
    audio = Audio(mixer)
    audio.configure(volume=0.5)
    assert mixer.calls == []
    audio.play("click")
    assert mixer.calls[0] == ("start", None)


def test_no_device_means_one_try_and_then_silence():
    mixer = RecordingMixer(starts=False)
    _exercise(Audio(mixer))
    assert mixer.calls == [("start", None)]


def test_ambient_follows_the_theme_and_falls_back_to_default():
    mixer = RecordingMixer()
    audio = Audio(mixer)
    audio.ambient("time")
    audio.ambient("time")  # same room theme: the loop keeps playing
    audio.ambient("no_such_theme")
    audio.ambient(None)
    loops = [c for c in mixer.calls if c[0] in ("loop", "stop_loop")]
    assert loops == [("loop", "time.wav"), ("loop", "default.wav"), ("stop_loop", None)]


def test_muting_stops_the_loop_and_unmuting_restarts_it():
    mixer = RecordingMixer()
    audio = Audio(mixer)
    audio.ambient("hall")
    audio.configure(mode="off")
    mixer.calls.clear()
    audio.play("click")
    audio.ambient("time")
    assert mixer.calls == []
    audio.configure(mode="on")
    assert mixer.calls == [("loop", "time.wav")]


def test_pausing_to_think_lowers_the_ambient():
    mixer = RecordingMixer()
    audio = Audio(mixer, volume=1.0)
    audio.ambient("hall")
    audio.set_calm(True)
    audio.set_calm(False)
    assert [c for c in mixer.calls if c[0] == "loop_volume"] == [("loop_volume", 0.2),
                                                                 ("loop_volume", 0.5)]


def test_classroom_mode_is_off_by_default_but_can_be_turned_on():
    assert sound_on("auto", classroom=False)
    assert not sound_on("auto", classroom=True)
    assert sound_on("on", classroom=True)
    assert not sound_on("off", classroom=False)
    mixer = RecordingMixer()
    audio = Audio(mixer, classroom=True)
    audio.play("click")
    audio.configure(mode="on")
    audio.play("click")
    assert ("play", "click.wav") in mixer.calls


@given(st.lists(st.tuples(st.sampled_from(["volume", "mode", "classroom", "play", "ambient"]),
                          st.integers(0, 3))))
def test_any_sequence_is_silent_whenever_sound_is_off(script):
    mixer = RecordingMixer()
    audio = Audio(mixer)
    for op, n in script:
        before = len(mixer.calls)
        silent_before = not audio.enabled
        if op == "volume":
            audio.configure(volume=n / 3)
        elif op == "mode":
            audio.configure(mode=SOUND_MODES[n % 3])
        elif op == "classroom":
            audio.configure(classroom=bool(n % 2))
        elif op == "play":
            audio.play(sorted(VISUAL_CUES)[n])
        else:
            audio.ambient([None, "time", "hall", "nowhere"][n])
        if silent_before and not audio.enabled:
            assert len(mixer.calls) == before, (op, n)


def test_effects_for_game_events():
    assert effects_for([_strike("0")]) == ["strike"]
    assert effects_for([_strike("200")]) == ["strike", "payout"]
    assert effects_for([ev.PotionBought(potion="a", premium=Decimal(30), alternatives=(),
                                        best_value=True)]) == ["purchase"]
    # a cancelled purchase: the premium flows back (the toast says so too)
    assert effects_for([ev.PurchaseCancelled(potion="a", refund=Decimal(30))]) == ["payout"]
    assert effects_for([ev.ActionRejected(action="go", reason="locked")]) == ["locked"]
    assert effects_for([ev.ActionRejected(action="go", reason="unknown_exit")]) == []
    assert effects_for([ev.PuzzleLocked(puzzle="p"), ev.PuzzleLocked(puzzle="q")]) == ["locked"]


def test_every_shipped_effect_has_a_visual_equivalent():
    effects = {k for k in shipped_sounds() if not k.startswith("ambient/")}
    assert effects == set(VISUAL_CUES)


def test_the_real_mixer_plays_on_the_dummy_driver():
    audio = Audio(PygameMixer())
    try:
        audio.play("strike")
        audio.ambient("time")
        assert pygame.mixer.get_init()
        assert audio._playing == "ambient/time"
    finally:
        pygame.mixer.quit()


def test_a_mixer_that_cannot_start_is_a_quiet_no_op(monkeypatch):
    def refuse(*args: object, **kwargs: object) -> None:
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", refuse)
    audio = Audio(PygameMixer())
    audio.play("strike")
    audio.ambient("time")
    assert audio._started is False


def test_manifest_sounds_exist():
    manifest = json.loads((ASSETS_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert shipped_sounds() == {k: ASSETS_DIR / v for k, v in manifest["sounds"].items()}
    assert all(path.is_file() for path in shipped_sounds().values())


def test_the_service_follows_the_player_settings():
    mixer = RecordingMixer()
    audio = Audio(mixer)
    audio.follow(Settings(sound="off", volume=40))
    assert (audio.mode, audio.volume, audio.enabled) == ("off", 0.4, False)
    audio.play("click")
    assert mixer.calls == []
    audio.follow(Settings(sound="on", volume=40))
    audio.play("click")
    assert ("play", "click.wav") in mixer.calls
