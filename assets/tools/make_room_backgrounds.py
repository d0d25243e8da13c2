"""Rebuild the room background PNGs under assets/images/rooms/.

Build tool only (not a game dependency). Requirement: ``pillow``.
It composes the OpenMoji icons already in assets/images/ (run
make_icons.py first if they are missing) over a soft vertical gradient.
The output is deterministic: same inputs, same pixels.

Usage:  python assets/tools/make_room_backgrounds.py
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ASSETS = Path(__file__).resolve().parents[1]
IMAGES = ASSETS / "images"
OUT = IMAGES / "rooms"
WIDTH, HEIGHT = 512, 288

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Prop:
    icon: str  # path under images/, without .png
    x: float  # centre, fraction of width
    y: float  # centre, fraction of height
    size: int  # pixels
    opacity: float = 0.45
    angle: float = 0.0


@dataclass(frozen=True)
class Room:
    name: str
    top: RGB
    bottom: RGB
    props: tuple[Prop, ...]
    floor: RGB | None = None  # optional band along the bottom
    grid: RGB | None = None  # optional faint grid (risk matrix)
    shelf: RGB | None = None  # optional shelf line at 58 % height


ROOMS: tuple[Room, ...] = (
    Room(
        "protection",
        top=(214, 238, 236),
        bottom=(150, 196, 196),
        shelf=(120, 92, 70),
        props=(
            Prop("potions/shield", 0.13, 0.45, 170, 0.40, -8),
            Prop("potions/potion_red", 0.33, 0.45, 96),
            Prop("potions/potion_blue", 0.46, 0.45, 96),
            Prop("potions/potion_green", 0.59, 0.45, 96),
            Prop("potions/potion_purple", 0.72, 0.45, 96),
            Prop("potions/umbrella", 0.89, 0.42, 128, 0.40, 10),
            Prop("potions/lifebuoy", 0.40, 0.84, 88, 0.35),
            Prop("potions/first_aid_kit", 0.62, 0.84, 88, 0.35),
        ),
    ),
    Room(
        "fine_print",
        top=(250, 244, 226),
        bottom=(222, 206, 170),
        props=(
            Prop("items/scroll", 0.16, 0.52, 170, 0.35, -10),
            Prop("items/contract", 0.42, 0.46, 150, 0.35, 4),
            Prop("items/magnifier", 0.52, 0.56, 190, 0.50, -12),
            Prop("items/clipboard", 0.78, 0.48, 150, 0.35, 8),
            Prop("items/note", 0.93, 0.82, 90, 0.30),
            Prop("items/pen", 0.28, 0.86, 80, 0.30, 30),
        ),
    ),
    Room(
        "risk_matrix",
        top=(232, 236, 250),
        bottom=(178, 188, 222),
        grid=(120, 130, 180),
        props=(
            Prop("items/chart", 0.20, 0.40, 150, 0.40),
            Prop("items/bar_chart", 0.80, 0.40, 150, 0.40),
            Prop("items/dice", 0.42, 0.72, 110, 0.40, -15),
            Prop("items/warning", 0.60, 0.30, 110, 0.40),
            Prop("items/target", 0.62, 0.76, 100, 0.35),
        ),
    ),
    Room(
        "scam",
        top=(248, 226, 244),
        bottom=(190, 150, 210),
        props=(
            Prop("items/smartphone", 0.50, 0.50, 200, 0.45),
            Prop("items/selfie", 0.20, 0.52, 150, 0.40, -6),
            Prop("items/loudspeaker", 0.80, 0.34, 130, 0.40, 8),
            Prop("items/money_with_wings", 0.78, 0.78, 100, 0.35, -10),
            Prop("threats/scam", 0.08, 0.84, 90, 0.30),
            Prop("items/question", 0.34, 0.18, 70, 0.30, 12),
        ),
    ),
    Room(
        "time",
        top=(255, 230, 200),
        bottom=(190, 150, 190),
        props=(
            Prop("items/hourglass", 0.50, 0.46, 190, 0.45),
            Prop("items/calendar", 0.18, 0.40, 140, 0.40, -8),
            Prop("items/piggy_bank", 0.82, 0.52, 150, 0.40, 6),
            Prop("items/clock", 0.30, 0.82, 90, 0.30),
            Prop("items/coin", 0.68, 0.84, 70, 0.35),
            Prop("items/coin", 0.74, 0.86, 60, 0.30),
        ),
    ),
    Room(
        "hall",
        top=(236, 226, 214),
        bottom=(176, 160, 146),
        floor=(140, 118, 100),
        props=(
            Prop("items/door", 0.50, 0.50, 210, 0.50),
            Prop("items/old_key", 0.18, 0.42, 120, 0.35, -20),
            Prop("items/key", 0.84, 0.42, 110, 0.35, 20),
            Prop("items/lock", 0.30, 0.80, 80, 0.30),
            Prop("items/locked_with_key", 0.72, 0.80, 80, 0.30),
        ),
    ),
)


def gradient(top: RGB, bottom: RGB) -> Image.Image:
    img = Image.new("RGBA", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(img)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=(*colour, 255))
    return img


def decorate(img: Image.Image, room: Room) -> None:
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    if room.grid is not None:
        for i in range(1, 4):
            x = round(WIDTH * i / 4)
            draw.line([(x, 0), (x, HEIGHT)], fill=(*room.grid, 60), width=2)
        for i in range(1, 3):
            y = round(HEIGHT * i / 3)
            draw.line([(0, y), (WIDTH, y)], fill=(*room.grid, 60), width=2)
    if room.shelf is not None:
        y = round(HEIGHT * 0.62)
        draw.rectangle([(0, y), (WIDTH, y + 8)], fill=(*room.shelf, 90))
    if room.floor is not None:
        y = round(HEIGHT * 0.86)
        draw.rectangle([(0, y), (WIDTH, HEIGHT)], fill=(*room.floor, 70))
    img.alpha_composite(layer)


def place(img: Image.Image, prop: Prop) -> None:
    icon = Image.open(IMAGES / f"{prop.icon}.png").convert("RGBA")
    icon = icon.resize((prop.size, prop.size), Image.LANCZOS)
    if prop.angle:
        icon = icon.rotate(prop.angle, resample=Image.BICUBIC, expand=True)
    alpha = icon.getchannel("A").point(lambda a: round(a * prop.opacity))
    icon.putalpha(alpha)
    x = round(prop.x * WIDTH - icon.width / 2)
    y = round(prop.y * HEIGHT - icon.height / 2)
    _paste_clipped(img, icon, x, y)


def _paste_clipped(img: Image.Image, icon: Image.Image, x: int, y: int) -> None:
    left, top = max(0, -x), max(0, -y)
    img.alpha_composite(icon.crop((left, top, icon.width, icon.height)), (x + left, y + top))


def vignette(img: Image.Image) -> Image.Image:
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).ellipse([(-80, -60), (WIDTH + 80, HEIGHT + 60)], fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(40))
    dark = Image.new("RGBA", img.size, (40, 30, 50, 255))
    shaded = Image.blend(img, dark, 0.18)
    return Image.composite(img, shaded, mask)


def build(room: Room) -> Image.Image:
    img = gradient(room.top, room.bottom)
    decorate(img, room)
    for prop in room.props:
        place(img, prop)
    return vignette(img).convert("RGB")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for room in ROOMS:
        build(room).save(OUT / f"{room.name}.png", optimize=True)


if __name__ == "__main__":
    main()
