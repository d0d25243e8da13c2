"""The pause menu: game time stops; resume, save, load, settings, or quit to the title."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import centered
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App


class PauseScene(Scene):
    modal = True

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.focus.key = "resume"

    def save(self) -> None:
        self.app.flow.save()

    def load(self) -> None:
        self.app.flow.load()

    def settings(self) -> None:
        from escape_game.ui.scenes.settings import SettingsScene

        self.app.scenes.push(SettingsScene(self.app))

    def quit_to_title(self) -> None:
        self.app.flow.close()
        self.app.flow.to_title()

    def draw(self, p: Painter) -> None:
        items = [("resume", self.app.t("pause.resume"), "ui/play", self.back),
                 ("save", self.app.t("pause.save"), "items/envelope", self.save),
                 ("load", self.app.t("pause.load"), "items/scroll", self.load),
                 ("settings", self.app.t("title.settings"), "ui/settings", self.settings),
                 ("quit", self.app.t("pause.quit"), "ui/home", self.quit_to_title)]
        if not self.app.flow.has_save():
            items = [item for item in items if item[0] != "load"]
        width = min(p.px(520), p.view_w - p.px(40))
        inner_w = width - p.px(60)
        buttons = [p.sized(Widget(key, label, pygame.Rect(0, 0, inner_w, 0), action, icon=icon,
                                  style="primary" if key == "resume" else "normal"))
                   for key, label, icon, action in items]
        heights = [b.rect.height for b in buttons]
        head = p.measure(self.app.t("pause.title"), inner_w, "heading", bold=True)
        height = p.px(24) + head + p.px(20) + sum(heights) + p.px(12) * len(items) + p.px(18)
        box = centered(p, width, height)
        p.panel(box)
        y = box.top + p.px(24)
        y += p.paragraph(self.app.t("pause.title"),
                         pygame.Rect(box.left + p.px(30), y, inner_w, 10**6),
                         "heading", p.theme.accent, bold=True, align="center") + p.px(20)
        for button in buttons:
            button.rect.topleft = (box.left + p.px(30), y)
            self.add(button)
            y += button.rect.height + p.px(12)
