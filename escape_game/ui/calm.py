"""The world seen while pausing to think: its colours drain, so that calm is seen as well as felt.

``calmed(picture, level)`` blends a grey copy of a picture over it, ``level`` from 0 (as it
is) to 1 (mostly grey, a little colour kept so nothing becomes unreadable). Scenes take the
level from ``Motion.calm``; under reduced motion that tween gives no frames, and the scene
shows the final look at once.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

#: At full calm this much of the grey copy covers the picture (out of 255).
MAX_GREY = 190
#: Levels are rounded to this many steps, so a calm fade reuses a few cached pictures.
STEPS = 8


def step_of(level: float) -> int:
    """The step of the fade a level shows: pictures differ only from one step to the next."""
    return round(max(0.0, min(1.0, level)) * STEPS)


class Calm:
    """Grey-blended copies of pictures, cached by picture and level step."""

    def __init__(self, size: int = 32) -> None:
        self._cache: OrderedDict[tuple[pygame.Surface, int], pygame.Surface] = OrderedDict()
        self._grey: tuple[pygame.Surface, pygame.Surface] | None = None
        self.size = size

    def calmed(self, picture: pygame.Surface, level: float) -> pygame.Surface:
        step = step_of(level)
        if step == 0:
            return picture
        key = (picture, step)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        source, grey = self._grey_of(picture)
        out = source.copy()
        grey.set_alpha(round(MAX_GREY * step / STEPS))
        out.blit(grey, (0, 0))
        self._cache[key] = out
        if len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return out

    def _grey_of(self, picture: pygame.Surface) -> tuple[pygame.Surface, pygame.Surface]:
        """The grey copy of the picture on screen (one at a time: the room being shown)."""
        if self._grey is None or self._grey[0] is not picture:
            self._grey = (picture, pygame.transform.grayscale(picture))
        return self._grey
