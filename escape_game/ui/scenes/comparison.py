"""A benefits table of potions side by side: the one drawing shared by the shop and puzzles."""

from __future__ import annotations

from typing import Any

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.i18n import t


def risk_names(flow: Any, potion: Any) -> str:
    risks = {r.id: r for r in flow.campaign.risks}
    return ", ".join(flow.tr(risks[c].name) if c in risks else c for c in potion.covers)


def facts(flow: Any, potion: Any) -> list[tuple[str, str]]:
    """(caption, value) rows that compare products, in the order a careful buyer reads them."""
    exclusions = "; ".join(flow.tr(x.text) for x in potion.exclusions) or t("shop.none")
    waiting = (t("shop.seconds", n=potion.waiting_period) if potion.waiting_period
               else t("shop.none"))
    return [
        (t("shop.covers"), risk_names(flow, potion)),
        (t("shop.premium"), flow.money(potion.premium)),
        (t("shop.deductible"), flow.money(potion.deductible)),
        (t("shop.limit"), flow.money(potion.limit)),
        (t("shop.waiting"), waiting),
        (t("shop.exclusions"), exclusions),
    ]


def draw_table(p: Painter, flow: Any, potions: list[Any], rect: pygame.Rect) -> list[pygame.Rect]:
    """Captions on the left, one column per product; returns the product columns."""
    if not potions:
        return []
    th = p.theme
    caption_w = min(p.px(220), rect.width // 4)
    gap = p.px(10)
    col_w = (rect.width - caption_w - gap * len(potions)) // len(potions)
    columns = [pygame.Rect(rect.left + caption_w + gap + i * (col_w + gap), rect.top, col_w,
                           rect.height) for i in range(len(potions))]
    head_h = max(p.px(68), p.px(16) + p.line_height("body") + p.line_height("small"))
    for potion, col in zip(potions, columns, strict=True):
        p.panel(col, th.background)
        p.image(potion.image or "potions/potion_blue",
                pygame.Rect(col.left + p.px(8), col.top + p.px(8), p.px(52), p.px(52)))
        p.text(p.fit_text(flow.tr(potion.brand), col.width - p.px(76), bold=True),
               (col.left + p.px(68), col.top + p.px(10)), "body", th.accent, bold=True)
        p.text(p.fit_text(flow.tr(potion.name), col.width - p.px(76)),
               (col.left + p.px(68), col.top + p.px(10) + p.line_height("body")), "small", th.text)
    y = rect.top + head_h
    rows = [facts(flow, potion) for potion in potions]
    for r in range(len(rows[0])):
        caption = rows[0][r][0]
        height = max([p.measure(row[r][1], col_w - p.px(16), "small") for row in rows]
                     + [p.measure(caption, caption_w - p.px(8), "small", bold=True)]) + p.px(6)
        if y + height > rect.bottom:
            break
        p.paragraph(caption, pygame.Rect(rect.left, y, caption_w - p.px(8), height), "small",
                    th.muted, bold=True)
        for row, col in zip(rows, columns, strict=True):
            p.paragraph(row[r][1], pygame.Rect(col.left + p.px(8), y, col.width - p.px(16),
                                               height), "small", th.text)
        y += height
        pygame.draw.line(p.surface, th.panel_border, (rect.left, y - p.px(3)),
                         (rect.right, y - p.px(3)), 1)
    return columns
