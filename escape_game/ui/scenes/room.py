"""The room: its picture with clickable hotspots, the description, the inventory and meters.

Hotspots sit at their ``position`` on the picture or are laid out along its lower part.
Clicking an object examines it; an exit goes through; a puzzle opens its dialog.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import pygame

from escape_game.core.actions import GoThrough, TakeHint
from escape_game.ui.draw import Painter
from escape_game.ui.i18n import t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.hud import draw_hud
from escape_game.ui.scenes.layout import button_height
from escape_game.ui.widgets import Widget

OBJECT_ICON = "items/magnifier"
EXIT_ICON = "items/door"
PUZZLE_ICON = "items/question"


def auto_positions(count: int, taken: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Spots for hotspots without a position: a row low on the picture, away from others."""
    spots: list[tuple[float, float]] = []
    row_y = [0.78, 0.5, 0.25]
    for r, y in enumerate(row_y):
        per_row = 4
        for i in range(per_row):
            x = 0.12 + i * 0.76 / (per_row - 1) - (0.1 if r % 2 else 0.0)
            if all(abs(x - tx) > 0.12 or abs(y - ty) > 0.16 for tx, ty in taken + spots):
                spots.append((x, y))
            if len(spots) == count:
                return spots
    while len(spots) < count:  # crowded room: overlap rather than hide anything
        spots.append((0.1 + 0.8 * (len(spots) % 6) / 5, 0.9))
    return spots


