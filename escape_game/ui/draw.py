"""The painter: draws text, panels, widgets and images in the current theme and scale."""

from __future__ import annotations

import pygame

from escape_game.ui.assets import Fonts, Images
from escape_game.ui.theme import Colour, Theme
from escape_game.ui.widgets import Widget

_VEILS: dict[object, pygame.Surface] = {}
SIZES = {"small": 17, "body": 21, "large": 26, "heading": 32, "title": 52}


class Painter:
    def __init__(self, surface: pygame.Surface, theme: Theme, fonts: Fonts, images: Images,
                 text_scale: float, unit: float | None = None) -> None:
        self.surface = surface
        self.theme = theme
        self.fonts = fonts
        self.images = images
        w, h = surface.get_size()
        self.unit = unit if unit is not None else max(0.5, min(w / 1280, h / 720))
        self.text_scale = text_scale

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
        return rect

    def fit_text(self, text: str, width: int, role: str = "body", bold: bool = False) -> str:
        """The text, cut with an ellipsis if it is wider than ``width`` (cached)."""
        return self.fonts.fitted(text, self.size(role), bold, width)

    def paragraph(self, text: str, rect: pygame.Rect, role: str = "body",
                  colour: Colour | None = None, bold: bool = False, align: str = "left",
                  limit_chars: int | None = None) -> int:
        """Wrapped text inside ``rect``; returns the height used. ``limit_chars`` types it out."""
        if limit_chars is not None:
            text = text[:limit_chars]
        y = rect.top
        step = self.line_height(role)
        for line in self.fonts.wrapped(text, self.size(role), bold, max(20, rect.width)):
            if y + step > rect.bottom + step // 3 and y > rect.top:
                break
            if line:
                if align == "center":
                    self.text(line, (rect.centerx, y), role, colour, bold, anchor="midtop")
                else:
                    self.text(line, (rect.left, y), role, colour, bold)
            y += step
        return y - rect.top

    def measure(self, text: str, width: int, role: str = "body", bold: bool = False) -> int:
        lines = self.fonts.wrapped(text, self.size(role), bold, max(20, width))
        return len(lines) * self.line_height(role)

    def panel(self, rect: pygame.Rect, colour: Colour | None = None, border: bool = True) -> None:
        radius = self.px(14)
        pygame.draw.rect(self.surface, colour or self.theme.panel, rect, border_radius=radius)
        if border:
            pygame.draw.rect(self.surface, self.theme.panel_border, rect, max(1, self.px(2)),
                             border_radius=radius)

    def dim(self) -> None:
        key = (self.surface.get_size(), self.theme.overlay)
        veil = _VEILS.get(key)
        if veil is None:
            veil = pygame.Surface(self.surface.get_size(), pygame.SRCALPHA)
            veil.fill(self.theme.overlay)
            _VEILS.clear()
            _VEILS[key] = veil
        self.surface.blit(veil, (0, 0))

    def image(self, ref: str | None, rect: pygame.Rect, label: str = "") -> None:
        """The image centred in ``rect``, or a labelled placeholder when it is missing."""
        surf = self.images.get(ref, rect.size)
        if surf is not None:
            self.surface.blit(surf, surf.get_rect(center=rect.center))
            return
        pygame.draw.rect(self.surface, self.theme.button, rect, border_radius=self.px(8))
        pygame.draw.rect(self.surface, self.theme.muted, rect, 1, border_radius=self.px(8))
        if label:
            inner = rect.inflate(-self.px(8), -self.px(8))
            self.paragraph(label, inner, "small", self.theme.text, align="center")

    def widget(self, w: Widget, focused: bool, hovered: bool) -> None:
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
        pygame.draw.rect(self.surface, bg, w.rect, border_radius=radius)
        pygame.draw.rect(self.surface, th.panel_border if not w.selected else fg, w.rect,
                         max(1, self.px(2)), border_radius=radius)
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
            backdrop = self._icon_backdrop()
            if backdrop is not None:
                pygame.draw.rect(self.surface, backdrop,
                                 icon_rect.inflate(self.px(4), self.px(4)),
                                 border_radius=self.px(6))
            self.image(w.icon, icon_rect)
            x = icon_rect.right + self.px(8)
        label = w.label
        if w.hotkey is not None:
            label = f"{w.hotkey}. {label}"
        role = str(w.extra.get("role", "body"))
        available = w.rect.right - self.px(10) - x
        if w.extra.get("wrap"):
            height = self.measure(label, available, role)
            area = pygame.Rect(x, w.rect.centery - height // 2, available, height)
            self.paragraph(label, area, role, fg)
        else:
            text = self.fit_text(label, available, role, bold=w.style == "primary")
            if w.kind == "button" and not w.icon:
                self.text(text, w.rect.center, role, fg, bold=w.style == "primary",
                          anchor="center")
            else:
                self.text(text, (x, w.rect.centery), role, fg, bold=w.style == "primary",
                          anchor="midleft")
        if focused:
            self.focus_ring(w.rect)

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
        ring = th.accent if w.selected or (hovered and backdrop is not None) else th.panel_border
        pygame.draw.ellipse(self.surface, ring, halo, max(2, self.px(3)))
        self.image(w.icon, w.rect.inflate(-self.px(14), -self.px(14)), w.label)
        width = w.extra.get("label_width", self.px(200))
        label = self.fit_text(w.label, width if isinstance(width, int) else self.px(200),
                              "small", bold=True)
        surf = self.fonts.render(label, self.size("small"), th.text, True)
        box = surf.get_rect(midtop=(w.rect.centerx, w.rect.bottom + self.px(8)))
        pygame.draw.rect(self.surface, th.panel, box.inflate(self.px(12), self.px(6)),
                         border_radius=self.px(6))
        self.surface.blit(surf, box)
        if focused:
            self.focus_ring(w.rect)
