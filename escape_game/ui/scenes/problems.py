"""Shown instead of the game when the level cannot be loaded: the loader's problems, readable."""

from __future__ import annotations

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.i18n import t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import button_height, title_bar
from escape_game.ui.widgets import Widget


class ProblemsScene(Scene):
    def __init__(self, app: object, problems: list[str]) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.problems = problems or [t("problems.unknown")]
        self.focus.key = "quit"

    def back(self) -> None:
        self.app.flow.quit()

    def draw(self, p: Painter) -> None:
        w, h = p.surface.get_size()
        y = title_bar(p, t("problems.title"), t("problems.intro"))
        bh = button_height(p)
        box = pygame.Rect(p.px(40), y, w - p.px(80), h - y - bh - p.px(60))
        p.panel(box)
        inner = box.inflate(-p.px(30), -p.px(30))
        top = inner.top
        for problem in self.problems[:30]:
            used = p.paragraph(problem, pygame.Rect(inner.left, top, inner.width,
                                                    inner.bottom - top), "small", p.theme.text)
            top += used + p.px(6)
            if top >= inner.bottom:
                break
        self.add(Widget("quit", t("title.quit"), pygame.Rect(p.px(40), h - bh - p.px(30),
                                                             p.px(240), bh),
                        self.back, style="primary", icon="ui/close"))
