"""Pausing to think drains the picture's colours, step by step, and leaves it readable."""

from __future__ import annotations

import pygame

from escape_game.ui.calm import Calm


def _saturation(surface: pygame.Surface) -> float:
    r, g, b, _ = surface.get_at((5, 5))
    return (max(r, g, b) - min(r, g, b)) / 255


def test_calm_drains_colour_more_as_the_level_rises_and_keeps_some():
    picture = pygame.Surface((20, 20))
    picture.fill((220, 40, 40))
    calm = Calm()
    levels = [0.0, 0.25, 0.5, 1.0]
    saturations = [_saturation(calm.calmed(picture, level)) for level in levels]
    assert saturations == sorted(saturations, reverse=True)
    assert len(set(saturations)) == 4
    assert calm.calmed(picture, 0.0) is picture
    assert 0.1 < saturations[-1] < saturations[0] / 2


def test_calm_pictures_are_cached_per_step_and_follow_a_new_picture():
    calm = Calm()
    first = pygame.Surface((10, 10))
    first.fill((0, 200, 0))
    assert calm.calmed(first, 0.5) is calm.calmed(first, 0.51)
    second = pygame.Surface((10, 10))
    second.fill((0, 0, 200))
    assert calm.calmed(second, 0.5).get_at((1, 1)) != calm.calmed(first, 0.5).get_at((1, 1))


def test_calm_keeps_copies_of_the_latest_picture_only():
    calm = Calm()
    for shade in range(40):  # a room's picture is drawn anew as what it shows changes
        picture = pygame.Surface((10, 10))
        picture.fill((shade, 100, 0))
        for level in (0.25, 0.5, 0.75, 1.0):
            calm.calmed(picture, level)
    assert calm.held() == 4
    assert calm.calmed(picture, 1.0).get_at((1, 1)) != picture.get_at((1, 1))
