"""A part of a dialog whose content scrolls inside it, so that what must stay in view stays put.

A scene's page scrolls as a whole (see ``Scene``): fine for a screen that waits for the
player, not for a warning that counts down, where scrolling the page would carry the
player's choices out of the window. Such a dialog pins its choices and gives the rest this
region: the content wraps to the region's width, is clipped to it, scrolls with the wheel,
Page Up/Down and a click on its track, and shows a scrollbar with arrows while there is
more above or below. Nothing is dropped: what is out of view is one scroll away.

One rule for the keyboard and the mouse in every such dialog (``PinnedChoices``): all that
can take the focus in the region is reached by Tab and the arrows, whether it shows or not,
and the region scrolls to it as it takes the focus; the mouse presses only what shows whole.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import ENTER_KEYS, Scene, scroll_thumb, scrollbar_width
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App

class ScrollRegion:
    def __init__(self) -> None:
        #: how far the content is scrolled up, in pixels
        self.offset = 0
        #: the content's full height and the region's, as last drawn
        self.content_h = 0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._lane = pygame.Rect(0, 0, 0, 0)

    @property
    def lane(self) -> pygame.Rect:
        """The scrollbar's track, as last drawn (empty while everything fits)."""
        return pygame.Rect(self._lane)

    @property
    def overflowing(self) -> bool:
        return self.content_h > self.rect.height > 0

    def scroll_by(self, dy: int) -> bool:
        """Scroll the content by ``dy`` pixels; False when it cannot go that way."""
        before = self.offset
        self.offset = max(0, min(self.offset + dy, self.content_h - self.rect.height))
        return self.offset != before

    def click(self, pos: tuple[int, int]) -> bool:
        """A click on the track pages towards it (like the page's scrollbar)."""
        if not self.overflowing or not self._lane.collidepoint(pos):
            return False
        page = max(1, self.rect.height * 4 // 5)
        thumb = self._thumb()
        self.scroll_by(page if pos[1] > thumb.centery else -page)
        return True

    def visible(self, rect: pygame.Rect) -> bool:
        """The rect (where content was drawn) lies wholly in view."""
        return self.rect.contains(rect)

    def draw(self, p: Painter, rect: pygame.Rect,
             content: Callable[[int, int], int]) -> bool:
        """Draw ``content(top, width)`` (which returns the bottom it reached) clipped to
        ``rect``, scrolled; True when the content's height changed since the last frame, so
        a layout sized from it must be done again.

        Only what shows is left in the painter's record of texts (clipped to the region);
        the page does not grow with what is scrolled out of view.
        """
        self.rect = pygame.Rect(rect)
        lane = scrollbar_width(p.unit, p.text_scale) if self.overflowing else 0
        self.offset = max(0, min(self.offset, self.content_h - rect.height))
        clip = p.surface.get_clip()
        p.surface.set_clip(rect.clip(clip))
        extent, first = p.extent, len(p.texts)
        top = rect.top - self.offset
        try:
            height = content(top, rect.width - (lane + p.px(24) if lane else 0)) - top
        finally:
            p.surface.set_clip(clip)
        p.extent = max(extent, min(rect.bottom, top + height))
        self._keep_shown(p, first)
        changed = height != self.content_h
        self.content_h = height
        self._lane = pygame.Rect(rect.right - lane, rect.top, lane, rect.height)
        if lane and self.overflowing:
            self._draw_cue(p)
        return changed

    def _keep_shown(self, p: Painter, first: int) -> None:
        """Keep of the texts recorded from ``first`` on only what shows in the region."""
        shown = []
        for record in p.texts[first:]:
            if record.cut:
                shown.append(record)
            elif record.rect.colliderect(self.rect):
                record.rect = record.rect.clip(self.rect)
                shown.append(record)
        p.texts[first:] = shown

    def reveal(self, rect: pygame.Rect) -> bool:
        """Scroll so that ``rect`` (where it was drawn, scrolled as now) shows whole, or its
        top when it is taller than the region; True when the region moved (it must then be
        drawn again)."""
        if rect.bottom > self.rect.bottom:
            dy = rect.bottom - self.rect.bottom
            dy = min(dy, max(0, rect.top - self.rect.top))
            return self.scroll_by(dy)
        if rect.top < self.rect.top:
            return self.scroll_by(rect.top - self.rect.top)
        return False

    def draw_widgets(self, p: Painter, widgets: list[Widget], focus: str | None,
                     hover: str | None) -> None:
        """Draw widgets the content registered, each clipped to the region; only the
        visible part of their labels is kept in the painter's record."""
        first, extent = len(p.texts), p.extent
        for widget in widgets:
            self.draw_widget(p, widget, widget.key == focus, widget.key == hover)
        self._keep_shown(p, first)
        p.extent = max(extent, min(self.rect.bottom, p.extent))  # the page does not grow

    def draw_widget(self, p: Painter, widget: Widget, focused: bool, hovered: bool) -> bool:
        """Draw a widget that sits in the region, clipped to it; True when it shows whole.

        The scene registers it whether it shows or not: the keyboard reaches it (and the
        region scrolls to it), while the mouse presses it only when it shows whole (half
        of a button is not a button: see ``PinnedChoices.widget_at``)."""
        clip = p.surface.get_clip()
        p.surface.set_clip(self.rect.clip(clip))
        try:
            p.widget(widget, focused, hovered)
        finally:
            p.surface.set_clip(clip)
        widget.extra.update(drawn=True, clip=pygame.Rect(self.rect))
        return self.visible(widget.rect)

    def _thumb(self) -> pygame.Rect:
        return scroll_thumb(self._lane, self.rect.height, self.content_h, self.offset)

    def _draw_cue(self, p: Painter) -> None:
        """The scrollbar, and an arrow at each end with more to read that way."""
        th = p.theme
        track = self._lane
        pygame.draw.rect(p.surface, th.panel_border, track, border_radius=track.width // 2)
        pygame.draw.rect(p.surface, th.accent, self._thumb().inflate(-4, -4),
                         border_radius=track.width // 2)
        size = p.px(12)
        x = track.left - p.px(6) - size
        if self.offset > 0:
            y = track.top + p.px(4)
            pygame.draw.polygon(p.surface, th.accent, [(x, y + size), (x + size, y + size),
                                                       (x + size // 2, y)])
        if self.offset < self.content_h - self.rect.height:
            y = track.bottom - p.px(4) - size
            pygame.draw.polygon(p.surface, th.accent, [(x, y), (x + size, y),
                                                       (x + size // 2, y + size)])


class PinnedChoices(Scene):
    """A dialog whose choices never leave the window (the layout audit holds it to that,
    through ``choices_in_view``): it lays them out first, at its bottom, and puts the rest
    in ``region``, which the wheel, Page Up/Down, Home/End and a click on its track scroll,
    and Up/Down read on through before they move the focus (as on a page that scrolls).

    Widgets in the region (those drawn with ``ScrollRegion.draw_widget``) are clicked only
    while they show whole; the keyboard reaches them all the same, and the region scrolls
    to the one that takes the focus. The focus never acts unseen: the dialog opens with the
    focus on its first widget only if that shows whole (else on nothing, at the top of the
    dialog, so that the question is read first; Tab then goes to the first widget and
    scrolls to it), and Enter on a focused widget the player scrolled away brings it back
    into view instead of pressing it."""

    choices_in_view = True
    #: Up/Down scroll the region while they can before moving the focus (a warning's text
    #: is read first); False: they go to the next widget, scrolling only until it shows
    read_on = True

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.region = ScrollRegion()
        #: the focus the region last scrolled to
        self._revealed: str | None = None

    @staticmethod
    def _clip(widget: Widget) -> pygame.Rect | None:
        inside = widget.extra.get("clip")
        return inside if isinstance(inside, pygame.Rect) else None

    def visible(self, widget: Widget) -> bool:
        """In the window, and whole in the region when it sits in one."""
        if not super().visible(widget):
            return False
        inside = self._clip(widget)
        if inside is None:
            return True
        shift = (widget.rect.left - (widget.page_rect or widget.rect).left,
                 widget.rect.top - (widget.page_rect or widget.rect).top)
        return inside.move(shift).contains(widget.rect)

    def widget_at(self, pos: tuple[int, int]) -> Widget | None:
        """Half of a button is not a button: one the region shows in part is not hit."""
        hit = super().widget_at(pos)
        return hit if hit is None or self.visible(hit) else None

    def default_focus(self) -> str | None:
        """The first widget in reading order if it shows whole, else none: a dialog opens
        at its top, and Enter must not press what the player has not seen."""
        stops = self.focus.tab_stops(self.widgets)
        return stops[0].key if stops and self.visible(stops[0]) else None

    def on_draw(self, surface: pygame.Surface, viewport: pygame.Rect | None = None) -> None:
        """A widget in the region that just took the focus is scrolled into view first
        (a focus given before the first layout as soon as there is one; the one the
        dialog gives as it opens shows already, and is left where it is)."""
        chosen = self.focus.key
        if chosen != self._revealed and self.widgets:
            self._revealed = chosen
            for widget in self.widgets:
                if widget.key == chosen and self._clip(widget) is not None:
                    ring = max(8, int(8 * self.app.unit))  # its focus ring shows too
                    if self.region.reveal((widget.page_rect or widget.rect).inflate(0, 2 * ring)):
                        self.remeasure = True
                    break
        super().on_draw(surface, viewport)
        if self.focus.key != chosen:  # given as the dialog opened: one that shows already
            self._revealed = self.focus.key

    def scroll_by(self, dy: int) -> None:
        """The region scrolls first; the page only if even the pinned parts do not fit."""
        if not self.region.scroll_by(dy):
            super().scroll_by(dy)

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            x, y = event.pos
            if self.region.click((x - self.viewport.left, y - self.viewport.top + self.scroll)):
                return
        super().on_event(event)

    def on_key(self, key: int, mod: int) -> None:
        if key in (*ENTER_KEYS, pygame.K_SPACE):
            current = self.focus.current(self.widgets)
            if (current is not None and self._clip(current) is not None
                    and not self.visible(current)):
                self._revealed = None  # scrolled away since: show it, press it next time
                return
        if key == pygame.K_HOME:
            self.region.offset = 0
        elif key in (pygame.K_DOWN, pygame.K_UP):
            step = max(1, self._line) * (1 if key == pygame.K_DOWN else -1)
            target = None if self.read_on else self._next(1 if step > 0 else -1)
            if (target is None or not self.visible(target)) and self.region.scroll_by(step):
                return
        super().on_key(key, mod)

    def _next(self, step: int) -> Widget | None:
        """The widget Up (-1) or Down (1) would move the focus to."""
        usable = [w for w in self.widgets if w.usable]
        keys = [w.key for w in usable]
        if self.focus.key in keys:
            index = keys.index(self.focus.key) + step
            return usable[index] if 0 <= index < len(usable) else None
        return (usable[0] if step > 0 else usable[-1]) if usable else None
