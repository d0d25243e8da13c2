"""Through the real app: animations and sounds happen in play, and none at all when the
player asked for reduced motion and no sound."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from scenes_tour import tour
from test_audio import RecordingMixer

from escape_game.commands.play import campaign_or_problems
from escape_game.ui.settings import Settings, save_settings

pytestmark = [pytest.mark.ui]

ROOT = Path(__file__).resolve().parents[2]
FACTORIES = ("tween", "fade_in", "calm", "shake", "countdown", "drain_refill", "flight")


class Watched:
    """An animation that notes each frame it gives (None means "nothing moves")."""

    def __init__(self, inner: Any, frames: list[str]) -> None:
        self.inner = inner
        self.frames = frames

    def frame(self, *args: Any) -> Any:
        result = self.inner.frame(*args)
        if result is not None:
            self.frames.append(type(self.inner).__name__)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def watch(motion: Any, frames: list[str]) -> None:
    for name in FACTORIES:
        make = getattr(motion, name)
        setattr(motion, name, lambda *a, _make=make, **k: Watched(_make(*a, **k), frames))


def play(make_pilot: Any, tmp_path: Path, settings: Settings) -> tuple[list[str], Any]:
    """Title to a threat's result through the UI, buying a potion on the way."""
    level, problems = campaign_or_problems(ROOT / "levels" / "risk_academy")
    assert problems == []
    path = tmp_path / "config" / "settings.json"
    save_settings(settings, path)
    pilot = make_pilot(level, settings_path=path, seed=1)
    mixer = RecordingMixer()
    pilot.app.audio.mixer = mixer
    frames: list[str] = []
    watch(pilot.app.motion, frames)
    seen = []
    for name in tour(pilot, "home_comparison"):
        seen.append(name)
        if name == "shop":
            buy = next(w.key for w in pilot.widgets() if w.key.startswith("buy_"))
            pilot.activate(buy)
            pilot.activate("confirm")  # the dialog that shows the money left
            pilot.wait(700)
        if name == "threat_result":
            break
    assert {"intro", "room", "shop", "threat_paused", "threat_result"} <= set(seen), seen
    assert pilot.app.errors == []
    return frames, mixer


def test_motion_and_sound_play_when_wanted(make_pilot: Any, tmp_path: Path) -> None:
    frames, mixer = play(make_pilot, tmp_path, Settings(language="en", sound="on",
                                                        text_speed="instant"))
    assert {"Flight", "Shake", "DrainRefill", "Tween"} <= set(frames)
    played = {sound for call, sound in mixer.calls if call == "load"}
    assert {"click.wav", "purchase.wav", "strike.wav"} <= played, played
    # the first room's own ambient loop, lowered while the player paused to think
    assert ("loop", "protection.wav") in mixer.calls, mixer.calls


def test_reduced_motion_and_no_sound_give_no_frame_and_no_audio_call(
        make_pilot: Any, tmp_path: Path) -> None:
    frames, mixer = play(make_pilot, tmp_path, Settings(
        language="en", sound="off", reduced_motion=True, text_speed="instant"))
    assert frames == []
    assert mixer.calls == []
