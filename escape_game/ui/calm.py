"""The world seen while pausing to think: its colours drain, so that calm is seen as well as felt.

``calmed(picture, level)`` blends a grey copy of a picture over it, ``level`` from 0 (as it
is) to 1 (mostly grey, a little colour kept so nothing becomes unreadable). Scenes take the
level from ``Motion.calm``; under reduced motion that tween gives no frames, and the scene
shows the final look at once.
"""

from __future__ import annotations

import pygame

#: At full calm this much of the grey copy covers the picture (out of 255).
MAX_GREY = 190
#: Levels are rounded to this many steps, so a calm fade reuses a few cached pictures.
STEPS = 8


def step_of(level: float) -> int:
    """The step of the fade a level shows: pictures differ only from one step to the next."""
    return round(max(0.0, min(1.0, level)) * STEPS)


class Calm:
    """Grey-blended copies of the picture on screen, cached by level step.

    Only the latest picture's copies are kept: a room's picture is drawn anew whenever what it
    shows changes, and copies of pictures that are gone would never be asked for again. Kept
    by picture and step across a play-through (32 of them), they held about 70 MB, a third of
    the game's memory, for nothing."""

    def __init__(self) -> None:
        self._cache: dict[int, pygame.Surface] = {}
        self._grey: tuple[pygame.Surface, pygame.Surface] | None = None

    def calmed(self, picture: pygame.Surface, level: float) -> pygame.Surface:
        step = step_of(level)
        if step == 0:
            return picture
        source, grey = self._grey_of(picture)
        cached = self._cache.get(step)
        if cached is not None:
            return cached
        out = source.copy()
        grey.set_alpha(round(MAX_GREY * step / STEPS))
        out.blit(grey, (0, 0))
        self._cache[step] = out
        return out

    def held(self) -> int:
        """How many calmed copies are kept (at most one per step, of one picture)."""
        return len(self._cache)

    def _grey_of(self, picture: pygame.Surface) -> tuple[pygame.Surface, pygame.Surface]:
        """The grey copy of the picture on screen (one at a time: the room being shown); a new
        picture drops the copies made of the one before."""
        if self._grey is None or self._grey[0] is not picture:
            self._grey = (picture, pygame.transform.grayscale(picture))
            self._cache.clear()
        return self._grey
