"""Fonts and images found relative to this file (like pygame's chimp example), cached.

Scaled images are cached by size, rendered text by content: neither is redone every frame.
A missing or broken image becomes a labelled placeholder, never a crash.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import pygame

from escape_game.resources import ASSETS
from escape_game.text_metrics import break_lines

ASSETS_DIR = ASSETS
#: the game's line breaking (one rule, shared with the layout lint)
wrap = break_lines
log = logging.getLogger(__name__)


def _manifest() -> dict[str, dict[str, str]]:
    try:
        data = json.loads((ASSETS_DIR / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"fonts": {}, "images": {}}
    return {"fonts": dict(data.get("fonts", {})), "images": dict(data.get("images", {}))}


def surface_bytes(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


class LRU(OrderedDict[object, pygame.Surface]):
    """Surfaces kept by last use, within a count and a memory budget: the oldest go first.

    The budget matters more than the count: at the largest text a cache of a few hundred
    rendered paragraphs or page-wide panels holds hundreds of megabytes.
    """

    def __init__(self, size: int, budget_mb: float = 32) -> None:
        super().__init__()
        self.size = size
        self.budget = int(budget_mb * 2**20)
        self.bytes = 0

    def fetch(self, key: object, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = make()
        self[key] = value
        self.bytes += surface_bytes(value)
        while len(self) > 1 and (len(self) > self.size or self.bytes > self.budget):
            _, old = self.popitem(last=False)
            self.bytes -= surface_bytes(old)
        return value


class Fonts:
    """Fonts by (role, size), with a fallback chain per character.

    The reading font (Atkinson Hyperlegible, or OpenDyslexic) lacks some symbols the game
    uses (arrows, check marks, the narrow no-break space of French numbers). Each character
    is drawn with the first font of the chain that has it, so nothing renders as a box; a
    character no font has is reported by ``missing`` (the glyph test checks every string).
    """

    def __init__(self, dyslexic: bool = False) -> None:
        self.files = _manifest()["fonts"]
        self.dyslexic = dyslexic
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._renders = LRU(1500, budget_mb=12)
        self._layouts: OrderedDict[object, list[str]] = OrderedDict()
        #: widths of whole labels and lines, asked for every frame by layouts and buttons
        self._widths: dict[tuple[str, int, bool], int] = {}
        self._coverage: dict[tuple[str, str], bool] = {}
        self._faces: dict[str, object] = {}

    def chain(self, bold: bool = False) -> tuple[str, ...]:
        """The font roles to try, in order, for each character."""
        main = ("dyslexic" if self.dyslexic else "ui") + ("_bold" if bold else "")
        return (main, "fallback_bold" if bold else "fallback")

    def _path(self, role: str) -> Path | None:
        rel = self.files.get(role)
        return ASSETS_DIR / rel if rel else None

    def by_role(self, role: str, size: int) -> pygame.font.Font:
        key = (role, size)
        if key not in self._fonts:
            path = self._path(role)
            try:
                self._fonts[key] = pygame.font.Font(path, size)
            except (OSError, FileNotFoundError):
                self._fonts[key] = pygame.font.Font(None, size)
        return self._fonts[key]

    def font(self, size: int, bold: bool = False, fallback: bool = False) -> pygame.font.Font:
        return self.by_role(self.chain(bold)[1 if fallback else 0], size)

    def has_glyph(self, role: str, char: str) -> bool:
        """Whether the font of ``role`` draws ``char`` (pygame.font cannot tell; FreeType can:
        its metrics are None for a character the font lacks)."""
        key = (role, char)
        known = self._coverage.get(key)
        if known is None:
            import pygame.freetype as freetype

            face = self._faces.get(role)
            if face is None:
                if not freetype.get_init():
                    freetype.init()
                path = self._path(role)
                try:
                    face = freetype.Font(str(path) if path else None, 16)
                except (OSError, FileNotFoundError):
                    face = freetype.Font(None, 16)
                self._faces[role] = face
            metrics = face.get_metrics(char)  # type: ignore[attr-defined]
            known = bool(metrics) and metrics[0] is not None
            self._coverage[key] = known
        return known

    def role_for(self, char: str, bold: bool) -> str:
        chain = self.chain(bold)
        if char.isascii() and char.isprintable():
            return chain[0]
        for role in chain:
            if self.has_glyph(role, char):
                return role
        return chain[-1]

    def missing(self, text: str, bold: bool = False) -> set[str]:
        """Characters of ``text`` that no font of the chain can draw."""
        return {c for c in set(text) if c not in "\n\t"
                and not any(self.has_glyph(role, c) for role in self.chain(bold))}

    def runs(self, text: str, bold: bool) -> list[tuple[str, str]]:
        """``text`` cut into (font role, piece) runs, each piece drawn by one font."""
        if text.isascii():
            return [(self.chain(bold)[0], text)]
        runs: list[tuple[str, str]] = []
        for char in text:
            role = self.role_for(char, bold)
            if runs and runs[-1][0] == role:
                runs[-1] = (role, runs[-1][1] + char)
            else:
                runs.append((role, char))
        return runs

    def for_text(self, text: str, size: int, bold: bool = False) -> pygame.font.Font:
        """The font that draws most of ``text`` (for line heights and ascent)."""
        return self.by_role(self.chain(bold)[0], size)

    def width(self, text: str, size: int, bold: bool = False) -> int:
        key = (text, size, bold)
        known = self._widths.get(key)
        if known is None:
            known = sum(self.by_role(role, size).size(piece)[0]
                        for role, piece in self.runs(text, bold))
            if len(self._widths) > 5000:  # wrapping measures many prefixes: start afresh
                self._widths.clear()
            self._widths[key] = known
        return known

    def wrapped(self, text: str, size: int, bold: bool, width: int) -> list[str]:
        """``wrap`` with a cache: the same paragraph is laid out once, not every frame."""
        key = (text, size, bold, width)
        lines = self._layouts.get(key)
        if lines is None:
            lines = wrap(text, lambda piece: self.width(piece, size, bold), width)
            self._layouts[key] = lines
            if len(self._layouts) > 800:
                self._layouts.popitem(last=False)
        return lines

    def fitted(self, text: str, size: int, bold: bool, width: int) -> str:
        key = ("fit", text, size, bold, width)
        cached = self._layouts.get(key)
        if cached is not None:
            return cached[0]
        if self.width(text, size, bold) > width:
            while text and self.width(text + "…", size, bold) > width:
                text = text[:-1]
            text += "…"
        self._layouts[key] = [text]
        return text

    def render(self, text: str, size: int, colour: tuple[int, int, int],
               bold: bool = False) -> pygame.Surface:
        key = (text, size, colour, bold, self.dyslexic)
        return self._renders.fetch(key, lambda: self._render(text, size, colour, bold))

    def _render(self, text: str, size: int, colour: tuple[int, int, int],
                bold: bool) -> pygame.Surface:
        runs = self.runs(text, bold)
        if len(runs) == 1:
            return self.by_role(runs[0][0], size).render(text, True, colour)
        pieces = [(self.by_role(role, size), piece) for role, piece in runs]
        ascent = max(font.get_ascent() for font, _ in pieces)
        descent = max(-font.get_descent() for font, _ in pieces)
        surfaces = [(font.render(piece, True, colour), font.get_ascent()) for font, piece in pieces]
        out = pygame.Surface((sum(s.get_width() for s, _ in surfaces),
                              max(ascent + descent, max(s.get_height() for s, _ in surfaces))),
                             pygame.SRCALPHA)
        x = 0
        for surf, font_ascent in surfaces:
            out.blit(surf, (x, ascent - font_ascent))
            x += surf.get_width()
        return out


class Images:
    """Engine images by manifest key (``threats/fire``) or by path; scaled copies cached."""

    def __init__(self, resolve: Callable[[str], Path | None] | None = None) -> None:
        self.keys = _manifest()["images"]
        self.resolve = resolve
        self._raw: dict[str, pygame.Surface | None] = {}
        self._scaled = LRU(400, budget_mb=12)

    def path_of(self, ref: str) -> Path | None:
        if ref in self.keys:
            return ASSETS_DIR / self.keys[ref]
        if ref.startswith("assets:"):
            name = ref.removeprefix("assets:").lstrip("/")
            if name in self.keys:
                return ASSETS_DIR / self.keys[name]
            return ASSETS_DIR / name
        if self.resolve is not None:
            try:
                return self.resolve(ref)
            except Exception as exc:  # a level's asset problem must not stop the game
                log.warning("cannot resolve image %s: %s", ref, exc)
                return None
        return None

    def raw(self, ref: str | None) -> pygame.Surface | None:
        if not ref:
            return None
        if ref not in self._raw:
            path = self.path_of(ref)
            surface: pygame.Surface | None = None
            if path is not None and path.is_file():
                try:
                    surface = pygame.image.load(str(path))
                    if pygame.display.get_surface() is not None:
                        surface = surface.convert_alpha()
                except (pygame.error, OSError) as exc:
                    log.warning("cannot load image %s: %s", path, exc)
            self._raw[ref] = surface
        return self._raw[ref]

    def get(self, ref: str | None, size: tuple[int, int],
            fit: bool = True) -> pygame.Surface | None:
        """The image scaled to fit in ``size`` (keeping its shape), or None if missing."""
        raw = self.raw(ref)
        if raw is None:
            return None
        w, h = max(1, size[0]), max(1, size[1])
        if fit:
            scale = min(w / raw.get_width(), h / raw.get_height())
            w, h = max(1, int(raw.get_width() * scale)), max(1, int(raw.get_height() * scale))
        return self._scaled.fetch((ref, w, h), lambda: pygame.transform.smoothscale(raw, (w, h)))
