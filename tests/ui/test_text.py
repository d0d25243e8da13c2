"""Text is wrapped by words, long words are broken, and scripts the main font lacks still show."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from escape_game.ui.assets import Fonts, Images, wrap

pytestmark = pytest.mark.ui


def _width(font: pygame.font.Font) -> Callable[[str], int]:
    return lambda text: int(font.size(text)[0])


@pytest.fixture(scope="module", autouse=True)
def fonts_ready() -> Iterator[None]:
    pygame.font.init()
    yield


def test_wrap_breaks_between_words() -> None:
    font = Fonts().font(20)
    lines = wrap("the premium is the price of the cover", _width(font),
                 font.size("the premium is")[0])
    assert lines[0] == "the premium is"
    assert " ".join(lines) == "the premium is the price of the cover"


def test_wrap_breaks_a_word_longer_than_the_line() -> None:
    font = Fonts().font(20)
    width = font.size("Versicherung")[0]
    lines = wrap("Haftpflichtversicherungsbedingungen", _width(font), width)
    assert len(lines) > 1
    assert "".join(lines) == "Haftpflichtversicherungsbedingungen"
    assert all(font.size(line)[0] <= width for line in lines)


def test_wrap_keeps_paragraphs() -> None:
    font = Fonts().font(20)
    assert wrap("one\ntwo", _width(font), 500) == ["one", "two"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.integers(min_value=1, max_value=400))
def test_wrap_never_loses_text_nor_overflows(text: str, width: int) -> None:
    font = Fonts().font(18)
    lines = wrap(text, _width(font), width)
    assert "".join(lines).replace(" ", "").replace("\n", "") == \
        text.replace(" ", "").replace("\n", "")
    for line in lines:
        assert len(line) <= 1 or font.size(line)[0] <= width


@pytest.mark.parametrize("text", ["Страхование", "Ασφάλιση", "Ubezpieczenie łódź",
                                  "Choose…  ▾", "A → B", "✓ ◀ ▶", "1\u202f000\u00a0€"])
def test_every_character_is_drawn_by_a_font_that_has_it(text: str) -> None:
    fonts = Fonts()
    assert fonts.missing(text) == set()
    for role, piece in fonts.runs(text, bold=False):
        assert all(fonts.has_glyph(role, c) for c in piece if not c.isspace()), (role, piece)


def test_arrows_come_from_the_fallback_font_not_as_boxes() -> None:
    fonts = Fonts()
    assert not fonts.has_glyph("ui", "→")  # the reading font lacks it...
    roles = dict((piece, role) for role, piece in fonts.runs("Cycling → ", bold=False))
    assert roles["→"] == "fallback"  # ...so the fallback draws it
    box = pygame.image.tobytes(fonts.by_role("ui", 20).render("\ue000", False, (255, 255, 255)),
                               "RGB")
    arrow = pygame.image.tobytes(fonts.render("→", 20, (255, 255, 255)), "RGBA")
    assert arrow != box


def test_french_accents_use_the_main_font() -> None:
    fonts = Fonts()
    assert {role for role, _ in fonts.runs("Échappe aux risques : où ?", False)} == {"ui"}


def test_a_missing_image_is_none_and_scaled_images_are_cached() -> None:
    images = Images()
    assert images.get("threats/no_such_thing", (50, 50)) is None
    assert images.get("assets:images/nowhere.png", (50, 50)) is None
    first = images.get("threats/fire", (64, 64))
    assert first is not None and first.get_size() == (64, 64)
    assert images.get("threats/fire", (64, 64)) is first


def test_a_level_image_that_cannot_be_resolved_is_not_a_crash() -> None:
    def refuse(ref: str) -> None:
        raise ValueError(f"{ref} escapes the level folder")

    images = Images(resolve=refuse)  # type: ignore[arg-type]
    assert images.get("../../etc/passwd", (10, 10)) is None
