"""The end of the rooms: escaped or not, then on to the post-quiz."""

from __future__ import annotations

from typing import Any

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.i18n import t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import button_height, centered
from escape_game.ui.widgets import Widget


class EndingScene(Scene):
    modal = True

    def __init__(self, app: Any) -> None:
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
        bh = button_height(p)
        box = centered(p, p.px(720), p.px(420))
        p.panel(box)
        icon = "items/trophy" if outcome == "escaped" else "items/hourglass_done"
        p.image(icon, pygame.Rect(box.centerx - p.px(60), box.top + p.px(24), p.px(120),
                                  p.px(120)))
        y = box.top + p.px(160)
        p.text(t(f"ending.{outcome}"), (box.centerx, y), "heading", p.theme.accent, bold=True,
               anchor="midtop")
        y += p.line_height("heading") + p.px(10)
        if ended is not None:
            p.paragraph(t("ending.summary", score=ended.score,
                          money=self.app.flow.money(ended.money), wellbeing=ended.wellbeing),
                        pygame.Rect(box.left + p.px(30), y, box.width - p.px(60), p.px(100)),
                        "large", p.theme.text, align="center")
        self.add(Widget("continue", t("ending.continue"),
                        pygame.Rect(box.centerx - p.px(170), box.bottom - bh - p.px(24),
                                    p.px(340), bh), self.go_on, style="primary",
                        icon="ui/forward"))
