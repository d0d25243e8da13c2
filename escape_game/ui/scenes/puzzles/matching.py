"""Each left entry paired with a right one, cycled through by clicking."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from escape_game.core.actions import Answer
from escape_game.model import Matching
from escape_game.ui.draw import Painter
from escape_game.ui.scenes.puzzles.base import Panel
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.scenes.puzzle import PuzzleScene


def cycle(scene: PuzzleScene, puzzle: Matching, left: str) -> None:
    rights = [r.id for r in puzzle.right]
    current = scene.pairs.get(left)
    index = rights.index(current) + 1 if current in rights else 0
    scene.pairs[left] = rights[index % len(rights)]


class MatchingPanel(Panel[Matching]):
    model = Matching

    def answer(self, scene: PuzzleScene, puzzle: Matching) -> Answer:
        return Answer(puzzle=puzzle.id, pairs=dict(scene.pairs))

    def ready(self, scene: PuzzleScene, puzzle: Matching) -> bool:
        return len(scene.pairs) == len(puzzle.left)

    def draw(self, scene: PuzzleScene, puzzle: Matching, p: Painter, body: pygame.Rect) -> int:
        rights = {r.id: scene.flow.tr(r.text) for r in puzzle.right}
        y = body.top
        width = min(body.width, p.px(1100))
        side = width >= p.px(700)
        half = width // 2 if side else width
        for left in puzzle.left:
            current = scene.pairs.get(left.id)
            label = (rights[current] if current else scene.app.t("puzzle.choose")) + "  ▾"
            fact = scene.flow.tr(left.text)
            text_w = (half - p.px(48)) if side else width
            fact_h = p.measure(fact, text_w - p.px(24)) + p.px(16)
            choice_w = half if side else width
            choice_h = max(p.button_height(label, choice_w, icon=False),
                           *(p.button_height(x + "  ▾", choice_w, icon=False)
                             for x in rights.values()))
            height = max(fact_h, choice_h) if side else fact_h
            rect = pygame.Rect(body.left, y, text_w, height)
            p.panel(rect, p.theme.background)
            p.paragraph(fact, pygame.Rect(rect.left + p.px(12), rect.top + p.px(8),
                                          rect.width - p.px(24), 10**6), "body", p.theme.text)
            if side:
                p.text("→", (rect.right + p.px(24), rect.centery), "large", p.theme.accent,
                       anchor="center")
                choice = pygame.Rect(body.left + half, y, half, height)
            else:
                choice = pygame.Rect(body.left, rect.bottom + p.px(6), width, choice_h)
            scene.add(Widget(f"match_{left.id}", label, choice,
                             partial(cycle, scene, puzzle, left.id),
                             selected=current is not None, kind="option",
                             extra={"check": False}))
            y = max(rect.bottom, choice.bottom) + p.px(12)
        return y + p.paragraph(scene.app.t("puzzle.match_help"),
                               pygame.Rect(body.left, y, width, 10**6), "small", p.theme.muted)
