"""Small layout helpers shared by the scenes: everything is computed from the window size.

Layouts flow from the top down and measure what they show; anything that does not fit in the
window lands further down the scene's page, which then scrolls (see ``Scene.on_draw``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.widgets import Widget


def centered(p: Painter, width: int, height: int) -> pygame.Rect:
    """A box centred in the window; taller than the window, it starts at the top of the page."""
    w, h = p.view_w, p.view_h
    width = min(width, w - p.px(40))
    top = max(p.px(20), (h - height) // 2)
    return pygame.Rect((w - width) // 2, top, width, height)


def column(left: int, top: int, width: int, height: int, gap: int, count: int) -> list[pygame.Rect]:
    return [pygame.Rect(left, top + i * (height + gap), width, height) for i in range(count)]


def row(left: int, top: int, width: int, height: int, gap: int, count: int) -> list[pygame.Rect]:
    """``count`` equal boxes side by side filling ``width``."""
    if count <= 0:
        return []
    each = (width - gap * (count - 1)) // count
    return [pygame.Rect(left + i * (each + gap), top, each, height) for i in range(count)]


def button_height(p: Painter) -> int:
    return max(p.px(52), int(p.line_height("body") * 1.7))


def buttons_flow(p: Painter, widgets: Sequence[Widget], left: int, top: int, width: int,
                 min_each: int, gap: int) -> list[pygame.Rect]:
    """Place buttons side by side, as many per line as fit at ``min_each``, each line as
    tall as its tallest label needs (labels wrap, never cut; each is measured as it is
    drawn: ``Painter.widget_height``); sets the widgets' rects and returns them in order."""
    if not widgets:
        return []
    per_line = max(1, min(len(widgets), (width + gap) // (min_each + gap)))
    # fewer per line rather than a word broken by letters ("Françai" / "s")
    while per_line > 1 and not all(words_fit(p, w, (width - gap * (per_line - 1)) // per_line)
                                   for w in widgets):
        per_line -= 1
    rects: list[pygame.Rect] = []
    y = top
    for start in range(0, len(widgets), per_line):
        chunk = widgets[start:start + per_line]
        boxes = row(left, y, width if len(chunk) == per_line else
                    (width - gap * (per_line - 1)) // per_line * len(chunk)
                    + gap * (len(chunk) - 1), 1, gap, len(chunk))
        height = max(p.widget_height(w, box.width) for w, box in zip(chunk, boxes, strict=True))
        for w, box in zip(chunk, boxes, strict=True):
            box.height = height
            w.rect = box.copy()
        rects += boxes
        y += height + gap
    return rects


def words_fit(p: Painter, w: Widget, width: int) -> bool:
    """Every word of ``w``'s label fits on a line of a button ``width`` wide."""
    label, role, bold = p.label_of(w)
    check = w.kind in ("toggle", "option") and bool(w.extra.get("check", True))
    room = p.label_room(width, w.icon is not None, check)
    return all(p.text_width(word, role, bold) <= room for word in label.split())


def title_bar(p: Painter, title: str, subtitle: str = "") -> int:
    """A heading at the top of a full screen; returns the y below it."""
    y = p.px(28)
    width = p.view_w - p.px(80)
    y += p.paragraph(title, pygame.Rect(p.px(40), y, width, 10**6), "heading", p.theme.accent,
                     bold=True) + p.px(4)
    if subtitle:
        y += p.paragraph(subtitle, pygame.Rect(p.px(40), y, width, 10**6), "body",
                         p.theme.muted)
    return y + p.px(12)
