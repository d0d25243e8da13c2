"""Potions compared: the one drawing shared by the shop and the comparison puzzle.

Side by side as a table when every column is wide enough to show its values whole, stacked as
one card per product otherwise (large text, narrow window). Every fact of every product is
always shown in full: a cut price or a missing "Not covered" row would teach the wrong lesson.
A product's buttons stay with it: under its column, or inside its card (a "No thanks" between
two cards would say no to either).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import pygame

from escape_game.locales import say
from escape_game.model import Potion
from escape_game.ui.draw import Painter, TableRecord
from escape_game.ui.units import duration

if TYPE_CHECKING:
    from escape_game.ui.texts import LevelTexts

#: lays out a product's buttons at (x, y, width) and returns the bottom it reached; with
#: ``draw`` False it only measures (nothing drawn, no widget registered), so that a card can
#: be drawn around them first
Actions = Callable[[Potion, int, int, int, bool], int]


def risk_names(texts: LevelTexts, potion: Potion) -> str:
    risks = {r.id: r for r in texts.campaign.risks}
    return ", ".join(texts.tr(risks[c].name) if c in risks else c for c in potion.covers)


def facts(texts: LevelTexts, potion: Potion) -> list[tuple[str, str]]:
    """(caption, value) rows that compare products, in the order a careful buyer reads them."""
    lang = texts.lang
    # French sets a (non-breaking) space before the semicolon
    exclusions = (say(lang, "shop.exclusions_separator").join(
        texts.tr(x.text) for x in potion.exclusions) or say(lang, "shop.none"))
    waiting = (duration(potion.waiting_period, lang) if potion.waiting_period
               else say(lang, "shop.none"))
    return [
        (say(lang, "shop.covers"), risk_names(texts, potion)),
        (say(lang, "shop.premium"), texts.money(potion.premium)),
        (say(lang, "shop.deductible"), texts.money(potion.deductible)),
        (say(lang, "shop.limit"), texts.money(potion.limit)),
        (say(lang, "shop.waiting"), waiting),
        (say(lang, "shop.exclusions"), exclusions),
    ]


def _longest_word(p: Painter, texts: Sequence[str], role: str) -> int:
    words = [word for text in texts for word in text.split()]
    return max((p.text_width(word, role) for word in words), default=0)


def _header(p: Painter, texts: LevelTexts, potion: Potion, x: int, y: int, width: int,
            slogan: bool) -> int:
    """Picture, brand, name and slogan of a product; returns the bottom."""
    th = p.theme
    pic = p.px(52)
    p.image(potion.image or "potions/potion_blue", pygame.Rect(x, y, pic, pic))
    tx, tw = x + pic + p.px(12), width - pic - p.px(12)
    top = y
    y += p.paragraph(texts.tr(potion.brand), pygame.Rect(tx, y, tw, 10**6), "body", th.accent,
                     bold=True)
    y += p.paragraph(texts.tr(potion.name), pygame.Rect(tx, y, tw, 10**6), "small", th.text)
    y = max(y, top + pic)
    if slogan and potion.slogan:
        y += p.px(4) + p.paragraph(say(texts.lang, "shop.slogan", text=texts.tr(potion.slogan)),
                                   pygame.Rect(x, y + p.px(4), width, 10**6), "small", th.warn)
    return y + p.px(8)


def draw_comparison(p: Painter, texts: LevelTexts, potions: Sequence[Potion], left: int,
                    top: int, width: int, actions: Actions, slogan: bool = True) -> int:
    """The products as a table or as cards, with ``actions`` under each; returns the bottom."""
    if not potions:
        return top
    rows = [facts(texts, potion) for potion in potions]
    record = TableRecord([potion.id for potion in potions])
    for r, (caption, _) in enumerate(rows[0]):
        record.rows[caption] = [row[r][1] for row in rows]
    p.tables.append(record)
    gap = p.px(10)
    caption_w = min(p.px(220), width // 4)
    col_w = (width - caption_w - gap * len(potions)) // len(potions)
    values = [value for row in rows for _, value in row]
    wide_enough = col_w - p.px(16) >= max(p.size("small") * 10,
                                          _longest_word(p, values, "small"))
    if wide_enough:
        return _table(p, texts, potions, rows, left, top, width, caption_w, col_w, gap,
                      actions, slogan, record)
    return _cards(p, texts, potions, rows, left, top, width, actions, slogan, record)


def _table(p: Painter, texts: LevelTexts, potions: Sequence[Potion],
           rows: list[list[tuple[str, str]]], left: int, top: int, width: int, caption_w: int,
           col_w: int, gap: int, actions: Actions, slogan: bool, record: TableRecord) -> int:
    th = p.theme
    xs = [left + caption_w + gap + i * (col_w + gap) for i in range(len(potions))]
    # measure the header first so that all columns line up
    heads = [_header_height(p, texts, potion, col_w - p.px(16), slogan) for potion in potions]
    head_h = max(heads)
    row_hs = []
    for r in range(len(rows[0])):
        caption = rows[0][r][0]
        row_hs.append(max([p.measure(row[r][1], col_w - p.px(16), "small") for row in rows]
                          + [p.measure(caption, caption_w - p.px(8), "small", bold=True)])
                      + p.px(8))
    body_h = head_h + sum(row_hs) + p.px(8)
    for x in xs:
        p.panel(pygame.Rect(x, top, col_w, body_h), th.background)
    for potion, x in zip(potions, xs, strict=True):
        _header(p, texts, potion, x + p.px(8), top + p.px(8), col_w - p.px(16), slogan)
    y = top + head_h
    for r, height in enumerate(row_hs):
        caption = rows[0][r][0]
        p.paragraph(caption, pygame.Rect(left, y, caption_w - p.px(8), height), "small",
                    th.muted, bold=True)
        for row, x in zip(rows, xs, strict=True):
            p.paragraph(row[r][1], pygame.Rect(x + p.px(8), y, col_w - p.px(16), height),
                        "small", th.text)
        y += height
        pygame.draw.line(p.surface, th.panel_border, (left, y - p.px(4)),
                         (left + width, y - p.px(4)), 1)
    bottom = top + body_h + gap
    for potion, x in zip(potions, xs, strict=True):
        below = actions(potion, x, top + body_h + gap, col_w, True)
        record.areas[potion.id] = pygame.Rect(x, top, col_w, below - top)
        bottom = max(bottom, below)
    return bottom


def _header_height(p: Painter, texts: LevelTexts, potion: Potion, width: int,
                   slogan: bool) -> int:
    pic = p.px(52)
    tw = width - pic - p.px(12)
    h = (p.measure(texts.tr(potion.brand), tw, "body", bold=True)
         + p.measure(texts.tr(potion.name), tw, "small"))
    h = max(h, pic)
    if slogan and potion.slogan:
        slogan_text = say(texts.lang, "shop.slogan", text=texts.tr(potion.slogan))
        h += p.px(8) + p.measure(slogan_text, width, "small")
    return h + p.px(24)


def _cards(p: Painter, texts: LevelTexts, potions: Sequence[Potion],
           rows: list[list[tuple[str, str]]], left: int, top: int, width: int,
           actions: Actions, slogan: bool, record: TableRecord) -> int:
    """One card per product, its facts one under another (caption, then value), and its
    buttons inside it."""
    th = p.theme
    pad = p.px(14)
    y = top
    inner_w = width - 2 * pad
    beside = inner_w >= p.px(640)  # caption and value on one line when there is room
    cap_w = inner_w * 2 // 5 if beside else inner_w
    val_x = cap_w + p.px(12) if beside else p.px(16)
    val_w = inner_w - val_x

    def fact_h(caption: str, value: str) -> int:
        a = p.measure(caption, cap_w, "small", bold=True)
        b = p.measure(value, val_w, "small")
        return (max(a, b) if beside else a + b) + p.px(8)

    for potion, row in zip(potions, rows, strict=True):
        height = _header_height(p, texts, potion, inner_w, slogan)
        height += sum(fact_h(caption, value) for caption, value in row)
        buttons_h = actions(potion, left + pad, 0, inner_w, False)
        card = pygame.Rect(left, y, width, height + p.px(4) + buttons_h + 2 * pad)
        p.panel(card, th.background)
        cy = _header(p, texts, potion, left + pad, y + pad, inner_w, slogan)
        for caption, value in row:
            used = p.paragraph(caption, pygame.Rect(left + pad, cy, cap_w, 10**6), "small",
                               th.muted, bold=True)
            vy = cy if beside else cy + used
            used2 = p.paragraph(value, pygame.Rect(left + pad + val_x, vy, val_w, 10**6),
                                "small", th.text)
            cy = (max(cy + used, vy + used2) if beside else vy + used2) + p.px(8)
        cy = actions(potion, left + pad, cy + p.px(4), inner_w, True) + pad
        record.areas[potion.id] = card
        y = max(card.bottom, cy) + p.px(18)
    return y
