"""The game's sounds: loaded when first needed, quiet unless wanted, silent without a device.

Sound never carries information alone: every effect here has a visual equivalent on screen
(``VISUAL_CUES``), so a muted classroom, a deaf player and a machine without speakers all
play the same game. In classroom mode sound is off unless someone turns it on, because
thirty laptops beeping at once help nobody.

The service talks to a small ``Mixer`` interface; ``PygameMixer`` is the real one. When the
mixer cannot start (no audio device, a broken driver) every call becomes a no-op, once
logged, never an exception.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from escape_game.ui.assets import ASSETS_DIR
from escape_game.ui.settings import SOUND_MODES, Settings

if TYPE_CHECKING:  # the core's models are built after the first frame, not at import
    from escape_game.core import events as ev

log = logging.getLogger(__name__)

#: How much quieter the ambient loop is than the effects, and again while pausing to think.
AMBIENT_LEVEL = 0.5
CALM_LEVEL = 0.4

#: What the player sees when each effect plays; the scene that plays a sound shows this too.
VISUAL_CUES: dict[str, str] = {
    "click": "the pressed button darkens and keeps its focus ring",
    "purchase": "the potion icon flies into the bag and the money counter drains",
    "warning_tick": "the countdown number pulses once per second",
    "strike": "the room shakes and the money and wellbeing bars drain",
    "payout": "the money bar refills with a '+ amount' caption",
    "solved": "a check mark and a 'solved' banner",
    "locked": "a padlock icon and the locked message in text",
}


def sound_on(mode: str, classroom: bool) -> bool:
    """Whether sound plays: the player's choice, or by default on at home and off in class."""
    if mode == "on":
        return True
    if mode == "off":
        return False
    return not classroom


def effects_for(events: Iterable[ev.Event]) -> list[str]:
    """The effects a step of the game calls for, in order; one of each at most."""
    from escape_game.core import events as ev

    names: list[str] = []
    for e in events:
        if isinstance(e, ev.PotionBought):
            names.append("purchase")
        elif isinstance(e, ev.PurchaseCancelled):
            names.append("payout")  # the premium flows back
        elif isinstance(e, ev.ThreatStruck):
            names.append("strike")
            if e.payout > 0:
                names.append("payout")
        elif isinstance(e, ev.PuzzleSolved):
            names.append("solved")
        elif isinstance(e, ev.PuzzleLocked) or (
            isinstance(e, ev.ActionRejected) and e.reason in ("locked", "puzzle_locked")
        ):
            names.append("locked")
    return list(dict.fromkeys(names))


class Mixer(Protocol):
    """What the sound service needs from an audio backend."""

    def start(self) -> bool: ...
    def load(self, path: Path) -> object | None: ...
    def play(self, sound: object, volume: float) -> None: ...
    def loop(self, path: Path, volume: float) -> None: ...
    def loop_volume(self, volume: float) -> None: ...
    def stop_loop(self) -> None: ...


class PygameMixer:
    """pygame's mixer: effects as Sounds, the ambient loop streamed as music."""

    def start(self) -> bool:
        import pygame

        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
        except pygame.error as exc:
            log.warning("no sound: the audio device cannot start (%s)", exc)
            return False
        return True

    def load(self, path: Path) -> object | None:
        import pygame

        try:
            return pygame.mixer.Sound(str(path))
        except (pygame.error, OSError) as exc:
            log.warning("cannot load sound %s: %s", path, exc)
            return None

    def play(self, sound: object, volume: float) -> None:
        import pygame

        if isinstance(sound, pygame.mixer.Sound):
            sound.set_volume(volume)
            sound.play()

    def loop(self, path: Path, volume: float) -> None:
        import pygame

        try:
            pygame.mixer.music.load(str(path))
            pygame.mixer.music.set_volume(volume)
            pygame.mixer.music.play(loops=-1, fade_ms=800)
        except (pygame.error, OSError) as exc:
            log.warning("cannot play ambient %s: %s", path, exc)

    def loop_volume(self, volume: float) -> None:
        import pygame

        pygame.mixer.music.set_volume(volume)

    def stop_loop(self) -> None:
        import pygame

        pygame.mixer.music.fadeout(400)


