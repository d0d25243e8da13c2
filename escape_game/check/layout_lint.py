"""Hotspots whose labels overlap, or names cut, in the room picture at the Normal text size.

Overlapping labels and a name cut to "Assurance habi…" used to be seen only on screenshots.
The room screen's geometry at its default window (1280×720, Normal text) is computed here from
the hotspots' positions, the background's size and the UI font's measured widths, without
pygame. The numbers mirror escape_game/ui/scenes/room.py; a UI test compares them with the
rectangles the real screen draws, so the two cannot drift apart unnoticed.
Only hotspots with a ``position`` are checked: the automatic ones are spread by the game.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from escape_game.model import Campaign, Position, Potion, Room, text_in
from escape_game.text_metrics import fit, text_width

WINDOW = (1280, 720)
#: text sizes at the Normal setting (ui/draw.py SIZES), in pixels per em
SMALL, BODY = 17, 21
LABEL_FONT = "AtkinsonHyperlegible-Bold"
TEXT_FONT = "AtkinsonHyperlegible-Regular"
TOP_H = 71  # max(70, small line + body line + 22)
INVENTORY_H = 76  # button height 52 + 24
SIDE_W = max(300, int(WINDOW[0] * 0.3))
LABEL_GAP = 8  # between a hotspot and its label
LABEL_PAD = (12, 6)  # the label's backdrop around its text
LABEL_H = int(SMALL * 1.3)
CLAMP = (8, 40)  # hotspots are kept this far inside the picture (x, y)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def overlap(self, other: Rect) -> float:
        """The area both cover (0 when apart)."""
        dx = min(self.x + self.w, other.x + other.w) - max(self.x, other.x)
        dy = min(self.y + self.h, other.y + other.h) - max(self.y, other.y)
        return dx * dy if dx > 0 and dy > 0 else 0.0


@dataclass(frozen=True)
class Spot:
    """One hotspot as the room screen draws it."""

    kind: str  # object, puzzle or exit
    id: str
    label: str
    shown: str
    """The label after cutting to the space it has (ends with '…' when cut)."""
    icon: Rect
    text: Rect


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG's header (None for anything else)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return (width, height) if width and height else None


def picture_rect(image_size: tuple[int, int] | None) -> Rect:
    """Where the room picture sits: its area, with the image fitted keeping its shape."""
    area = Rect(16, TOP_H + 16, WINDOW[0] - SIDE_W - 48, WINDOW[1] - TOP_H - INVENTORY_H - 32)
    if image_size is None:
        return area
    scale = min(area.w / image_size[0], area.h / image_size[1])
    w, h = int(image_size[0] * scale), int(image_size[1] * scale)
    cx, cy = area.x + area.w // 2, area.y + area.h // 2
    return Rect(cx - w // 2, cy - h // 2, w, h)


def _icon_size(picture: Rect) -> int:
    return max(64, min(96, int(picture.w) // 8))


def spot(kind: str, entity: str, label: str, position: Position, picture: Rect) -> Spot:
    size = _icon_size(picture)
    cx = picture.x + int(position.x * picture.w)
    cy = picture.y + int(position.y * picture.h)
    x, y = cx - size // 2, cy - size // 2
    inner = Rect(picture.x + CLAMP[0] / 2, picture.y + CLAMP[1] / 2, picture.w - CLAMP[0],
                 picture.h - CLAMP[1])
    x = min(max(x, inner.x), inner.x + inner.w - size)
    y = min(max(y, inner.y), inner.y + inner.h - size)
    icon = Rect(x - 3, y - 3, size + 6, size + 6)  # the halo around the icon
    room = int(picture.w * 0.24)
    shown = fit(label, LABEL_FONT, SMALL, room)
    width = text_width(shown, LABEL_FONT, SMALL)
    centre = x + size / 2
    text = Rect(centre - width / 2 - LABEL_PAD[0] / 2, y + size + LABEL_GAP - LABEL_PAD[1] / 2,
                width + LABEL_PAD[0], LABEL_H + LABEL_PAD[1])
    return Spot(kind, entity, label, shown, icon, text)


def room_spots(room: Room, lang: str, fallback: str,
               image_size: tuple[int, int] | None) -> list[Spot]:
    picture = picture_rect(image_size)
    puzzle_objects = {o.puzzle for o in room.objects if o.puzzle}
    out = []
    for obj in room.objects:
        if obj.position is not None:
            out.append(spot("object", obj.id, text_in(obj.name, lang, fallback), obj.position,
                            picture))
    for puzzle in room.puzzles:
        if puzzle.position is not None and puzzle.id not in puzzle_objects:
            out.append(spot("puzzle", puzzle.id, text_in(puzzle.title, lang, fallback),
                            puzzle.position, picture))
    for ex in room.exits:
        if ex.position is not None:
            out.append(spot("exit", ex.id, text_in(ex.label, lang, fallback), ex.position,
                            picture))
    return out


#: (kind, id, key to locate, message)
Lint = tuple[str, str, str, str]
#: the smallest overlap worth a warning, in square pixels (a corner touching is fine)
MIN_OVERLAP = 40


def lint_room(room: Room, campaign: Campaign,
              image_size: Callable[[str], tuple[int, int] | None]) -> Iterator[Lint]:
    size = image_size(room.background) if room.background else None
    reported: set[tuple[str, str]] = set()
    for lang in campaign.languages:
        spots = room_spots(room, lang, campaign.languages[0], size)
        for s in spots:
            if s.shown != s.label and (s.id, "cut") not in reported:
                reported.add((s.id, "cut"))
                room_px = int(picture_rect(size).w * 0.24)
                need = round(text_width(s.label, LABEL_FONT, SMALL))
                yield (s.kind, s.id, "position",
                       f"the label “{s.label}” ({lang}) of {s.kind} '{s.id}' is cut with '…' "
                       f"at the Normal text size: it needs about {need} px and has {room_px}; "
                       "shorten it")
        for i, a in enumerate(spots):
            for b in spots[i + 1:]:
                pair = (a.id, b.id)
                if pair in reported:
                    continue
                what = _clash(a, b)
                if what:
                    reported.add(pair)
                    yield (b.kind, b.id, "position",
                           f"{what} of {a.kind} '{a.id}' and {b.kind} '{b.id}' overlap in room "
                           f"'{room.id}' at the Normal text size (when both are shown); move "
                           "them further apart (change 'position')")


def _clash(a: Spot, b: Spot) -> str:
    if a.text.overlap(b.text) >= MIN_OVERLAP:
        return "the labels"
    if a.icon.overlap(b.icon) >= MIN_OVERLAP:
        return "the pictures"
    if a.icon.overlap(b.text) >= MIN_OVERLAP or a.text.overlap(b.icon) >= MIN_OVERLAP:
        return "a picture and a label"
    return ""


def shop_column_width(count: int) -> int:
    """The width of one product's column in the shop's table (ui/scenes/shop.py and
    comparison.py at the default window)."""
    inner = WINDOW[0] - 60 - 36
    caption = min(220, inner // 4)
    return (inner - caption - 10 * count) // max(1, count)


def _slogan_format(lang: str) -> str:
    """How the shop quotes a slogan in this language (the game's own locale file)."""
    import json

    path = Path(__file__).resolve().parents[1] / "ui" / "locales" / f"{lang.split('-')[0]}.json"
    try:
        found = json.loads(path.read_text(encoding="utf-8")).get("shop.slogan")
    except (OSError, ValueError):
        found = None
    return found if isinstance(found, str) and "{text}" in found else "“{text}”"


def shop_texts(potion: Potion, lang: str, fallback: str, count: int) -> list[
        tuple[str, str, str]]:
    """(field, text, shown) for a product's brand, name and slogan as the shop draws them:
    each is cut to its column at the body size (the name and slogan are then drawn smaller)."""
    column = shop_column_width(count)
    out = []
    for field, font, room_px in (("brand", LABEL_FONT, column - 76),
                                 ("name", TEXT_FONT, column - 76),
                                 ("slogan", TEXT_FONT, column)):
        value = getattr(potion, field)
        if value is None:
            continue
        text = text_in(value, lang, fallback)
        if field == "slogan":
            text = _slogan_format(lang).replace("{text}", text)
        out.append((field, text, fit(text, font, BODY, room_px)))
    return out


def lint_shop(room: Room, campaign: Campaign) -> Iterator[Lint]:
    """Brands, product names and slogans cut in the shop's table at the Normal text size."""
    seen: set[tuple[str, str]] = set()
    for lang in campaign.languages:
        for potion in room.shop:
            for field, text, shown in shop_texts(potion, lang, campaign.languages[0],
                                                  len(room.shop)):
                if shown != text and (potion.id, field) not in seen:
                    seen.add((potion.id, field))
                    yield ("potion", potion.id, field,
                           f"the {field} “{text}” ({lang}) of potion '{potion.id}' is cut with "
                           f"'…' in the shop at the Normal text size, with {len(room.shop)} "
                           "products side by side; shorten it")
