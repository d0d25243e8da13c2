"""Widgets are plain records a scene registers while it lays out a frame.

The scene's logic lives in the callbacks; the widget list of the last frame answers the mouse,
the keyboard focus ring, the layout audit and the test pilot (which clicks on ``rect``s or
presses keys). A scene lays out on a page that may be taller than the window: ``page_rect`` is
where a widget sits on that page, ``rect`` where it is on screen after scrolling.
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
    #: options of one question: Tab stops once in the group (on the chosen one), like radios
    group: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    #: where the widget sits on the scene's page (before scrolling); set when the frame is drawn
    page_rect: pygame.Rect | None = None

    def activate(self) -> bool:
        if self.enabled and self.action is not None:
            self.action()
            return True
        return False

    @property
    def usable(self) -> bool:
        return self.enabled and self.action is not None


class FocusRing:
    """Keyboard focus by widget key, so it survives a relayout of the frame.

    Widgets are visited in the order the scene registered them, which is their reading order.
    Tab enters a group of options once, on its chosen member, so that Tab then Enter never
    changes an answer; the arrow keys move through every member.
    """

    def __init__(self) -> None:
        self.key: str | None = None

    def current(self, widgets: list[Widget]) -> Widget | None:
        for w in widgets:
            if w.key == self.key:
                return w
        return None

    @staticmethod
    def tab_stops(widgets: list[Widget], focused: str | None = None) -> list[Widget]:
        usable = [w for w in widgets if w.usable]
        chosen: dict[str, str] = {}
        for w in usable:
            if w.group is not None and (w.selected or w.key == focused):
                chosen.setdefault(w.group, w.key)
        stops: list[Widget] = []
        seen: set[str] = set()
        for w in usable:
            if w.group is None:
                stops.append(w)
            elif w.group not in seen and (chosen.get(w.group, w.key) == w.key):
                seen.add(w.group)
                stops.append(w)
        return stops

    def move(self, widgets: list[Widget], step: int, *, tab: bool = False) -> None:
        usable = (self.tab_stops(widgets, self.key) if tab
                  else [w for w in widgets if w.usable])
        if not usable:
            self.key = None
            return
        keys = [w.key for w in usable]
        if self.key not in keys:
            self.key = keys[0] if step > 0 else keys[-1]
            return
        index = (keys.index(self.key) + step) % len(keys)
        self.key = keys[index]
