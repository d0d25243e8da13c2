"""The puzzle dialog: title, prompt, hints and feedback around one puzzle kind's panel.

Each kind draws and builds its answer in its own module (``ui.scenes.puzzles``); the answer
being built is plain data on the scene (``code``, ``choice``, ``choices``, ``order``,
``pairs``, ``amounts``), so a panel only shows it, registers widgets and edits it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pygame

from escape_game.core.actions import Answer, TakeHint
from escape_game.core.events import PuzzleAttempted, PuzzleSolved
from escape_game.model import Puzzle
from escape_game.ui.draw import Painter
from escape_game.ui.scene import GameScene
from escape_game.ui.scenes.layout import buttons_flow
from escape_game.ui.scenes.puzzles import PANELS
from escape_game.ui.scenes.storybook import guide_of, guide_says
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App
    from escape_game.ui.session import GameSession


class PuzzleScene(GameScene):
    modal = True
    time_flows = True

    def __init__(self, app: App, puzzle_id: str) -> None:
        super().__init__(app)
        self.puzzle: Puzzle = self.flow.game.level.puzzles[puzzle_id]
        self.panel = PANELS[self.puzzle.kind]
        self.code = ""
        self.choice: str | None = None
        self.choices: list[str] = []
        self.order: list[str] = []
        self.pairs: dict[str, str] = {}
        self.amounts: dict[str, Decimal] = {}
        self.panel.start(self, self.puzzle)
        self.feedback: tuple[str, bool] | None = None
        self.solved = self.puzzle.id in self.flow.game.state.solved
        self._content_bottom = 0
        self.focus.key = "close" if self.solved else None

    # --- building the answer ----------------------------------------------------------
    def on_text(self, text: str) -> None:
        self.panel.on_text(self, self.puzzle, text)

    def on_key(self, key: int, mod: int) -> None:
        if not self.panel.on_key(self, self.puzzle, key, mod):
            super().on_key(key, mod)

    def answer(self) -> Answer:
        return self.panel.answer(self, self.puzzle)

    def ready(self) -> bool:
        return self.panel.ready(self, self.puzzle)

    def submit(self) -> None:
        if not self.ready() or self.solved:
            return
        events = self.flow.act(self.answer())
        for event in events:
            if isinstance(event, PuzzleSolved):
                self.solved = True
                text = self.flow.tr(self.puzzle.correct_message) or self.app.t("puzzle.correct")
                self.feedback = (text, True)
                self.focus.key = "close"
            elif isinstance(event, PuzzleAttempted) and not event.correct:
                text = self.flow.tr(self.puzzle.incorrect_message) or self.app.t("puzzle.incorrect")
                own = self.panel.feedback(self, self.puzzle)
                if own:
                    text = self.flow.tr(own)
                self.feedback = (text, False)

    def hint(self) -> None:
        self.flow.act(TakeHint(puzzle=self.puzzle.id))

    # --- drawing ----------------------------------------------------------------------
    def draw_game(self, p: Painter, session: GameSession) -> None:
        w, h = p.view_w, p.view_h
        th = p.theme
        pz = self.puzzle
        box = pygame.Rect(p.px(30), p.px(24), w - p.px(60), 0)
        box.height = max(h - p.px(48), self._content_bottom - box.top + p.px(20))
        p.panel(box)
        inner = box.inflate(-p.px(40), -p.px(36))
        pic = p.px(56)
        p.image(pz.image or "items/question", pygame.Rect(inner.left, inner.top, pic, pic))
        tx, tw = inner.left + pic + p.px(14), inner.width - pic - p.px(14)
        y = inner.top
        y += p.paragraph(self.flow.tr(pz.title), pygame.Rect(tx, y, tw, 10**6), "heading",
                         th.accent, bold=True) + p.px(6)
        y += p.paragraph(self.flow.tr(pz.prompt), pygame.Rect(tx, y, tw, 10**6), "body",
                         th.text) + p.px(10)
        y = max(y, inner.top + pic + p.px(8))
        note = self.panel.note(pz)
        if note:
            y += p.paragraph(self.flow.tr(note), pygame.Rect(inner.left, y, inner.width,
                                                             10**6), "body", th.muted) + p.px(6)
        # hints taken so far
        taken = session.state.hints_on(pz.id)
        guide = guide_of(self.flow.campaign, self.flow.tr) if taken else None
        for hint in pz.hints[:taken]:  # spoken by the story's guide, when there is one
            y += guide_says(p, guide, self.flow.tr(hint.text),
                            pygame.Rect(inner.left, y, inner.width, 0)) + p.px(8)
        if not self.solved:
            body = pygame.Rect(inner.left, y + p.px(4), inner.width, 0)
            y = self.panel.draw(self, pz, p, body) + p.px(10)
        if self.feedback is not None:
            text, ok = self.feedback
            p.image("ui/check" if ok else "items/cross_mark",
                    pygame.Rect(inner.left, y, p.px(32), p.px(32)))
            y += max(p.px(32), p.paragraph(text, pygame.Rect(inner.left + p.px(44), y,
                                                             inner.width - p.px(44), 10**6),
                                           "body", th.good if ok else th.bad)) + p.px(10)
        y = self._draw_footer(p, inner, y, taken)
        self.remeasure = y + p.px(18) != self._content_bottom
        self._content_bottom = y + p.px(18)

    def _draw_footer(self, p: Painter, inner: pygame.Rect, y: int, taken: int) -> int:
        pz = self.puzzle
        attempts = self.flow.game.state.attempts_on(pz.id)
        if pz.max_attempts and not self.solved:
            left = self.app.t("puzzle.attempts_left", n=max(0, pz.max_attempts - attempts))
            y += p.paragraph(left,
                             pygame.Rect(inner.left, y, inner.width, 10**6), "small",
                             p.theme.muted) + p.px(6)
        items: list[tuple[str, str, str, Any, bool]] = []
        if not self.solved:
            items.append(("submit", self.app.t("puzzle.submit"), "ui/check", self.submit,
                          self.ready()))
            if taken < len(pz.hints):
                cost = pz.hints[taken].cost
                label = (self.app.t("puzzle.hint_cost", cost=cost) if cost
                         else self.app.t("puzzle.hint"))
                items.append(("hint", label, "ui/hint", self.hint, True))
        items.append(("close", self.app.t("common.close"), "ui/close", self.back, True))
        # at the bottom of the dialog when everything fits, right under the content otherwise
        labels = [label for _, label, _, _, _ in items]
        width = min(inner.width, p.px(360) * len(items))
        probe = buttons_flow(p, labels, inner.left, 0, width, p.px(260), p.px(12))
        height = max(r.bottom for r in probe)
        top = max(y + p.px(6), p.view_h - p.px(24) - p.px(18) - height)
        rects = buttons_flow(p, labels, inner.left, top, width, p.px(260), p.px(12))
        for (key, label, icon, action, enabled), rect in zip(items, rects, strict=True):
            self.add(Widget(key, label, rect, action, icon=icon, enabled=enabled,
                            style="primary" if key == "submit" else "normal"))
        return max(r.bottom for r in rects)
