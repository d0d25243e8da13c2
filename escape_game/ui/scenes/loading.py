"""The first frame: the window opens at once, then the level is read behind this screen."""

from __future__ import annotations

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene


class LoadingScene(Scene):
    def on_update(self, dt_ms: int) -> None:
        super().on_update(dt_ms)
        loader = self.app.options.loader
        if loader is None or self.app.frames < 2:
            return  # let the first frame reach the screen before the slow part
        self.app.options.loader = None
        level, problems = loader()
        self.app.level_loaded(level, problems)

    def back(self) -> None:
        self.app.flow.quit()

    def draw(self, p: Painter) -> None:
        w, h = p.view_w, p.view_h
        p.image("ui/app_icon", pygame.Rect(w // 2 - p.px(64), h // 2 - p.px(120), p.px(128),
                                           p.px(128)))
        p.text(self.app.t("app.title"), (w // 2, h // 2 + p.px(20)), "title", p.theme.accent,
               bold=True, anchor="midtop")
        p.text(self.app.t("loading"), (w // 2, h // 2 + p.px(20) + p.line_height("title")), "body",
               p.theme.muted, anchor="midtop")
