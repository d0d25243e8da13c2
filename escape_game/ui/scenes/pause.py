"""The pause menu: game time stops; resume, save, load, settings, or quit to the title."""

from __future__ import annotations

from typing import Any

from escape_game.ui.draw import Painter
from escape_game.ui.i18n import t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import button_height, centered, column
from escape_game.ui.widgets import Widget


class PauseScene(Scene):
    modal = True

    def __init__(self, app: Any) -> None:
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
        bh = button_height(p)
        items = [("resume", t("pause.resume"), "ui/play", self.back),
                 ("save", t("pause.save"), "items/envelope", self.save),
                 ("load", t("pause.load"), "items/scroll", self.load),
                 ("settings", t("title.settings"), "ui/settings", self.settings),
                 ("quit", t("pause.quit"), "ui/home", self.quit_to_title)]
        height = p.px(90) + len(items) * (bh + p.px(12))
        box = centered(p, p.px(460), height)
        p.panel(box)
        p.text(t("pause.title"), (box.centerx, box.top + p.px(20)), "heading", p.theme.accent,
               bold=True, anchor="midtop")
        rects = column(box.left + p.px(30), box.top + p.px(80), box.width - p.px(60), bh,
                       p.px(12), len(items))
        for (key, label, icon, action), rect in zip(items, rects, strict=True):
            if key == "load" and not self.app.flow.has_save():
                continue
            self.add(Widget(key, label, rect, action, icon=icon,
                            style="primary" if key == "resume" else "normal"))
