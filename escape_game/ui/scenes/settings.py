"""Accessibility and display settings; every change applies at once and is saved."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from escape_game.locales import language_name, spoken
from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import buttons_flow, title_bar
from escape_game.ui.settings import SOUND_MODES, TEXT_SCALES, TEXT_SPEEDS
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App

#: the volumes offered, in percent (70, the default, among them): one row of choices
VOLUMES = (0, 35, 70, 100)
TOGGLES = ("high_contrast", "dyslexic_font", "colour_blind", "reduced_motion", "no_timers",
           "fullscreen")


class SettingsScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.focus.key = "back"

    def change(self, **values: object) -> None:
        self.app.apply_settings(self.app.settings.with_(**values))

    def toggle(self, name: str) -> None:
        self.change(**{name: not getattr(self.app.settings, name)})

    def draw(self, p: Painter) -> None:
        w = p.view_w
        th = p.theme
        s = self.app.settings
        y = title_bar(p, self.app.t("settings.title"), self.app.t("settings.intro"))
        left = p.px(40)
        full_w = min(w - p.px(80), p.px(1200))
        gap = p.px(12)
        side = full_w >= p.px(900)  # captions beside the choices, or above them
        label_w = min(p.px(300), full_w // 3) if side else 0

        def choices(caption: str, keys: list[tuple[str, str, dict[str, object], bool]],
                    top: int, group: str) -> int:
            if not side:
                top += p.paragraph(caption, pygame.Rect(left, top, full_w, 10**6), "body",
                                   th.text, bold=True) + p.px(4)
            options = [Widget(key, label, pygame.Rect(0, 0, 0, 0),
                              partial(self.change, **values), kind="option", group=group,
                              selected=selected) for key, label, values, selected in keys]
            rects = buttons_flow(p, options, left + label_w, top, full_w - label_w, p.px(170),
                                 gap)
            if side:
                p.paragraph(caption, pygame.Rect(left, top + p.px(8), label_w - gap, 10**6),
                            "body", th.text, bold=True)
            for option in options:
                self.add(option)
            return max(r.bottom for r in rects) + gap

        campaign = self.app.flow.campaign
        langs = list(campaign.languages if campaign is not None else spoken())
        y = choices(self.app.t("settings.language"),
                    [(f"lang_{x}", language_name(x), {"language": x}, (s.language or "en") == x)
                     for x in langs], y, "language")
        y = choices(self.app.t("settings.text_size"),
                    [(f"size_{i}", self.app.t(f"settings.size_{i}"), {"text_size": i},
                      s.text_size == i)
                     for i in range(len(TEXT_SCALES))], y, "size")
        y = choices(self.app.t("settings.text_speed"),
                    [(f"speed_{x}", self.app.t(f"settings.speed_{x}"), {"text_speed": x},
                      s.text_speed == x) for x in TEXT_SPEEDS], y, "speed")
        y = choices(self.app.t("settings.sound"),
                    [(f"sound_{x}", self.app.t(f"settings.sound_{x}"), {"sound": x}, s.sound == x)
                     for x in SOUND_MODES], y, "sound")
        y = choices(self.app.t("settings.volume"),
                    [(f"volume_{n}", self.app.t("settings.volume_n", n=n), {"volume": n},
                      s.volume == n)
                     for n in VOLUMES], y, "volume")
        y += gap
        toggles = [Widget(name, self.app.t(f"settings.{name}"), pygame.Rect(0, 0, 0, 0),
                          partial(self.toggle, name), kind="toggle",
                          selected=bool(getattr(s, name))) for name in TOGGLES]
        rects = buttons_flow(p, toggles, left, y, full_w, p.px(420), gap)
        for toggle in toggles:
            self.add(toggle)
        y = max(r.bottom for r in rects) + gap * 2
        done = self.app.t("common.done")
        width = min(full_w, p.px(320))
        self.add(Widget("back", done, pygame.Rect(left, y, width, p.button_height(done, width)),
                        self.back, style="primary", icon="ui/check"))
