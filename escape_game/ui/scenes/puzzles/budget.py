"""A total split with − and + buttons, by steps of a round amount."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

import pygame

from escape_game.core.actions import Answer
from escape_game.model import Budget
from escape_game.ui.draw import Painter
from escape_game.ui.scenes.layout import button_height
from escape_game.ui.scenes.puzzles.base import Panel
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.scenes.puzzle import PuzzleScene


def budget_step(total: Decimal) -> Decimal:
    for step in (Decimal(1), Decimal(5), Decimal(10), Decimal(50), Decimal(100)):
        if total / step <= 40:
            return step
    return Decimal(500)


def adjust(scene: PuzzleScene, puzzle: Budget, category: str, sign: int) -> None:
    cat = next(c for c in puzzle.categories if c.id == category)
    step = budget_step(puzzle.total)
    current = scene.amounts[category]
    # move to the next multiple of the step, so odd minimums still reach round amounts
    value = (current // step + 1) * step if sign > 0 else -((-current) // step + 1) * step
    if sign < 0 and current % step:
        value = (current // step) * step
    upper = cat.max if cat.max is not None else puzzle.total
    scene.amounts[category] = max(cat.min, min(upper, value))


class BudgetPanel(Panel[Budget]):
    model = Budget

    def start(self, scene: PuzzleScene, puzzle: Budget) -> None:
        scene.amounts = {c.id: c.min for c in puzzle.categories}

    def answer(self, scene: PuzzleScene, puzzle: Budget) -> Answer:
        return Answer(puzzle=puzzle.id, amounts=dict(scene.amounts))

    def draw(self, scene: PuzzleScene, puzzle: Budget, p: Painter, body: pygame.Rect) -> int:
        bh = button_height(p)
        money = scene.flow.money
        spent = sum(scene.amounts.values(), Decimal(0))
        left = puzzle.total - spent
        colour = p.theme.good if left == 0 else p.theme.warn
        y = body.top + p.paragraph(scene.app.t("puzzle.budget_left", amount=money(left),
                                     total=money(puzzle.total)),
                                   pygame.Rect(body.left, body.top, body.width, 10**6), "large",
                                   colour, bold=True) + p.px(10)
        amount_w = max(p.px(160), p.text_width(money(puzzle.total), "large", True) + p.px(20))
        controls = 2 * bh + amount_w
        side = body.width - controls >= p.px(320)
        for cat in puzzle.categories:
            name = scene.flow.tr(cat.text)
            if cat.min or cat.max is not None:
                name += "  " + scene.app.t("puzzle.budget_bounds", min=money(cat.min),
                                 max=money(cat.max if cat.max is not None else puzzle.total))
            name_w = (body.width - controls - p.px(20)) if side else body.width
            name_h = p.measure(name, name_w)
            if side:
                row_h = max(bh, name_h)
                p.paragraph(name, pygame.Rect(body.left, y + (row_h - name_h) // 2, name_w,
                                              10**6), "body", p.theme.text)
                x, cy = body.left + name_w + p.px(20), y + (row_h - bh) // 2
            else:
                y += p.paragraph(name, pygame.Rect(body.left, y, name_w, 10**6), "body",
                                 p.theme.text) + p.px(4)
                row_h, x, cy = bh, body.left, y
            scene.add(Widget(f"minus_{cat.id}", "−", pygame.Rect(x, cy, bh, bh),
                             partial(adjust, scene, puzzle, cat.id, -1)))
            p.text(money(scene.amounts[cat.id]), (x + bh + amount_w // 2, cy + bh // 2),
                   "large", p.theme.text, bold=True, anchor="center")
            scene.add(Widget(f"plus_{cat.id}", "+", pygame.Rect(x + bh + amount_w, cy, bh, bh),
                             partial(adjust, scene, puzzle, cat.id, 1)))
            y += row_h + p.px(10)
        return y
