"""Scenes, one class per screen (Arcade's ``View``), and the stack that shows them.

A scene lays out its widgets while drawing (from the window size, every frame); its logic is
in ordinary methods that the widgets' callbacks call. The top scene receives the input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.widgets import FocusRing, Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App

NUMBER_KEYS = {getattr(pygame, f"K_{i}"): i for i in range(10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{i}"): i for i in range(10)})


class Scene:
    #: a modal scene draws over the scene below it
    modal = False
    #: game time flows (AdvanceTime is sent) while this scene is on top
    time_flows = False

    def __init__(self, app: App) -> None:
        self.app = app
        self.widgets: list[Widget] = []
        self.focus = FocusRing()
        self.hover: str | None = None
        self.age_ms = 0

    # --- life cycle -------------------------------------------------------------------
    def on_enter(self) -> None:
        """Called when the scene becomes the top one."""

    def on_update(self, dt_ms: int) -> None:
        self.age_ms += dt_ms

    def on_draw(self, surface: pygame.Surface) -> None:
        painter = self.app.painter(surface)
        self.widgets = []
        self.draw(painter)
        for w in self.widgets:
            if not w.extra.get("drawn"):
                painter.widget(w, focused=w.key == self.focus.key, hovered=w.key == self.hover)

    def draw(self, p: Painter) -> None:
        """Draw the scene and register its widgets with ``self.add``."""

    def add(self, widget: Widget) -> Widget:
        self.widgets.append(widget)
        return widget

    def back(self) -> None:
        """Esc: the default is to close this scene."""
        self.app.scenes.pop()

    def focus_first(self, key: str) -> None:
        self.focus.key = key

    # --- input ------------------------------------------------------------------------
    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            self.on_key(event.key, event.mod)
        elif event.type == pygame.TEXTINPUT:
            self.on_text(event.text)
        elif event.type == pygame.MOUSEMOTION:
            hit = self.widget_at(event.pos)
            self.hover = hit.key if hit else None
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            hit = self.widget_at(event.pos)
            if hit is not None:
                self.focus.key = hit.key
                self.activate(hit)

    def widget_at(self, pos: tuple[int, int]) -> Widget | None:
        for w in reversed(self.widgets):
            if w.rect.collidepoint(pos) and w.enabled and w.action is not None:
                return w
        return None

    def activate(self, widget: Widget) -> None:
        widget.activate()

    def on_key(self, key: int, mod: int) -> None:
        if key == pygame.K_TAB:
            self.focus.move(self.widgets, -1 if mod & pygame.KMOD_SHIFT else 1)
        elif key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.focus.move(self.widgets, 1)
        elif key in (pygame.K_UP, pygame.K_LEFT):
            self.focus.move(self.widgets, -1)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            current = self.focus.current(self.widgets)
            if current is not None:
                self.activate(current)
        elif key == pygame.K_ESCAPE:
            self.back()
        elif key in NUMBER_KEYS:
            number = NUMBER_KEYS[key]
            for w in self.widgets:
                if w.hotkey == number and w.enabled:
                    self.focus.key = w.key
                    self.activate(w)
                    break

    def on_text(self, text: str) -> None:
        """Typed characters (TEXTINPUT); only scenes with a text field use them."""


class SceneManager:
    def __init__(self) -> None:
        self.stack: list[Scene] = []

    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> None:
        self.stack.append(scene)
        scene.on_enter()

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
            if self.top is not None:
                self.top.on_enter()

    def replace(self, scene: Scene) -> None:
        """Clear the stack: a new screen, not a dialog."""
        self.stack = []
        self.push(scene)

    def visible(self) -> list[Scene]:
        """The scenes to draw: from the top down to the first that is not modal."""
        start = len(self.stack) - 1
        while start > 0 and self.stack[start].modal:
            start -= 1
        return self.stack[start:]
