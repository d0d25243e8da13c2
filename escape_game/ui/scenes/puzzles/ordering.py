"""Items moved up and down until they are in order."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from escape_game.core.actions import Answer
from escape_game.model import Ordering
from escape_game.ui.draw import Painter
from escape_game.ui.scenes.layout import button_height
from escape_game.ui.scenes.puzzles.base import Panel
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.scenes.puzzle import PuzzleScene


def move(scene: PuzzleScene, item: str, step: int) -> None:
    i = scene.order.index(item)
    j = max(0, min(len(scene.order) - 1, i + step))
    scene.order[i], scene.order[j] = scene.order[j], scene.order[i]
    scene.focus.key = f"{'up' if step < 0 else 'down'}_{item}"


class OrderingPanel(Panel[Ordering]):
    model = Ordering

    def start(self, scene: PuzzleScene, puzzle: Ordering) -> None:
        scene.order = [i.id for i in puzzle.items]

    def answer(self, scene: PuzzleScene, puzzle: Ordering) -> Answer:
        return Answer(puzzle=puzzle.id, choices=tuple(scene.order))

    def draw(self, scene: PuzzleScene, puzzle: Ordering, p: Painter, body: pygame.Rect) -> int:
        items = {i.id: i for i in puzzle.items}
        y = body.top
        width = min(body.width, p.px(1000))
        up_l, down_l = scene.app.t("puzzle.up"), scene.app.t("puzzle.down")
        bw = max(p.px(150), p.text_width(up_l) + p.px(40), p.text_width(down_l) + p.px(40))
        side = width - 2 * (bw + p.px(8)) >= p.px(300)
        for n, item_id in enumerate(scene.order):
            label = f"{n + 1}. {scene.flow.tr(items[item_id].text)}"
            text_w = (width - 2 * (bw + p.px(8))) if side else width
            height = max(button_height(p), p.measure(label, text_w - p.px(24)) + p.px(16))
            rect = pygame.Rect(body.left, y, text_w, height)
            p.panel(rect, p.theme.background)
            p.paragraph(label, pygame.Rect(rect.left + p.px(12), rect.top + p.px(8),
                                           rect.width - p.px(24), 10**6), "body", p.theme.text)
            if side:
                up = pygame.Rect(rect.right + p.px(8), y, bw, height)
            else:
                up = pygame.Rect(body.left, rect.bottom + p.px(6), bw, button_height(p))
            down = pygame.Rect(up.right + p.px(8), up.top, bw, up.height)
            scene.add(Widget(f"up_{item_id}", up_l, up, partial(move, scene, item_id, -1),
                             enabled=n > 0))
            scene.add(Widget(f"down_{item_id}", down_l, down, partial(move, scene, item_id, 1),
                             enabled=n < len(scene.order) - 1))
            y = max(rect.bottom, up.bottom) + p.px(10)
        return y
