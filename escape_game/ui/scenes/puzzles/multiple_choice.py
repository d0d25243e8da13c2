"""Every right option to tick."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from escape_game.core.actions import Answer
from escape_game.model import MultipleChoice
from escape_game.ui.draw import Painter
from escape_game.ui.scenes.puzzles.base import Panel
from escape_game.ui.scenes.puzzles.choices import draw_options

if TYPE_CHECKING:
    from escape_game.ui.scenes.puzzle import PuzzleScene


class MultipleChoicePanel(Panel[MultipleChoice]):
    model = MultipleChoice

    def answer(self, scene: PuzzleScene, puzzle: MultipleChoice) -> Answer:
        return Answer(puzzle=puzzle.id, choices=tuple(scene.choices))

    def ready(self, scene: PuzzleScene, puzzle: MultipleChoice) -> bool:
        return bool(scene.choices)

    def draw(self, scene: PuzzleScene, puzzle: MultipleChoice, p: Painter,
             body: pygame.Rect) -> int:
        body = body.copy()
        body.top += p.paragraph(scene.app.t("puzzle.pick_all"), pygame.Rect(body.left, body.top,
                                                                  body.width, 10**6),
                                "small", p.theme.muted) + p.px(4)
        return draw_options(scene, p, body, puzzle.options, multiple=True)
