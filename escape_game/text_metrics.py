"""Text widths of the shipped fonts without pygame, for the map and the layout lint.

The table is measured once from the font files with the game's own text layout
(assets/tools/font_widths.py); kerning is left out, so a width can be a few pixels off (under
2 % on the shipped levels' texts). A character outside the table is measured as its
unaccented letter, or as a wide letter when it has none, so an estimate errs on the long side.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

from escape_game.text_metrics_table import CHARS, WIDTHS

#: width of a character the table does not know, in 1/1000 em (a wide letter)
UNKNOWN = 1000
ELLIPSIS = "…"


@cache
def _table(font: str) -> dict[str, int]:
    return dict(zip(CHARS, WIDTHS[font], strict=True))


def char_width(char: str, font: str) -> int:
    table = _table(font)
    found = table.get(" " if char == "\u00a0" else char)
    if found:
        return found
    base = unicodedata.normalize("NFD", char)[:1]
    if unicodedata.combining(char):
        return 0
    return table.get(base) or UNKNOWN


def text_width(text: str, font: str, size: float) -> float:
    """Width in pixels of one line of ``text`` at ``size`` pixels per em."""
    return sum(char_width(c, font) for c in text) * size / 1000


def fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` pixels, the way the game's
    fonts.fitted does it (letters dropped from the end until text + '…' fits)."""
    if text_width(text, font, size) <= width:
        return text
    room = width - text_width(ELLIPSIS, font, size)
    used = 0.0
    for index, char in enumerate(text):
        used += char_width(char, font) * size / 1000
        if used > room:
            return text[:index] + ELLIPSIS
    return text


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Words in lines no wider than ``width`` (a word too long for a line is cut)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, font, size) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return [fit(line, font, size, width) for line in lines]


def break_lines(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """The game's own line breaking, for any measure: by words, a word too long for a line
    broken by letters (nothing is cut). The game wraps with its fonts; the layout lint wraps
    with the widths above, so both break a text the same way."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if measure(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while measure(word) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines
