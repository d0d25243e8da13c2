"""Puzzle dialogs for every kind: keypad, choices, ordering, matching, budget, comparison.

The answer being built is plain data on the scene (``code``, ``choice``, ``choices``,
``order``, ``pairs``, ``amounts``); drawing only shows it and registers widgets.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

import pygame

from escape_game.core.actions import Answer, TakeHint
from escape_game.core.events import PuzzleAttempted, PuzzleSolved
from escape_game.ui.draw import Painter
from escape_game.ui.scene import GameScene
from escape_game.ui.scenes.comparison import draw_comparison
from escape_game.ui.scenes.layout import button_height, buttons_flow
from escape_game.ui.scenes.storybook import guide_of, guide_says
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App
    from escape_game.ui.session import GameSession

KEYPAD = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "del")


def budget_step(total: Decimal) -> Decimal:
    for step in (Decimal(1), Decimal(5), Decimal(10), Decimal(50), Decimal(100)):
        if total / step <= 40:
            return step
    return Decimal(500)


class PuzzleScene(GameScene):
    modal = True
    time_flows = True

    def __init__(self, app: App, puzzle_id: str) -> None:
        super().__init__(app)
        self.puzzle: Any = self.flow.game.level.puzzles[puzzle_id]
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
        self.solved = pz.id in self.flow.game.state.solved
        self._content_bottom = 0
        self.focus.key = "close" if self.solved else None

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
        if (key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not self.solved
                and self.puzzle.kind == "code_lock"
                and self.focus.key not in ("hint", "close")):
            self.submit()  # Enter checks a typed code, as in any code field
            return
        super().on_key(key, mod)

    def pick(self, option: str) -> None:
        """Choose an answer; the focus goes to "Check my answer", so Enter sends it."""
        self.choice = option
        self.focus_first("submit")

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
                text = self.flow.tr(self.puzzle.correct_feedback) or self.app.t("puzzle.correct")
                self.feedback = (text, True)
                self.focus.key = "close"
            elif isinstance(event, PuzzleAttempted) and not event.correct:
                text = (self.flow.tr(self.puzzle.incorrect_feedback)
                        or self.app.t("puzzle.incorrect"))
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
        if getattr(pz, "need", None):
            y += p.paragraph(self.flow.tr(pz.need), pygame.Rect(inner.left, y, inner.width,
                                                                10**6), "body", th.muted) + p.px(6)
        # hints taken so far
        taken = session.state.hints_on(pz.id)
        guide = guide_of(self.flow.campaign, self.flow.tr) if taken else None
        for hint in pz.hints[:taken]:  # spoken by the story's guide, when there is one
            y += guide_says(p, guide, self.flow.tr(hint.text),
                            pygame.Rect(inner.left, y, inner.width, 0)) + p.px(8)
        if not self.solved:
            body = pygame.Rect(inner.left, y + p.px(4), inner.width, 0)
            y = getattr(self, f"_draw_{pz.kind}")(p, body) + p.px(10)
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

    def _draw_code_lock(self, p: Painter, body: pygame.Rect) -> int:
        th = p.theme
        display = pygame.Rect(body.left, body.top, min(p.px(360), body.width),
                              max(p.px(60), p.line_height("heading") + p.px(12)))
        pygame.draw.rect(p.surface, th.background, display, border_radius=p.px(8))
        pygame.draw.rect(p.surface, th.panel_border, display, p.px(2), border_radius=p.px(8))
        shown = " ".join(self.code) if self.code else self.app.t("puzzle.type_code")
        p.text(shown, display.center, "heading" if self.code else "body",
               th.text if self.code else th.muted, bold=True, anchor="center")
        size = max(p.px(56), p.line_height("heading") + p.px(8))
        top = display.bottom + p.px(12)
        pad_w = 3 * size + 2 * p.px(8)
        for i, label in enumerate(KEYPAD):
            rect = pygame.Rect(body.left + (i % 3) * (size + p.px(8)),
                               top + (i // 3) * (size + p.px(8)), size, size)
            text = {"clear": "C", "del": "<"}.get(label, label)
            self.add(Widget(f"key_{label}", text, rect, partial(self.key, label)))
        bottom = top + 4 * (size + p.px(8))
        help_x = body.left + pad_w + p.px(20)
        if body.right - help_x >= p.px(240):
            used = p.paragraph(self.app.t("puzzle.code_keys"),
                               pygame.Rect(help_x, top, body.right - help_x, 10**6), "small",
                               th.muted)
            return max(bottom, top + used)
        return bottom + p.paragraph(self.app.t("puzzle.code_keys"), pygame.Rect(
            body.left, bottom, body.width, 10**6), "small", th.muted)

    def _draw_options(self, p: Painter, body: pygame.Rect, options: Any, multiple: bool) -> int:
        y = body.top
        width = min(body.width, p.px(900))
        for i, option in enumerate(options):
            text = self.flow.tr(option.text)
            height = p.button_height(f"{i + 1}. {text}", width, icon=False, check=True)
            rect = pygame.Rect(body.left, y, width, height)
            if multiple:
                self.add(Widget(f"option_{option.id}", text, rect,
                                partial(self.toggle, option.id), kind="toggle",
                                selected=option.id in self.choices,
                                hotkey=i + 1 if i < 9 else None, extra={"wrap": True}))
            else:
                self.add(Widget(f"option_{option.id}", text, rect,
                                partial(self.pick, option.id), kind="option", group="answer",
                                selected=self.choice == option.id,
                                hotkey=i + 1 if i < 9 else None, extra={"wrap": True}))
            y += height + p.px(8)
        return y

    def _draw_single_choice(self, p: Painter, body: pygame.Rect) -> int:
        return self._draw_options(p, body, self.puzzle.options, multiple=False)

    def _draw_multiple_choice(self, p: Painter, body: pygame.Rect) -> int:
        body = body.copy()
        body.top += p.paragraph(self.app.t("puzzle.pick_all"), pygame.Rect(body.left, body.top,
                                                                           body.width, 10**6),
                                "small", p.theme.muted) + p.px(4)
        return self._draw_options(p, body, self.puzzle.options, multiple=True)

    def _draw_ordering(self, p: Painter, body: pygame.Rect) -> int:
        items = {i.id: i for i in self.puzzle.items}
        y = body.top
        width = min(body.width, p.px(1000))
        up_l, down_l = self.app.t("puzzle.up"), self.app.t("puzzle.down")
        bw = max(p.px(150), p.text_width(up_l) + p.px(40), p.text_width(down_l) + p.px(40))
        side = width - 2 * (bw + p.px(8)) >= p.px(300)
        for n, item_id in enumerate(self.order):
            label = f"{n + 1}. {self.flow.tr(items[item_id].text)}"
            text_w = (width - 2 * (bw + p.px(8))) if side else width
            height = max(button_height(p), p.measure(label, text_w - p.px(24)) + p.px(16))
            rect = pygame.Rect(body.left, y, text_w, height)
            p.panel(rect, p.theme.background)
            p.paragraph(label, pygame.Rect(rect.left + p.px(12), rect.top + p.px(8),
                                           rect.width - p.px(24), 10**6), "body", p.theme.text)
            if side:
                up = pygame.Rect(rect.right + p.px(8), y, bw, height)
            else:
                up = pygame.Rect(body.left, rect.bottom + p.px(6), bw, button_height(p))
            down = pygame.Rect(up.right + p.px(8), up.top, bw, up.height)
            self.add(Widget(f"up_{item_id}", up_l, up, partial(self.move, item_id, -1),
                            enabled=n > 0))
            self.add(Widget(f"down_{item_id}", down_l, down, partial(self.move, item_id, 1),
                            enabled=n < len(self.order) - 1))
            y = max(rect.bottom, up.bottom) + p.px(10)
        return y

    def _draw_matching(self, p: Painter, body: pygame.Rect) -> int:
        rights = {r.id: self.flow.tr(r.text) for r in self.puzzle.right}
        y = body.top
        width = min(body.width, p.px(1100))
        side = width >= p.px(700)
        half = width // 2 if side else width
        for left in self.puzzle.left:
            current = self.pairs.get(left.id)
            label = (rights[current] if current else self.app.t("puzzle.choose")) + "  ▾"
            fact = self.flow.tr(left.text)
            text_w = (half - p.px(48)) if side else width
            fact_h = p.measure(fact, text_w - p.px(24)) + p.px(16)
            choice_w = half if side else width
            choice_h = max(p.button_height(label, choice_w, icon=False),
                           *(p.button_height(x + "  ▾", choice_w, icon=False)
                             for x in rights.values()))
            height = max(fact_h, choice_h) if side else fact_h
            rect = pygame.Rect(body.left, y, text_w, height)
            p.panel(rect, p.theme.background)
            p.paragraph(fact, pygame.Rect(rect.left + p.px(12), rect.top + p.px(8),
                                          rect.width - p.px(24), 10**6), "body", p.theme.text)
            if side:
                p.text("→", (rect.right + p.px(24), rect.centery), "large", p.theme.accent,
                       anchor="center")
                choice = pygame.Rect(body.left + half, y, half, height)
            else:
                choice = pygame.Rect(body.left, rect.bottom + p.px(6), width, choice_h)
            self.add(Widget(f"match_{left.id}", label, choice, partial(self.cycle, left.id),
                            selected=current is not None, kind="option",
                            extra={"check": False}))
            y = max(rect.bottom, choice.bottom) + p.px(12)
        return y + p.paragraph(self.app.t("puzzle.match_help"),
                               pygame.Rect(body.left, y, width, 10**6), "small", p.theme.muted)

    def _draw_budget(self, p: Painter, body: pygame.Rect) -> int:
        bh = button_height(p)
        pz = self.puzzle
        spent = sum(self.amounts.values(), Decimal(0))
        left = pz.total - spent
        colour = p.theme.good if left == 0 else p.theme.warn
        y = body.top + p.paragraph(self.app.t("puzzle.budget_left", amount=self.flow.money(left),
                                              total=self.flow.money(pz.total)),
                                   pygame.Rect(body.left, body.top, body.width, 10**6), "large",
                                   colour, bold=True) + p.px(10)
        amount_w = max(p.px(160), p.text_width(self.flow.money(pz.total), "large", True)
                       + p.px(20))
        controls = 2 * bh + amount_w
        side = body.width - controls >= p.px(320)
        for cat in pz.categories:
            name = self.flow.tr(cat.text)
            if cat.min or cat.max is not None:
                top_amount = cat.max if cat.max is not None else pz.total
                name += "  " + self.app.t("puzzle.budget_bounds", min=self.flow.money(cat.min),
                                          max=self.flow.money(top_amount))
            name_w = (body.width - controls - p.px(20)) if side else body.width
            name_h = p.measure(name, name_w)
            if side:
                row_h = max(bh, name_h)
                p.paragraph(name, pygame.Rect(body.left, y + (row_h - name_h) // 2, name_w,
                                              10**6), "body", p.theme.text)
                x, cy = body.left + name_w + p.px(20), y + (row_h - bh) // 2
            else:
                y += p.paragraph(name, pygame.Rect(body.left, y, name_w, 10**6), "body",
                                 p.theme.text) + p.px(4)
                row_h, x, cy = bh, body.left, y
            self.add(Widget(f"minus_{cat.id}", "−", pygame.Rect(x, cy, bh, bh),
                            partial(self.adjust, cat.id, -1)))
            p.text(self.flow.money(self.amounts[cat.id]), (x + bh + amount_w // 2, cy + bh // 2),
                   "large", p.theme.text, bold=True, anchor="center")
            self.add(Widget(f"plus_{cat.id}", "+", pygame.Rect(x + bh + amount_w, cy, bh, bh),
                            partial(self.adjust, cat.id, 1)))
            y += row_h + p.px(10)
        return y

    def _draw_product_comparison(self, p: Painter, body: pygame.Rect) -> int:
        level = self.flow.game.level
        potions = [level.potions[x] for x in self.puzzle.products if x in level.potions]
        index = {potion.id: i for i, potion in enumerate(potions)}

        def actions(potion: Any, x: int, y: int, width: int) -> int:
            i = index[potion.id]
            label = self.app.t("puzzle.pick_this")
            width = min(width, p.px(420))
            rect = pygame.Rect(x, y, width, p.button_height(f"{i + 1}. {label}", width,
                                                            icon=False, check=True))
            self.add(Widget(f"option_{potion.id}", label, rect, partial(self.pick, potion.id),
                            kind="option", group="answer", selected=self.choice == potion.id,
                            hotkey=i + 1 if i < 9 else None))
            return rect.bottom

        return draw_comparison(p, self.flow.texts, potions, body.left, body.top, body.width,
                               actions, slogan=False)
