"""Drive the real app with synthetic pygame events and a fake clock (like Textual's pilot).

Tests and the frame benchmark use it with the dummy video driver: they press keys, type,
click on widgets' rects, resize the window, advance frames, and read the scenes' state.
"""

from __future__ import annotations

from typing import Any

import pygame

from escape_game.ui.app import App, PlayOptions
from escape_game.ui.scene import Scene
from escape_game.ui.widgets import Widget

FRAME_MS = 16


class Pilot:
    def __init__(self, options: PlayOptions, size: tuple[int, int] = (1280, 720)) -> None:
        self.app = App(options, size=size)
        #: game time each input frame lasts; 0 keeps game time for ``wait`` alone
        self.frame_ms = FRAME_MS
        self.frame()

    @classmethod
    def attach(cls, app: App) -> Pilot:
        """A pilot for an app the real start-up built (``escape-game play`` and its flags),
        so a test drives the very window the command line would have opened."""
        pilot = cls.__new__(cls)
        pilot.app = app
        pilot.frame_ms = FRAME_MS
        pilot.frame()
        return pilot

    # --- time -------------------------------------------------------------------------
    def frame(self, events: list[pygame.event.Event] | None = None, ms: int | None = None) -> None:
        self.app.frame(events or [], self.frame_ms if ms is None else ms)

    def wait(self, ms: int, step: int = FRAME_MS) -> None:
        """Let game time pass, ``step`` milliseconds a frame."""
        while ms > 0:
            self.frame(ms=min(step, ms))
            ms -= step

    # --- reading ----------------------------------------------------------------------
    @property
    def scene(self) -> Scene:
        top = self.app.scenes.top
        assert top is not None
        return top

    def widgets(self) -> list[Widget]:
        return list(self.scene.widgets)

    def widget(self, key: str) -> Widget:
        for w in self.scene.widgets:
            if w.key == key:
                return w
        raise LookupError(f"no widget {key!r} on {type(self.scene).__name__}: "
                          f"{[w.key for w in self.scene.widgets]}")

    def has(self, key: str) -> bool:
        return any(w.key == key for w in self.scene.widgets)

    @property
    def focused(self) -> str | None:
        return self.scene.focus.key

    # --- input ------------------------------------------------------------------------
    def press(self, key: int, mod: int = 0, unicode: str = "") -> None:
        down = pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode,
                                  scancode=0)
        up = pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0)
        self.frame([down, up])

    def type(self, text: str) -> None:
        self.frame([pygame.event.Event(pygame.TEXTINPUT, text=text)])

    def click(self, pos: tuple[int, int], button: int = 1) -> None:
        self.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                    pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
                    pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)])

    def click_on(self, key: str) -> None:
        """Scroll with the mouse wheel until the widget is in view, as a player would, then
        click on it. A widget in a dialog's scrolling region (``extra["clip"]``, where the
        page drew the region) is scrolled into the region; the wheel scrolls that first."""
        scene = self.scene
        for _ in range(200):
            widget = self.widget(key)
            if scene.visible(widget):
                break
            area = scene.viewport
            inside = widget.extra.get("clip")
            if isinstance(inside, pygame.Rect) and widget.page_rect is not None:
                area = inside.move(widget.rect.left - widget.page_rect.left,
                                   widget.rect.top - widget.page_rect.top)
            step = 1 if widget.rect.centery < area.centery else -1
            before = (scene.scroll, tuple(widget.rect))
            self.frame([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=step, flipped=False,
                                           precise_x=0.0, precise_y=float(step))])
            if (scene.scroll, tuple(self.widget(key).rect)) == before:
                break
        self.click(self.widget(key).rect.center)

    def focus_on(self, key: str, limit: int = 200) -> None:
        """Press Tab until ``key`` has the focus, as a keyboard-only player would; a group
        of options is entered with Tab and walked with the arrow keys."""
        group = self.widget(key).group if self.has(key) else None
        for _ in range(limit):
            if self.focused == key and self.has(key):
                return
            current = self.scene.focus.current(self.scene.widgets)
            if group is not None and current is not None and current.group == group:
                keys = [w.key for w in self.scene.widgets if w.usable]
                ahead = keys.index(key) > keys.index(current.key)
                self.press(pygame.K_RIGHT if ahead else pygame.K_LEFT)
                continue
            self.press(pygame.K_TAB)
        raise LookupError(f"Tab never reached {key!r} on {type(self.scene).__name__}")

    def activate(self, key: str) -> None:
        """Reach ``key`` with Tab and press Enter."""
        self.focus_on(key)
        self.press(pygame.K_RETURN)

    def resize(self, w: int, h: int) -> None:
        self.frame([pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h))])

    def screenshot(self) -> pygame.Surface:
        return self.app.screen.copy()

    def session(self) -> Any:
        return self.app.flow.session
