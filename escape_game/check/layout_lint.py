"""What the room and shop screens will do with a level's names, told before anyone plays.

The screens never cut a name any more: a hotspot's name wraps under its picture, and when the
names would cover each other, another picture or leave the picture, the room lists every name
as a button beside the picture instead; the shop wraps brands, names and slogans in their
columns and shows the products as cards, one under another, when a column is too narrow for
its values. Nothing is lost, but a teacher who placed hotspots for their names to sit on the
picture, or wrote a shop to be compared side by side, wants to know when that is not what the
player sees. So this lint reports, at the Normal text size in the default window:

- pictures of two hotspots overlapping (one covers the other);
- the names moved off the picture into the list, with the first reason;
- the shop shown as cards rather than side by side;
- a word too long for its line, which the screen breaks between letters.

The geometry is computed without pygame from the hotspots' positions, the background's size
and the fonts' measured widths (escape_game/text_metrics.py), with the game's own line
breaking. The numbers mirror ui/scenes/room.py, shop.py and comparison.py; a UI test compares
them with what the real screens draw, so the two cannot drift apart unnoticed.
Only hotspots with a ``position`` are checked: the automatic ones are spread by the game.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from escape_game.locales import say
from escape_game.model import Campaign, Position, Potion, Room, text_in
from escape_game.text_metrics import break_lines, text_width

WINDOW = (1280, 720)
#: the part of the window a scene lays out in: the scrollbar's lane (16 px at the Normal text
#: size, ui/scene.py scrollbar_width) is kept free
VIEW = (WINDOW[0] - 16, WINDOW[1])
#: text sizes at the Normal setting (ui/draw.py SIZES), in pixels per em
SMALL, BODY = 17, 21
#: line heights at the Normal setting: max(size × 1.3, the font's line)
SMALL_LINE, BODY_LINE = 22, 27
LABEL_FONT = "AtkinsonHyperlegible-Bold"
TEXT_FONT = "AtkinsonHyperlegible-Regular"
BUTTON_H = max(52, int(BODY_LINE * 1.7))
#: the meters (6 + 4 + a small and a body line + 4, then 8) and the line under them (8)
TOP_H = max(6 + 4 + SMALL_LINE + BODY_LINE + 4 + 8, 8 + BUTTON_H) + 8
BAG_H = BUTTON_H + SMALL_LINE + 30
SIDE_W = max(300, int(VIEW[0] * 0.3))
#: room a side-panel button leaves for its label (padding 12 + 10, icon 34 + 8)
SIDE_LABEL_W = SIDE_W - 32 - 12 - 10 - 34 - 8
LABEL_GAP = 8  # between a hotspot and its name
LABEL_PAD = (12, 6)  # the name's backdrop around its text
#: the smallest overlap of two pictures worth a warning, in square pixels (corners may touch)
MIN_OVERLAP = 40


@dataclass(frozen=True)
class Rect:
    """A rectangle in whole pixels, with pygame's rules for touching and containing."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def overlap(self, other: Rect) -> int:
        """The area both cover (0 when apart)."""
        dx = min(self.right, other.right) - max(self.x, other.x)
        dy = min(self.bottom, other.bottom) - max(self.y, other.y)
        return dx * dy if dx > 0 and dy > 0 else 0

    def collides(self, other: Rect) -> bool:
        return self.overlap(other) > 0

    def contains(self, other: Rect) -> bool:
        return (other.x >= self.x and other.y >= self.y and other.right <= self.right
                and other.bottom <= self.bottom)

    def inflate(self, dx: int, dy: int) -> Rect:
        return Rect(self.x - dx // 2, self.y - dy // 2, self.w + dx, self.h + dy)


def _width(text: str, font: str, size: int) -> int:
    return round(text_width(text, font, size))


def lines(text: str, font: str, size: int, width: int) -> list[str]:
    """``text`` in lines no wider than ``width``, broken where the game breaks it."""
    return break_lines(text, lambda piece: _width(piece, font, size), width)


def broken_word(text: str, font: str, size: int, width: int) -> str | None:
    """The first word of ``text`` too wide for a line of ``width``: the screen splits it
    between letters, without a hyphen."""
    return next((word for word in text.split() if _width(word, font, size) > width), None)


@dataclass(frozen=True)
class Spot:
    """One hotspot as the room screen draws it."""

    kind: str  # object, puzzle or exit
    id: str
    label: str
    icon: Rect
    lines: list[str]
    """The name's lines under the picture."""
    box: Rect
    """The name's backdrop under the picture, when the names are on the picture."""

    @property
    def key(self) -> str:
        return f"{self.kind}_{self.id}"


@dataclass(frozen=True)
class RoomLayout:
    picture: Rect
    spots: list[Spot]
    listed: tuple[str, Spot] | None
    """Why the names are listed beside the picture, and the hotspot that causes it (None:
    they are under the hotspots)."""


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
    area = Rect(16, TOP_H + 16, VIEW[0] - SIDE_W - 48,
                max(300, VIEW[1] - TOP_H - BAG_H - 32))
    if image_size is None:
        return area
    scale = min(area.w / image_size[0], area.h / image_size[1])
    w, h = int(image_size[0] * scale), int(image_size[1] * scale)
    cx, cy = area.x + area.w // 2, area.y + area.h // 2
    return Rect(cx - w // 2, cy - h // 2, w, h)


def label_width(picture: Rect) -> int:
    """The width a name may take under its hotspot."""
    return int(picture.w * 0.24)


def spot(kind: str, entity: str, label: str, position: Position, picture: Rect) -> Spot:
    size = max(64, min(96, picture.w // 8))
    x = picture.x + int(position.x * picture.w) - size // 2
    y = picture.y + int(position.y * picture.h) - size // 2
    inner = picture.inflate(-8, -40)
    x = max(inner.x, min(x, inner.right - size))
    y = max(inner.y, min(y, inner.bottom - size))
    icon = Rect(x, y, size, size)
    shown = lines(label, LABEL_FONT, SMALL, max(20, label_width(picture)))
    w = max(_width(line, LABEL_FONT, SMALL) for line in shown)
    text = Rect(x + size // 2 - w // 2, y + size + LABEL_GAP, w, SMALL_LINE * len(shown))
    return Spot(kind, entity, label, icon, shown, text.inflate(*LABEL_PAD))


def room_layout(room: Room, lang: str, fallback: str,
                image_size: tuple[int, int] | None) -> RoomLayout:
    """The room's hotspots with a position, all shown, and whether their names fit."""
    picture = picture_rect(image_size)
    puzzle_objects = {o.puzzle for o in room.objects if o.puzzle}
    spots = []
    for obj in room.objects:
        if obj.position is not None:
            spots.append(spot("object", obj.id, text_in(obj.name, lang, fallback),
                              obj.position, picture))
    for puzzle in room.puzzles:
        if puzzle.position is not None and puzzle.id not in puzzle_objects:
            spots.append(spot("puzzle", puzzle.id, text_in(puzzle.title, lang, fallback),
                              puzzle.position, picture))
    for ex in room.exits:
        if ex.position is not None:
            spots.append(spot("exit", ex.id, text_in(ex.label, lang, fallback), ex.position,
                              picture))
    # the screen's reading order, in which it tries the names one by one
    spots.sort(key=lambda s: (s.icon.y // max(1, s.icon.w), s.icon.x))
    return RoomLayout(picture, spots, _why_listed(spots, picture))


def _why_listed(spots: list[Spot], picture: Rect) -> tuple[str, Spot] | None:
    room = label_width(picture)
    for s in spots:
        word = broken_word(s.label, LABEL_FONT, SMALL, room)
        if word:
            return (f"the word “{word}” in the name of {s.kind} '{s.id}' is wider than a name "
                    f"may be under its picture ({room} px)"), s
    for i, s in enumerate(spots):
        if not picture.contains(s.box):
            return f"the name of {s.kind} '{s.id}' would go past the picture's edge", s
        for j, other in enumerate(spots):
            if j != i and s.box.collides(other.icon):
                return (f"the name of {s.kind} '{s.id}' would cover the picture of "
                        f"{other.kind} '{other.id}'"), s
        for other in spots[:i]:
            if s.box.collides(other.box):
                return (f"the names of {other.kind} '{other.id}' and {s.kind} '{s.id}' would "
                        "overlap"), s
    return None


#: (kind, id, key to locate, message); kind "shop" is the room's shop list itself
Lint = tuple[str, str, str, str]


def lint_room(room: Room, campaign: Campaign,
              image_size: Callable[[str], tuple[int, int] | None]) -> Iterator[Lint]:
    size = image_size(room.background) if room.background else None
    reported: set[tuple[str, str]] = set()
    listed_said = False
    for lang in campaign.languages:
        layout = room_layout(room, lang, campaign.languages[0], size)
        spots = layout.spots
        for i, a in enumerate(spots):
            for b in spots[i + 1:]:
                halo_a, halo_b = a.icon.inflate(6, 6), b.icon.inflate(6, 6)
                if (a.id, b.id) not in reported and halo_a.overlap(halo_b) >= MIN_OVERLAP:
                    reported.add((a.id, b.id))
                    yield (b.kind, b.id, "position",
                           f"the pictures of {a.kind} '{a.id}' and {b.kind} '{b.id}' overlap "
                           f"in room '{room.id}' (when both are shown), so one hides part "
                           "of the other; move them further apart (change 'position')")
        if layout.listed and not listed_said:
            listed_said = True
            why, culprit = layout.listed
            yield (culprit.kind, culprit.id, "position",
                   f"in room '{room.id}', at the Normal text size ({lang}, all hotspots "
                   f"shown), {why}, so the game lists every name as a button "
                   "beside the picture instead of under each hotspot; nothing is lost, but "
                   "to keep the names on the picture, move the hotspots apart or shorten "
                   "the names")
        for s in spots:
            word = broken_word(s.label, TEXT_FONT, BODY, SIDE_LABEL_W)
            if word and (s.id, "word") not in reported:
                reported.add((s.id, "word"))
                yield (s.kind, s.id, "position",
                       f"the word “{word}” ({lang}) in the name of {s.kind} '{s.id}' is "
                       f"wider than a line of the list beside the picture ({SIDE_LABEL_W} "
                       "px at the Normal text size), so it is split between letters; use a "
                       "shorter word or break it with a space or hyphen and space")


# --- the shop ---------------------------------------------------------------------------
SHOP_INNER_W = VIEW[0] - 60 - 36
SHOP_CAPTION_W = min(220, SHOP_INNER_W // 4)
PRODUCT_PICTURE = 52


def shop_column_width(count: int) -> int:
    """The width of one product's column in the shop's table (comparison.py)."""
    return (SHOP_INNER_W - SHOP_CAPTION_W - 10 * count) // max(1, count)


def _slogan_format(lang: str) -> str:
    """The shop's frame around a slogan, as the game shows it (the same catalogue)."""
    found = say(lang, "shop.slogan")
    return found if "{text}" in found else "“{text}”"


def value_words(shop: Sequence[Potion], campaign: Campaign, lang: str, fallback: str) -> list[str]:
    """The level's words in the shop's comparison rows (risks covered, exclusions)."""
    risks = {r.id: r for r in campaign.risks}
    texts = [text_in(risks[c].name, lang, fallback) if c in risks else c
             for potion in shop for c in potion.covers]
    texts += [text_in(x.text, lang, fallback) for potion in shop for x in potion.exclusions]
    return [word for text in texts for word in text.split()]


def shop_as_table(shop: Sequence[Potion], campaign: Campaign, lang: str, fallback: str) -> bool:
    """Whether the shop shows its products side by side (else as cards, one under another):
    every column must hold ten letters and the longest word of its values."""
    words = value_words(shop, campaign, lang, fallback)
    longest = max((_width(w, TEXT_FONT, SMALL) for w in words), default=0)
    return shop_column_width(len(shop)) - 16 >= max(SMALL * 10, longest)


def header_texts(potion: Potion, lang: str, fallback: str, column: int) -> list[
        tuple[str, str, str, int, int]]:
    """(field, text, font, size, width) of a product's brand, name and slogan as the shop
    wraps them in a column of ``column`` pixels."""
    inner = column - 16
    beside = inner - PRODUCT_PICTURE - 12
    out = [("brand", text_in(potion.brand, lang, fallback), LABEL_FONT, BODY, beside),
           ("name", text_in(potion.name, lang, fallback), TEXT_FONT, SMALL, beside)]
    if potion.slogan is not None:
        slogan = _slogan_format(lang).replace("{text}", text_in(potion.slogan, lang, fallback))
        out.append(("slogan", slogan, TEXT_FONT, SMALL, inner))
    return out


def lint_shop(room: Room, campaign: Campaign) -> Iterator[Lint]:
    """A shop shown as cards, and words too long for the product's column, at Normal size."""
    if not room.shop:
        return
    seen: set[tuple[str, str]] = set()
    fallback = campaign.languages[0]
    cards_said = False
    for lang in campaign.languages:
        table = shop_as_table(room.shop, campaign, lang, fallback)
        if not table and not cards_said:
            cards_said = True
            yield ("shop", room.id, "shop",
                   f"the shop in room '{room.id}' shows its {len(room.shop)} products as "
                   f"cards one under another at the Normal text size ({lang}), not side by "
                   f"side: a column would be {shop_column_width(len(room.shop)) - 16} px, too "
                   "narrow for ten letters or for the longest word of what they cover and "
                   "exclude; players must scroll to compare. Offer at most 4 products, or "
                   "shorter words, to keep them side by side")
        column = shop_column_width(len(room.shop)) if table else SHOP_INNER_W - 28 + 16
        for potion in room.shop:
            for field, text, font, size, width in header_texts(potion, lang, fallback, column):
                word = broken_word(text, font, size, width)
                if word and (potion.id, field) not in seen:
                    seen.add((potion.id, field))
                    yield ("potion", potion.id, field,
                           f"the word “{word}” in the {field} “{text}” ({lang}) of potion "
                           f"'{potion.id}' is wider than its place in the shop ({width} px at "
                           "the Normal text size), so it is split between letters; use a "
                           "shorter word")
