"""Widgets are plain records a scene registers while it lays out a frame.

The scene's logic lives in the callbacks; the widget list of the last frame answers the mouse,
the keyboard focus ring and the test pilot (which clicks on ``rect``s or presses keys).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame


@dataclass
class Widget:
    key: str
    label: str
    rect: pygame.Rect
    action: Callable[[], None] | None = None
    kind: str = "button"  # button | option | toggle | input | hotspot
    icon: str | None = None
    selected: bool = False
    enabled: bool = True
    style: str = "normal"  # normal | primary | quiet
    hotkey: int | None = None  # a number key that activates it
    detail: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def activate(self) -> bool:
        if self.enabled and self.action is not None:
            self.action()
            return True
        return False


class FocusRing:
    """Keyboard focus by widget key, so it survives a relayout of the frame."""

    def __init__(self) -> None:
        self.key: str | None = None

    def current(self, widgets: list[Widget]) -> Widget | None:
        for w in widgets:
            if w.key == self.key:
                return w
        return None

    def move(self, widgets: list[Widget], step: int) -> None:
        usable = [w for w in widgets if w.enabled and w.action is not None]
        if not usable:
            self.key = None
            return
        keys = [w.key for w in usable]
        if self.key not in keys:
            self.key = keys[0] if step > 0 else keys[-1]
            return
        index = (keys.index(self.key) + step) % len(keys)
        self.key = keys[index]
