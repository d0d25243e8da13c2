"""The room: its picture with clickable hotspots, the description, the inventory and meters.

Hotspots sit at their ``position`` on the picture or are laid out along its lower part.
Clicking an object examines it; an exit goes through; a puzzle opens its dialog.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from escape_game.core.actions import GoThrough, TakeHint
from escape_game.ui.calm import Calm, step_of
from escape_game.ui.draw import Painter, TextRecord
from escape_game.ui.scene import GameScene
from escape_game.ui.scenes.hud import draw_hud, hud_meters, time_left_ms
from escape_game.ui.scenes.layout import button_height, words_fit
from escape_game.ui.scenes.storybook import guide_of
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App
    from escape_game.ui.session import GameSession

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


class RoomScene(GameScene):
    time_flows = True

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.room_id: str | None = None
        self.selected_item: str | None = None
        self._picture: pygame.Surface | None = None
        self._picture_key: object = None
        self._picture_texts: list[TextRecord] = []
        self._side_h = 0
        #: whether the hotspots' names fit under them, and for which hotspots and sizes
        self._names_fit_memo: tuple[object, bool] = (None, False)
        #: the picture's things listed in the side panel, when their names do not fit on it
        self.listed: list[tuple[str, str, str | None, Any]] = []
        #: the first item of the bag's page on show
        self.bag_first = 0
        #: the room whose ambient loop is playing
        self.ambient_room: str | None = None
        #: whether the player is pausing to think, and the tween of the colours draining
        self.thinking = False
        self.calm_tween: Any = None
        self.calm = Calm()
        self._backdrop_key: object = None
        self._backdrop_surface: pygame.Surface | None = None

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
        self.follow_mood()

    def follow_mood(self) -> None:
        """The room's ambient loop, and its calm while the player pauses to think: the
        colours drain and the ambient is lowered. Called from drawing too, since a dialog
        on top (the threat's) stops this scene's updates but not its pictures."""
        session = self.flow.session
        if session is None:
            return
        if session.state.room != self.ambient_room:
            self.ambient_room = session.state.room
            self.app.audio.ambient(session.room.theme or "default")
        thinking = any(w.paused for w in session.state.warnings)
        if thinking != self.thinking:
            self.thinking = thinking
            self.calm_tween = self.app.motion.calm(thinking)
            self.app.audio.set_calm(thinking)

    def calm_level(self) -> float:
        """0 (the room's own colours) to 1 (drained); the final look when nothing moves."""
        level = self.calm_tween.frame(self.app.motion.now()) if self.calm_tween else None
        return level if level is not None else (1.0 if self.thinking else 0.0)

    def open_object(self, object_id: str) -> None:
        from escape_game.ui.scenes.object import ObjectScene

        self.app.scenes.push(ObjectScene(self.app, object_id, self.selected_item,
                                         on_used=self.put_back))

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

    def put_back(self) -> None:
        """Nothing held any more (the item was used)."""
        self.selected_item = None

    def hint(self) -> None:
        """The next hint of the first unsolved puzzle here that still has one."""
        from escape_game.ui.scenes.dialogs import MessageScene

        session = self.flow.game
        state = session.state
        for puzzle in session.puzzles():
            if puzzle.id in state.solved or state.hints_on(puzzle.id) >= len(puzzle.hints):
                continue
            index = state.hints_on(puzzle.id)
            self.flow.act(TakeHint(puzzle=puzzle.id))
            if session.state.hints_on(puzzle.id) > index:
                text = f"{self.flow.tr(puzzle.title)}\n\n{self.flow.tr(puzzle.hints[index].text)}"
                guide = guide_of(self.flow.campaign, self.flow.tr)
                if guide is None:
                    self.app.scenes.push(MessageScene(self.app, text, icon="ui/hint"))
                else:  # the story's guide says it: their portrait, their name, the hint
                    self.app.scenes.push(MessageScene(self.app, f"{guide.name}\n\n{text}",
                                                      icon=guide.image or "ui/hint"))
                return
        self.app.scenes.push(MessageScene(self.app, self.app.t("room.no_hint"), icon="ui/hint"))

    def back(self) -> None:
        from escape_game.ui.scenes.pause import PauseScene

        self.app.scenes.push(PauseScene(self.app))

    def shown_chars(self, text: str) -> int | None:
        return self.typed_chars(text)

    # --- drawing ----------------------------------------------------------------------
    def page_key(self) -> object:
        """The state shown, the clock's second and the page's size: the room is laid out
        again only when one of them changes. While its colours fade in or out (pausing to
        think) or are faded, it is laid out at each frame, hover and focus included, so
        that they fade with the picture."""
        session = self.flow.session
        if session is None:
            return None
        self.follow_mood()
        if self.thinking or step_of(self.calm_level()) != 0:
            return None
        left = time_left_ms(self.flow)
        # typing starts again (a room entered again): the page is drawn for it once
        typing = self.shown_chars(self.flow.tr(session.room.description)) is not None
        return (self.flow.view_key(), None if left is None else left // 1000,
                self.selected_item, self.bag_first, typing)

    def hotspots(self) -> list[tuple[str, str, str, Any, Any]]:
        """(key, label, icon, position, action) for every thing to click in the picture."""
        flow = self.flow
        session = flow.game
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

    def draw_game(self, p: Painter, session: GameSession) -> None:
        w, h = p.view_w, p.view_h
        room = session.room
        top_h = self._draw_top_bar(p, w)
        bag_h = self._bag_height(p)
        # the picture and the side panel: side by side, or one under the other when narrow
        side_w = max(p.px(300), int(w * 0.3))
        two = w - side_w - p.px(48) >= p.px(480)
        if two:
            picture_area = pygame.Rect(p.px(16), top_h + p.px(16), w - side_w - p.px(48),
                                       max(p.px(300), h - top_h - bag_h - p.px(32)))
            side = pygame.Rect(w - side_w - p.px(16), picture_area.top, side_w, 0)
        else:
            picture_area = pygame.Rect(p.px(16), top_h + p.px(16), w - p.px(32),
                                       max(p.px(260), (h - top_h) // 2))
            side = pygame.Rect(p.px(16), picture_area.bottom + p.px(16), w - p.px(32), 0)
        self.follow_mood()
        picture = (p.images.get(room.background, picture_area.size) if room.background
                   else self._backdrop(room, picture_area.size))
        pic_rect = picture.get_rect(center=picture_area.center) if picture else picture_area
        spots = self.hotspots()
        part = ("picture", tuple(pic_rect), id(picture),
                tuple((key, label, icon, None if at is None else (at.x, at.y))
                      for key, label, icon, at, _ in spots))
        self.listed = self.keep_part(p, part, partial(self._draw_hotspots, p, picture,
                                                      pic_rect, spots))
        side_bottom = self._draw_side(p, side, picture_area.bottom if two else 0)
        y = max(picture_area.bottom, side_bottom) + p.px(16)
        self._draw_bag(p, pygame.Rect(0, max(y, h - bag_h), w, bag_h))

    def _draw_top_bar(self, p: Painter, w: int) -> int:
        """The meters, then the hint and menu buttons (on a second line if need be), and the
        line under them; returns where the line is. Kept while what it shows holds."""
        labels = [("hint", self.app.t("room.hint"), "ui/hint", self.hint),
                  ("pause", self.app.t("room.menu"), "ui/pause", self.back)]
        meters = hud_meters(p, self.flow)

        def draw() -> tuple[pygame.Rect, int]:
            widths = [p.text_width(label) + p.px(80) for _, label, _, _ in labels]
            buttons_w = sum(widths) + p.px(10) * len(widths)
            bar_bottom = draw_hud(p, self.flow, pygame.Rect(0, 0, w, 0), reserve=buttons_w,
                                  meters=meters)
            bh = button_height(p)
            if bar_bottom.right + buttons_w + p.px(10) <= w:
                x, by = w - buttons_w, p.px(8)
            else:
                x, by = p.px(16), bar_bottom.bottom + p.px(4)
            buttons = []
            for (key, label, icon, action), width in zip(labels, widths, strict=True):
                buttons.append(self.add(Widget(key, label, pygame.Rect(x, by, width, bh),
                                               action, icon=icon)))
                x += width + p.px(10)
            self.draw_widgets(p, buttons)
            top_h = max(bar_bottom.bottom, by + bh) + p.px(8)
            line = pygame.draw.line(p.surface, p.theme.panel_border, (0, top_h), (w, top_h),
                                    p.px(2))
            return pygame.Rect(0, 0, w, top_h).union(line), top_h

        shown = ("top", w, tuple(meters), tuple(label for _, label, _, _ in labels))
        return self.keep_part(p, shown, draw)

    def _backdrop(self, room: Any, size: tuple[int, int]) -> pygame.Surface:
        """The room's generated picture covering the whole picture area (cropped, not
        letterboxed), so the hotspots sit where they would on a plain area; kept while the
        size holds, so the picture's cache is not redrawn each frame."""
        key = (room.theme, room.id, size)
        if self._backdrop_key != key or self._backdrop_surface is None:
            base = self.app.backdrops.get(room.theme, room.id, size)
            scale = max(size[0] / base.get_width(), size[1] / base.get_height())
            cover = self.app.backdrops.get(room.theme, room.id,
                                           (round(base.get_width() * scale) + 1,
                                            round(base.get_height() * scale) + 1))
            crop = pygame.Rect(0, 0, *size)
            crop.center = cover.get_rect().center
            self._backdrop_surface = cover.subsurface(crop.clip(cover.get_rect())).copy()
            self._backdrop_key = key
        return self._backdrop_surface

    def _draw_hotspots(self, p: Painter, picture: pygame.Surface | None, pic_rect: pygame.Rect,
                       spots: list[tuple[str, str, str, Any, Any]]
                       ) -> tuple[pygame.Rect, list[tuple[str, str, str | None, Any]]]:
        """The picture and its hotspots; returns the area drawn and the things to list in
        the side panel (their names do not fit on the picture)."""
        fixed = [(s[3].x, s[3].y) for s in spots if s[3] is not None]
        auto = iter(auto_positions(sum(1 for s in spots if s[3] is None), fixed))
        size = max(p.px(64), min(p.px(96), pic_rect.width // 8))
        placed = []
        # drawn again over the page (hover, focus), a hotspot stays inside the picture's frame
        inside = pic_rect.inflate(-2 * p.px(2), -2 * p.px(2))
        for key, label, icon, position, action in spots:
            fx, fy = (position.x, position.y) if position is not None else next(auto)
            rect = pygame.Rect(0, 0, size, size)
            rect.center = (pic_rect.left + int(fx * pic_rect.width),
                           pic_rect.top + int(fy * pic_rect.height))
            rect.clamp_ip(pic_rect.inflate(-p.px(8), -p.px(40)))
            placed.append(Widget(key, label, rect, action, kind="hotspot", icon=icon,
                                 extra={"label_width": int(pic_rect.width * 0.24),
                                        "drawn": True, "clip": inside}))
        # reading order: top to bottom, then left to right
        placed.sort(key=lambda w: (w.rect.top // max(1, size), w.rect.left))
        fits = self._names_fit(p, placed, pic_rect)
        for widget in placed:
            widget.extra["label"] = fits
            self.add(widget)
        self._draw_picture(p, picture, pic_rect, placed)
        return pic_rect, ([] if fits else [(w.key, w.label, w.icon, w.action) for w in placed])

    def _names_fit(self, p: Painter, placed: list[Widget], pic_rect: pygame.Rect) -> bool:
        """Names under the hotspots only when none would cover another hotspot, another name
        or leave the picture (large text, small window); the side panel lists them otherwise.
        Measured again only when the hotspots, their names or the text's size change."""
        key = (tuple(pic_rect), p.unit, p.text_scale, p.fonts.dyslexic,
               tuple((w.label, tuple(w.rect)) for w in placed))
        if self._names_fit_memo[0] == key:
            return self._names_fit_memo[1]
        boxes = [p.hotspot_label_box(w) for w in placed]
        taken = [w.rect for w in placed]
        label_w = int(pic_rect.width * 0.24)
        fits = all(p.text_width(word, "small", True) <= label_w
                   for w in placed for word in w.label.split())
        for i, box in enumerate(boxes):
            if box is None:
                continue
            if not fits or not pic_rect.contains(box) or any(
                    box.colliderect(r) for j, r in enumerate(taken) if j != i) or any(
                    box.colliderect(b) for j, b in enumerate(boxes) if j < i and b is not None):
                fits = False
                break
        self._names_fit_memo = (key, fits)
        return fits

    def _draw_side(self, p: Painter, side: pygame.Rect, min_bottom: int) -> int:
        """Title, description, warnings and shop; returns the panel's bottom. Kept while
        what it shows holds."""
        flow = self.flow
        session = flow.game
        room = session.room
        buttons: list[tuple[str, str, str, Any]] = []
        for key, label, icon, action in self.listed:  # the picture's things, by name
            buttons.append((f"list_{key}", label, icon or OBJECT_ICON, action))
        for warning in session.threats():
            threat = session.level.threats[warning.threat]
            buttons.append((f"threat_{threat.id}",
                            self.app.t("room.threat", name=flow.tr(threat.name)),
                            "items/warning", partial(self.open_threat, threat.id)))
        if room.shop:
            buttons.append(("shop", self.app.t("room.shop"), "items/shopping_cart", self.open_shop))
        title, description = flow.tr(room.title), flow.tr(room.description)
        shown = self.shown_chars(description)
        part = ("side", tuple(side), min_bottom, self._side_h, title, description,
               shown is None, tuple(b[:3] for b in buttons))
        return self.keep_part(p, part, partial(self._draw_side_panel, p, side, min_bottom,
                                               title, description, shown, buttons))

    def _draw_side_panel(self, p: Painter, side: pygame.Rect, min_bottom: int, title: str,
                         description: str, shown: int | None,
                         buttons: list[tuple[str, str, str, Any]]) -> tuple[pygame.Rect, int]:
        th = p.theme
        inner = side.inflate(-p.px(32), 0)
        height = max(min_bottom - side.top, self._side_h)
        p.panel(pygame.Rect(side.left, side.top, side.width, height))
        y = side.top + p.px(16)
        y += p.paragraph(title, pygame.Rect(inner.left, y, inner.width, 10**6),
                         "heading", th.accent, bold=True) + p.px(6)
        y += p.paragraph(description, pygame.Rect(inner.left, y, inner.width, 10**6), "body",
                         th.text, limit_chars=shown) + p.px(10)
        widgets = []
        for key, label, icon, action in buttons:
            widget = Widget(key, label, pygame.Rect(inner.left, y, inner.width, 0), action,
                            icon=icon, style="primary" if key.startswith("threat") else "normal")
            if not words_fit(p, widget, inner.width):  # the name whole rather than its icon
                widget.icon = None
            widget = self.add(p.sized(widget))
            widgets.append(widget)
            y += widget.rect.height + p.px(10)
        self.draw_widgets(p, widgets)
        self.remeasure = self._side_h != y + p.px(6) - side.top
        self._side_h = y + p.px(6) - side.top
        bottom = max(side.top + height, y)
        return pygame.Rect(side.left, side.top, side.width, bottom - side.top), bottom

    def _draw_picture(self, p: Painter, picture: pygame.Surface | None, pic_rect: pygame.Rect,
                      hotspots: list[Widget]) -> None:
        """The picture and its hotspots, redrawn only when one of them changes."""
        # hover and focus are drawn over the page when it is kept (see Scene.page_key)
        focus, hover = (None, None) if self.overlay else (self.focus.key, self.hover)
        key = (pic_rect.size, id(picture), p.theme.name, p.unit, p.text_scale, p.fonts.dyslexic,
               focus, hover,
               tuple((w.key, w.label, w.icon, w.rect.topleft, w.extra.get("label"))
                     for w in hotspots))
        if key != self._picture_key or self._picture is None:
            layer = pygame.Surface(pic_rect.size).convert()
            layer.fill(p.theme.background)
            lp = Painter(layer, p.theme, p.fonts, p.images, p.text_scale, unit=p.unit)
            if picture is not None:
                layer.blit(picture, (0, 0))
            else:
                lp.panel(layer.get_rect(), p.theme.panel)
            # the pointed-at hotspots last: their names lie over their neighbours
            for w in sorted(hotspots, key=lambda h: h.key in (focus, hover)):
                frame = w.extra.get("clip")  # the picture's frame, in the layer's place
                extra = dict(w.extra, clip=frame.move(-pic_rect.x, -pic_rect.y)) if isinstance(
                    frame, pygame.Rect) else w.extra
                moved = Widget(w.key, w.label, w.rect.move(-pic_rect.x, -pic_rect.y),
                               kind=w.kind, icon=w.icon, selected=w.selected, extra=extra)
                lp.widget(moved, focused=w.key == focus, hovered=w.key == hover)
            pygame.draw.rect(layer, p.theme.panel_border, layer.get_rect(), p.px(2),
                             border_radius=p.px(6))
            self._picture, self._picture_key = layer, key
            self._picture_texts = [
                TextRecord(r.text, r.rect.move(pic_rect.x, pic_rect.y), r.cut, r.owner)
                for r in lp.texts]
        # pausing to think drains the colours of the whole picture, hotspots too: one cached
        # blend per step of the fade, not a new picture
        p.surface.blit(self.calm.calmed(self._picture, self.calm_level()), pic_rect)
        p.texts += self._picture_texts
        p.reach(pic_rect.bottom)

    # --- the bag ----------------------------------------------------------------------
    def _bag_height(self, p: Painter) -> int:
        return button_height(p) + p.line_height("small") + p.px(30)

    def bag_items(self) -> list[str]:
        return list(self.flow.game.state.inventory)

    def bag_page(self, step: int) -> None:
        self.bag_first = max(0, self.bag_first + step)

    def open_item(self, item_id: str) -> None:
        from escape_game.ui.scenes.item import ItemScene

        self.app.scenes.push(ItemScene(self.app, self, item_id))

    def _draw_bag(self, p: Painter, rect: pygame.Rect) -> None:
        """The bag: how many items it holds, and each item as a button that opens it;
        a page at a time when they do not all fit, with buttons to turn the pages."""
        th = p.theme
        session = self.flow.game
        pygame.draw.rect(p.surface, th.panel, rect)
        pygame.draw.line(p.surface, th.panel_border, rect.topleft, rect.topright, p.px(2))
        p.reach(rect.bottom)
        items = self.bag_items()
        x0 = rect.left + p.px(16)
        y = rect.top + p.px(8)
        p.image("items/briefcase", pygame.Rect(x0, y, p.px(28), p.px(28)))
        if self.selected_item is not None and self.selected_item not in items:
            self.selected_item = None  # used up, or gone
        held = session.level.items.get(self.selected_item) if self.selected_item else None
        caption = (self.app.t("room.inventory_empty") if not items
                   else self.app.t("room.holding", item=self.flow.tr(held.name)) if held is not None
                   else self.app.t("room.bag_one") if len(items) == 1
                   else self.app.t("room.bag_count", n=len(items)))
        p.text(caption, (x0 + p.px(36), y + p.px(14)), "small", th.muted, anchor="midleft")
        y += max(p.px(28), p.line_height("small")) + p.px(6)
        bh = button_height(p)
        slot_w = max(p.px(230), min(p.px(320), (rect.width - p.px(32)) // 3))
        arrows_w = 2 * (bh + p.px(10))
        per_page = max(1, (rect.width - p.px(32) + p.px(10)) // (slot_w + p.px(10)))
        if len(items) > per_page:
            per_page = max(1, (rect.width - p.px(32) - arrows_w + p.px(10)) // (slot_w + p.px(10)))
        self.bag_first = min(self.bag_first, max(0, len(items) - 1)) // per_page * per_page
        shown = items[self.bag_first:self.bag_first + per_page]
        x = x0
        if len(items) > per_page:
            self.add(Widget("bag_prev", "◀", pygame.Rect(x, y, bh, bh),
                            partial(self.bag_page, -per_page), enabled=self.bag_first > 0))
            x += bh + p.px(10)
        for n, item_id in enumerate(shown):
            item = session.level.items.get(item_id)
            name = self.flow.tr(item.name) if item is not None else item_id
            icon = (item.image if item is not None and item.image else "items/gift")
            slot = p.sized(Widget(f"item_{item_id}", name, pygame.Rect(x, y, slot_w, 0),
                                  partial(self.open_item, item_id), kind="toggle", icon=icon,
                                  selected=self.selected_item == item_id, hotkey=n + 1,
                                  extra={"role": "small"}))
            slot.rect.height = max(bh, slot.rect.height)
            self.add(slot)
            x += slot_w + p.px(10)
        if len(items) > per_page:
            pages = (len(items) + per_page - 1) // per_page
            self.add(Widget("bag_next", "▶", pygame.Rect(x, y, bh, bh),
                            partial(self.bag_page, per_page),
                            enabled=self.bag_first + per_page < len(items)))
            p.text(self.app.t("room.bag_page", n=self.bag_first // per_page + 1, total=pages),
                   (rect.right - p.px(16), rect.top + p.px(8) + p.px(14)), "small", th.muted,
                   anchor="midright")
