"""The potion shop: products side by side, fine print on demand, buy or say no thanks."""

from __future__ import annotations

from functools import partial
from typing import Any

import pygame

from escape_game.core.actions import BuyPotion, DeclinePotion
from escape_game.ui.draw import Painter
from escape_game.ui.i18n import t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.comparison import draw_table
from escape_game.ui.scenes.layout import button_height
from escape_game.ui.widgets import Widget


class ShopScene(Scene):
    modal = True
    time_flows = True

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.flow = app.flow
        self.focus.key = "close"

    def buy(self, potion_id: str) -> None:
        self.flow.act(BuyPotion(potion=potion_id))

    def decline(self, potion_id: str) -> None:
        self.flow.act(DeclinePotion(potion=potion_id))

    def fine_print(self, potion_id: str) -> None:
        from escape_game.ui.scenes.dialogs import MessageScene

        potion = self.flow.session.level.potions[potion_id]
        lines = [self.flow.tr(potion.fine_print)] if potion.fine_print else []
        lines += [f"• {self.flow.tr(x.text)}" for x in potion.exclusions]
        text = "\n".join(lines) or t("shop.no_fine_print")
        self.app.scenes.push(MessageScene(self.app, text, icon="items/magnifier"))

    def draw(self, p: Painter) -> None:
        session = self.flow.session
        if session is None:
            return
        w, h = p.surface.get_size()
        th = p.theme
        state = session.state
        potions = list(session.room.shop)
        owned = state.owned_ids
        bh = button_height(p)
        box = pygame.Rect(p.px(30), p.px(24), w - p.px(60), h - p.px(48))
        p.panel(box)
        inner = box.inflate(-p.px(36), -p.px(30))
        p.image("items/shopping_cart", pygame.Rect(inner.left, inner.top, p.px(48), p.px(48)))
        p.text(t("shop.title"), (inner.left + p.px(60), inner.top), "heading", th.accent,
               bold=True)
        p.text(t("shop.wallet", money=self.flow.money(state.money)),
               (inner.right, inner.top + p.px(8)), "body", th.text, bold=True, anchor="topright")
        y = inner.top + p.line_height("heading") + p.px(4)
        y += p.paragraph(t("shop.advice"), pygame.Rect(inner.left, y, inner.width, p.px(80)),
                         "small", th.muted) + p.px(8)
        buttons_h = 3 * (bh + p.px(8))
        table = pygame.Rect(inner.left, y, inner.width,
                            inner.bottom - y - buttons_h - bh - p.px(16))
        columns = draw_table(p, self.flow, potions, table)
        for potion, col in zip(potions, columns, strict=True):
            by = table.bottom + p.px(8)
            if potion.slogan:
                p.text(p.fit_text(t("shop.slogan", text=self.flow.tr(potion.slogan)), col.width),
                       (col.centerx, table.bottom - p.line_height("small") - p.px(4)), "small",
                       th.warn, anchor="midtop")
            if potion.id in owned:
                p.image("ui/check", pygame.Rect(col.left, by, p.px(36), p.px(36)))
                p.text(t("shop.owned"), (col.left + p.px(44), by + p.px(18)), "body", th.good,
                       bold=True, anchor="midleft")
            else:
                self.add(Widget(f"buy_{potion.id}", t("shop.buy",
                                                      price=self.flow.money(potion.premium)),
                                pygame.Rect(col.left, by, col.width, bh),
                                partial(self.buy, potion.id), style="primary",
                                icon="ui/coin"))
            by += bh + p.px(8)
            self.add(Widget(f"fine_{potion.id}", t("shop.fine_print"),
                            pygame.Rect(col.left, by, col.width, bh),
                            partial(self.fine_print, potion.id), icon="items/magnifier"))
            by += bh + p.px(8)
            if potion.id not in owned:
                declined = potion.id in state.declined_potions
                self.add(Widget(f"decline_{potion.id}", t("shop.declined") if declined
                                else t("shop.decline"), pygame.Rect(col.left, by, col.width, bh),
                                partial(self.decline, potion.id), enabled=not declined,
                                icon="ui/close"))
        self.add(Widget("close", t("shop.leave"),
                        pygame.Rect(inner.right - p.px(280), inner.bottom - bh, p.px(280), bh),
                        self.back, icon="ui/back"))