def shipped_sounds() -> dict[str, Path]:
    """The engine's sounds by manifest key ("strike", "ambient/time")."""
    try:
        data = json.loads((ASSETS_DIR / "manifest.json").read_text(encoding="utf-8"))
        return {str(k): ASSETS_DIR / str(v) for k, v in dict(data.get("sounds", {})).items()}
    except (OSError, ValueError, AttributeError):
        return {}


class Audio:
    """Effects and one ambient loop per room theme, behind volume, mute and classroom mode."""

    def __init__(self, mixer: Mixer | None = None, *, volume: float = 0.7, mode: str = "auto",
                 classroom: bool = False, sounds: dict[str, Path] | None = None) -> None:
        self.mixer: Mixer = mixer if mixer is not None else PygameMixer()
        self.sounds = sounds if sounds is not None else shipped_sounds()
        self.volume = _clamp(volume)
        self.mode = mode if mode in SOUND_MODES else "auto"
        self.classroom = classroom
        self.calm = False
        self._started: bool | None = None  # None: not tried yet; False: no device
        self._loaded: dict[str, object | None] = {}
        self._ambient: str | None = None  # the loop that should be playing
        self._playing: str | None = None  # the loop the mixer is playing

    @property
    def enabled(self) -> bool:
        return sound_on(self.mode, self.classroom) and self.volume > 0

    def configure(self, *, volume: float | None = None, mode: str | None = None,
                  classroom: bool | None = None) -> None:
        """Apply new settings at once: muting stops the loop, unmuting restarts it."""
        if volume is not None:
            self.volume = _clamp(volume)
        if mode is not None and mode in SOUND_MODES:
            self.mode = mode
        if classroom is not None:
            self.classroom = classroom
        self._sync_loop()

    def follow(self, settings: Settings) -> None:
        """Take the volume and sound choice from the player's settings."""
        self.configure(volume=settings.volume_fraction, mode=settings.sound)

    def play(self, name: str) -> None:
        """One effect by name; unknown names and a silent machine are no-ops."""
        if not self.enabled or name not in self.sounds or not self._start():
            return
        if name not in self._loaded:
            self._loaded[name] = self.mixer.load(self.sounds[name])
        sound = self._loaded[name]
        if sound is not None:
            self.mixer.play(sound, self.volume)

    def react(self, events: Iterable[ev.Event]) -> None:
        """The effects a game step calls for (see ``effects_for``)."""
        for name in effects_for(events):
            self.play(name)

    def ambient(self, theme: str | None) -> None:
        """Loop the room theme's ambient (or the default one); None stops the loop."""
        if theme is None:
            self._ambient = None
        else:
            key = f"ambient/{theme}"
            self._ambient = key if key in self.sounds else "ambient/default"
        self._sync_loop()

    def set_calm(self, calm: bool) -> None:
        """Pausing to think lowers the ambient loop, so that calm is heard as well as seen."""
        self.calm = calm
        if self._playing is not None and self.enabled:
            self.mixer.loop_volume(self._loop_level())

    def _loop_level(self) -> float:
        return self.volume * AMBIENT_LEVEL * (CALM_LEVEL if self.calm else 1.0)

    def _sync_loop(self) -> None:
        wanted = self._ambient if self.enabled else None
        if wanted == self._playing:
            if wanted is not None:
                self.mixer.loop_volume(self._loop_level())
            return
        if wanted is None:
            self.mixer.stop_loop()
            self._playing = None
            return
        if wanted not in self.sounds or not self._start():
            return
        self.mixer.loop(self.sounds[wanted], self._loop_level())
        self._playing = wanted

    def _start(self) -> bool:
        if self._started is None:
            self._started = self.mixer.start()
        return self._started


def _clamp(volume: float) -> float:
    return max(0.0, min(1.0, float(volume)))
