"""Every text colour of every theme reaches WCAG 2.1 AA contrast (4.5:1) on its background,
and every picture can be seen on it."""

from __future__ import annotations

import dataclasses
from typing import Any

import pygame
import pytest

from escape_game.ui.theme import THEMES, Theme, contrast_ratio, pick_theme

pytestmark = pytest.mark.ui


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # #777777 on white is the classic just-failing grey: 4.48:1
    assert contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", THEMES, ids=[t.name for t in THEMES])
@pytest.mark.parametrize(("fg", "bg"), Theme.TEXT_PAIRS, ids=[f"{f}-on-{b}" for f, b in
                                                               Theme.TEXT_PAIRS])
def test_text_pairs_reach_aa_contrast(theme: Theme, fg: str, bg: str) -> None:
    ratio = contrast_ratio(theme.colour(fg), theme.colour(bg))
    assert ratio >= 4.5, f"{theme.name}: {fg} on {bg} is {ratio:.2f}:1"


def test_the_focus_ring_stands_out_from_the_background() -> None:
    for theme in THEMES:
        assert contrast_ratio(theme.focus, theme.background) >= 3.0, theme.name


def test_settings_pick_the_theme() -> None:
    assert pick_theme(high_contrast=True, colour_blind=True).name == "high_contrast"
    assert pick_theme(high_contrast=False, colour_blind=True).name == "colour_blind"
    assert pick_theme(high_contrast=False, colour_blind=False).name == "default"


@pytest.mark.parametrize("high_contrast", [True, False])
def test_a_picture_sits_on_a_light_plate_on_the_black_theme(make_pilot: Any,
                                                           high_contrast: bool) -> None:
    """OpenMoji icons are drawn in black outlines: on the black theme every picture, wherever
    a scene draws it, gets a light plate; on the others it is drawn as it is."""
    pilot = make_pilot()
    app = pilot.app
    app.apply_settings(dataclasses.replace(app.settings, high_contrast=high_contrast))
    surface = pygame.Surface((200, 200))
    surface.fill(app.theme.background)
    rect = pygame.Rect(50, 50, 96, 96)
    app.painter(surface).image("items/scales", rect)
    corner = surface.get_at(rect.topleft)[:3]
    outline = [surface.get_at((x, y))[:3] for x in range(rect.left, rect.right, 2)
               for y in range(rect.top, rect.bottom, 2)]
    dark = sum(1 for c in outline if max(c) < 60)
    if high_contrast:
        assert corner == app.theme.text[:3]  # the plate
        assert 0 < dark < len(outline) // 2  # the black outline shows on it
    else:
        assert corner == app.theme.background[:3]