class RoomScene(Scene):
    time_flows = True

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.room_id: str | None = None
        self.selected_item: str | None = None
        self._picture: pygame.Surface | None = None
        self._picture_key: object = None

    @property
    def flow(self) -> Any:
        return self.app.flow

    # --- logic ------------------------------------------------------------------------
    def on_update(self, dt_ms: int) -> None:
        super().on_update(dt_ms)
        session = self.flow.session
        if session is None:
            return
        if session.state.room != self.room_id:
            self.room_id = session.state.room
            self.age_ms = 0
            self.focus.key = None

    def open_object(self, object_id: str) -> None:
        from escape_game.ui.scenes.object import ObjectScene

        self.app.scenes.push(ObjectScene(self.app, object_id, self.selected_item))

    def go(self, exit_id: str) -> None:
        self.flow.act(GoThrough(exit=exit_id))

    def open_puzzle(self, puzzle_id: str) -> None:
        from escape_game.ui.scenes.puzzle import PuzzleScene

        self.app.scenes.push(PuzzleScene(self.app, puzzle_id))

    def open_shop(self) -> None:
        from escape_game.ui.scenes.shop import ShopScene

        self.app.scenes.push(ShopScene(self.app))

    def open_threat(self, threat_id: str) -> None:
        from escape_game.ui.scenes.threat import ThreatScene

        self.app.scenes.push(ThreatScene(self.app, threat_id))

    def pick_item(self, item_id: str) -> None:
        self.selected_item = None if self.selected_item == item_id else item_id

    def hint(self) -> None:
        """The next hint of the first unsolved puzzle here that still has one."""
        from escape_game.ui.scenes.dialogs import MessageScene

        session = self.flow.session
        state = session.state
        for puzzle in session.puzzles():
            if puzzle.id in state.solved or state.hints_on(puzzle.id) >= len(puzzle.hints):
                continue
            index = state.hints_on(puzzle.id)
            self.flow.act(TakeHint(puzzle=puzzle.id))
            if session.state.hints_on(puzzle.id) > index:
                text = f"{self.flow.tr(puzzle.title)}\n\n{self.flow.tr(puzzle.hints[index].text)}"
                self.app.scenes.push(MessageScene(self.app, text, icon="ui/hint"))
                return
        self.app.scenes.push(MessageScene(self.app, t("room.no_hint"), icon="ui/hint"))

    def back(self) -> None:
        from escape_game.ui.scenes.pause import PauseScene

        self.app.scenes.push(PauseScene(self.app))

    def shown_chars(self, text: str) -> int | None:
        cps = self.app.settings.chars_per_second
        if cps <= 0:
            return None
        shown = self.age_ms * cps // 1000
        return None if shown >= len(text) else shown

    # --- drawing ----------------------------------------------------------------------
    def hotspots(self) -> list[tuple[str, str, str, Any, Any]]:
        """(key, label, icon, position, action) for every thing to click in the picture."""
        flow = self.flow
        session = flow.session
        spots: list[tuple[str, str, str, Any, Any]] = []
        for obj in session.objects():
            spots.append((f"object_{obj.id}", flow.tr(obj.name), obj.image or OBJECT_ICON,
                          obj.position, partial(self.open_object, obj.id)))
        for puzzle in session.puzzles():
            if puzzle.id in session.level.puzzle_object:
                continue
            solved = puzzle.id in session.state.solved
            spots.append((f"puzzle_{puzzle.id}", flow.tr(puzzle.title),
                          "ui/check" if solved else (puzzle.image or PUZZLE_ICON),
                          puzzle.position, partial(self.open_puzzle, puzzle.id)))
        for ex in session.exits():
            icon = EXIT_ICON if session.exit_open(ex.id) else "items/lock"
            spots.append((f"exit_{ex.id}", flow.tr(ex.label), icon, ex.position,
                          partial(self.go, ex.id)))
        return spots

    def draw(self, p: Painter) -> None:
        session = self.flow.session
        if session is None:
            return
        w, h = p.surface.get_size()
        th = p.theme
        flow = self.flow
        room = session.room
        bh = button_height(p)
        top_h = max(p.px(70), p.line_height("small") + p.line_height("body") + p.px(22))
        hud_left = draw_hud(p, flow, pygame.Rect(0, 0, w, top_h))
        self.add(Widget("hint", t("room.hint"), pygame.Rect(w - p.px(340), p.px(8), p.px(160),
                                                            top_h - p.px(16)),
                        self.hint, icon="ui/hint"))
        self.add(Widget("pause", t("room.menu"), pygame.Rect(w - p.px(170), p.px(8), p.px(160),
                                                             top_h - p.px(16)),
                        self.back, icon="ui/pause"))
        _ = hud_left
        inv_h = bh + p.px(24)
        side_w = max(p.px(300), int(w * 0.3))
        picture_area = pygame.Rect(p.px(16), top_h + p.px(16), w - side_w - p.px(48),
                                   h - top_h - inv_h - p.px(32))
        picture = p.images.get(room.background, picture_area.size) if room.background else None
        pic_rect = picture.get_rect(center=picture_area.center) if picture else picture_area
        spots = self.hotspots()
        fixed = [(s[3].x, s[3].y) for s in spots if s[3] is not None]
        auto = iter(auto_positions(sum(1 for s in spots if s[3] is None), fixed))
        size = max(p.px(64), min(p.px(96), pic_rect.width // 8))
        for key, label, icon, position, action in spots:
            fx, fy = (position.x, position.y) if position is not None else next(auto)
            rect = pygame.Rect(0, 0, size, size)
            rect.center = (pic_rect.left + int(fx * pic_rect.width),
                           pic_rect.top + int(fy * pic_rect.height))
            rect.clamp_ip(pic_rect.inflate(-p.px(8), -p.px(40)))
            self.add(Widget(key, label, rect, action, kind="hotspot", icon=icon,
                            selected=key == self.focus.key,
                            extra={"label_width": int(pic_rect.width * 0.24), "drawn": True}))
        self._draw_picture(p, picture, pic_rect, [w for w in self.widgets if w.kind == "hotspot"])
        # the side panel: title, description, shop and warnings
        side = pygame.Rect(w - side_w - p.px(16), top_h + p.px(16), side_w,
                           h - top_h - inv_h - p.px(32))
        p.panel(side)
        inner = side.inflate(-p.px(32), -p.px(32))
        y = inner.top
        y += p.paragraph(flow.tr(room.title), pygame.Rect(inner.left, y, inner.width, p.px(200)),
                         "heading", th.accent, bold=True) + p.px(6)
        description = flow.tr(room.description)
        buttons: list[tuple[str, str, str, Any]] = []
        for warning in session.threats():
            threat = session.level.threats[warning.threat]
            buttons.append((f"threat_{threat.id}", t("room.threat", name=flow.tr(threat.name)),
                            "items/warning", partial(self.open_threat, threat.id)))
        if room.shop:
            buttons.append(("shop", t("room.shop"), "items/shopping_cart", self.open_shop))
        text_bottom = inner.bottom - len(buttons) * (bh + p.px(10))
        p.paragraph(description, pygame.Rect(inner.left, y, inner.width, text_bottom - y),
                    "body", th.text, limit_chars=self.shown_chars(description))
        by = text_bottom + p.px(10)
        for key, label, icon, action in buttons:
            self.add(Widget(key, label, pygame.Rect(inner.left, by, inner.width, bh), action,
                            icon=icon, style="primary" if key.startswith("threat") else "normal"))
            by += bh + p.px(10)
        self._draw_inventory(p, pygame.Rect(0, h - inv_h, w, inv_h))

    def _draw_picture(self, p: Painter, picture: pygame.Surface | None, pic_rect: pygame.Rect,
                      hotspots: list[Widget]) -> None:
        """The picture and its hotspots, redrawn only when one of them changes."""
        key = (pic_rect.size, id(picture), p.theme.name, p.unit, p.text_scale, p.fonts.dyslexic,
               self.focus.key, self.hover,
               tuple((w.key, w.label, w.icon, w.rect.topleft) for w in hotspots))
        if key != self._picture_key or self._picture is None:
            layer = pygame.Surface(pic_rect.size).convert()
            layer.fill(p.theme.background)
            lp = Painter(layer, p.theme, p.fonts, p.images, p.text_scale, unit=p.unit)
            if picture is not None:
                layer.blit(picture, (0, 0))
            else:
                lp.panel(layer.get_rect(), p.theme.panel)
            for w in hotspots:
                moved = Widget(w.key, w.label, w.rect.move(-pic_rect.x, -pic_rect.y),
                               kind=w.kind, icon=w.icon, selected=w.selected, extra=w.extra)
                lp.widget(moved, focused=w.key == self.focus.key, hovered=w.key == self.hover)
            pygame.draw.rect(layer, p.theme.panel_border, layer.get_rect(), p.px(2),
                             border_radius=p.px(6))
            self._picture, self._picture_key = layer, key
        p.surface.blit(self._picture, pic_rect)

    def _draw_inventory(self, p: Painter, rect: pygame.Rect) -> None:
        th = p.theme
        session = self.flow.session
        pygame.draw.rect(p.surface, th.panel, rect)
        pygame.draw.line(p.surface, th.panel_border, rect.topleft, rect.topright, p.px(2))
        p.image("items/briefcase", pygame.Rect(rect.left + p.px(16), rect.top + p.px(12),
                                               p.px(40), rect.height - p.px(24)))
        label = p.text(t("room.inventory"), (rect.left + p.px(64), rect.centery), "small",
                       th.muted, anchor="midleft")
        x = label.right + p.px(16)
        items = list(session.state.inventory)
        if not items:
            p.text(t("room.inventory_empty"), (x, rect.centery), "small", th.muted,
                   anchor="midleft")
        slot_w = p.px(230)
        for item_id in items:
            item = session.level.items.get(item_id)
            name = self.flow.tr(item.name) if item is not None else item_id
            icon = (item.image if item is not None and item.image else "items/gift")
            r = pygame.Rect(x, rect.top + p.px(12), slot_w, rect.height - p.px(24))
            if r.right > rect.right - p.px(16):
                break
            self.add(Widget(f"item_{item_id}", name, r, partial(self.pick_item, item_id),
                            kind="toggle", icon=icon, selected=self.selected_item == item_id,
                            extra={"role": "small"}))
            x = r.right + p.px(10)
