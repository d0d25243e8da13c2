"""The first screen: the campaign's title, language choice, play, continue, settings, quit."""

from __future__ import annotations

from functools import partial
from typing import Any

import pygame

from escape_game.locales import language_name
from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import buttons_flow
from escape_game.ui.widgets import Widget

DECOR = ("threats/fire", "potions/potion_blue", "threats/theft", "potions/potion_red",
         "threats/illness", "potions/potion_green", "threats/storm", "potions/first_aid_kit")


class TitleScene(Scene):
    def on_enter(self) -> None:
        self.has_save = self.app.flow.has_save()
        if self.focus.key is None:
            self.focus.key = "play"

    def languages(self) -> list[str]:
        """The campaign's languages: the UI falls back to English where it has no locale."""
        return list(self.app.flow.campaign.languages)

    def set_language(self, lang: str) -> None:
        self.app.apply_settings(self.app.settings.with_(language=lang))

    def open_settings(self) -> None:
        from escape_game.ui.scenes.settings import SettingsScene

        self.app.scenes.push(SettingsScene(self.app))

    def back(self) -> None:
        self.app.flow.quit()

    def draw(self, p: Painter) -> None:
        w, h = p.view_w, p.view_h
        th = p.theme
        flow = self.app.flow
        # decorative band of threats and potions: the game's two sides
        band = pygame.Rect(0, 0, w, p.px(120))
        pygame.draw.rect(p.surface, th.panel, band)
        size = p.px(84)
        count = max(1, w // (size + p.px(40)))
        for i in range(count):
            ref = DECOR[i % len(DECOR)]
            x = p.px(20) + i * (w - p.px(40)) // count
            p.image(ref, pygame.Rect(x, p.px(18), size, size))
        pygame.draw.line(p.surface, th.accent, (0, band.bottom), (w, band.bottom), p.px(4))
        left = p.px(60)
        # two columns when both fit side by side, else one below the other
        col_w = min(p.px(420), int(w * 0.38))
        two = w - col_w - p.px(60) - left >= p.px(360)
        text_w = (w - col_w - p.px(60) - left - p.px(40)) if two else w - 2 * left
        y = band.bottom + p.px(36)
        y += p.paragraph(self.app.t("app.title"), pygame.Rect(left, y, text_w, 10**6), "title",
                         th.accent, bold=True)
        y += p.paragraph(flow.tr(flow.campaign.title), pygame.Rect(left, y, text_w, 10**6),
                         "heading", th.text, bold=True) + p.px(10)
        if flow.campaign.description:
            y += p.paragraph(flow.tr(flow.campaign.description),
                             pygame.Rect(left, y, text_w, 10**6), "body", th.muted)
        y += p.px(16)
        # the main actions: on the right, or under the texts in one column
        items: list[tuple[str, str, str, Any]] = [("play", self.app.t("title.play"), "ui/play",
                                                   flow.begin)]
        if self.has_save:
            items.append(("continue", self.app.t("title.continue"), "ui/forward",
                          flow.continue_saved))
        items += [("settings", self.app.t("title.settings"), "ui/settings", self.open_settings),
                  ("quit", self.app.t("title.quit"), "ui/close", flow.quit)]
        if not two:
            col_w = min(text_w, p.px(520))
        buttons = [p.sized(Widget(key, label, pygame.Rect(0, 0, col_w, 0), action, icon=icon,
                                  style="primary" if key == "play" else "normal"))
                   for key, label, icon, action in items]
        if two:
            col_x = w - col_w - p.px(60)
            total = sum(b.rect.height for b in buttons) + p.px(16) * (len(items) - 1)
            top = max(band.bottom + p.px(40), (h - total) // 2 + p.px(40))
        else:
            col_x, top = left, y
        for button in buttons:
            button.rect.topleft = (col_x, top)
            self.add(button)
            top += button.rect.height + p.px(16)
        if not two:
            y = top + p.px(8)
        p.text(self.app.t("title.language"), (left, y), "body", th.text, bold=True)
        y += p.line_height("body") + p.px(6)
        langs = self.languages()
        options = [Widget(f"lang_{lang}", language_name(lang), pygame.Rect(0, 0, 0, 0),
                          partial(self.set_language, lang), kind="option", group="language",
                          selected=flow.lang == lang, icon="ui/language") for lang in langs]
        buttons_flow(p, options, left, y, min(text_w, p.px(220) * len(langs)), p.px(180),
                     p.px(12))
        for option in options:
            self.add(option)
            y = option.rect.bottom
        y += p.px(24)
        hint = self.app.t("title.keys")
        hint_h = p.measure(hint, w - 2 * left, "small")
        # a glimpse of the first room, in the room left above the keys' hint
        space = pygame.Rect(left, y, text_w, h - hint_h - p.px(40) - y)
        start = next((r for r in flow.campaign.rooms if r.id == flow.campaign.start.room), None)
        picture = start.background if start is not None and start.background else "rooms/hall"
        surf = p.images.get(picture, space.size) if space.height > p.px(80) else None
        if surf is not None:
            rect = surf.get_rect(topleft=space.topleft)
            p.surface.blit(surf, rect)
            pygame.draw.rect(p.surface, th.panel_border, rect, p.px(3), border_radius=p.px(8))
            y = rect.bottom
        y = max(y + p.px(16), top, h - hint_h - p.px(24))
        p.paragraph(hint, pygame.Rect(left, y, w - 2 * left, 10**6), "small", th.muted)
