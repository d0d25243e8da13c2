"""An item from the bag, up close: its picture, name and description, to read again at will.

Opening an item is not a game action (nothing is recorded): the player only rereads what the
bag holds. "Use it on..." picks the item so the next object opened offers it first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import buttons_flow, centered
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App
    from escape_game.ui.scenes.room import RoomScene


class ItemScene(Scene):
    modal = True

    def __init__(self, app: App, room: RoomScene, item_id: str) -> None:
        super().__init__(app)
        self.room = room
        self.item_id = item_id
        self.focus.key = "close"

    def choose(self) -> None:
        self.room.pick_item(self.item_id)
        self.back()

    def draw(self, p: Painter) -> None:
        flow = self.app.flow
        session = flow.session
        if session is None:
            return
        item = session.level.items.get(self.item_id)
        name = flow.tr(item.name) if item is not None else self.item_id
        text = flow.tr(item.description) if item is not None and item.description else ""
        image = item.image if item is not None and item.image else "items/gift"
        width = min(p.px(860), p.view_w - p.px(40))
        pic = min(p.px(200), width // 3)
        beside = width - pic - p.px(72) >= p.px(320)
        text_x = p.px(24) + (pic + p.px(24) if beside else 0)
        text_w = width - text_x - p.px(24)
        chosen = self.room.selected_item == self.item_id
        buttons = [Widget("choose", self.app.t("item.unchoose") if chosen
                          else self.app.t("item.choose"), pygame.Rect(0, 0, 0, 0), self.choose,
                          kind="toggle", selected=chosen),
                   Widget("close", self.app.t("common.close"), pygame.Rect(0, 0, 0, 0),
                          self.back, icon="ui/close", style="primary")]
        probe = buttons_flow(p, buttons, 0, 0, width - p.px(48), p.px(260), p.px(10))
        head_h = p.measure(name, text_w, "heading", bold=True) + p.px(8)
        body_h = p.measure(text or self.app.t("item.no_description"), text_w, "large")
        content = head_h + body_h if beside else pic + p.px(16) + head_h + body_h
        height = p.px(24) + max(content, pic if beside else 0) + p.px(24) + probe[-1].bottom \
            + p.px(24)
        box = centered(p, width, height)
        p.panel(box)
        p.image(image, pygame.Rect(box.left + p.px(24), box.top + p.px(24), pic, pic), name)
        y = box.top + p.px(24) + (0 if beside else pic + p.px(16))
        y += p.paragraph(name, pygame.Rect(box.left + text_x, y, text_w, 10**6), "heading",
                         p.theme.accent, bold=True) + p.px(8)
        p.paragraph(text or self.app.t("item.no_description"),
                    pygame.Rect(box.left + text_x, y, text_w, 10**6), "large",
                    p.theme.text if text else p.theme.muted)
        top = box.bottom - p.px(24) - probe[-1].bottom
        buttons_flow(p, buttons, box.left + p.px(24), top, width - p.px(48), p.px(260),
                     p.px(10))
        for button in buttons:
            self.add(button)
