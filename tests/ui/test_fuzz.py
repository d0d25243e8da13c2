"""Random keys, text, clicks and resizes never crash the app, on any screen."""

from __future__ import annotations

from typing import Any

import pygame
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.ui

KEYS = [pygame.K_TAB, pygame.K_RETURN, pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_UP,
        pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_BACKSPACE, pygame.K_1,
        pygame.K_2, pygame.K_3, pygame.K_a, pygame.K_F11, pygame.K_KP_ENTER]

key_event = st.builds(lambda k, shift: pygame.event.Event(
    pygame.KEYDOWN, key=k, mod=pygame.KMOD_SHIFT if shift else 0, unicode="", scancode=0),
    st.sampled_from(KEYS), st.booleans())
text_event = st.builds(lambda s: pygame.event.Event(pygame.TEXTINPUT, text=s),
                       st.text(min_size=1, max_size=5))
point = st.tuples(st.integers(-20, 1300), st.integers(-20, 740))
click_events = st.builds(lambda pos, b: [
    pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
    pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=b),
    pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=b)], point, st.sampled_from([1, 3]))
resize_event = st.builds(lambda w, h: pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h,
                                                         size=(w, h)),
                         st.integers(1, 1600), st.integers(1, 1000))
frame = st.one_of(key_event.map(lambda e: [e]), text_event.map(lambda e: [e]), click_events,
                  resize_event.map(lambda e: [e]), st.just([]))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(frame, st.integers(0, 3000)), min_size=1, max_size=120))
def test_random_input_never_crashes(make_pilot: Any, frames: list[tuple[list[Any], int]]) -> None:
    pilot = make_pilot(telemetry=False)
    for events, ms in frames:
        if not pilot.app.running:
            break
        pilot.app.frame(events, ms)
        assert pilot.app.errors == [], pilot.app.errors
        assert pilot.app.scenes.top is not None


def _risk_academy() -> Any:
    from pathlib import Path

    from escape_game.commands.play import campaign_or_problems

    academy = Path(__file__).resolve().parents[2] / "levels/risk_academy"
    level, problems = campaign_or_problems(academy)
    assert level is not None, problems
    return level


RISK_ACADEMY = _risk_academy()


@pytest.mark.parametrize("level_name", ["mini", "risk_academy"])
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(frame, st.integers(0, 3000)), min_size=1, max_size=120))
def test_random_input_in_the_rooms_never_crashes(make_pilot: Any, level_name: str,
                                                 frames: list[tuple[list[Any], int]]) -> None:
    from walk import Player

    level = RISK_ACADEMY if level_name == "risk_academy" else None
    pilot = make_pilot(level, telemetry=False)
    player = Player(pilot, "keyboard")
    player.do("play")
    player.do("refuse")
    player.answer_quiz()
    for events, ms in frames:
        if not pilot.app.running:
            break
        pilot.app.frame(events, ms)
        assert pilot.app.errors == [], pilot.app.errors
