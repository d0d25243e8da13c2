"""The potion shop: products side by side, fine print on demand, buy or say no thanks.

Buying asks first (the price and the money left); a purchase of this visit can be
cancelled, premium refunded, for as long as the core allows (the cooling-off right).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from escape_game.core.actions import BuyPotion, CancelPurchase, DeclinePotion
from escape_game.ui.draw import Painter
from escape_game.ui.scene import GameScene
from escape_game.ui.scenes.comparison import draw_comparison
from escape_game.ui.scenes.layout import buttons_flow
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App
    from escape_game.ui.session import GameSession


class ShopScene(GameScene):
    modal = True
    time_flows = True

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.focus.key = "close"
        self._content_bottom = 0
        #: a bought potion flying into the bag: (its picture, the flight)
        self.flight: tuple[str, Any] | None = None

    def buy(self, potion_id: str) -> None:
        """Ask first: the price, the money now and after."""
        from escape_game.ui.scenes.purchase import ConfirmBuyScene

        self.app.scenes.push(ConfirmBuyScene(self.app, potion_id, self.purchase))

    def purchase(self, potion_id: str) -> None:
        """Confirmed: buy, and the potion flies into the bag."""
        button = next((w for w in self.widgets if w.key == f"buy_{potion_id}"), None)
        self.flow.act(BuyPotion(potion=potion_id))
        self.focus.key = f"cancel_{potion_id}"
        session = self.flow.session
        if session is None or button is None or potion_id not in session.state.owned_ids:
            return
        potion = session.level.potions[potion_id]
        bag = (self.app.unit * 40, self.scroll + self.viewport.height - self.app.unit * 30)
        self.flight = (potion.image or "items/gift",
                       self.app.motion.flight((button.page_rect or button.rect).center, bag,
                                                 duration_ms=600))

    def cancel(self, potion_id: str) -> None:
        self.flow.act(CancelPurchase(potion=potion_id))
        self.focus.key = f"buy_{potion_id}"

    def decline(self, potion_id: str) -> None:
        self.flow.act(DeclinePotion(potion=potion_id))

    def fine_print(self, potion_id: str) -> None:
        from escape_game.ui.scenes.dialogs import MessageScene

        potion = self.flow.game.level.potions[potion_id]
        lines = [self.flow.tr(potion.fine_print)] if potion.fine_print else []
        lines += [f"• {self.flow.tr(x.text)}" for x in potion.exclusions]
        text = "\n".join(lines) or self.app.t("shop.no_fine_print")
        self.app.scenes.push(MessageScene(self.app, text, icon="items/magnifier"))

    def draw_game(self, p: Painter, session: GameSession) -> None:
        w, h = p.view_w, p.view_h
        th = p.theme
        state = session.state
        potions = list(session.room.shop)
        owned = state.owned_ids
        box = pygame.Rect(p.px(30), p.px(24), w - p.px(60), 0)
        box.height = max(h - p.px(48), self._content_bottom - box.top + p.px(20))
        p.panel(box)
        inner = box.inflate(-p.px(36), -p.px(30))
        p.image("items/shopping_cart", pygame.Rect(inner.left, inner.top, p.px(48), p.px(48)))
        # the way out first, at the top right: in view as the shop opens, however long the
        # products' table below it grows (it scrolls with the page)
        leave = self.app.t("shop.leave")
        leave_w = min(p.px(300), inner.width // 2)
        leave_h = self.add(p.sized(Widget("close", leave, pygame.Rect(
            inner.right - leave_w, inner.top, leave_w, 0), self.back, icon="ui/back"))).rect.height
        wallet = self.app.t("shop.wallet", money=self.flow.money(state.money))
        title_x = inner.left + p.px(60)
        title_w = inner.right - leave_w - p.px(20) - title_x
        y = inner.top + p.paragraph(self.app.t("shop.title"), pygame.Rect(
            title_x, inner.top, title_w, 10**6), "heading", th.accent, bold=True)
        y += p.paragraph(wallet, pygame.Rect(title_x, y, title_w, 10**6), "body", th.text,
                         bold=True)
        y = max(y, inner.top + leave_h, inner.top + p.px(48)) + p.px(8)
        y += p.paragraph(self.app.t("shop.advice"), pygame.Rect(inner.left, y, inner.width, 10**6),
                         "small", th.muted) + p.px(8)

        def actions(potion: Any, x: int, top: int, width: int, draw: bool) -> int:
            labels: list[tuple[str, str, Any, str, bool]] = []
            if potion.id not in owned:
                labels.append((f"buy_{potion.id}", self.app.t("shop.buy",
                                                              price=self.flow.money(potion.premium)),
                               partial(self.buy, potion.id), "ui/coin", True))
            labels.append((f"fine_{potion.id}", self.app.t("shop.fine_print"),
                           partial(self.fine_print, potion.id), "items/magnifier", True))
            if potion.id not in owned:
                declined = potion.id in state.declined_potions
                labels.append((f"decline_{potion.id}",
                               self.app.t("shop.declined") if declined
                               else self.app.t("shop.decline"),
                               partial(self.decline, potion.id), "ui/close", not declined))
            y = top
            if potion.id in owned:
                text = self.app.t("shop.owned")
                if draw:
                    p.image("ui/check", pygame.Rect(x, y, p.px(36), p.px(36)))
                    used = p.paragraph(text, pygame.Rect(x + p.px(44), y + p.px(4),
                                                         width - p.px(44), 10**6), "body",
                                       th.good, bold=True)
                else:
                    used = p.measure(text, width - p.px(44), "body", bold=True)
                y += max(p.px(36), used) + p.px(8)
            if potion.id in state.cooling_off:
                text = self.app.t("shop.cooling_off")
                y += (p.paragraph(text, pygame.Rect(x, y, width, 10**6), "small", th.muted)
                      if draw else p.measure(text, width, "small")) + p.px(6)
                labels.insert(0, (f"cancel_{potion.id}",
                                  self.app.t("shop.cancel", refund=self.flow.money(potion.premium)),
                                  partial(self.cancel, potion.id), "ui/back", True))
            buttons = [Widget(key, label, pygame.Rect(0, 0, 0, 0), action, icon=icon,
                              enabled=enabled, style="primary" if key.startswith("buy_")
                              else "normal")
                       for key, label, action, icon, enabled in labels]
            rects = buttons_flow(p, buttons, x, y, width, p.px(260), p.px(8))
            if draw:
                for button in buttons:
                    self.add(button)
            return max(r.bottom for r in rects)

        y = draw_comparison(p, self.flow.texts, potions, inner.left, y, inner.width, actions)
        bottom = y + p.px(16)
        self.remeasure = bottom != self._content_bottom
        self._content_bottom = bottom
        self._draw_flight(p)

    def _draw_flight(self, p: Painter) -> None:
        """The bought potion on its way to the bag, over everything; nothing at rest."""
        if self.flight is None:
            return
        image, flight = self.flight
        frame = flight.frame(self.app.motion.now())
        if frame is None:
            self.flight = None
            return
        x, y, scale = frame
        side = max(1, round(p.px(56) * scale))
        rect = pygame.Rect(0, 0, side, side)
        rect.center = (round(x), round(y))
        p.image(image, rect)
