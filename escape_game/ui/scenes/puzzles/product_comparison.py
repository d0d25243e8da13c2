"""The potions' benefits table, with a button to pick the best value under each product."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from escape_game.core.actions import Answer
from escape_game.model import Potion, ProductComparison, Text
from escape_game.ui.draw import Painter
from escape_game.ui.scenes.comparison import draw_comparison
from escape_game.ui.scenes.puzzles.base import Panel
from escape_game.ui.scenes.puzzles.choices import pick
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.scenes.puzzle import PuzzleScene


class ProductComparisonPanel(Panel[ProductComparison]):
    model = ProductComparison

    def note(self, puzzle: ProductComparison) -> Text | None:
        return puzzle.need

    def answer(self, scene: PuzzleScene, puzzle: ProductComparison) -> Answer:
        return Answer(puzzle=puzzle.id, choice=scene.choice)

    def ready(self, scene: PuzzleScene, puzzle: ProductComparison) -> bool:
        return scene.choice is not None

    def draw(self, scene: PuzzleScene, puzzle: ProductComparison, p: Painter,
             body: pygame.Rect) -> int:
        level = scene.flow.game.level
        potions = [level.potions[x] for x in puzzle.products if x in level.potions]
        index = {potion.id: i for i, potion in enumerate(potions)}

        def actions(potion: Potion, x: int, y: int, width: int, draw: bool) -> int:
            i = index[potion.id]
            label = scene.app.t("puzzle.pick_this")
            width = min(width, p.px(420))
            option = p.sized(Widget(
                f"option_{potion.id}", label, pygame.Rect(x, y, width, 0),
                partial(pick, scene, potion.id), kind="option", group="answer",
                selected=scene.choice == potion.id, hotkey=i + 1 if i < 9 else None))
            if draw:
                scene.add(option)
            return option.rect.bottom

        return draw_comparison(p, scene.flow.texts, potions, body.left, body.top, body.width,
                               actions, slogan=False)
