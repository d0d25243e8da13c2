"""The painter: draws text, panels, widgets and images in the current theme and scale.

It also keeps a record of what it drew (every text with whether it had to be cut, every
comparison table's rows, the lowest point drawn): the scene uses the lowest point to size its
scrollable page, and the layout audit reads the records to prove nothing was lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from escape_game.ui.assets import LRU, Fonts, Images
from escape_game.ui.theme import Colour, Theme
from escape_game.ui.widgets import Widget

_VEILS: dict[object, pygame.Surface] = {}
#: rounded boxes (panels, buttons) drawn once per size and colours, then blitted: drawing a
#: rounded rectangle costs several times the blit of the same box
_BOXES = LRU(300, budget_mb=6)
#: larger boxes (page-wide panels) are drawn each time: kept, they would cost more memory
#: than their drawing costs time
_BOX_MAX_AREA = 640 * 240
_KEY = (255, 0, 255)  # the colour key of a box's corners; no theme colour uses it
SIZES = {"small": 17, "body": 21, "large": 26, "heading": 32, "title": 52}


@dataclass
class TextRecord:
    """One text drawn: ``cut`` when some of it could not be shown (ellipsis or dropped lines)."""

    text: str
    rect: pygame.Rect
    cut: bool = False
    #: the widget whose label this is, if any
    owner: str | None = None


@dataclass
class TypedText:
    """A paragraph typing out, drawn whole on a page, with the pixels it covers.

    ``hide`` puts those pixels back over the characters not typed yet, so a frame of the
    typing shows the page as it is plus a few small blits: no layout, and the text is in
    its final place from the first letter.
    """

    text: str
    #: each line: where it is on the page, its text, and the index of its first character
    lines: list[tuple[pygame.Rect, str, int]]
    #: what the page showed under the lines before they were drawn, and where
    under: pygame.Surface
    area: pygame.Rect
    width: Callable[[str], int]

    def hide(self, surface: pygame.Surface, offset: tuple[int, int], shown: int | None) -> None:
        """Cover the characters after the first ``shown`` (nothing when None)."""
        if shown is None:
            return
        dx, dy = offset
        for rect, line, first in self.lines:
            if first + len(line) <= shown:
                continue
            left = rect.left + (self.width(line[:shown - first]) if shown > first else 0)
            cover = pygame.Rect(left, rect.top, rect.right - left, rect.height).clip(self.area)
            if cover.width > 0 and cover.height > 0:
                surface.blit(self.under, (cover.left + dx, cover.top + dy),
                             cover.move(-self.area.left, -self.area.top))


@dataclass
class TableRecord:
    """A comparison table as drawn: the products, per caption the values shown, and per
    product the area it was drawn in, its buttons included (its column, or its card)."""

    products: list[str]
    rows: dict[str, list[str]] = field(default_factory=dict)
    areas: dict[str, pygame.Rect] = field(default_factory=dict)


class Painter:
    def __init__(self, surface: pygame.Surface, theme: Theme, fonts: Fonts, images: Images,
                 text_scale: float, unit: float | None = None,
                 view: tuple[int, int] | None = None) -> None:
        self.surface = surface
        self.theme = theme
        self.fonts = fonts
        self.images = images
        w, h = surface.get_size()
        self.unit = unit if unit is not None else max(0.5, min(w / 1280, h / 720))
        self.text_scale = text_scale
        #: the part of the page the window shows at once; layouts aim to fit in it
        self.view_w, self.view_h = view if view is not None else (w, h)
        self.texts: list[TextRecord] = []
        self.tables: list[TableRecord] = []
        #: the lowest point drawn so far, to size a scrollable page
        self.extent = 0
        self._owner: str | None = None
        #: when a list, texts typing out are drawn whole and listed here (see TypedText)
        self.typed: list[TypedText] | None = None

    def reach(self, bottom: int) -> None:
        self.extent = max(self.extent, bottom)

    def px(self, value: float) -> int:
        return max(1, int(value * self.unit))

    def size(self, role: str) -> int:
        return max(12, int(SIZES.get(role, 21) * self.unit * self.text_scale))

    def line_height(self, role: str = "body") -> int:
        size = self.size(role)
        return max(int(size * 1.3), self.fonts.font(size).get_linesize())

    def text(self, text: str, pos: tuple[int, int], role: str = "body",
             colour: Colour | None = None, bold: bool = False,
             anchor: str = "topleft") -> pygame.Rect:
        surf = self.fonts.render(text, self.size(role), colour or self.theme.text, bold)
        rect = surf.get_rect(**{anchor: pos})
        self.surface.blit(surf, rect)
        self.texts.append(TextRecord(text, rect, owner=self._owner))
        self.reach(rect.bottom)
        return rect

    def fit_text(self, text: str, width: int, role: str = "body", bold: bool = False) -> str:
        """The text, cut with an ellipsis if it is wider than ``width`` (cached).

        Only for decoration: a cut is recorded, and the layout audit fails on it.
        """
        fitted = self.fonts.fitted(text, self.size(role), bold, width)
        if fitted != text:
            self.texts.append(TextRecord(text, pygame.Rect(0, 0, width, 0), cut=True,
                                         owner=self._owner))
        return fitted

    def text_width(self, text: str, role: str = "body", bold: bool = False) -> int:
        return self.fonts.width(text, self.size(role), bold)

    def paragraph(self, text: str, rect: pygame.Rect, role: str = "body",
                  colour: Colour | None = None, bold: bool = False, align: str = "left",
                  limit_chars: int | None = None) -> int:
        """Wrapped text inside ``rect``; returns the height used.

        ``limit_chars`` types it out: the whole text is laid out, and only its first
        characters are drawn, so the text takes its final place and height from the first
        letter (nothing below it moves, and the page never grows while it types).
        """
        y = rect.top
        step = self.line_height(role)
        lines = self.fonts.wrapped(text, self.size(role), bold, max(20, rect.width))
        if limit_chars is not None and self.typed is not None:
            return self._typing(text, lines, rect, role, colour, bold, align)
        left = limit_chars
        for n, line in enumerate(lines):
            if y + step > rect.bottom + step // 3 and y > rect.top:
                self.texts.append(TextRecord(" ".join(lines[n:]), pygame.Rect(
                    rect.left, y, rect.width, step), cut=True, owner=self._owner))
                break
            if left is not None:  # the characters typed so far, line by line
                line, left = line[:max(0, left)], left - len(line) - 1
            if line:
                if align == "center":
                    self.text(line, (rect.centerx, y), role, colour, bold, anchor="midtop")
                elif align == "right":
                    self.text(line, (rect.right, y), role, colour, bold, anchor="topright")
                else:
                    self.text(line, (rect.left, y), role, colour, bold)
            elif left is not None:  # not typed yet: it still holds its place on the page
                self.reach(y + self.fonts.font(self.size(role)).get_height())
            y += step
        return y - rect.top

    def _typing(self, text: str, lines: list[str], rect: pygame.Rect, role: str,
                colour: Colour | None, bold: bool, align: str) -> int:
        """The whole paragraph, and a TypedText to hide what is not typed yet."""
        assert self.typed is not None
        area = pygame.Rect(rect.left, rect.top, rect.width,
                           len(lines) * self.line_height(role)).clip(self.surface.get_rect())
        under = self.surface.subsurface(area).copy()
        texts = len(self.texts)
        height = self.paragraph(text, rect, role, colour, bold, align)
        placed: list[tuple[pygame.Rect, str, int]] = []
        first = 0
        drawn = iter(self.texts[texts:])
        for line in lines:
            record = next(drawn, None) if line else None
            if record is not None and not record.cut:
                placed.append((record.rect, line, first))
            first += len(line) + 1
        size = self.size(role)
        self.typed.append(TypedText(text, placed, under, area,
                                    lambda part: self.fonts.width(part, size, bold)))
        return height

    def measure(self, text: str, width: int, role: str = "body", bold: bool = False) -> int:
        lines = self.fonts.wrapped(text, self.size(role), bold, max(20, width))
        return len(lines) * self.line_height(role)

    def panel(self, rect: pygame.Rect, colour: Colour | None = None, border: bool = True) -> None:
        self.reach(rect.bottom)
        self.box(rect, colour or self.theme.panel,
                 self.theme.panel_border if border else None, max(1, self.px(2)), self.px(14))

    def box(self, rect: pygame.Rect, fill: Colour, border: Colour | None, width: int,
            radius: int) -> None:
        """A rounded box with an optional border, from a cache of boxes already drawn."""
        if rect.width <= 0 or rect.height <= 0:
            return
        if (len(fill) > 3 or (border is not None and len(border) > 3)
                or _KEY in (fill, border) or rect.width * rect.height > _BOX_MAX_AREA):
            self._draw_box(self.surface, rect, fill, border, width, radius)
            return

        def make() -> pygame.Surface:
            made = pygame.Surface(rect.size)
            if pygame.display.get_surface() is not None:
                made = made.convert()
            made.fill(_KEY)
            self._draw_box(made, made.get_rect(), fill, border, width, radius)
            made.set_colorkey(_KEY, pygame.RLEACCEL)
            return made

        self.surface.blit(_BOXES.fetch((rect.size, fill, border, width, radius), make), rect)

    @staticmethod
    def _draw_box(surface: pygame.Surface, rect: pygame.Rect, fill: Colour,
                  border: Colour | None, width: int, radius: int) -> None:
        pygame.draw.rect(surface, fill, rect, border_radius=radius)
        if border is not None:
            pygame.draw.rect(surface, border, rect, width, border_radius=radius)

    def dim(self) -> None:
        key = (self.surface.get_size(), self.theme.overlay)
        veil = _VEILS.get(key)
        if veil is None:
            veil = pygame.Surface(self.surface.get_size(), pygame.SRCALPHA)
            veil.fill(self.theme.overlay)
            _VEILS.clear()
            _VEILS[key] = veil
        self.surface.blit(veil, (0, 0))

    def image(self, ref: str | None, rect: pygame.Rect, label: str = "",
              plate: bool = True) -> None:
        """The image centred in ``rect``, or a labelled placeholder when it is missing.

        On a black theme the picture sits on a light plate: the icons are drawn with black
        outlines (OpenMoji), and a black line on a black panel is not there at all. Every
        picture goes through here, so none is left without it; `plate=False` is for a
        caller that lays a light backdrop of its own shape (a hotspot's disc)."""
        surf = self.images.get(ref, rect.size)
        self.reach(rect.bottom)
        if surf is not None:
            where = surf.get_rect(center=rect.center)
            backdrop = self._icon_backdrop() if plate else None
            if backdrop is not None:
                pygame.draw.rect(self.surface, backdrop, where.inflate(self.px(4), self.px(4)),
                                 border_radius=self.px(6))
            self.surface.blit(surf, where)
            return
        pygame.draw.rect(self.surface, self.theme.button, rect, border_radius=self.px(8))
        pygame.draw.rect(self.surface, self.theme.muted, rect, 1, border_radius=self.px(8))
        if label:
            inner = rect.inflate(-self.px(8), -self.px(8))
            self.paragraph(label, inner, "small", self.theme.text, align="center")

    def widget(self, w: Widget, focused: bool, hovered: bool) -> None:
        self._owner = w.key
        try:
            self._widget(w, focused, hovered)
        finally:
            self._owner = None
        self.reach(w.rect.bottom)

    def _widget(self, w: Widget, focused: bool, hovered: bool) -> None:
        th = self.theme
        if w.kind == "hotspot":
            self._hotspot(w, focused, hovered)
            return
        radius = self.px(10)
        if w.selected or w.style == "primary":
            bg, fg = th.accent, th.accent_text
        elif hovered:
            bg, fg = th.button_hover, th.button_text
        else:
            bg, fg = th.button, th.button_text
        if not w.enabled:
            bg, fg = th.panel, th.muted
        if w.style == "quiet" and not w.selected:
            bg = th.panel
            fg = th.text if w.enabled else th.muted
        self.box(w.rect, bg, th.panel_border if not w.selected else fg, max(1, self.px(2)),
                 radius)
        x = w.rect.left + self.px(12)
        icon_size = min(w.rect.height - self.px(10), self.px(34))
        if w.kind in ("toggle", "option") and w.extra.get("check", True):
            box = pygame.Rect(0, 0, icon_size * 3 // 4, icon_size * 3 // 4)
            box.midleft = (x, w.rect.centery)
            pygame.draw.rect(self.surface, fg, box, max(1, self.px(2)),
                             border_radius=self.px(4) if w.kind == "toggle" else box.width // 2)
            if w.selected:
                pygame.draw.lines(self.surface, fg, False, [
                    (box.left + box.width * 0.2, box.centery),
                    (box.left + box.width * 0.45, box.bottom - box.height * 0.2),
                    (box.right - box.width * 0.15, box.top + box.height * 0.2)],
                    max(2, self.px(3)))
            x = box.right + self.px(10)
        if w.icon:
            icon_rect = pygame.Rect(x, 0, icon_size, icon_size)
            icon_rect.centery = w.rect.centery
            self.image(w.icon, icon_rect)
            x = icon_rect.right + self.px(8)
        label, role, bold = self.label_of(w)
        available = w.rect.right - self.px(10) - x
        if w.extra.get("wrap") or self.text_width(label, role, bold) > available:
            # a label never loses words: it wraps, and the layout gave the button the height
            height = self.measure(label, available, role, bold)
            area = pygame.Rect(x, w.rect.centery - height // 2, available,
                               min(height, w.rect.height))
            self.paragraph(label, area, role, fg, bold)
        elif w.kind == "button" and not w.icon:
            self.text(label, w.rect.center, role, fg, bold=bold, anchor="center")
        else:
            self.text(label, (x, w.rect.centery), role, fg, bold=bold, anchor="midleft")
        if focused:
            self.focus_ring(w.rect)

    @staticmethod
    def label_of(w: Widget) -> tuple[str, str, bool]:
        """A widget's label as it is drawn: its text (after its number key), its role, and
        bold for a primary button. Drawing and measuring (``widget_height``) both ask here,
        so a button is never measured in another font than the one it is drawn in."""
        # a label that is its own number key (a scale's "1" to "5") is not numbered twice
        numbered = w.hotkey is not None and str(w.hotkey) != w.label
        label = f"{w.hotkey}. {w.label}" if numbered else w.label
        return label, str(w.extra.get("role", "body")), w.style == "primary"

    def widget_height(self, w: Widget, width: int) -> int:
        """The height ``w`` needs at ``width`` to show its whole label, measured the way
        ``widget`` draws it (``label_of``, its icon, a check box for an option or toggle)."""
        label, role, bold = self.label_of(w)
        check = w.kind in ("toggle", "option") and bool(w.extra.get("check", True))
        return self._label_height(label, width, w.icon is not None, check, role, bold)

    def sized(self, w: Widget) -> Widget:
        """``w`` with its rect as tall as its label needs at the rect's width."""
        w.rect.height = self.widget_height(w, w.rect.width)
        return w

    def label_room(self, width: int, icon: bool = True, check: bool = False) -> int:
        """The width a button of ``width`` leaves for its label (see ``widget``)."""
        icon_size = self.px(34)
        used = self.px(12) + self.px(10)
        if check:
            used += icon_size * 3 // 4 + self.px(10)
        if icon:
            used += icon_size + self.px(8)
        return max(20, width - used)

    def button_height(self, label: str, width: int, icon: bool = True, check: bool = False,
                      role: str = "body") -> int:
        """The height a plain button (not primary) needs to show ``label`` whole at
        ``width``; a widget is measured with ``widget_height``, which knows how it is drawn."""
        return self._label_height(label, width, icon, check, role, False)

    def _label_height(self, label: str, width: int, icon: bool, check: bool, role: str,
                      bold: bool) -> int:
        base = max(self.px(52), int(self.line_height("body") * 1.7))
        text_h = self.measure(label, self.label_room(width, icon, check), role, bold)
        return max(base, text_h + self.px(16))

    def focus_ring(self, rect: pygame.Rect) -> None:
        gap = rect.inflate(self.px(6), self.px(6))
        pygame.draw.rect(self.surface, self.theme.background, gap, max(2, self.px(3)),
                         border_radius=self.px(12))
        ring = rect.inflate(self.px(12), self.px(12))
        pygame.draw.rect(self.surface, self.theme.focus, ring, max(3, self.px(4)),
                         border_radius=self.px(14))

    def _icon_backdrop(self) -> Colour | None:
        """On a black theme, black-outlined icons need a light backdrop to be seen at all."""
        return self.theme.text if self.theme.name == "high_contrast" else None

    def _hotspot(self, w: Widget, focused: bool, hovered: bool) -> None:
        th = self.theme
        halo = w.rect.inflate(self.px(6), self.px(6))
        backdrop = self._icon_backdrop()
        fill = backdrop if backdrop is not None else th.button_hover if hovered else th.panel
        pygame.draw.ellipse(self.surface, fill, halo)
        ring = (th.accent if w.selected or focused or (hovered and backdrop is not None)
                else th.panel_border)
        pygame.draw.ellipse(self.surface, ring, halo, max(2, self.px(3)))
        # On the black theme the disc itself is the light backdrop (see `image`).
        self.image(w.icon, w.rect.inflate(-self.px(14), -self.px(14)), w.label, plate=False)
        if focused:
            self.focus_ring(w.rect)
        named = w.extra.get("label", True)
        if not named and not (focused or hovered):  # the room lists the names instead
            return
        # where the names do not fit under every hotspot, the one pointed at or focused
        # still says what it is, framed over the picture like a tooltip
        lines = self._hotspot_name_lines(w)
        surfs = [self.fonts.render(line, self.size("small"), th.text, True) for line in lines]
        box = pygame.Rect(0, 0, max(s.get_width() for s in surfs),
                          sum(s.get_height() for s in surfs))
        box.midtop = (w.rect.centerx, w.rect.bottom + self.px(8))
        if not named:  # inside the picture, above the hotspot when there is no room below
            frame = w.extra.get("clip")  # on the page; the widget may be drawn on screen
            if isinstance(frame, pygame.Rect) and w.page_rect is not None:
                frame = frame.move(w.rect.left - w.page_rect.left, w.rect.top - w.page_rect.top)
            frame = frame if isinstance(frame, pygame.Rect) else self.surface.get_rect()
            if box.bottom + self.px(6) > frame.bottom:
                box.midbottom = (w.rect.centerx, w.rect.top - self.px(8))
            box.clamp_ip(frame.inflate(-self.px(12), -self.px(6)))
        box.clamp_ip(self.surface.get_rect())
        pygame.draw.rect(self.surface, th.panel, box.inflate(self.px(12), self.px(6)),
                         border_radius=self.px(6))
        if not named:
            pygame.draw.rect(self.surface, th.accent, box.inflate(self.px(12), self.px(6)),
                             max(1, self.px(2)), border_radius=self.px(6))
        y = box.top
        for line, surf in zip(lines, surfs, strict=True):
            rect = surf.get_rect(midtop=(box.centerx, y))
            self.surface.blit(surf, rect)
            self.texts.append(TextRecord(line, rect, owner=w.key))
            y += surf.get_height()

    def _hotspot_name_lines(self, w: Widget) -> list[str]:
        """A hotspot's name as it is drawn under (or over) it, wrapped to its label width."""
        width = w.extra.get("label_width", self.px(200))
        width = width if isinstance(width, int) else self.px(200)
        return self.fonts.wrapped(w.label, self.size("small"), True, max(20, width))

    def hotspot_label_box(self, w: Widget, pointed: bool = False) -> pygame.Rect | None:
        """Where a hotspot's name goes under it, or None when the room lists names instead
        (unless the hotspot is ``pointed`` at: its name then shows like a tooltip)."""
        if not w.extra.get("label", True) and not pointed:
            return None
        lines = self._hotspot_name_lines(w)
        box = pygame.Rect(0, 0, max(self.text_width(line, "small", True) for line in lines),
                          sum(self.fonts.render(line, self.size("small"), self.theme.text,
                                                True).get_height() for line in lines))
        box.midtop = (w.rect.centerx, w.rect.bottom + self.px(8))
        return box.inflate(self.px(12), self.px(6))
