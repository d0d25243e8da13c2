"""A part of a dialog whose content scrolls inside it, so that what must stay in view stays put.

A scene's page scrolls as a whole (see ``Scene``): fine for a screen that waits for the
player, not for a warning that counts down, where scrolling the page would carry the
player's choices out of the window. Such a dialog pins its choices and gives the rest this
region: the content wraps to the region's width, is clipped to it, scrolls with the wheel,
Page Up/Down and a click on its track, and shows a scrollbar with arrows while there is
more above or below. Nothing is dropped: what is out of view is one scroll away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App

#: width of the region's scrollbar, in design pixels (the page's own is as wide)
LANE = 14


class ScrollRegion:
    def __init__(self) -> None:
        #: how far the content is scrolled up, in pixels
        self.offset = 0
        #: the content's full height and the region's, as last drawn
        self.content_h = 0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._lane = pygame.Rect(0, 0, 0, 0)

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
        lane = max(10, p.px(LANE)) if self.overflowing else 0
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
        shown = []
        for record in p.texts[first:]:
            if record.cut:
                shown.append(record)
            elif record.rect.colliderect(rect):
                record.rect = record.rect.clip(rect)
                shown.append(record)
        p.texts[first:] = shown
        changed = height != self.content_h
        self.content_h = height
        self._lane = pygame.Rect(rect.right - lane, rect.top, lane, rect.height)
        if lane and self.overflowing:
            self._draw_cue(p)
        return changed

    def draw_widget(self, p: Painter, widget: Widget, focused: bool, hovered: bool) -> bool:
        """Draw a widget that sits in the region, clipped to it; True when it shows whole,
        and only then may the scene register it (half of a button is not a button)."""
        clip = p.surface.get_clip()
        p.surface.set_clip(self.rect.clip(clip))
        try:
            p.widget(widget, focused, hovered)
        finally:
            p.surface.set_clip(clip)
        widget.extra.update(drawn=True, clip=pygame.Rect(self.rect))
        return self.visible(widget.rect)

    def _thumb(self) -> pygame.Rect:
        track = self._lane
        height = max(track.width * 2, track.height * self.rect.height // max(1, self.content_h))
        span = max(1, self.content_h - self.rect.height)
        top = track.top + (track.height - height) * self.offset // span
        return pygame.Rect(track.left, top, track.width, height)

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
    and Up/Down read on through before they move the focus (as on a page that scrolls)."""

    choices_in_view = True

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.region = ScrollRegion()

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
        if key == pygame.K_HOME:
            self.region.offset = 0
        elif key in (pygame.K_DOWN, pygame.K_UP):
            step = max(1, self._line)
            if self.region.scroll_by(step if key == pygame.K_DOWN else -step):
                return
        super().on_key(key, mod)
