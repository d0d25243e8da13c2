"""Memory stays bounded while playing: caches keep to a budget, left scenes free their pages."""

from __future__ import annotations

import sys
from typing import Any

import pygame
import pytest

from escape_game.ui.assets import LRU, surface_bytes
from escape_game.ui.memory import return_large_buffers
from escape_game.ui.scenes.loading import LoadingScene

pytestmark = pytest.mark.ui


def test_cache_keeps_to_its_memory_budget_dropping_the_oldest() -> None:
    cache = LRU(100, budget_mb=1)
    made = [cache.fetch(n, lambda: pygame.Surface((256, 256), pygame.SRCALPHA))
            for n in range(6)]  # 256 KiB each: four fit in 1 MiB
    assert list(cache) == [2, 3, 4, 5]
    assert cache.bytes == sum(surface_bytes(s) for s in made[2:]) <= 2**20
    cache.fetch(2, lambda: pygame.Surface((1, 1)))  # used again: now the newest
    cache.fetch(6, lambda: pygame.Surface((256, 256), pygame.SRCALPHA))
    assert list(cache) == [4, 5, 2, 6]


def test_a_surface_over_the_budget_is_still_kept_alone() -> None:
    cache = LRU(100, budget_mb=0.01)
    big = cache.fetch("big", lambda: pygame.Surface((200, 200)))
    assert list(cache) == ["big"] and cache["big"] is big


def test_a_scene_that_leaves_the_stack_frees_its_page(make_pilot: Any) -> None:
    pilot = make_pilot()
    app = pilot.app
    dialog = LoadingScene(app)
    app.scenes.push(dialog)
    pilot.frame()
    assert dialog._page is not None
    app.scenes.pop()
    pilot.frame()
    assert dialog._page is None
    assert app.scenes.top is not None and app.scenes.top._page is not None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator only")
def test_large_buffers_go_back_to_the_system_on_glibc() -> None:
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not glibc")
    assert return_large_buffers() is True
