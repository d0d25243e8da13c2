"""Before paying: the price, the money now and the money left, then "buy" or "not now".

A purchase is a choice worth one more look, so the shop asks before it spends; the dialog
also says that a purchase can still be cancelled while the player stays in the shop (the
cooling-off right). Nothing is bought until the player confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import buttons_flow, centered
from escape_game.ui.theme import Colour
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App


class ConfirmBuyScene(Scene):
    modal = True
    #: the world goes on while the player decides: asking is not a way to stop the clock
    time_flows = True

    def __init__(self, app: App, potion_id: str, on_confirm: Callable[[str], None]) -> None:
        super().__init__(app)
        self.flow = app.flow
        self.potion_id = potion_id
        self.on_confirm = on_confirm
        #: "not now" first: pressing Enter twice never buys by accident
        self.focus.key = "close"

    def confirm(self) -> None:
        self.back()
        self.on_confirm(self.potion_id)

    def draw(self, p: Painter) -> None:
        session = self.flow.session
        if session is None:
            return
        th = p.theme
        potion = session.level.potions[self.potion_id]
        premium = next((x.premium for x in session.room.shop if x.id == self.potion_id),
                       potion.premium)
        money = session.state.money
        affordable = money >= premium
        name = f"{self.flow.tr(potion.brand)} — {self.flow.tr(potion.name)}"
        title = self.app.t("purchase.title", potion=name)
        rows = [(self.app.t("purchase.price"), self.flow.money(premium)),
                (self.app.t("purchase.now"), self.flow.money(money))]
        if affordable:
            rows.append((self.app.t("purchase.after"), self.flow.money(money - premium)))
        else:  # how far off, as a sum: "not enough" alone does not say whether to save up
            rows.append((self.app.t("purchase.short"), self.flow.money(premium - money)))
        note = self.app.t("purchase.cooling_off" if affordable else "purchase.cannot_afford")
        width = min(p.px(820), p.view_w - p.px(40))
        pic = min(p.px(120), width // 5)
        text_x = p.px(24) + pic + p.px(20)
        text_w = width - text_x - p.px(24)
        buttons = [Widget("confirm", self.app.t("purchase.confirm",
                                                price=self.flow.money(premium)),
                          pygame.Rect(0, 0, 0, 0), self.confirm, icon="ui/coin",
                          enabled=affordable),
                   Widget("close", self.app.t("purchase.cancel"), pygame.Rect(0, 0, 0, 0),
                          self.back, icon="ui/close", style="primary")]
        probe = buttons_flow(p, buttons, 0, 0, width - p.px(48), p.px(260), p.px(10))
        head_h = p.measure(title, text_w, "heading", bold=True) + p.px(10)
        rows_h = sum(self._row_height(p, label, value, text_w) for label, value in rows)
        note_h = p.measure(note, width - p.px(48), "body") + p.px(12)
        height = (p.px(24) + max(pic, head_h + rows_h) + p.px(12) + note_h + probe[-1].bottom
                  + p.px(24))
        box = centered(p, width, height)
        p.panel(box)
        p.image(potion.image or "items/shopping_cart",
                pygame.Rect(box.left + p.px(24), box.top + p.px(24), pic, pic), name)
        x = box.left + text_x
        y = box.top + p.px(24)
        y += p.paragraph(title, pygame.Rect(x, y, text_w, 10**6), "heading", th.accent,
                         bold=True) + p.px(10)
        for n, (label, value) in enumerate(rows):
            last = n == len(rows) - 1
            colour = (th.good if affordable else th.bad) if last else th.text
            y += self._row(p, label, value, x, y, text_w, colour)
        y = max(y, box.top + p.px(24) + pic) + p.px(12)
        y += p.paragraph(note, pygame.Rect(box.left + p.px(24), y, width - p.px(48), 10**6),
                         "body", th.muted if affordable else th.bad) + p.px(12)
        buttons_flow(p, buttons, box.left + p.px(24), y, width - p.px(48), p.px(260), p.px(10))
        for button in buttons:
            self.add(button)

    def _row_height(self, p: Painter, label: str, value: str, width: int) -> int:
        if p.text_width(f"{label} ", "large") + p.text_width(value, "large", True) <= width:
            return p.line_height("large") + p.px(4)
        return p.measure(f"{label} {value}", width, "large", bold=True) + p.px(4)

    def _row(self, p: Painter, label: str, value: str, x: int, y: int, width: int,
             colour: Colour) -> int:
        """One line of the sums: the label, then the amount in bold (wrapped as one line
        when narrow)."""
        label_w = p.text_width(f"{label} ", "large")
        value_w = p.text_width(value, "large", True)
        if label_w + value_w <= width:
            p.text(label, (x, y), "large", p.theme.text)
            p.text(value, (x + width, y), "large", colour, bold=True, anchor="topright")
            return p.line_height("large") + p.px(4)
        return p.paragraph(f"{label} {value}", pygame.Rect(x, y, width, 10**6), "large",
                           colour, bold=True) + p.px(4)
