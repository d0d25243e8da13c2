"""Small layout helpers shared by the scenes: everything is computed from the window size."""

from __future__ import annotations

import pygame

from escape_game.ui.draw import Painter


def centered(p: Painter, width: int, height: int) -> pygame.Rect:
    w, h = p.surface.get_size()
    width, height = min(width, w - p.px(40)), min(height, h - p.px(40))
    return pygame.Rect((w - width) // 2, (h - height) // 2, width, height)


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


def title_bar(p: Painter, title: str, subtitle: str = "") -> int:
    """A heading at the top of a full screen; returns the y below it."""
    y = p.px(28)
    p.text(title, (p.px(40), y), "heading", p.theme.accent, bold=True)
    y += p.line_height("heading") + p.px(4)
    if subtitle:
        width = p.surface.get_width() - p.px(80)
        y += p.paragraph(subtitle, pygame.Rect(p.px(40), y, width, p.px(200)), "body",
                         p.theme.muted)
    return y + p.px(12)
