"""Small modal dialogs: a level's message, a confirmation."""

from __future__ import annotations

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.i18n import t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import button_height, centered
from escape_game.ui.widgets import Widget


class MessageScene(Scene):
    """A level message; it types out at the chosen text speed (a key shows it all)."""

    modal = True

    def __init__(self, app: object, text: str, icon: str = "items/scroll") -> None:
        super().__init__(app)  # type: ignore[arg-type]
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
        bh = button_height(p)
        width = min(p.px(760), p.surface.get_width() - p.px(40))
        text_w = width - p.px(150)
        height = p.measure(self.text, text_w, "large") + bh + p.px(80)
        box = centered(p, width, max(height, p.px(220)))
        p.panel(box)
        p.image(self.icon, pygame.Rect(box.left + p.px(24), box.top + p.px(24), p.px(88),
                                       p.px(88)))
        p.paragraph(self.text, pygame.Rect(box.left + p.px(130), box.top + p.px(24), text_w,
                                           box.height - bh - p.px(50)), "large", p.theme.text,
                    limit_chars=self.shown_chars())
        self.add(Widget("ok", t("common.ok"), pygame.Rect(box.right - p.px(220),
                                                          box.bottom - bh - p.px(20),
                                                          p.px(200), bh),
                        self.ok, style="primary", icon="ui/check"))
