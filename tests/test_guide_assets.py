"""The guide portraits are exactly what the project's drawing script makes."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import importlib.util
import sys
from pathlib import Path

import pygame

ASSETS = Path(__file__).resolve().parent.parent / "assets"


def _tool():
    path = ASSETS / "tools" / "make_guides.py"
    spec = importlib.util.spec_from_file_location("make_guides", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_guides"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_shipped_portraits_match_the_script_pixel_for_pixel():
    tool = _tool()
    pygame.display.init()
    names = sorted(p.stem for p in (ASSETS / "images" / "guides").glob("*.png"))
    assert names == sorted(g.name for g in tool.GUIDES)
    for guide in tool.GUIDES:
        drawn = tool.draw(guide)
        shipped = pygame.image.load(str(ASSETS / "images" / "guides" / f"{guide.name}.png"))
        assert shipped.get_size() == drawn.get_size()
        assert pygame.image.tobytes(shipped, "RGBA") == pygame.image.tobytes(drawn, "RGBA")
