"""The room's top bar: money, wellbeing, score and time, each with an icon and a number."""

from __future__ import annotations

from typing import Any

import pygame

from escape_game.ui.draw import Painter


def time_left_ms(flow: Any) -> int | None:
    """Milliseconds left on the room's or the game's clock, or None without a limit."""
    session = flow.session
    state = session.state
    if not state.timers:
        return None
    limits = []
    if session.room.time_limit:
        limits.append(session.room.time_limit * 1000 - state.room_ms)
    if flow.campaign.start.time_limit:
        limits.append(flow.campaign.start.time_limit * 1000 - state.elapsed_ms)
    return max(0, min(limits)) if limits else None


def meter(p: Painter, x: int, y: int, icon: str, label: str, value: str, colour: Any,
          height: int, fraction: float | None = None) -> int:
    """An icon, a caption and a number (and a bar); returns the right edge."""
    p.image(icon, pygame.Rect(x, y + (height - p.px(36)) // 2, p.px(36), p.px(36)))
    x += p.px(44)
    p.text(label, (x, y + p.px(4)), "small", p.theme.muted)
    r = p.text(value, (x, y + p.px(4) + p.line_height("small") - p.px(2)), "body", colour,
               bold=True)
    right = max(r.right, x + p.text_width(label, "small"))
    if fraction is not None:
        bar = pygame.Rect(x, y + height + p.px(1), p.px(90), p.px(5))
        pygame.draw.rect(p.surface, p.theme.button, bar, border_radius=p.px(3))
        fill = bar.copy()
        fill.width = int(bar.width * max(0.0, min(1.0, fraction)))
        pygame.draw.rect(p.surface, colour, fill, border_radius=p.px(3))
        right = max(right, bar.right)
    return right + p.px(24)


#: a meter: icon, caption, value shown, its colour, and how full its bar is (None: no bar)
Meter = tuple[str, str, str, Any, float | None]


def hud_meters(p: Painter, flow: Any) -> list[Meter]:
    """What the top bar shows, as drawn: a room keeps its drawn bar while these hold."""
    th = p.theme
    state = flow.session.state
    money = flow.money(state.money)
    colour = th.text
    if state.debt > 0:
        money += "  " + flow.app.t("hud.debt", amount=flow.money(state.debt))
        colour = th.bad
    well = state.wellbeing
    well_colour = th.good if well >= 60 else th.warn if well >= 30 else th.bad
    meters: list[Meter] = [
        ("ui/coin", flow.app.t("hud.money"), money, colour, None),
        ("ui/heart", flow.app.t("hud.wellbeing"), f"{well}/100", well_colour, well / 100),
        ("ui/star", flow.app.t("hud.score"), str(state.score), th.text, None)]
    left = time_left_ms(flow)
    if left is not None:
        seconds = left // 1000
        meters.append(("items/hourglass", flow.app.t("hud.time"),
                       f"{seconds // 60}:{seconds % 60:02d}",
                       th.warn if seconds < 30 else th.text, None))
    return meters


def draw_hud(p: Painter, flow: Any, rect: pygame.Rect, reserve: int = 0,
             meters: list[Meter] | None = None) -> pygame.Rect:
    """Draw the meters from the left of ``rect``, on more lines if the window is narrow;
    ``reserve`` is kept free at the right of the first line. Returns the area used."""
    if meters is None:
        meters = hud_meters(p, flow)
    height = p.px(4) + p.line_height("small") + p.line_height("body") + p.px(4)
    x, y = rect.left + p.px(16), rect.top + p.px(6)
    right = rect.left + p.px(16)
    limit = rect.right - reserve
    for icon, label, value, col, fraction in meters:
        width = (p.px(44) + max(p.text_width(label, "small"), p.text_width(value, "body", True),
                                p.px(90) if fraction is not None else 0) + p.px(24))
        if x + width > limit and x > rect.left + p.px(16):
            x, y = rect.left + p.px(16), y + height + p.px(10)
            limit = rect.right
        x = meter(p, x, y, icon, label, value, col, height, fraction)
        right = max(right, x)
    return pygame.Rect(rect.left, rect.top, right - rect.left, y + height + p.px(8) - rect.top)
