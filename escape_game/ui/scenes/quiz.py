"""The pre- and post-quiz: one item per page; knowledge items as options, Likert as a scale."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from escape_game.model import KnowledgeItem, QuizForm
from escape_game.quiz import score_item
from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import row, title_bar
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App


class QuizScene(Scene):
    def __init__(self, app: App, phase: str, form: QuizForm) -> None:
        super().__init__(app)
        self.phase = phase
        self.form = form
        self.index = 0
        self.choice: str | int | None = None
        self.shown_at = app.time_ms
        self.correct = 0
        self.scored = 0
        self.intro = bool(form.intro)
        self.focus.key = "start" if self.intro else None

    @property
    def item(self) -> Any:
        return self.form.items[self.index]

    # --- logic ------------------------------------------------------------------------
    def pick(self, choice: str | int) -> None:
        self.choice = choice
        self.focus_first("next")

    def start(self) -> None:
        self.intro = False
        self.shown_at = self.app.time_ms
        self.focus.key = None
        self.scroll = 0

    def next(self) -> None:
        if self.choice is None:
            return
        item = self.item
        correct = score_item(item, self.choice)
        flow = self.app.flow
        if correct is not None:
            self.scored += 1
            self.correct += int(correct)
        flow.recorder.quiz_answer(
            self.phase, self.form.id, item.id, getattr(item, "concept", None), self.choice,
            correct, self.app.time_ms - self.shown_at, None, flow.t_ms())
        self.index += 1
        self.choice = None
        self.shown_at = self.app.time_ms
        self.focus.key = None
        self.scroll = 0
        if self.index >= len(self.form.items):
            flow.quiz_scores[self.phase] = (self.correct, self.scored)
            flow.after_quiz(self.phase)

    def back(self) -> None:
        """Esc does not skip questions; it only clears the current choice."""
        self.choice = None

    # --- drawing ----------------------------------------------------------------------
    def draw(self, p: Painter) -> None:
        w = p.view_w
        th = p.theme
        flow = self.app.flow
        heading = self.app.t(f"quiz.{self.phase}_title")
        if self.intro:
            y = title_bar(p, heading, flow.tr(self.form.title))
            box = pygame.Rect(p.px(40), y, min(w - p.px(80), p.px(1000)), p.px(10))
            text = flow.tr(self.form.intro) + "\n\n" + self.app.t("quiz.not_a_test")
            box.height = p.measure(text, box.width - p.px(40), "large") + p.px(40)
            p.panel(box)
            p.paragraph(text, box.inflate(-p.px(40), -p.px(40)), "large", th.text)
            label = self.app.t("quiz.start")
            width = min(box.width, p.px(340))
            self.add(p.sized(Widget("start", label, pygame.Rect(
                p.px(40), box.bottom + p.px(24), width, 0), self.start, style="primary",
                icon="ui/play")))
            return
        item = self.item
        total = len(self.form.items)
        art = p.px(120) if w > p.px(900) else 0
        text_w = min(w - p.px(80) - (art + p.px(20) if art else 0), p.px(1100))
        y = p.px(28)
        y += p.paragraph(heading, pygame.Rect(p.px(40), y, text_w, 10**6), "heading", th.accent,
                         bold=True) + p.px(16)
        if art:
            p.image("items/thinking" if isinstance(item, KnowledgeItem) else "items/scales",
                    pygame.Rect(w - art - p.px(40), p.px(20), art, art))
        # progress: words and a bar, not colour alone
        p.text(self.app.t("quiz.progress", n=self.index + 1, total=total), (p.px(40), y), "body",
               th.muted)
        bar = pygame.Rect(p.px(40), y + p.line_height("body") + p.px(4), text_w, p.px(10))
        pygame.draw.rect(p.surface, th.panel, bar, border_radius=p.px(5))
        done = bar.copy()
        done.width = bar.width * self.index // total
        pygame.draw.rect(p.surface, th.accent, done, border_radius=p.px(5))
        y = bar.bottom + p.px(24)
        y += p.paragraph(flow.tr(item.prompt), pygame.Rect(p.px(40), y, text_w, 10**6), "large",
                         th.text, bold=True) + p.px(16)
        if isinstance(item, KnowledgeItem):
            for i, option in enumerate(item.options):
                label = flow.tr(option.text)
                added = self.add(p.sized(Widget(
                    f"option_{option.id}", label, pygame.Rect(p.px(40), y, text_w, 0),
                    partial(self.pick, option.id), kind="option", group="answer",
                    selected=self.choice == option.id, hotkey=i + 1 if i < 9 else None,
                    extra={"wrap": True})))
                y += added.rect.height + p.px(10)
        else:
            scale = item.scale
            size = min(p.px(110), (text_w - p.px(12) * (scale - 1)) // scale)
            rects = row(p.px(40), y, size * scale + p.px(12) * (scale - 1), size, p.px(12), scale)
            for value, rect in enumerate(rects, start=1):
                self.add(Widget(f"scale_{value}", str(value), rect,
                                partial(self.pick, value), selected=self.choice == value,
                                group="answer", hotkey=value, extra={"check": False}))
            y += size + p.px(8)
            low, high = flow.tr(item.low_label), flow.tr(item.high_label)
            half = max(p.px(120), rects[-1].right - p.px(40)) // 2 - p.px(6)
            used = 0
            if low:
                used = p.paragraph(f"1 = {low}", pygame.Rect(p.px(40), y, half, 10**6), "small",
                                   th.muted)
            if high:
                used = max(used, p.paragraph(f"{scale} = {high}",
                                             pygame.Rect(p.px(40) + half + p.px(12), y, half,
                                                         10**6), "small", th.muted,
                                             align="right"))
            y += used + p.px(10)
        last = self.index == total - 1
        label = self.app.t("quiz.finish") if last else self.app.t("quiz.next")
        width = min(text_w, p.px(320))
        self.add(p.sized(Widget("next", label, pygame.Rect(p.px(40), y + p.px(10), width, 0),
                                self.next, style="primary", enabled=self.choice is not None,
                                icon="ui/forward")))
