"""One option to pick; a wrong one may carry its own feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from escape_game.core.actions import Answer
from escape_game.model import SingleChoice, Text
from escape_game.ui.draw import Painter
from escape_game.ui.scenes.puzzles.base import Panel
from escape_game.ui.scenes.puzzles.choices import draw_options

if TYPE_CHECKING:
    from escape_game.ui.scenes.puzzle import PuzzleScene


class SingleChoicePanel(Panel[SingleChoice]):
    model = SingleChoice

    def answer(self, scene: PuzzleScene, puzzle: SingleChoice) -> Answer:
        return Answer(puzzle=puzzle.id, choice=scene.choice)

    def ready(self, scene: PuzzleScene, puzzle: SingleChoice) -> bool:
        return scene.choice is not None

    def feedback(self, scene: PuzzleScene, puzzle: SingleChoice) -> Text | None:
        return next((o.message for o in puzzle.options if o.id == scene.choice), None)

    def draw(self, scene: PuzzleScene, puzzle: SingleChoice, p: Painter,
             body: pygame.Rect) -> int:
        return draw_options(scene, p, body, puzzle.options, multiple=False)
