"""Puzzle dialogs for every kind: keypad, choices, ordering, matching, budget, comparison.

The answer being built is plain data on the scene (``code``, ``choice``, ``choices``,
``order``, ``pairs``, ``amounts``); drawing only shows it and registers widgets.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

import pygame

from escape_game.core.actions import Answer, TakeHint
from escape_game.core.events import PuzzleAttempted, PuzzleSolved
from escape_game.ui.draw import Painter
from escape_game.ui.i18n import t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.comparison import draw_table
from escape_game.ui.scenes.layout import button_height, row
from escape_game.ui.widgets import Widget

KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "del")


def budget_step(total: Decimal) -> Decimal:
    for step in (Decimal(1), Decimal(5), Decimal(10), Decimal(50), Decimal(100)):
        if total / step <= 40:
            return step
    return Decimal(500)


class PuzzleScene(Scene):
    modal = True
    time_flows = True

    def __init__(self, app: Any, puzzle_id: str) -> None:
        super().__init__(app)
        self.flow = app.flow
        self.puzzle: Any = self.flow.session.level.puzzles[puzzle_id]
        pz = self.puzzle
        self.code = ""
        self.choice: str | None = None
        self.choices: list[str] = []
        self.order: list[str] = [i.id for i in pz.items] if pz.kind == "ordering" else []
        self.pairs: dict[str, str] = {}
        self.amounts: dict[str, Decimal] = {}
        if pz.kind == "budget":
            self.amounts = {c.id: c.min for c in pz.categories}
        self.feedback: tuple[str, bool] | None = None
        self.solved = pz.id in self.flow.session.state.solved

    # --- building the answer ----------------------------------------------------------
    def key(self, label: str) -> None:
        if label == "clear":
            self.code = ""
        elif label == "del":
            self.code = self.code[:-1]
        elif len(self.code) < 32:
            self.code += label

    def on_text(self, text: str) -> None:
        if self.puzzle.kind == "code_lock":
            for char in text:
                if char.isascii() and char.isalnum():
                    self.key(char.upper() if not self.puzzle.case_sensitive else char)

    def on_key(self, key: int, mod: int) -> None:
        if self.puzzle.kind == "code_lock" and key == pygame.K_BACKSPACE:
            self.key("del")
            return
        if self.puzzle.kind == "code_lock" and pygame.K_0 <= key <= pygame.K_9:
            return  # digits arrive as TEXTINPUT for the keypad
        super().on_key(key, mod)

    def pick(self, option: str) -> None:
        self.choice = option

    def toggle(self, option: str) -> None:
        if option in self.choices:
            self.choices.remove(option)
        else:
            self.choices.append(option)

    def move(self, item: str, step: int) -> None:
        i = self.order.index(item)
        j = max(0, min(len(self.order) - 1, i + step))
        self.order[i], self.order[j] = self.order[j], self.order[i]
        self.focus.key = f"{'up' if step < 0 else 'down'}_{item}"

    def cycle(self, left: str) -> None:
        rights = [r.id for r in self.puzzle.right]
        current = self.pairs.get(left)
        index = rights.index(current) + 1 if current in rights else 0
        self.pairs[left] = rights[index % len(rights)]

    def adjust(self, category: str, sign: int) -> None:
        pz = self.puzzle
        cat = next(c for c in pz.categories if c.id == category)
        step = budget_step(pz.total)
        current = self.amounts[category]
        # move to the next multiple of the step, so odd minimums still reach round amounts
        value = (current // step + 1) * step if sign > 0 else -((-current) // step + 1) * step
        if sign < 0 and current % step:
            value = (current // step) * step
        upper = cat.max if cat.max is not None else pz.total
        self.amounts[category] = max(cat.min, min(upper, value))

    def answer(self) -> Answer:
        kind, pid = self.puzzle.kind, self.puzzle.id
        if kind == "code_lock":
            return Answer(puzzle=pid, code=self.code)
        if kind in ("single_choice", "product_comparison"):
            return Answer(puzzle=pid, choice=self.choice)
        if kind == "multiple_choice":
            return Answer(puzzle=pid, choices=tuple(self.choices))
        if kind == "ordering":
            return Answer(puzzle=pid, choices=tuple(self.order))
        if kind == "matching":
            return Answer(puzzle=pid, pairs=dict(self.pairs))
        return Answer(puzzle=pid, amounts=dict(self.amounts))

    def ready(self) -> bool:
        kind = self.puzzle.kind
        if kind == "code_lock":
            return bool(self.code)
        if kind in ("single_choice", "product_comparison"):
            return self.choice is not None
        if kind == "multiple_choice":
            return bool(self.choices)
        if kind == "matching":
            return len(self.pairs) == len(self.puzzle.left)
        return True

    def submit(self) -> None:
        if not self.ready() or self.solved:
            return
        events = self.flow.act(self.answer())
        for event in events:
            if isinstance(event, PuzzleSolved):
                self.solved = True
                text = self.flow.tr(self.puzzle.correct_feedback) or t("puzzle.correct")
                self.feedback = (text, True)
                self.focus.key = "close"
            elif isinstance(event, PuzzleAttempted) and not event.correct:
                text = self.flow.tr(self.puzzle.incorrect_feedback) or t("puzzle.incorrect")
                option = self._picked_option()
                if option is not None and option.feedback:
                    text = self.flow.tr(option.feedback)
                self.feedback = (text, False)

    def _picked_option(self) -> Any:
        for option in getattr(self.puzzle, "options", ()):
            if option.id == self.choice:
                return option
        return None

    def hint(self) -> None:
        self.flow.act(TakeHint(puzzle=self.puzzle.id))

    # --- drawing ----------------------------------------------------------------------
    def draw(self, p: Painter) -> None:
        session = self.flow.session
        if session is None:
            return
        w, h = p.surface.get_size()
        th = p.theme
        pz = self.puzzle
        bh = button_height(p)
        box = pygame.Rect(p.px(40), p.px(30), w - p.px(80), h - p.px(60))
        p.panel(box)
        inner = box.inflate(-p.px(40), -p.px(36))
        p.image(pz.image or "items/question", pygame.Rect(inner.left, inner.top, p.px(56),
                                                          p.px(56)))
        p.text(self.flow.tr(pz.title), (inner.left + p.px(70), inner.top), "heading",
               th.accent, bold=True)
        y = inner.top + p.line_height("heading") + p.px(6)
        y += p.paragraph(self.flow.tr(pz.prompt), pygame.Rect(inner.left + p.px(70), y,
                                                              inner.width - p.px(70), p.px(300)),
                         "body", th.text) + p.px(10)
        if getattr(pz, "need", None):
            y += p.paragraph(self.flow.tr(pz.need), pygame.Rect(inner.left, y, inner.width,
                                                                p.px(200)),
                             "body", th.muted) + p.px(6)
        # hints taken so far
        taken = session.state.hints_on(pz.id)
        for hint in pz.hints[:taken]:
            p.image("ui/hint", pygame.Rect(inner.left, y, p.px(28), p.px(28)))
            y += p.paragraph(self.flow.tr(hint.text), pygame.Rect(inner.left + p.px(36), y,
                                                                  inner.width - p.px(36),
                                                                  p.px(200)),
                             "body", th.warn) + p.px(4)
        footer_top = inner.bottom - bh
        if self.feedback is not None:
            text, ok = self.feedback
            fh = p.measure(text, inner.width - p.px(44), "body")
            fy = footer_top - fh - p.px(12)
            p.image("ui/check" if ok else "items/cross_mark",
                    pygame.Rect(inner.left, fy, p.px(32), p.px(32)))
            p.paragraph(text, pygame.Rect(inner.left + p.px(44), fy, inner.width - p.px(44), fh),
                        "body", th.good if ok else th.bad)
            footer_top = fy - p.px(6)
        body = pygame.Rect(inner.left, y, inner.width, footer_top - y - p.px(10))
        if not self.solved:
            getattr(self, f"_draw_{pz.kind}")(p, body)
        self._draw_footer(p, inner, bh, taken)

    def _draw_footer(self, p: Painter, inner: pygame.Rect, bh: int, taken: int) -> None:
        pz = self.puzzle
        items: list[tuple[str, str, str, Any, bool]] = []
        if not self.solved:
            items.append(("submit", t("puzzle.submit"), "ui/check", self.submit, self.ready()))
            if taken < len(pz.hints):
                cost = pz.hints[taken].cost
                label = t("puzzle.hint_cost", cost=cost) if cost else t("puzzle.hint")
                items.append(("hint", label, "ui/hint", self.hint, True))
        items.append(("close", t("common.close"), "ui/close", self.back, True))
        rects = row(inner.left, inner.bottom - bh, min(inner.width, p.px(360) * len(items)), bh,
                    p.px(12), len(items))
        for (key, label, icon, action, enabled), rect in zip(items, rects, strict=True):
            self.add(Widget(key, label, rect, action, icon=icon, enabled=enabled,
                            style="primary" if key == "submit" else "normal"))
        attempts = self.flow.session.state.attempts_on(pz.id)
        if pz.max_attempts and not self.solved:
            p.text(t("puzzle.attempts_left", n=max(0, pz.max_attempts - attempts)),
                   (inner.right, inner.bottom - bh // 2), "small", p.theme.muted,
                   anchor="midright")

    def _draw_code_lock(self, p: Painter, body: pygame.Rect) -> None:
        th = p.theme
        display = pygame.Rect(body.left, body.top, min(p.px(360), body.width), p.px(60))
        pygame.draw.rect(p.surface, th.background, display, border_radius=p.px(8))
        pygame.draw.rect(p.surface, th.panel_border, display, p.px(2), border_radius=p.px(8))
        shown = " ".join(self.code) if self.code else t("puzzle.type_code")
        p.text(shown, display.center, "heading" if self.code else "body",
               th.text if self.code else th.muted, bold=True, anchor="center")
        size = max(p.px(40), min(p.px(64), (body.bottom - display.bottom - p.px(40)) // 4))
        top = display.bottom + p.px(12)
        for i, label in enumerate(KEYPAD):
            rect = pygame.Rect(body.left + (i % 3) * (size + p.px(8)) + p.px(40),
                               top + (i // 3) * (size + p.px(8)), size, size)
            text = {"clear": "C", "del": "<"}.get(label, label)
            self.add(Widget(f"key_{label}", text, rect, partial(self.key, label)))
        p.paragraph(t("puzzle.code_keys"), pygame.Rect(body.left + p.px(40) + 3 * (size + p.px(8))
                                                       + p.px(20), top, p.px(360), body.height),
                    "small", th.muted)

    def _draw_options(self, p: Painter, body: pygame.Rect, options: Any, multiple: bool) -> None:
        bh = button_height(p)
        y = body.top
        for i, option in enumerate(options):
            text = self.flow.tr(option.text)
            height = max(bh, p.measure(text, body.width - p.px(120), "body") + p.px(16))
            rect = pygame.Rect(body.left, y, min(body.width, p.px(900)), height)
            if multiple:
                self.add(Widget(f"option_{option.id}", text, rect,
                                partial(self.toggle, option.id), kind="toggle",
                                selected=option.id in self.choices,
                                hotkey=i + 1 if i < 9 else None, extra={"wrap": True}))
            else:
                self.add(Widget(f"option_{option.id}", text, rect,
                                partial(self.pick, option.id), kind="option",
                                selected=self.choice == option.id,
                                hotkey=i + 1 if i < 9 else None, extra={"wrap": True}))
            y += height + p.px(8)

    def _draw_single_choice(self, p: Painter, body: pygame.Rect) -> None:
        self._draw_options(p, body, self.puzzle.options, multiple=False)

    def _draw_multiple_choice(self, p: Painter, body: pygame.Rect) -> None:
        p.text(t("puzzle.pick_all"), (body.left, body.top), "small", p.theme.muted)
        body = body.copy()
        body.top += p.line_height("small") + p.px(4)
        self._draw_options(p, body, self.puzzle.options, multiple=True)

    def _draw_ordering(self, p: Painter, body: pygame.Rect) -> None:
        bh = button_height(p)
        items = {i.id: i for i in self.puzzle.items}
        y = body.top
        width = min(body.width, p.px(900))
        for n, item_id in enumerate(self.order):
            label = f"{n + 1}. {self.flow.tr(items[item_id].text)}"
            rect = pygame.Rect(body.left, y, width - 2 * (p.px(150) + p.px(8)), bh)
            p.panel(rect, p.theme.background)
            p.text(p.fit_text(label, rect.width - p.px(20)), (rect.left + p.px(12), rect.centery),
                   "body", p.theme.text, anchor="midleft")
            up = pygame.Rect(rect.right + p.px(8), y, p.px(150), bh)
            down = pygame.Rect(up.right + p.px(8), y, p.px(150), bh)
            self.add(Widget(f"up_{item_id}", t("puzzle.up"), up,
                            partial(self.move, item_id, -1), enabled=n > 0))
            self.add(Widget(f"down_{item_id}", t("puzzle.down"), down,
                            partial(self.move, item_id, 1), enabled=n < len(self.order) - 1))
            y += bh + p.px(8)

    def _draw_matching(self, p: Painter, body: pygame.Rect) -> None:
        bh = button_height(p)
        rights = {r.id: self.flow.tr(r.text) for r in self.puzzle.right}
        y = body.top
        half = min(body.width, p.px(1000)) // 2
        for left in self.puzzle.left:
            rect = pygame.Rect(body.left, y, half - p.px(40), bh)
            p.panel(rect, p.theme.background)
            p.text(p.fit_text(self.flow.tr(left.text), rect.width - p.px(20)),
                   (rect.left + p.px(12), rect.centery), "body", p.theme.text, anchor="midleft")
            p.text("→", (rect.right + p.px(20), rect.centery), "large", p.theme.accent,
                   anchor="center")
            current = self.pairs.get(left.id)
            label = rights[current] if current else t("puzzle.choose")
            self.add(Widget(f"match_{left.id}", label + "  ▾",
                            pygame.Rect(body.left + half, y, half, bh),
                            partial(self.cycle, left.id), selected=current is not None,
                            kind="option", extra={"check": False}))
            y += bh + p.px(10)
        p.text(t("puzzle.match_help"), (body.left, y), "small", p.theme.muted)

    def _draw_budget(self, p: Painter, body: pygame.Rect) -> None:
        bh = button_height(p)
        pz = self.puzzle
        spent = sum(self.amounts.values(), Decimal(0))
        left = pz.total - spent
        colour = p.theme.good if left == 0 else p.theme.warn
        p.text(t("puzzle.budget_left", amount=self.flow.money(left),
                 total=self.flow.money(pz.total)), (body.left, body.top), "large", colour,
               bold=True)
        y = body.top + p.line_height("large") + p.px(10)
        for cat in pz.categories:
            name = self.flow.tr(cat.text)
            if cat.min or cat.max is not None:
                name += "  " + t("puzzle.budget_bounds", min=self.flow.money(cat.min),
                                 max=self.flow.money(cat.max if cat.max is not None else pz.total))
            p.text(p.fit_text(name, p.px(460)), (body.left, y + bh // 2), "body", p.theme.text,
                   anchor="midleft")
            x = body.left + p.px(480)
            self.add(Widget(f"minus_{cat.id}", "−", pygame.Rect(x, y, bh, bh),
                            partial(self.adjust, cat.id, -1)))
            p.text(self.flow.money(self.amounts[cat.id]), (x + bh + p.px(80), y + bh // 2),
                   "large", p.theme.text, bold=True, anchor="center")
            self.add(Widget(f"plus_{cat.id}", "+", pygame.Rect(x + bh + p.px(160), y, bh, bh),
                            partial(self.adjust, cat.id, 1)))
            y += bh + p.px(10)

    def _draw_product_comparison(self, p: Painter, body: pygame.Rect) -> None:
        potions = [self.flow.session.level.potions[x] for x in self.puzzle.products
                   if x in self.flow.session.level.potions]
        bh = button_height(p)
        table = pygame.Rect(body.left, body.top, body.width, body.height - bh - p.px(10))
        columns = draw_table(p, self.flow, potions, table)
        for i, (potion, col) in enumerate(zip(potions, columns, strict=True)):
            rect = pygame.Rect(col.left, body.bottom - bh, col.width, bh)
            self.add(Widget(f"option_{potion.id}", t("puzzle.pick_this"), rect,
                            partial(self.pick, potion.id), kind="option",
                            selected=self.choice == potion.id, hotkey=i + 1 if i < 9 else None))
