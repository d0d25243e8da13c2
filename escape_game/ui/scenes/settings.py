"""Accessibility and display settings; every change applies at once and is saved."""

from __future__ import annotations

from functools import partial

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.i18n import language_name, t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import button_height, row, title_bar
from escape_game.ui.settings import TEXT_SCALES, TEXT_SPEEDS
from escape_game.ui.widgets import Widget

TOGGLES = ("high_contrast", "dyslexic_font", "colour_blind", "reduced_motion", "no_timers",
           "fullscreen")


class SettingsScene(Scene):
    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.focus.key = "back"

    def change(self, **values: object) -> None:
        self.app.apply_settings(self.app.settings.with_(**values))

    def toggle(self, name: str) -> None:
        self.change(**{name: not getattr(self.app.settings, name)})

    def draw(self, p: Painter) -> None:
        w, h = p.surface.get_size()
        th = p.theme
        s = self.app.settings
        p.surface.fill(th.background)
        y = title_bar(p, t("settings.title"), t("settings.intro"))
        bh = button_height(p)
        left = p.px(40)
        full_w = min(w - p.px(80), p.px(1200))
        label_w = min(p.px(300), full_w // 3)
        gap = p.px(12)

        def label(text: str, top: int) -> None:
            p.text(text, (left, top + bh // 2), "body", th.text, bold=True, anchor="midleft")

        label(t("settings.language"), y)
        campaign = self.app.flow.campaign
        langs = list(campaign.languages) if campaign is not None else ["en", "fr"]
        for lang, rect in zip(langs, row(left + label_w, y, full_w - label_w, bh, gap,
                                         len(langs)), strict=True):
            self.add(Widget(f"lang_{lang}", language_name(lang), rect,
                            partial(self.change, language=lang), kind="option",
                            selected=(s.language or "en") == lang))
        y += bh + gap
        label(t("settings.text_size"), y)
        for i, rect in enumerate(row(left + label_w, y, full_w - label_w, bh, gap,
                                     len(TEXT_SCALES))):
            self.add(Widget(f"size_{i}", t(f"settings.size_{i}"), rect,
                            partial(self.change, text_size=i), kind="option",
                            selected=s.text_size == i))
        y += bh + gap
        label(t("settings.text_speed"), y)
        speeds = list(TEXT_SPEEDS)
        for speed, rect in zip(speeds, row(left + label_w, y, full_w - label_w, bh, gap,
                                           len(speeds)), strict=True):
            self.add(Widget(f"speed_{speed}", t(f"settings.speed_{speed}"), rect,
                            partial(self.change, text_speed=speed), kind="option",
                            selected=s.text_speed == speed))
        y += bh + gap * 2
        cols = 2 if w >= p.px(900) else 1
        rects: list[pygame.Rect] = []
        for _ in range(0, len(TOGGLES), cols):
            rects += row(left, y, full_w, bh, gap, cols)
            y += bh + gap
        for name, rect in zip(TOGGLES, rects, strict=False):
            self.add(Widget(name, t(f"settings.{name}"), rect,
                            partial(self.toggle, name), kind="toggle",
                            selected=bool(getattr(s, name))))
        y += gap
        self.add(Widget("back", t("common.done"), pygame.Rect(left, min(y, h - bh - p.px(16)),
                                                              p.px(260), bh),
                        self.back, style="primary", icon="ui/check"))
