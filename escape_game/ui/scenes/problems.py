"""Shown instead of the game when the level cannot be loaded: the loader's problems, readable."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import title_bar
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App


class ProblemsScene(Scene):
    def __init__(self, app: App, problems: list[str]) -> None:
        super().__init__(app)
        self.problems = problems or [self.app.t("problems.unknown")]
        self.focus.key = "quit"

    def back(self) -> None:
        self.app.flow.quit()

    def draw(self, p: Painter) -> None:
        w = p.view_w
        y = title_bar(p, self.app.t("problems.title"), self.app.t("problems.intro"))
        inner_w = w - p.px(110)
        top = y + p.px(15)
        for problem in self.problems:
            top += p.paragraph(problem, pygame.Rect(p.px(55), top, inner_w, 10**6), "small",
                               p.theme.text) + p.px(6)
        label = self.app.t("title.quit")
        width = min(p.px(260), w - p.px(80))
        self.add(p.sized(Widget("quit", label, pygame.Rect(p.px(40), top + p.px(24), width, 0),
                                self.back, style="primary", icon="ui/close")))
