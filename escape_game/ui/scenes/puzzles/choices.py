"""Options drawn as buttons, shared by the single and the multiple choice."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

import pygame

from escape_game.model import Option
from escape_game.ui.draw import Painter
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.scenes.puzzle import PuzzleScene


def pick(scene: PuzzleScene, option: str) -> None:
    """Choose an answer; the focus goes to "Check my answer", so Enter sends it."""
    scene.choice = option
    scene.focus_first("submit")


def toggle(scene: PuzzleScene, option: str) -> None:
    if option in scene.choices:
        scene.choices.remove(option)
    else:
        scene.choices.append(option)


def draw_options(scene: PuzzleScene, p: Painter, body: pygame.Rect, options: Sequence[Option],
                 multiple: bool) -> int:
    y = body.top
    width = min(body.width, p.px(900))
    for i, option in enumerate(options):
        text = scene.flow.tr(option.text)
        rect = pygame.Rect(body.left, y, width, 0)
        if multiple:
            added = scene.add(p.sized(Widget(
                f"option_{option.id}", text, rect, partial(toggle, scene, option.id),
                kind="toggle", selected=option.id in scene.choices,
                hotkey=i + 1 if i < 9 else None, extra={"wrap": True})))
        else:
            added = scene.add(p.sized(Widget(
                f"option_{option.id}", text, rect, partial(pick, scene, option.id),
                kind="option", group="answer", selected=scene.choice == option.id,
                hotkey=i + 1 if i < 9 else None, extra={"wrap": True})))
        y += added.rect.height + p.px(8)
    return y
