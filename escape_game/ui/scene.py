"""Scenes, one class per screen (Arcade's ``View``), and the stack that shows them.

A scene lays out its widgets while drawing (from the window size); its logic is in ordinary
methods that the widgets' callbacks call. The top scene receives the input. A scene that
says what its page depends on (``page_key``) keeps the page while that holds: hover, focus
and typing are drawn over it, and a frame where nothing changed is not drawn at all; any
other scene is laid out at every frame.

A scene draws on a *page* as wide as the window and as tall as its content: when the content
is taller than the window, the page scrolls (mouse wheel, arrow keys, Page Up/Down, Home/End,
and a scrollbar that can be clicked or dragged), and the keyboard focus scrolls into view.
Nothing is ever laid out where the player cannot reach it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import pygame

from escape_game.ui.draw import Painter, TextRecord, TypedText
from escape_game.ui.widgets import FocusRing, Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App
    from escape_game.ui.flow import Flow
    from escape_game.ui.session import GameSession

NUMBER_KEYS = {getattr(pygame, f"K_{i}"): i for i in range(10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{i}"): i for i in range(10)})
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
#: width of the scrollbar, in design pixels at the Normal text size
SCROLLBAR = 14
#: the narrowest scrollbar, in window pixels: comfortably hit with a mouse on a small screen
SCROLLBAR_MIN = 16


def scrollbar_width(unit: float, text_scale: float) -> int:
    """The width of a scrollbar (the page's and a dialog's scrolling region's): it grows
    with the window and the text size, as the rest of what the player clicks does, and is
    never narrower than ``SCROLLBAR_MIN``. The page keeps this lane free of content."""
    return max(SCROLLBAR_MIN, round(SCROLLBAR * unit * text_scale))


def scroll_thumb(track: pygame.Rect, shown: int, total: int, offset: int) -> pygame.Rect:
    """A scrollbar's thumb in its ``track``: as tall as the part ``shown`` of ``total`` pixels
    (two widths at least), as far down as ``offset`` is scrolled. The page's scrollbar and a
    dialog's scrolling region (``scroll_region``) both use it."""
    height = max(track.width * 2, track.height * shown // max(1, total))
    top = track.top + (track.height - height) * offset // max(1, total - shown)
    return pygame.Rect(track.left, top, track.width, height)


T = TypeVar("T")
#: parts of a page kept (see ``Scene.keep_part``), the least recently used dropped first:
#: one of each of a room's parts (a megabyte or two each); more variants cost more memory
#: over a play-through than they save time
PARTS_KEPT = 3


@dataclass
class _Part:
    """A part of a page as drawn: its pixels, and what drawing it registered."""

    area: pygame.Rect
    pixels: pygame.Surface
    widgets: list[Widget]
    texts: list[TextRecord]
    #: the lowest point its drawing reached (sizes a scrolling page)
    reached: int
    result: Any


#: highlights kept per page (pairs of hovered and focused widgets), a few kilobytes each
PATCHES_KEPT = 16


def highlight_bounds(painter: Painter, w: Widget) -> pygame.Rect:
    """A rectangle holding everything ``painter.widget`` draws for ``w`` hovered or focused,
    with room to spare: its focus ring, a hotspot's halo and name, a label a line taller
    than its button."""
    margin = painter.px(16)
    area = w.rect.inflate(2 * margin, 2 * (margin + painter.line_height("large")))
    if w.kind == "hotspot":
        box = painter.hotspot_label_box(w, pointed=True)
        if box is not None:
            box.union_ip(box.move(0, w.rect.top - box.bottom))  # shown above, near the bottom
            box = box.inflate(2 * margin, 2 * margin)
            area.union_ip(box)
            area.union_ip(box.clamp(painter.surface.get_rect()))
    return area


class Scene:
    #: a modal scene draws over the scene below it
    modal = False
    #: game time flows (AdvanceTime is sent) while this scene is on top
    time_flows = False
    #: with no focus (or a focused widget gone), the first widget in reading order gets it
    autofocus = True

    def __init__(self, app: App) -> None:
        self.app = app
        self.widgets: list[Widget] = []
        self.focus = FocusRing()
        self.hover: str | None = None
        self.age_ms = 0
        #: what the last frame drew, for the layout audit
        self.texts: list[TextRecord] = []
        self.tables: list[object] = []
        #: the page: its height, how far it is scrolled, where the window shows it
        self.page_h = 0
        self.scroll = 0
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self._page: pygame.Surface | None = None
        #: the key the page was laid out for (see ``page_key``), None when laid out each frame
        self._page_key: object = None
        #: the page was drawn without hover and focus: they are drawn over it at each frame
        self.overlay = False
        #: the texts typing out on the page, drawn whole: the part not typed yet is hidden
        self._typed: list[TypedText] = []
        #: the hovered and focused widgets as drawn over the page, by what is marked and
        #: where the page is: (pixels, where) blitted instead of drawing them again
        self._patches: dict[object, list[tuple[pygame.Surface, tuple[int, int]]]] = {}
        #: layouts so far, and the offset and layout the widgets' rects were last placed for
        self._layouts = 0
        self._placed: tuple[tuple[int, int], int] | None = None
        #: parts of the page as drawn, by what they show (see ``keep_part``)
        self._parts: dict[object, _Part] = {}
        self._key_memo: tuple[int, object] = (-1, None)
        self._reveal: str | None = None
        self._dragging = False
        self._line = 40
        #: set by a scene whose panels were sized from the last frame and turned out wrong
        self.remeasure = False

    # --- what the picture depends on ---------------------------------------------------
    def page_key(self) -> object:
        """What this scene's page depends on, or None to lay it out at every frame.

        A scene that returns a key promises that its page changes only when the key does;
        hover, keyboard focus, scrolling and the letters typed so far are not part of it: the
        page is drawn without them, and each frame shows it with the hovered and focused
        widgets drawn again over it and the text not yet typed hidden. So a frame where
        nothing but these changed lays nothing out, and one where nothing at all changed is
        not drawn. A scene that shows a clock adds the value it shows (the second), and
        returns None while something on its page moves. A text typing out is hidden only if
        it was typing when the page was drawn: a scene that types adds whether it types.
        """
        return None

    def frame_key(self) -> object:
        """What this scene's picture depends on, or None to be drawn at every frame."""
        page = self._full_key(self.viewport.size)
        if (page is None or page != self._page_key or self.remeasure
                or self._reveal is not None or self._page is None):
            return None
        typed = tuple(self.typed_chars(t.text) for t in self._typed) if self._typed else ()
        return (page, self.focus.key, self.hover, self.scroll, self._dragging,
                self.viewport.size, typed)

    def _full_key(self, size: tuple[int, int]) -> object:
        """The scene's page key with what every page depends on: its size and the settings
        (worked out once a frame: the app asks before drawing, the drawing asks again)."""
        frame, key = self._key_memo
        if frame != self.app.frames:
            key = self.page_key()
            self._key_memo = (self.app.frames, key)
        return None if key is None else (key, size, self.app.unit, self.app.settings)

    def typed_chars(self, text: str) -> int | None:
        """How many characters of a text typing out are shown, None once it is all shown."""
        cps = self.app.settings.chars_per_second
        if cps <= 0:
            return None
        shown = self.age_ms * cps // 1000
        return None if shown >= len(text) else shown

    # --- life cycle -------------------------------------------------------------------
    def on_enter(self) -> None:
        """Called when the scene becomes the top one."""

    def on_update(self, dt_ms: int) -> None:
        self.age_ms += dt_ms

    def on_draw(self, surface: pygame.Surface, viewport: pygame.Rect | None = None) -> None:
        """Lay the scene out on its page (unless the page is still good), scroll it, and
        show the visible part in ``viewport``, with hover, focus and typing drawn over it."""
        viewport = viewport if viewport is not None else surface.get_rect()
        self.viewport = viewport
        w, vh = viewport.size
        key = self._full_key((w, vh))
        page = self._page
        if (key is None or key != self._page_key or self.remeasure or page is None
                or page.get_width() != w or page.get_height() < vh):
            self._lay_out(w, vh, key)
        elif self.autofocus and self.focus.current(self.widgets) is None:
            self.focus.key = self.default_focus()
            self._reveal = self.focus.key if self.scroll else None
        self._reveal_focus(vh)
        self.scroll = max(0, min(self.scroll, self.page_h - vh))
        page = self._page
        assert page is not None
        surface.blit(page, viewport.topleft, pygame.Rect(0, self.scroll, w, vh))
        offset = (viewport.left, viewport.top - self.scroll)
        if self._placed != (offset, self._layouts):  # the widgets where the page is shown
            self._placed = (offset, self._layouts)
            for widget in self.widgets:
                widget.rect = (widget.page_rect or widget.rect).move(offset)
        if self.overlay:
            self._draw_over(surface, viewport, offset)
        if self.page_h > vh:
            self._draw_scrollbar(surface)

    def _lay_out(self, w: int, vh: int, key: object) -> None:
        self.overlay = key is not None
        self._layouts += 1
        painter = self._layout(w, vh)
        for _ in range(3):  # the page grew, or a panel's size was a guess: lay out again
            needed = painter.extent + painter.px(16) if painter.extent > vh else vh
            if needed <= painter.surface.get_height() and not self.remeasure:
                break
            self.page_h = max(self.page_h, needed)
            painter = self._layout(w, vh)
        self.page_h = max(vh, painter.extent + painter.px(16) if painter.extent > vh else vh)
        self._line = painter.line_height("body") * 2
        self._page_key = key
        if self.autofocus and self.focus.current(self.widgets) is None:
            self.focus.key = self.default_focus()
            self._reveal = self.focus.key if self.scroll else None
        for widget in self.widgets:
            widget.page_rect = widget.rect
        self.texts = painter.texts
        self.tables = list(painter.tables)
        self._typed = painter.typed or []
        self._patches.clear()

    def _draw_over(self, surface: pygame.Surface, viewport: pygame.Rect,
                   offset: tuple[int, int]) -> None:
        """What the page leaves out: the text not typed yet hidden, then the hovered and the
        focused widgets drawn again over their plain selves."""
        clip = surface.get_clip()
        if self._typed:
            surface.set_clip(viewport)
            try:
                for typed in self._typed:
                    typed.hide(surface, offset, self.typed_chars(typed.text))
            finally:
                surface.set_clip(clip)
        # the highlights over a still page are the same pixels each time they are shown:
        # drawn once, then blitted (unless the text typing out is under them); they lie
        # inside the viewport
        key = (self.hover, self.focus.key, tuple(viewport), offset, surface.get_size())
        patches = None if self.modal else self._patches.get(key)
        if patches is not None:
            for patch, where in patches:
                surface.blit(patch, where)
            return
        marked = [w for w in self.widgets if w.key in (self.hover, self.focus.key)]
        if not marked:
            return
        try:
            painter = self.app.painter(surface)
            areas = []
            for w in marked:
                inside = w.extra.get("clip")  # where the page drew it (a picture's frame)
                area = (viewport.clip(inside.move(offset)) if isinstance(inside, pygame.Rect)
                        else viewport)
                surface.set_clip(area)
                painter.widget(w, focused=w.key == self.focus.key,
                               hovered=w.key == self.hover)
                areas.append(highlight_bounds(painter, w).clip(area))
            typing = [t.area.move(offset) for t in self._typed]
            if not self.modal and not any(a.collidelist(typing) >= 0 for a in areas):
                surface.set_clip(None)
                if len(self._patches) >= PATCHES_KEPT:
                    del self._patches[next(iter(self._patches))]
                self._patches[key] = [(surface.subsurface(a).copy(), a.topleft)
                                      for a in areas if a.width > 0 and a.height > 0]
        finally:
            surface.set_clip(clip)

    def _layout(self, w: int, vh: int) -> Painter:
        height = max(vh, self.page_h)
        page = self._page
        if page is None or page.get_size() != (w, height):
            flags = pygame.SRCALPHA if self.modal else 0
            page = pygame.Surface((w, height), flags)
            if not self.modal and pygame.display.get_surface() is not None:
                page = page.convert()
            self._page = page
        page.fill((0, 0, 0, 0) if self.modal else self.app.theme.background)
        # the scrollbar's lane is always kept free, so a page that starts to scroll keeps
        # its layout
        lane = self._scrollbar_width()
        painter = self.app.painter(page, view=(w - lane, vh))
        if self.overlay:
            painter.typed = []
        self.widgets = []
        self.remeasure = False
        self.draw(painter)
        for w_ in self.widgets:
            if not w_.extra.get("drawn"):
                painter.widget(w_, focused=not self.overlay and w_.key == self.focus.key,
                               hovered=not self.overlay and w_.key == self.hover)
            inside = w_.extra.get("clip")  # in a scrolling region: as far as it shows
            painter.reach(min(w_.rect.bottom, inside.bottom) if isinstance(
                inside, pygame.Rect) else w_.rect.bottom)
        return painter

    def _reveal_focus(self, vh: int) -> None:
        if self._reveal is None:
            return
        key, self._reveal = self._reveal, None
        for w in self.widgets:
            if w.key == key:
                margin = max(8, vh // 20)
                if w.rect.bottom + margin > self.scroll + vh:
                    self.scroll = w.rect.bottom + margin - vh
                if w.rect.top - margin < self.scroll:
                    self.scroll = max(0, w.rect.top - margin)
                return

    def scrollbar_rect(self) -> pygame.Rect | None:
        """The scrollbar's track on screen, when the page is taller than the window."""
        vh = self.viewport.height
        if self.page_h <= vh or vh <= 0:
            return None
        width = self._scrollbar_width()
        return pygame.Rect(self.viewport.right - width, self.viewport.top, width, vh)

    def _scrollbar_width(self) -> int:
        return scrollbar_width(self.app.unit, self.app.settings.text_scale)

    def _thumb(self, track: pygame.Rect) -> pygame.Rect:
        return scroll_thumb(track, self.viewport.height, self.page_h, self.scroll)

    def _draw_scrollbar(self, surface: pygame.Surface) -> None:
        track = self.scrollbar_rect()
        if track is None:
            return
        theme = self.app.theme
        pygame.draw.rect(surface, theme.panel, track)
        pygame.draw.rect(surface, theme.panel_border, track, 1)
        pygame.draw.rect(surface, theme.accent, self._thumb(track).inflate(-4, -4),
                         border_radius=track.width // 2)

    def draw(self, p: Painter) -> None:
        """Draw the scene and register its widgets with ``self.add``, in reading order."""

    def keep_part(self, p: Painter, key: object,
               draw: Callable[[], tuple[pygame.Rect, T]]) -> T:
        """A part of the page drawn once while ``key`` holds: a page laid out again (after a
        click that changed something elsewhere) blits its pixels and registers its widgets
        and texts again, instead of drawing it all again.

        ``draw`` draws the part on the page, its widgets too (``draw_widgets``), and returns
        the area it covered and a result, which is returned again with the kept pixels.
        ``key`` must hold everything the part shows; what every page depends on (size,
        settings) is added here. Only a page drawn without hover and focus keeps its parts
        (they are drawn over it); a part whose drawing asked to be measured again, or with
        text typing out, is not kept.
        """
        page = self._page
        if not self.overlay or page is None or p.surface is not page:
            return draw()[1]
        full = (key, page.get_size(), p.unit, self.app.settings)
        kept = self._parts.pop(full, None)
        if kept is not None:
            self._parts[full] = kept  # the most recently used goes last
            p.surface.blit(kept.pixels, kept.area)
            for w in kept.widgets:  # the same widgets, where they are on the page
                w.rect = w.page_rect or w.rect
            self.widgets += kept.widgets
            p.texts += kept.texts
            p.reach(kept.reached)
            return kept.result  # type: ignore[no-any-return]
        widgets, texts, typed = len(self.widgets), len(p.texts), len(p.typed or [])
        before, p.extent = p.extent, 0
        area, result = draw()
        reached, p.extent = p.extent, max(before, p.extent)
        area = area.clip(page.get_rect())
        # a part with text typing out is not kept: the typing lasts seconds, and what hides
        # its letters refers to the whole page
        if (not self.remeasure and area.width > 0 and area.height > 0
                and len(p.typed or []) == typed):
            if len(self._parts) >= PARTS_KEPT:
                del self._parts[next(iter(self._parts))]
            self._parts[full] = _Part(area, page.subsurface(area).copy(),
                                      self.widgets[widgets:], p.texts[texts:], reached, result)
        return result

    def draw_widgets(self, p: Painter, widgets: list[Widget]) -> None:
        """Draw widgets now rather than after the whole scene (as ``keep_part`` needs)."""
        for w in widgets:
            p.widget(w, focused=not self.overlay and w.key == self.focus.key,
                     hovered=not self.overlay and w.key == self.hover)
            w.extra["drawn"] = True

    def default_focus(self) -> str | None:
        """Where the focus goes when a screen opens: its first widget in reading order."""
        stops = self.focus.tab_stops(self.widgets)
        return stops[0].key if stops else None

    def add(self, widget: Widget) -> Widget:
        self.widgets.append(widget)
        return widget

    def back(self) -> None:
        """Esc: the default is to close this scene."""
        self.app.scenes.pop()

    def focus_first(self, key: str) -> None:
        self.focus.key = key
        self._reveal = key

    # --- scrolling --------------------------------------------------------------------
    def scroll_by(self, dy: int) -> None:
        self.scroll = max(0, min(self.scroll + dy, max(0, self.page_h - self.viewport.height)))

    def visible(self, widget: Widget) -> bool:
        """The widget lies wholly in the window as now scrolled."""
        return self.viewport.contains(widget.rect)

    # --- input ------------------------------------------------------------------------
    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            self.on_key(event.key, event.mod)
        elif event.type == pygame.TEXTINPUT:
            self.on_text(event.text)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-int(event.y) * self._line)
        elif event.type == pygame.MOUSEMOTION:
            if self._dragging and (track := self.scrollbar_rect()) is not None:
                frac = (event.pos[1] - track.top) / max(1, track.height)
                self.scroll_by(int(frac * self.page_h) - self.viewport.height // 2
                               - self.scroll)
                return
            hit = self.widget_at(event.pos)
            self.hover = hit.key if hit else None
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            track = self.scrollbar_rect()
            if track is not None and track.collidepoint(event.pos):
                thumb = self._thumb(track)
                if thumb.collidepoint(event.pos):
                    self._dragging = True
                else:
                    page = self.viewport.height - self._line
                    self.scroll_by(page if event.pos[1] > thumb.centery else -page)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            if self._dragging:
                self._dragging = False
                return
            hit = self.widget_at(event.pos)
            if hit is not None:
                self.focus.key = hit.key
                self.activate(hit)

    def widget_at(self, pos: tuple[int, int]) -> Widget | None:
        if not self.viewport.collidepoint(pos):
            return None
        track = self.scrollbar_rect()
        if track is not None and track.collidepoint(pos):
            return None
        for w in reversed(self.widgets):
            if w.rect.collidepoint(pos) and w.usable:
                return w
        return None

    def activate(self, widget: Widget) -> None:
        if widget.usable:
            self.app.audio.play("click")  # seen too: the pressed button keeps its focus ring
        widget.activate()

    def move_focus(self, step: int, *, tab: bool = False) -> None:
        self.focus.move(self.widgets, step, tab=tab)
        self._reveal = self.focus.key

    def _arrow(self, step: int) -> None:
        """Up/Down read on before they move the focus: when the next widget is off screen
        and there is more page that way, the page scrolls by a few lines instead."""
        usable = [w for w in self.widgets if w.usable]
        keys = [w.key for w in usable]
        target: Widget | None = None
        if self.focus.key in keys:
            index = keys.index(self.focus.key) + step
            target = usable[index] if 0 <= index < len(usable) else None
        elif usable:
            target = usable[0] if step > 0 else usable[-1]
        vh = self.viewport.height
        more = self.scroll < self.page_h - vh if step > 0 else self.scroll > 0
        if more and (target is None or not self.visible(target)):
            before = self.scroll
            self.scroll_by(step * self._line)
            if target is None or self.scroll != before:
                return
        self.move_focus(step)

    def on_key(self, key: int, mod: int) -> None:
        if key == pygame.K_TAB:
            self.move_focus(-1 if mod & pygame.KMOD_SHIFT else 1, tab=True)
        elif key == pygame.K_DOWN:
            self._arrow(1)
        elif key == pygame.K_UP:
            self._arrow(-1)
        elif key == pygame.K_RIGHT:
            self.move_focus(1)
        elif key == pygame.K_LEFT:
            self.move_focus(-1)
        elif key == pygame.K_PAGEDOWN:
            self.scroll_by(self.viewport.height - self._line)
        elif key == pygame.K_PAGEUP:
            self.scroll_by(-(self.viewport.height - self._line))
        elif key == pygame.K_HOME:
            self.scroll = 0
        elif key == pygame.K_END:
            self.scroll_by(self.page_h)
        elif key in (*ENTER_KEYS, pygame.K_SPACE):
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
                    self._reveal = w.key
                    self.activate(w)
                    break

    def on_text(self, text: str) -> None:
        """Typed characters (TEXTINPUT); only scenes with a text field use them."""


class GameScene(Scene):
    """A screen that exists only during a game (a room, an object, a puzzle, the shop): it
    draws the game being played, and nothing once that game is gone."""

    @property
    def flow(self) -> Flow:
        return self.app.flow

    def draw(self, p: Painter) -> None:
        session = self.flow.session
        if session is not None:
            self.draw_game(p, session)

    def draw_game(self, p: Painter, session: GameSession) -> None:
        """Draw the scene over the game being played, registering its widgets."""


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
