"""A tidy room drawn from a room's theme, for levels that bring no picture of their own.

A teacher's level without art should still look like a place: a back wall with a window,
shelves or a board, side walls, a floor in perspective and a rug, in the theme's colours.
Everything is drawn with pygame primitives at twice the size and scaled down smoothly; the
choice of furniture and colours for an unknown theme comes from a checksum of its name, so
the same room always looks the same (no global randomness). The pictures are the project's
own work (see assets/CREDITS.md).
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from dataclasses import dataclass

import pygame

RGB = tuple[int, int, int]
BASE = (512, 288)  # the size of the shipped room pictures (16:9)
DRAW_SCALE = 2


@dataclass(frozen=True)
class Palette:
    wall: RGB
    side: RGB
    ceiling: RGB
    floor: RGB
    trim: RGB
    accent: RGB
    sky: RGB


@dataclass(frozen=True)
class Furniture:
    window: str | None = "left"  # left, right or None
    shelves: int = 2  # 0 to 3 shelves with books on the wall opposite the window
    board: bool = False  # a board with a grid (charts, plans)
    clock: bool = False
    door: bool = False
    frame: bool = False  # a picture on the wall


THEMES: dict[str, tuple[Palette, Furniture]] = {
    "protection": (Palette((196, 226, 222), (160, 200, 196), (226, 240, 238), (170, 128, 96),
                           (120, 90, 70), (214, 88, 72), (170, 214, 240)),
                   Furniture(window="left", shelves=2)),
    "fine_print": (Palette((240, 230, 204), (214, 200, 168), (248, 242, 226), (150, 110, 80),
                           (110, 80, 60), (90, 110, 160), (200, 224, 240)),
                   Furniture(window="right", shelves=3, frame=True)),
    "risk_matrix": (Palette((214, 220, 238), (180, 188, 214), (232, 236, 248), (120, 124, 140),
                            (84, 90, 120), (230, 170, 60), (190, 214, 240)),
                    Furniture(window="left", shelves=1, board=True)),
    "scam": (Palette((222, 196, 226), (190, 160, 200), (236, 220, 240), (110, 90, 120),
                     (90, 60, 100), (250, 90, 160), (120, 100, 180)),
             Furniture(window="right", shelves=1, frame=True)),
    "time": (Palette((246, 214, 180), (220, 184, 160), (252, 232, 210), (160, 110, 90),
                     (120, 80, 70), (120, 90, 160), (250, 190, 140)),
             Furniture(window="left", shelves=2, clock=True)),
    "hall": (Palette((228, 216, 200), (200, 186, 170), (240, 232, 222), (130, 104, 84),
                     (100, 78, 60), (60, 120, 120), (190, 210, 230)),
             Furniture(window="right", shelves=0, door=True, frame=True)),
}


def _checksum(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def _soft(hue_seed: int, lightness: float) -> RGB:
    colour = pygame.Color(0)
    colour.hsla = (hue_seed % 360, 30, lightness, 100)
    return (colour.r, colour.g, colour.b)


def style_for(theme: str | None, key: str = "") -> tuple[Palette, Furniture]:
    """The colours and furniture of a theme; an unknown theme gets a stable, calm mix."""
    if theme in THEMES:
        return THEMES[theme]
    n = _checksum(f"{theme or ''}/{key}")
    hue = n % 360
    palette = Palette(_soft(hue, 84), _soft(hue, 74), _soft(hue, 92), _soft(hue + 30, 42),
                      _soft(hue + 30, 30), _soft(hue + 180, 55), (190, 214, 236))
    furniture = Furniture(window=("left", "right", None, "left")[(n >> 9) & 3],
                          shelves=(n >> 12) % 4, board=bool(n >> 14 & 1),
                          clock=bool(n >> 15 & 1), door=bool(n >> 16 & 1),
                          frame=bool(n >> 17 & 1))
    return palette, furniture


def _darker(colour: RGB, amount: float) -> RGB:
    return (round(colour[0] * (1 - amount)), round(colour[1] * (1 - amount)),
            round(colour[2] * (1 - amount)))


def draw_room(theme: str | None, key: str = "") -> pygame.Surface:
    """The room at the shipped pictures' size (512×288)."""
    palette, furniture = style_for(theme, key)
    s = DRAW_SCALE
    w, h = BASE[0] * s, BASE[1] * s
    surf = pygame.Surface((w, h))
    # one-point perspective: the back wall in the middle, the other surfaces around it
    back = pygame.Rect(round(w * 0.14), round(h * 0.1), round(w * 0.72), round(h * 0.6))
    surf.fill(palette.ceiling)
    pygame.draw.polygon(surf, palette.floor, [(0, h), (w, h), back.bottomright,
                                              back.bottomleft])
    pygame.draw.polygon(surf, palette.side, [(0, 0), back.topleft, back.bottomleft, (0, h)])
    pygame.draw.polygon(surf, palette.side, [(w, 0), back.topright, back.bottomright, (w, h)])
    pygame.draw.rect(surf, palette.wall, back)
    _floor_boards(surf, palette, back)
    # skirting boards along the back wall and the side walls
    pygame.draw.line(surf, palette.trim, back.bottomleft, back.bottomright, 3 * s)
    pygame.draw.line(surf, palette.trim, back.bottomleft, (0, h), 3 * s)
    pygame.draw.line(surf, palette.trim, back.bottomright, (w, h), 3 * s)
    for corner in (back.topleft, back.topright):
        pygame.draw.line(surf, _darker(palette.side, 0.08), (corner[0], 0), corner, s)
    # a rug in front of the back wall
    rug = pygame.Rect(0, 0, round(w * 0.42), round(h * 0.12))
    rug.center = (w // 2, round(h * 0.84))
    pygame.draw.ellipse(surf, _darker(palette.accent, 0.1), rug)
    pygame.draw.ellipse(surf, palette.accent, rug.inflate(-8 * s, -6 * s))
    _wall_furniture(surf, palette, furniture, back)
    return pygame.transform.smoothscale(surf, BASE)


def _floor_boards(surf: pygame.Surface, palette: Palette, back: pygame.Rect) -> None:
    w, h = surf.get_size()
    line = _darker(palette.floor, 0.12)
    for i in range(1, 10):
        x_back = back.left + back.width * i / 10
        x_front = w * i / 10
        pygame.draw.line(surf, line, (x_back, back.bottom), (x_front, h), DRAW_SCALE)


def _wall_furniture(surf: pygame.Surface, palette: Palette, furniture: Furniture,
                    back: pygame.Rect) -> None:
    """Window on one side, door or board in the middle, shelves and a picture opposite.

    Each piece has its own spot on the wall, so no combination overlaps.
    """
    sides = {"left": round(back.left + back.width * 0.2),
             "right": round(back.left + back.width * 0.8)}
    if furniture.window in sides:
        _window(surf, palette, sides.pop(furniture.window), back)
    high = round(back.top + back.height * 0.2)
    if furniture.door:
        _door(surf, palette, back)
    elif furniture.board:
        _board(surf, palette, back)
    clock_spot: tuple[int, int] | None = None
    if furniture.clock:
        clock_spot = (back.centerx, high) if not furniture.board else None
    for i, x in enumerate(sides.values()):
        if furniture.clock and clock_spot is None:
            clock_spot = (x, high)
        elif furniture.frame and i == 0:
            _frame(surf, palette, (x, high), back)
        if furniture.shelves:
            _shelves(surf, palette, furniture.shelves, x, back)
    if clock_spot is not None:
        _clock(surf, palette, clock_spot)


def _door(surf: pygame.Surface, palette: Palette, back: pygame.Rect) -> None:
    s = DRAW_SCALE
    door = pygame.Rect(0, 0, round(back.width * 0.16), round(back.height * 0.62))
    door.midbottom = (back.centerx, back.bottom)
    pygame.draw.rect(surf, palette.trim, door.inflate(6 * s, 3 * s))
    pygame.draw.rect(surf, _darker(palette.accent, 0.25), door)
    pygame.draw.circle(surf, (230, 200, 90), (door.right - 7 * s, door.centery), 3 * s)


def _board(surf: pygame.Surface, palette: Palette, back: pygame.Rect) -> None:
    s = DRAW_SCALE
    board = pygame.Rect(0, 0, round(back.width * 0.26), round(back.height * 0.42))
    board.center = (back.centerx, round(back.top + back.height * 0.4))
    pygame.draw.rect(surf, palette.trim, board.inflate(5 * s, 5 * s))
    pygame.draw.rect(surf, (246, 248, 250), board)
    for i in range(1, 4):
        x = board.left + board.width * i / 4
        y = board.top + board.height * i / 4
        pygame.draw.line(surf, (200, 206, 220), (x, board.top), (x, board.bottom), s)
        pygame.draw.line(surf, (200, 206, 220), (board.left, y), (board.right, y), s)
    heights = (0.25, 0.45, 0.35, 0.65, 0.55, 0.8)
    points = [(board.left + board.width * i / 5, board.bottom - board.height * v)
              for i, v in enumerate(heights)]
    pygame.draw.lines(surf, palette.accent, False, points, 2 * s)


def _clock(surf: pygame.Surface, palette: Palette, centre: tuple[int, int]) -> None:
    s = DRAW_SCALE
    x, y = centre
    pygame.draw.circle(surf, palette.trim, centre, 15 * s)
    pygame.draw.circle(surf, (250, 248, 240), centre, 13 * s)
    pygame.draw.line(surf, (60, 50, 50), centre, (x, y - 9 * s), 2 * s)
    pygame.draw.line(surf, (60, 50, 50), centre, (x + 6 * s, y + 3 * s), 2 * s)


def _frame(surf: pygame.Surface, palette: Palette, centre: tuple[int, int],
           back: pygame.Rect) -> None:
    s = DRAW_SCALE
    frame = pygame.Rect(0, 0, round(back.width * 0.12), round(back.height * 0.18))
    frame.center = centre
    pygame.draw.rect(surf, palette.trim, frame.inflate(4 * s, 4 * s))
    pygame.draw.rect(surf, palette.sky, frame)
    pygame.draw.polygon(surf, _darker(palette.accent, 0.1), [
        frame.bottomleft, (frame.left + frame.width * 0.4, frame.top + frame.height * 0.4),
        (frame.left + frame.width * 0.7, frame.top + frame.height * 0.7), frame.bottomright])


def _window(surf: pygame.Surface, palette: Palette, x: int, back: pygame.Rect) -> None:
    s = DRAW_SCALE
    window = pygame.Rect(0, 0, round(back.width * 0.22), round(back.height * 0.44))
    window.center = (x, round(back.top + back.height * 0.38))
    pygame.draw.rect(surf, palette.trim, window.inflate(8 * s, 8 * s))
    pygame.draw.rect(surf, palette.sky, window)
    surf.set_clip(window)  # a hill seen through the glass, not painted on the wall
    pygame.draw.ellipse(surf, _darker(palette.sky, 0.25),
                        pygame.Rect(window.left - window.width // 4,
                                    window.bottom - window.height // 4,
                                    window.width, window.height // 2))
    surf.set_clip(None)
    pygame.draw.line(surf, palette.trim, window.midtop, window.midbottom, 3 * s)
    pygame.draw.line(surf, palette.trim, window.midleft, window.midright, 3 * s)
    sill = pygame.Rect(0, 0, window.width + 16 * s, 5 * s)
    sill.midtop = (window.centerx, window.bottom + 4 * s)
    pygame.draw.rect(surf, _darker(palette.trim, 0.1), sill)


def _shelves(surf: pygame.Surface, palette: Palette, count: int, x: int,
             back: pygame.Rect) -> None:
    s = DRAW_SCALE
    width = round(back.width * 0.26)
    books = [palette.accent, _darker(palette.accent, 0.3), palette.trim, palette.sky,
             _darker(palette.wall, 0.35)]
    for i in range(count):
        y = round(back.top + back.height * (0.5 + 0.17 * i))
        plank = pygame.Rect(0, 0, width, 4 * s)
        plank.midtop = (x, y)
        bx = plank.left + 4 * s
        for j in range(7 + i):
            bw = (6 + (j * 5 + i * 3) % 5) * s
            bh = (16 + (j * 7 + i) % 9) * s
            if bx + bw > plank.right - 4 * s:
                break
            lean = (j + i) % 6 == 5
            book = pygame.Rect(bx, y - bh, bw, bh)
            if lean:
                pygame.draw.polygon(surf, books[(j + i) % len(books)], [
                    (bx, y), (bx + bw, y), (bx + bw + bh // 3, y - bh + 2 * s),
                    (bx + bh // 3, y - bh + 2 * s)])
                bx += bw + bh // 3
            else:
                pygame.draw.rect(surf, books[(j + i) % len(books)], book)
            bx += bw + s
        pygame.draw.rect(surf, palette.trim, plank)


class Backdrops:
    """Generated rooms by (theme, key), scaled copies by size: drawn once, not every frame."""

    def __init__(self, size: int = 16) -> None:
        self._base: dict[tuple[str | None, str], pygame.Surface] = {}
        self._scaled: OrderedDict[object, pygame.Surface] = OrderedDict()
        self.size = size

    def get(self, theme: str | None, key: str, size: tuple[int, int]) -> pygame.Surface:
        """The room scaled to fit ``size`` keeping its 16:9 shape."""
        base = self._base.get((theme, key))
        if base is None:
            base = self._base[(theme, key)] = draw_room(theme, key)
        scale = min(size[0] / BASE[0], size[1] / BASE[1])
        target = (max(1, round(BASE[0] * scale)), max(1, round(BASE[1] * scale)))
        cache_key = (theme, key, target)
        scaled = self._scaled.get(cache_key)
        if scaled is None:
            scaled = pygame.transform.smoothscale(base, target)
            self._scaled[cache_key] = scaled
            if len(self._scaled) > self.size:
                self._scaled.popitem(last=False)
        else:
            self._scaled.move_to_end(cache_key)
        return scaled
