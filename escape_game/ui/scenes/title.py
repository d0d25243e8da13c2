"""The first screen: the campaign's title, language choice, play, continue, settings, quit."""

from __future__ import annotations

from functools import partial

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.i18n import language_name, t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import button_height, column, row
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
        w, h = p.surface.get_size()
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
        y = band.bottom + p.px(36)
        p.text(t("app.title"), (left, y), "title", th.accent, bold=True)
        y += p.line_height("title")
        title = flow.tr(flow.campaign.title)
        p.text(title, (left, y), "heading", th.text, bold=True)
        y += p.line_height("heading") + p.px(10)
        text_w = int(w * 0.5) - left
        if flow.campaign.description:
            y += p.paragraph(flow.tr(flow.campaign.description),
                             pygame.Rect(left, y, text_w, p.px(220)), "body", th.muted)
        y += p.px(16)
        p.text(t("title.language"), (left, y), "body", th.text, bold=True)
        y += p.line_height("body") + p.px(6)
        bh = button_height(p)
        langs = self.languages()
        for lang, rect in zip(langs, row(left, y, min(text_w, p.px(200) * len(langs)), bh,
                                         p.px(12), len(langs)), strict=True):
            self.add(Widget(f"lang_{lang}", language_name(lang), rect,
                            partial(self.set_language, lang), kind="option",
                            selected=flow.lang == lang, icon="ui/language"))
        # a glimpse of the first room
        y += bh + p.px(24)
        space = pygame.Rect(left, y, text_w, h - p.px(80) - y)
        start = next((r for r in flow.campaign.rooms if r.id == flow.campaign.start.room), None)
        picture = start.background if start is not None and start.background else "rooms/hall"
        surf = p.images.get(picture, space.size) if space.height > p.px(80) else None
        if surf is not None:
            rect = surf.get_rect(topleft=space.topleft)
            p.surface.blit(surf, rect)
            pygame.draw.rect(p.surface, th.panel_border, rect, p.px(3), border_radius=p.px(8))
        # the main actions on the right
        col_w = min(p.px(420), int(w * 0.38))
        col_x = w - col_w - p.px(60)
        items: list[tuple[str, str, str, object]] = [("play", t("title.play"), "ui/play",
                                                      flow.begin)]
        if self.has_save:
            items.append(("continue", t("title.continue"), "ui/forward",
                          flow.continue_saved))
        items += [("settings", t("title.settings"), "ui/settings", self.open_settings),
                  ("quit", t("title.quit"), "ui/close", flow.quit)]
        top = max(band.bottom + p.px(40), (h - len(items) * (bh + p.px(16))) // 2 + p.px(40))
        for (key, label, icon, action), rect in zip(
                items, column(col_x, top, col_w, bh, p.px(16), len(items)), strict=True):
            self.add(Widget(key, label, rect, action, icon=icon,  # type: ignore[arg-type]
                            style="primary" if key == "play" else "normal"))
        hint = t("title.keys")
        p.paragraph(hint, pygame.Rect(left, h - p.px(60), w - 2 * left, p.px(50)), "small",
                    th.muted)
