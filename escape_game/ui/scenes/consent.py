"""Player code and assent: what is recorded and why, in plain words; refusing still plays."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pygame

from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import button_height, buttons_flow, title_bar
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App

CODE_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789- ")


class ConsentScene(Scene):
    def __init__(self, app: App, continuing: bool = False) -> None:
        super().__init__(app)
        self.code = ""
        #: reached from "Continue": the code also finds the player's own save
        self.continuing = continuing
        self.focus.key = "code"

    # --- logic ------------------------------------------------------------------------
    def normalized(self) -> str:
        from telemetry.codes import normalize_code

        return normalize_code(self.code)

    def code_ok(self) -> bool:
        from telemetry.codes import is_valid_code

        return is_valid_code(self.normalized())

    def generate(self) -> None:
        from telemetry.codes import generate_codes

        self.code = generate_codes(1, seed=random.randrange(2**31))[0]

    def agree(self) -> None:
        if self.code_ok():
            self.app.flow.consent_given(self.normalized(), True, self.continuing)
            if self.app.scenes.top is self:  # no save for this code: the player corrects it
                self.focus_first("code")

    def refuse(self) -> None:
        """Play without recording; a valid code typed still names the player's save."""
        code = self.normalized() if self.code_ok() else None
        self.app.flow.consent_given(code, False, self.continuing)
        if self.app.scenes.top is self:  # no save for this code: the player types it again
            self.focus_first("code")

    def back(self) -> None:
        self.app.flow.to_title()

    def on_text(self, text: str) -> None:
        if self.focus.key != "code":
            return
        for char in text.upper():
            if char in CODE_CHARS and len(self.code) < 16:
                self.code += char
        # the page opens at its top, on what is recorded; typing shows the field typed in
        self.focus_first("code")

    def on_key(self, key: int, mod: int) -> None:
        if self.focus.key == "code":
            if key == pygame.K_BACKSPACE:
                self.code = self.code[:-1]
                self.focus_first("code")
                return
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                if self.code_ok():
                    self.focus_first("agree")
                return
            if key == pygame.K_SPACE:
                return  # typed as text, not a button press
        super().on_key(key, mod)

    # --- drawing ----------------------------------------------------------------------
    def draw(self, p: Painter) -> None:
        w = p.view_w
        th = p.theme
        y = title_bar(p, self.app.t("consent.title"))
        text_w = min(w - p.px(80), p.px(1100))
        box = pygame.Rect(p.px(40), y, text_w, p.px(10))
        body = "\n\n".join(self.app.t(f"consent.{part}")
                            for part in ("what", "why", "never", "choice"))
        art = p.px(80) if text_w > p.px(600) else 0
        text_x = p.px(35) + art
        box.height = p.measure(body, text_w - text_x - p.px(20), "body") + p.px(30)
        p.panel(box)
        if art:
            p.image("items/clipboard", pygame.Rect(box.left + p.px(18), box.top + p.px(18),
                                                   art, art))
        p.paragraph(body, pygame.Rect(box.left + text_x, box.top + p.px(15),
                                      box.width - text_x - p.px(20), box.height), "body", th.text)
        y = box.bottom + p.px(20)
        bh = button_height(p)
        # from "Continue", the code is what finds the saved game: say so where it is typed
        code_label = self.app.t("consent.code_label_continue" if self.continuing
                                else "consent.code_label")
        y += p.paragraph(code_label, pygame.Rect(p.px(40), y, text_w, 10**6),
                         "body", th.text, bold=True) + p.px(6)
        label = self.code or self.app.t("consent.code_placeholder")
        blink_on = self.app.settings.reduced_motion or (self.age_ms // 500) % 2 == 0
        if self.focus.key == "code" and blink_on:
            label = self.code + "|"
        field_w = max(p.px(300), min(p.px(380), text_w // 2 - p.px(8)))
        gen_w = min(text_w - field_w - p.px(20), p.px(340))
        if gen_w < p.px(220):  # too narrow for both on one line
            field_w = gen_w = min(text_w, p.px(480))
            gen_pos = (p.px(40), y + bh + p.px(12))
        else:
            gen_pos = (p.px(40) + field_w + p.px(20), y)
        code_w = Widget("code", label, pygame.Rect(p.px(40), y, field_w, bh), lambda: None,
                        kind="input", style="quiet", icon="items/id_card")
        self.add(code_w)
        gen = self.add(p.sized(Widget("generate", self.app.t("consent.generate"),
                                      pygame.Rect(*gen_pos, gen_w, 0), self.generate,
                                      icon="items/dice")))
        y = max(code_w.rect.bottom, gen.rect.bottom) + p.px(10)
        if self.code:
            ok = self.code_ok()
            icon = "ui/check" if ok else "items/warning"
            msg = self.app.t("consent.code_ok") if ok else self.app.t("consent.code_bad")
            p.image(icon, pygame.Rect(p.px(40), y, p.px(32), p.px(32)))
            y += max(p.px(32), p.paragraph(msg, pygame.Rect(p.px(82), y, text_w - p.px(42),
                                                            10**6), "small",
                                           th.good if ok else th.warn))
        y += p.px(20)
        none = pygame.Rect(0, 0, 0, 0)
        buttons = [Widget("agree", self.app.t("consent.agree"), none.copy(), self.agree,
                          style="primary", enabled=self.code_ok(), icon="ui/check"),
                   Widget("refuse", self.app.t("consent.refuse"), none.copy(), self.refuse,
                          icon="ui/play"),
                   Widget("back", self.app.t("common.back"), none.copy(), self.back,
                          icon="ui/back")]
        buttons_flow(p, buttons, p.px(40), y, text_w, p.px(300), p.px(16))
        for button in buttons:
            self.add(button)
