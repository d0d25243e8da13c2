"""Generated rooms: the same theme always draws the same room, at the shipped pictures' shape."""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest
import yaml

from escape_game.ui.backdrop import BASE, THEMES, Backdrops, draw_room, style_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", autouse=True)
def _display():
    pygame.display.init()
    yield


def _pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGB")


def test_every_shipped_room_theme_has_its_own_style():
    themes = set()
    for path in (ROOT / "levels").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            themes.update(r["theme"] for r in data.get("rooms", []) if r.get("theme"))
    assert themes <= set(THEMES)
    pictures = {_pixels(draw_room(theme)) for theme in THEMES}
    assert len(pictures) == len(THEMES)


def test_the_same_room_draws_the_same_pixels_without_global_randomness(monkeypatch):
    first = {(theme, key): _pixels(draw_room(theme, key))
             for theme in ("hall", "kitchen", None) for key in ("a", "b")}

    def forbidden(*args: object) -> float:
        raise AssertionError("the backdrop used global randomness")

    monkeypatch.setattr(random, "random", forbidden)
    monkeypatch.setattr(random, "randrange", forbidden)
    monkeypatch.setattr(random, "choice", forbidden)
    again = {(theme, key): _pixels(draw_room(theme, key))
             for theme in ("hall", "kitchen", None) for key in ("a", "b")}
    assert again == first
    assert first[("kitchen", "a")] != first[("kitchen", "b")]


def test_unknown_themes_get_varied_but_valid_furniture():
    styles = [style_for(f"theme{i}")[1] for i in range(40)]
    assert {s.window for s in styles} == {"left", "right", None}
    assert {s.shelves for s in styles} == {0, 1, 2, 3}
    assert len(set(styles)) > 10


def test_a_room_is_drawn_at_the_pictures_shape_and_cached_per_size():
    backdrops = Backdrops()
    room = backdrops.get("time", "t", (1000, 1000))
    assert room.get_size() == (1000, round(1000 * BASE[1] / BASE[0]))
    assert backdrops.get("time", "t", (1000, 1000)) is room
    small = backdrops.get("time", "t", (256, 500))
    assert small.get_size() == (256, 144)
    assert draw_room("time").get_size() == BASE
