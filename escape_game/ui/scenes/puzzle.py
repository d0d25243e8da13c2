"""The puzzle dialog: title, prompt, hints and feedback around one puzzle kind's panel.

The game's clock runs while it is open, so its actions (check my answer, a hint, close)
never leave the window: they are laid out first, at the bottom, and everything else (the
question, the kind's panel, the hints and the feedback) scrolls in a region above them.

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
from escape_game.ui.scenes.scroll_region import PinnedChoices
from escape_game.ui.scenes.storybook import guide_of, guide_says
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App
    from escape_game.ui.session import GameSession


class PuzzleScene(PinnedChoices, GameScene):
    modal = True
    time_flows = True
    #: Up/Down go from option to option, scrolling the region only until the next shows
    read_on = False

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
        #: what the region scrolls to once drawn: the hint just taken, or the feedback
        self._show: str | None = None
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
                self._show = "feedback"
                self.focus.key = "close"
            elif isinstance(event, PuzzleAttempted) and not event.correct:
                text = self.flow.tr(self.puzzle.incorrect_message) or self.app.t("puzzle.incorrect")
                own = self.panel.feedback(self, self.puzzle)
                if own:
                    text = self.flow.tr(own)
                self.feedback = (text, False)
                self._show = "feedback"

    def hint(self) -> None:
        self.flow.act(TakeHint(puzzle=self.puzzle.id))
        self._show = "hint"

    # --- drawing ----------------------------------------------------------------------
    def draw_game(self, p: Painter, session: GameSession) -> None:
        w, h = p.view_w, p.view_h
        box = pygame.Rect(p.px(30), p.px(24), w - p.px(60), h - p.px(48))
        p.panel(box)
        inner = box.inflate(-p.px(40), -p.px(36))
        taken = session.state.hints_on(self.puzzle.id)
        actions, footer_top = self._actions(p, inner, taken)
        region = pygame.Rect(inner.left, inner.top, inner.width,
                             max(p.line_height("body") * 2, footer_top - p.px(16) - inner.top))
        first = len(self.widgets)
        shown: list[pygame.Rect] = []
        changed = self.region.draw(p, region,
                                   lambda top, width: self._draw_content(p, top, width, taken,
                                                                         shown))
        self.region.draw_widgets(p, self.widgets[first:],
                                 None if self.overlay else self.focus.key,
                                 None if self.overlay else self.hover)
        if self._show is not None and shown:
            self._show = None
            changed = self.region.reveal(shown[0]) or changed
        for widget in actions:
            self.add(widget)
        self.remeasure = changed

    def _draw_content(self, p: Painter, top: int, width: int, taken: int,
                      shown: list[pygame.Rect]) -> int:
        """What scrolls: the question, the hints taken, the kind's panel and the feedback;
        returns the bottom reached. The part ``_show`` asks for is put in ``shown``."""
        th = p.theme
        pz = self.puzzle
        left = self.region.rect.left
        pic = p.px(56)
        p.image(pz.image or "items/question", pygame.Rect(left, top, pic, pic))
        tx, tw = left + pic + p.px(14), width - pic - p.px(14)
        y = top
        y += p.paragraph(self.flow.tr(pz.title), pygame.Rect(tx, y, tw, 10**6), "heading",
                         th.accent, bold=True) + p.px(6)
        y += p.paragraph(self.flow.tr(pz.prompt), pygame.Rect(tx, y, tw, 10**6), "body",
                         th.text) + p.px(10)
        y = max(y, top + pic + p.px(8))
        note = self.panel.note(pz)
        if note:
            y += p.paragraph(self.flow.tr(note), pygame.Rect(left, y, width, 10**6), "body",
                             th.muted) + p.px(6)
        guide = guide_of(self.flow.campaign, self.flow.tr) if taken else None
        for n, hint in enumerate(pz.hints[:taken]):  # spoken by the story's guide, if any
            said = guide_says(p, guide, self.flow.tr(hint.text),
                              pygame.Rect(left, y, width, 0))
            if self._show == "hint" and n == taken - 1:
                shown.append(pygame.Rect(left, y, width, said))
            y += said + p.px(8)
        if not self.solved:
            y = self.panel.draw(self, pz, p, pygame.Rect(left, y + p.px(4), width, 0)) + p.px(10)
        if self.feedback is not None:
            text, ok = self.feedback
            p.image("ui/check" if ok else "items/cross_mark",
                    pygame.Rect(left, y, p.px(32), p.px(32)))
            used = max(p.px(32), p.paragraph(text, pygame.Rect(left + p.px(44), y,
                                                               width - p.px(44), 10**6),
                                             "body", th.good if ok else th.bad))
            if self._show == "feedback":
                shown.append(pygame.Rect(left, y, width, used))
            y += used
        return y

    def _actions(self, p: Painter, inner: pygame.Rect, taken: int) -> tuple[list[Widget], int]:
        """The dialog's actions, laid out first and anchored to its bottom, with the
        attempts left above them; returns them and the top of what is pinned."""
        pz = self.puzzle
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
        widgets = [Widget(key, label, pygame.Rect(0, 0, 0, 0), action, icon=icon,
                          enabled=enabled, style="primary" if key == "submit" else "normal")
                   for key, label, icon, action, enabled in items]
        width = min(inner.width, p.px(360) * len(items))
        rects = buttons_flow(p, widgets, inner.left, 0, width, p.px(260), p.px(12))
        lift = inner.bottom - max(r.bottom for r in rects)
        top = inner.bottom - max(r.bottom for r in rects) + min(r.top for r in rects)
        attempts = self.flow.game.state.attempts_on(pz.id)
        if pz.max_attempts and not self.solved:
            left = self.app.t("puzzle.attempts_left", n=max(0, pz.max_attempts - attempts))
            top -= p.measure(left, inner.width, "small") + p.px(6)
            p.paragraph(left, pygame.Rect(inner.left, top, inner.width, 10**6), "small",
                        p.theme.muted)
        for widget in widgets:
            widget.rect.move_ip(0, lift)
        return widgets, top
