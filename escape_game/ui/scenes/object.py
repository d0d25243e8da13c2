"""An object up close: examining it is an action; take it, use an item on it, or open its puzzle.

An item is used the way it is in a room: picked in the bag first ("Use it on…"), then the
object is chosen; the object then offers that one item, not a button per item in the bag.
With nothing picked it says how to use something from the bag.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from escape_game.core.actions import Examine, Take, UseItem
from escape_game.ui.draw import Painter
from escape_game.ui.scene import GameScene
from escape_game.ui.scenes.layout import buttons_flow, centered
from escape_game.ui.scenes.scroll_region import PinnedChoices
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App
    from escape_game.ui.session import GameSession


class ObjectScene(PinnedChoices, GameScene):
    modal = True
    time_flows = True

    def __init__(self, app: App, object_id: str, item: str | None = None,
                 on_used: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self.object_id = object_id
        self.obj = self.flow.game.level.objects[object_id]
        #: the item held from the bag, offered here
        self.item = item
        self.on_used = on_used
        if object_id not in self.flow.game.state.examined:
            self.flow.act(Examine(object=object_id))
        self.focus.key = f"use_{item}" if item else "close"

    def take(self) -> None:
        self.flow.act(Take(object=self.object_id))
        self.back()

    def use(self, item_id: str) -> None:
        self.flow.act(UseItem(item=item_id, target=self.object_id))
        if self.on_used is not None:
            self.on_used()  # the hand is empty again
        if self.app.scenes.top is self:
            self.back()
        elif self in self.app.scenes.stack:  # a message the use showed is on top: keep it
            self.app.scenes.stack.remove(self)

    def open_puzzle(self) -> None:
        from escape_game.ui.scenes.puzzle import PuzzleScene

        assert self.obj.puzzle is not None
        self.app.scenes.stack.remove(self)
        self.app.scenes.push(PuzzleScene(self.app, self.obj.puzzle))

    def draw_game(self, p: Painter, session: GameSession) -> None:
        state = session.state
        actions: list[tuple[str, str, str, Any]] = []
        if self.obj.take and self.object_id not in state.taken:
            actions.append(("take", self.app.t("object.take"), "ui/check", self.take))
        if self.obj.puzzle and self.obj.puzzle not in state.solved:
            actions.append(("puzzle", self.app.t("object.puzzle"), "items/question",
                            self.open_puzzle))
        held = self.item if self.item in state.inventory else None
        if held is not None:
            item = session.level.items.get(held)
            name = self.flow.tr(item.name) if item is not None else held
            actions.append((f"use_{held}", self.app.t("object.use", item=name),
                            (item.image if item is not None and item.image else "items/gift"),
                            partial(self.use, held)))
        actions.append(("close", self.app.t("common.close"), "ui/close", self.back))
        how = self.app.t("object.how_to_use") if held is None and state.inventory else ""
        width = min(p.px(900), p.view_w - p.px(40))
        pic = min(p.px(140), width // 4)
        beside = width - pic - p.px(72) >= p.px(320)
        text_x = p.px(24) + (pic + p.px(20) if beside else 0)
        text_w = width - text_x - p.px(24)
        name = self.flow.tr(self.obj.name)
        text = self.flow.tr(self.obj.description)
        head_h = p.measure(name, text_w, "heading", bold=True) + p.px(6)
        text_h = p.measure(text, text_w, "large")
        if how:
            text_h += p.px(10) + p.measure(how, text_w, "body")
        content = max(pic, head_h + text_h) if beside else pic + p.px(16) + head_h + text_h
        buttons = [Widget(key, label, pygame.Rect(0, 0, 0, 0), action, icon=icon,
                          style="primary" if key in ("take", "puzzle") or key.startswith("use_")
                          else "normal")
                   for key, label, icon, action in actions]
        probe = buttons_flow(p, buttons, 0, 0, width - p.px(48), p.px(300), p.px(10))
        buttons_h = probe[-1].bottom
        height = p.px(24) + content + p.px(20) + buttons_h + p.px(24)
        # never taller than the window: the actions stay in view, the text scrolls instead
        box = centered(p, width, min(height, p.view_h - p.px(40)))
        p.panel(box)
        p.image(self.obj.image or "items/magnifier",
                pygame.Rect(box.left + p.px(24), box.top + p.px(24), pic, pic), name)
        top = box.bottom - p.px(24) - buttons_h
        buttons_flow(p, buttons, box.left + p.px(24), top, width - p.px(48), p.px(300),
                     p.px(10))
        y = box.top + p.px(24) + (0 if beside else pic + p.px(16))
        region = pygame.Rect(box.left + text_x, y, text_w,
                             max(p.line_height("large") * 2, top - p.px(20) - y))

        def words(y: int, text_w: int) -> int:
            x = region.left
            y += p.paragraph(name, pygame.Rect(x, y, text_w, 10**6), "heading",
                             p.theme.accent, bold=True) + p.px(6)
            y += p.paragraph(text, pygame.Rect(x, y, text_w, 10**6), "large", p.theme.text)
            if how:
                y += p.px(10) + p.paragraph(how, pygame.Rect(x, y + p.px(10), text_w, 10**6),
                                            "body", p.theme.muted)
            return y

        self.remeasure = self.region.draw(p, region, words)
        for button in buttons:
            self.add(button)
