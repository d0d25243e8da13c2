"""Reach each main screen of a level through the UI, for screenshot tests and the docs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pygame
from walk import Player

from escape_game.ui.pilot import Pilot


def _room(pilot: Pilot) -> Player:
    player = Player(pilot, "keyboard")
    player.do("play")
    player.do("refuse")
    player.answer_quiz()
    pilot.frame_ms = 0
    player.to_room()
    return player


def tour(pilot: Pilot, puzzle: str, potion_room: str | None = None) -> Iterator[str]:
    """Walk through the screens, yielding a name each time one is ready to be captured."""
    yield "title"
    player = Player(pilot, "keyboard")
    player.do("settings")
    yield "settings"
    player.do("back")
    player.do("play")
    pilot.type("OWL-42")
    yield "consent"
    pilot.press(pygame.K_BACKSPACE)
    player.do("refuse")
    if pilot.scene.__class__.__name__ == "QuizScene":
        if pilot.scene.intro:
            player.do("start")
        pilot.press(pygame.K_2)
        yield "quiz"
        player.answer_quiz()
    pilot.frame_ms = 0
    if pilot.scene.__class__.__name__ == "IntroScene":
        yield "intro"
        player.read_story()
    player.settle()
    yield "message" if pilot.scene.__class__.__name__ == "MessageScene" else "room_first"
    player.to_room()
    pilot.wait(8000, step=1000)
    player.to_room()
    yield "room"
    session = pilot.session()
    holder = session.level.puzzle_object.get(puzzle)
    if holder is not None:
        player.do(f"object_{holder}")
        yield "object"
        player.close()
    player.open_puzzle(puzzle)
    yield "puzzle"
    player.to_room()
    if session.room.shop:
        player.shop()
        yield "shop"
        player.to_room()
    for obj in session.objects():
        if session.threats():
            break
        player.to_room()
        player.do(f"object_{obj.id}")
        player.close()
        player.settle()
    warnings = session.threats()
    if warnings:
        player.threat_scene(warnings[0].threat)
        yield "threat"
        player.do("think")
        yield "threat_paused"
        player.do("face")
        pilot.wait(1600)  # the bars have drained and refilled: the final numbers
        yield "threat_result"
        player.to_room()
    pilot.press(pygame.K_ESCAPE)
    yield "pause"


def capture_all(make: Callable[[], Pilot], puzzle: str) -> dict[str, Any]:
    pilot = make()
    shots: dict[str, Any] = {}
    for name in tour(pilot, puzzle):
        shots[name] = pilot.screenshot()
    return shots
