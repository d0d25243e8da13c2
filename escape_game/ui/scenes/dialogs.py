"""Small modal dialogs: a level's message, a confirmation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import centered
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App


class MessageScene(Scene):
    """A level message; it types out at the chosen text speed (a key shows it all)."""

    modal = True

    def __init__(self, app: App, text: str, icon: str = "items/scroll") -> None:
        super().__init__(app)
        self.text = text
        self.icon = icon
        self.focus.key = "ok"

    def shown_chars(self) -> int | None:
        cps = self.app.settings.chars_per_second
        if cps <= 0:
            return None
        shown = self.age_ms * cps // 1000
        return None if shown >= len(self.text) else shown

    def ok(self) -> None:
        if self.shown_chars() is not None:
            self.age_ms = 10**9  # first press shows the whole text
            return
        self.back()

    def draw(self, p: Painter) -> None:
        width = min(p.px(800), p.view_w - p.px(40))
        icon = min(p.px(88), width // 5)
        text_x = p.px(24) + icon + p.px(18)
        text_w = width - text_x - p.px(24)
        bw = min(p.px(220), width - p.px(48))
        ok = p.sized(Widget("ok", self.app.t("common.ok"), pygame.Rect(0, 0, bw, 0), self.ok,
                            style="primary", icon="ui/check"))
        bh = ok.rect.height
        text_h = p.measure(self.text, text_w, "large")
        height = p.px(24) + max(text_h, icon) + p.px(20) + bh + p.px(20)
        box = centered(p, width, height)
        p.panel(box)
        p.image(self.icon, pygame.Rect(box.left + p.px(24), box.top + p.px(24), icon, icon))
        p.paragraph(self.text, pygame.Rect(box.left + text_x, box.top + p.px(24), text_w, 10**6),
                    "large", p.theme.text, limit_chars=self.shown_chars())
        ok.rect.topleft = (box.right - bw - p.px(24), box.bottom - bh - p.px(20))
        self.add(ok)
