"""What the puzzle dialog asks of each puzzle kind: draw the answer, build it, say if it is ready.

The answer being built is plain data on the scene (``code``, ``choice``, ``choices``,
``order``, ``pairs``, ``amounts``); a panel only shows it, registers widgets and edits it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

import pygame

from escape_game.core.actions import Answer
from escape_game.model import PuzzleBase, Text
from escape_game.ui.draw import Painter

if TYPE_CHECKING:
    from escape_game.ui.scenes.puzzle import PuzzleScene

P = TypeVar("P", bound=PuzzleBase)


class Panel(Generic[P]):
    """One kind's part of the puzzle dialog; a subclass names its model."""

    model: type[P]

    def start(self, scene: PuzzleScene, puzzle: P) -> None:
        """Set the answer the dialog opens with (nothing picked, unless the kind says so)."""

    def note(self, puzzle: P) -> Text | None:
        """A text shown under the prompt, before the hints (None: nothing)."""
        return None

    def draw(self, scene: PuzzleScene, puzzle: P, p: Painter, body: pygame.Rect) -> int:
        """Draw the answer being built into ``body``; returns the bottom reached."""
        raise NotImplementedError

    def answer(self, scene: PuzzleScene, puzzle: P) -> Answer:
        raise NotImplementedError

    def ready(self, scene: PuzzleScene, puzzle: P) -> bool:
        """Whether "Check my answer" is enabled: an answer a player could mean."""
        return True

    def feedback(self, scene: PuzzleScene, puzzle: P) -> Text | None:
        """The text a wrong answer gets instead of the puzzle's own (None: the puzzle's)."""
        return None

    def on_text(self, scene: PuzzleScene, puzzle: P, text: str) -> None:
        """Typed text (most kinds have no use for it)."""

    def on_key(self, scene: PuzzleScene, puzzle: P, key: int, mod: int) -> bool:
        """True when the kind handled the key; otherwise the dialog's navigation does."""
        return False
