"""No character of any UI string or shipped level renders as a box, in any font setting.

Every string is rendered, and every character is checked against the font chain with
FreeType (pygame.font cannot tell a missing glyph from a present one).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pytest
import yaml

from escape_game.locales import LOCALES_DIR
from escape_game.ui.assets import Fonts

pytestmark = pytest.mark.ui
ROOT = Path(__file__).resolve().parents[2]


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def every_string() -> list[str]:
    texts: set[str] = set()
    for path in LOCALES_DIR.glob("*.json"):
        texts.update(json.loads(path.read_text("utf-8")).values())
    for path in sorted((ROOT / "levels").rglob("*.yaml")):
        texts.update(_strings(yaml.safe_load(path.read_text("utf-8"))))
    return sorted(texts)


@pytest.mark.parametrize("dyslexic", [False, True], ids=["reading", "dyslexic"])
def test_no_string_has_a_character_no_font_draws(dyslexic: bool) -> None:
    pygame.font.init()
    fonts = Fonts(dyslexic=dyslexic)
    assert fonts.missing("a\ue000") == {"\ue000"}  # the check does see a missing glyph
    strings = every_string()
    assert len(strings) > 500  # the locales and both levels were read
    missing: dict[str, set[str]] = {}
    for text in strings:
        for bold in (False, True):
            surface = fonts.render(text.replace("\n", " "), 18, (255, 255, 255), bold)
            assert surface.get_width() > 0 or not text.strip()
            lost = fonts.missing(text, bold)
            if lost:
                missing[text[:60]] = lost
    assert missing == {}
