"""The code lock's keypad: typed or clicked keys, Enter to check the code."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from escape_game.core.actions import Answer
from escape_game.model import CodeLock
from escape_game.ui.draw import Painter
from escape_game.ui.scenes.puzzles.base import Panel
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.scenes.puzzle import PuzzleScene

KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "del")


def press(scene: PuzzleScene, label: str) -> None:
    if label == "clear":
        scene.code = ""
    elif label == "del":
        scene.code = scene.code[:-1]
    elif len(scene.code) < 32:
        scene.code += label


class CodeLockPanel(Panel[CodeLock]):
    model = CodeLock

    def answer(self, scene: PuzzleScene, puzzle: CodeLock) -> Answer:
        return Answer(puzzle=puzzle.id, code=scene.code)

    def ready(self, scene: PuzzleScene, puzzle: CodeLock) -> bool:
        return bool(scene.code)

    def on_text(self, scene: PuzzleScene, puzzle: CodeLock, text: str) -> None:
        for char in text:
            if char.isascii() and char.isalnum():
                press(scene, char.upper() if not puzzle.case_sensitive else char)

    def on_key(self, scene: PuzzleScene, puzzle: CodeLock, key: int, mod: int) -> bool:
        if key == pygame.K_BACKSPACE:
            press(scene, "del")
            return True
        if pygame.K_0 <= key <= pygame.K_9:
            return True  # digits arrive as TEXTINPUT for the keypad
        if (key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not scene.solved
                and scene.focus.key not in ("hint", "close")):
            scene.submit()  # Enter checks a typed code, as in any code field
            return True
        return False

    def draw(self, scene: PuzzleScene, puzzle: CodeLock, p: Painter, body: pygame.Rect) -> int:
        th = p.theme
        display = pygame.Rect(body.left, body.top, min(p.px(360), body.width),
                              max(p.px(60), p.line_height("heading") + p.px(12)))
        pygame.draw.rect(p.surface, th.background, display, border_radius=p.px(8))
        pygame.draw.rect(p.surface, th.panel_border, display, p.px(2), border_radius=p.px(8))
        shown = " ".join(scene.code) if scene.code else scene.app.t("puzzle.type_code")
        p.text(shown, display.center, "heading" if scene.code else "body",
               th.text if scene.code else th.muted, bold=True, anchor="center")
        size = max(p.px(56), p.line_height("heading") + p.px(8))
        top = display.bottom + p.px(12)
        pad_w = 3 * size + 2 * p.px(8)
        for i, label in enumerate(KEYPAD):
            rect = pygame.Rect(body.left + (i % 3) * (size + p.px(8)),
                               top + (i // 3) * (size + p.px(8)), size, size)
            text = {"clear": "C", "del": "<"}.get(label, label)
            scene.add(Widget(f"key_{label}", text, rect, partial(press, scene, label)))
        bottom = top + 4 * (size + p.px(8))
        help_x = body.left + pad_w + p.px(20)
        if body.right - help_x >= p.px(240):
            used = p.paragraph(scene.app.t("puzzle.code_keys"),
                               pygame.Rect(help_x, top, body.right - help_x, 10**6), "small",
                               th.muted)
            return max(bottom, top + used)
        return bottom + p.paragraph(scene.app.t("puzzle.code_keys"), pygame.Rect(
            body.left, bottom, body.width, 10**6), "small", th.muted)
