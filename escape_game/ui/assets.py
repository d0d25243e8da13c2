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

ASSETS_DIR = ASSETS
log = logging.getLogger(__name__)


def _manifest() -> dict[str, dict[str, str]]:
    try:
        data = json.loads((ASSETS_DIR / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"fonts": {}, "images": {}}
    return {"fonts": dict(data.get("fonts", {})), "images": dict(data.get("images", {}))}


class LRU(OrderedDict[object, pygame.Surface]):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def fetch(self, key: object, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        if key in self:
            self.move_to_end(key)
            return self[key]
        value = make()
        self[key] = value
        if len(self) > self.size:
            self.popitem(last=False)
        return value


class Fonts:
    """Fonts by (role, size); text that the main font cannot draw uses the fallback font."""

    def __init__(self, dyslexic: bool = False) -> None:
        self.files = _manifest()["fonts"]
        self.dyslexic = dyslexic
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._renders = LRU(1500)
        self._layouts: OrderedDict[object, list[str]] = OrderedDict()

    def font(self, size: int, bold: bool = False, fallback: bool = False) -> pygame.font.Font:
        if fallback:
            role = "fallback_bold" if bold else "fallback"
        elif self.dyslexic:
            role = "dyslexic_bold" if bold else "dyslexic"
        else:
            role = "ui_bold" if bold else "ui"
        key = (role, size)
        if key not in self._fonts:
            rel = self.files.get(role)
            try:
                self._fonts[key] = pygame.font.Font(ASSETS_DIR / rel if rel else None, size)
            except (OSError, FileNotFoundError):
                self._fonts[key] = pygame.font.Font(None, size)
        return self._fonts[key]

    def for_text(self, text: str, size: int, bold: bool = False) -> pygame.font.Font:
        main = self.font(size, bold)
        if text.isascii():
            return main
        metrics = main.metrics(text)
        if any(m is None for m in metrics):
            return self.font(size, bold, fallback=True)
        return main

    def wrapped(self, text: str, size: int, bold: bool, width: int) -> list[str]:
        """``wrap`` with a cache: the same paragraph is laid out once, not every frame."""
        key = (text, size, bold, width)
        lines = self._layouts.get(key)
        if lines is None:
            lines = wrap(text, self.for_text(text, size, bold), width)
            self._layouts[key] = lines
            if len(self._layouts) > 800:
                self._layouts.popitem(last=False)
        return lines

    def fitted(self, text: str, size: int, bold: bool, width: int) -> str:
        key = ("fit", text, size, bold, width)
        cached = self._layouts.get(key)
        if cached is not None:
            return cached[0]
        font = self.for_text(text, size, bold)
        if font.size(text)[0] > width:
            while text and font.size(text + "…")[0] > width:
                text = text[:-1]
            text += "…"
        self._layouts[key] = [text]
        return text

    def render(self, text: str, size: int, colour: tuple[int, int, int],
               bold: bool = False) -> pygame.Surface:
        key = (text, size, colour, bold, self.dyslexic)
        return self._renders.fetch(
            key, lambda: self.for_text(text, size, bold).render(text, True, colour))


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Break text into lines no wider than ``width``: by words, long words broken by letters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if font.size(candidate)[0] <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


class Images:
    """Engine images by manifest key (``threats/fire``) or by path; scaled copies cached."""

    def __init__(self, resolve: Callable[[str], Path | None] | None = None) -> None:
        self.keys = _manifest()["images"]
        self.resolve = resolve
        self._raw: dict[str, pygame.Surface | None] = {}
        self._scaled = LRU(400)

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
