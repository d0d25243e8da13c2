"""Colours of the three themes, and the WCAG contrast check every text colour must pass.

Meaning is never carried by colour alone: widgets that show good/bad also show an icon or a
word, so the palettes only need to be readable, not decodable.
"""

from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]


def _hex(value: str) -> Colour:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


@dataclass(frozen=True)
class Theme:
    name: str
    background: Colour
    panel: Colour
    panel_border: Colour
    text: Colour
    muted: Colour
    button: Colour
    button_text: Colour
    button_hover: Colour
    accent: Colour
    accent_text: Colour
    focus: Colour
    good: Colour
    bad: Colour
    warn: Colour
    overlay: tuple[int, int, int, int]

    #: (foreground, background) pairs that carry text; each must reach 4.5:1.
    TEXT_PAIRS = (
        ("text", "background"),
        ("text", "panel"),
        ("muted", "background"),
        ("muted", "panel"),
        ("button_text", "button"),
        ("button_text", "button_hover"),
        ("accent_text", "accent"),
        ("good", "panel"),
        ("bad", "panel"),
        ("warn", "panel"),
        ("good", "background"),
        ("bad", "background"),
        ("warn", "background"),
    )

    def colour(self, name: str) -> Colour:
        value = getattr(self, name)
        return (value[0], value[1], value[2])


def relative_luminance(colour: Colour) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG 2.1 contrast ratio, from 1 (same colour) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


DEFAULT = Theme(
    name="default",
    background=_hex("#101a33"),
    panel=_hex("#1b2748"),
    panel_border=_hex("#3c5088"),
    text=_hex("#f4f1ea"),
    muted=_hex("#b9c2db"),
    button=_hex("#2d3f73"),
    button_text=_hex("#ffffff"),
    button_hover=_hex("#3b5296"),
    accent=_hex("#ffc247"),
    accent_text=_hex("#1a1300"),
    focus=_hex("#ffd970"),
    good=_hex("#6ee7a8"),
    bad=_hex("#ff9c8a"),
    warn=_hex("#ffd166"),
    overlay=(5, 8, 20, 190),
)

HIGH_CONTRAST = Theme(
    name="high_contrast",
    background=_hex("#000000"),
    panel=_hex("#000000"),
    panel_border=_hex("#ffffff"),
    text=_hex("#ffffff"),
    muted=_hex("#e6e6e6"),
    button=_hex("#000000"),
    button_text=_hex("#ffff00"),
    button_hover=_hex("#1f1f1f"),
    accent=_hex("#ffff00"),
    accent_text=_hex("#000000"),
    focus=_hex("#00ffff"),
    good=_hex("#7dff7d"),
    bad=_hex("#ff9e9e"),
    warn=_hex("#ffff00"),
    overlay=(0, 0, 0, 220),
)

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
COLOUR_BLIND = Theme(
    name="colour_blind",
    background=_hex("#0f1a2a"),
    panel=_hex("#1a2940"),
    panel_border=_hex("#56b4e9"),
    text=_hex("#f5f5f5"),
    muted=_hex("#c4cedb"),
    button=_hex("#0b4f7c"),
    button_text=_hex("#ffffff"),
    button_hover=_hex("#0e6299"),
    accent=_hex("#e69f00"),
    accent_text=_hex("#000000"),
    focus=_hex("#f0e442"),
    good=_hex("#56b4e9"),
    bad=_hex("#f0a35e"),
    warn=_hex("#f0e442"),
    overlay=(5, 10, 20, 190),
)

THEMES = (DEFAULT, HIGH_CONTRAST, COLOUR_BLIND)


def pick_theme(*, high_contrast: bool, colour_blind: bool) -> Theme:
    if high_contrast:
        return HIGH_CONTRAST
    if colour_blind:
        return COLOUR_BLIND
    return DEFAULT


