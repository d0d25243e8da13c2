"""The level map painted with pygame and saved as PNG (the pure layers cannot import pygame).

It paints the same boxes, paths and labels as the SVG writer, with the same font, so both
pictures agree.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path as FilePath

import pygame
import pygame.freetype

from escape_game.levelmap.drawing import Box, Drawing, Label, Path
from escape_game.levelmap.svg import ASCENT, arrow_head
from escape_game.resources import ASSETS

FONTS = ASSETS / "fonts"


def _colour(hex_colour: str) -> pygame.Color:
    return pygame.Color(hex_colour)


def _dashed(surface: pygame.Surface, colour: pygame.Color, points: list[tuple[float, float]],
            width: int, on: float = 7, off: float = 5) -> None:
    draw = True
    left = on
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.dist((x0, y0), (x1, y1))
        done = 0.0
        while done < length:
            step = min(left, length - done)
            a = (x0 + (x1 - x0) * done / length, y0 + (y1 - y0) * done / length)
            b = (x0 + (x1 - x0) * (done + step) / length, y0 + (y1 - y0) * (done + step) / length)
            if draw:
                pygame.draw.line(surface, colour, a, b, width)
            done += step
            left -= step
            if left <= 0:
                draw = not draw
                left = on if draw else off


def _box_outline(box: Box, scale: float) -> list[tuple[float, float]]:
    x, y, w, h = box.x * scale, box.y * scale, box.w * scale, box.h * scale
    return [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]


def paint(drawing: Drawing, scale: float = 1.0) -> pygame.Surface:
    pygame.freetype.init()
    fonts = {False: pygame.freetype.Font(str(FONTS / "DejaVuSans.ttf")),
             True: pygame.freetype.Font(str(FONTS / "DejaVuSans-Bold.ttf"))}
    for font in fonts.values():
        font.origin = True  # render_to positions the baseline, as SVG does
    size = (math.ceil(drawing.width * scale), math.ceil(drawing.height * scale))
    surface = pygame.Surface(size)
    surface.fill(_colour(drawing.background))
    for item in drawing.items:
        if isinstance(item, Box):
            rect = pygame.Rect(round(item.x * scale), round(item.y * scale),
                               round(item.w * scale), round(item.h * scale))
            pygame.draw.rect(surface, _colour(item.fill), rect, border_radius=round(6 * scale))
            width = max(1, round(item.width * scale))
            if item.dash:
                _dashed(surface, _colour(item.stroke), _box_outline(item, scale), width)
            else:
                pygame.draw.rect(surface, _colour(item.stroke), rect, width,
                                 border_radius=round(6 * scale))
        elif isinstance(item, Path):
            points = [(x * scale, y * scale) for x, y in item.points]
            width = max(1, round(item.width * scale))
            if item.dash:
                _dashed(surface, _colour(item.stroke), points, width)
            else:
                pygame.draw.lines(surface, _colour(item.stroke), False, points, width)
            if item.arrow and len(points) >= 2:
                pygame.draw.polygon(surface, _colour(item.stroke),
                                    arrow_head(tuple(points), 9 * scale))
        elif isinstance(item, Label):
            font = fonts[item.bold]
            baseline = (item.y + item.size * ASCENT) * scale
            font.render_to(surface, (item.x * scale, baseline), item.text,
                           _colour(item.colour), size=item.size * scale)
    return surface


def save_png(drawing: Drawing, path: FilePath, scale: float = 1.0) -> None:
    pygame.image.save(paint(drawing, scale), str(path))
