"""The end of the rooms: escaped or not, then on to the post-quiz."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import centered
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App


class EndingScene(Scene):
    modal = True

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.focus.key = "continue"

    def back(self) -> None:
        """The game is over: Esc continues like the button."""
        self.go_on()

    def go_on(self) -> None:
        self.app.flow.game_over_seen()

    def draw(self, p: Painter) -> None:
        ended = self.app.flow.ended
        outcome = ended.outcome if ended is not None else "quit"
        width = min(p.px(760), p.view_w - p.px(40))
        inner_w = width - p.px(60)
        label = self.app.t("ending.continue")
        bw = min(p.px(340), inner_w)
        button = p.sized(Widget("continue", label, pygame.Rect(0, 0, bw, 0), self.go_on,
                                style="primary", icon="ui/forward"))
        bh = button.rect.height
        heading = self.app.t(f"ending.{outcome}")
        summary = (self.app.t("ending.summary", score=ended.score,
                              money=self.app.flow.money(ended.money),
                              wellbeing=ended.wellbeing) if ended is not None else "")
        pic = p.px(120)
        height = (p.px(24) + pic + p.px(16) + p.measure(heading, inner_w, "heading", bold=True)
                  + p.px(10) + p.measure(summary, inner_w, "large") + p.px(20) + bh + p.px(24))
        box = centered(p, width, height)
        p.panel(box)
        icon = "items/trophy" if outcome == "escaped" else "items/hourglass_done"
        p.image(icon, pygame.Rect(box.centerx - pic // 2, box.top + p.px(24), pic, pic))
        y = box.top + p.px(24) + pic + p.px(16)
        y += p.paragraph(heading, pygame.Rect(box.left + p.px(30), y, inner_w, 10**6), "heading",
                         p.theme.accent, bold=True, align="center") + p.px(10)
        if summary:
            y += p.paragraph(summary, pygame.Rect(box.left + p.px(30), y, inner_w, 10**6),
                             "large", p.theme.text, align="center")
        button.rect.topleft = (box.centerx - bw // 2, y + p.px(20))
        self.add(button)
