"""A threat's warning: a countdown, "pause and think" or "face it"; then what it cost.

With reduced motion the countdown does not pulse; with timers off it waits for the player.
Each second of the countdown ticks (a sound and the hourglass swelling); a strike shakes the
dialog and shows money and wellbeing draining, then the payout flowing back. The still
picture, which is all reduced motion shows, holds the same final numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from escape_game.core.actions import FaceThreat, PauseToThink
from escape_game.core.events import ThreatStruck
from escape_game.ui.draw import Painter
from escape_game.ui.motion import second_ticked
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import buttons_flow
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App


class ThreatScene(Scene):
    modal = True
    time_flows = True
    #: after "pause and think" the focus is left nowhere, so a second Enter faces nothing
    autofocus = False

    def __init__(self, app: App, threat_id: str) -> None:
        super().__init__(app)
        self.flow = app.flow
        self.threat_id = threat_id
        self.threat: Any = self.flow.game.level.threats[threat_id]
        self.result: ThreatStruck | None = None
        self.focus.key = "think"
        self._content_h = 0
        self.pulse = app.motion.countdown()
        #: the countdown's last reading, to hear each second go
        self._last_ms: int | None = None
        self.shake: Any = None
        #: (label, drain of the bar, full value, shown as money) for money and wellbeing
        self.drains: list[tuple[str, Any, float, bool]] = []

    def pending(self) -> Any:
        for warning in self.flow.game.threats():
            if warning.threat == self.threat_id:
                return warning
        return None

    def think(self) -> None:
        self.flow.act(PauseToThink(threat=self.threat_id))
        # never leave the focus where a second Enter would face the threat unread
        self.focus.key = "shop" if self.flow.game.room.shop else None

    def face(self) -> None:
        self.flow.act(FaceThreat(threat=self.threat_id))

    def shop(self) -> None:
        from escape_game.ui.scenes.shop import ShopScene

        self.app.scenes.push(ShopScene(self.app))

    def struck(self, event: ThreatStruck) -> None:
        self.result = event
        self.focus.key = "ok"
        motion = self.app.motion
        self.shake = motion.shake()
        state = self.flow.game.state
        after = float(state.money)
        before = after + float(event.out_of_pocket)
        self.drains = [("hud.money", motion.drain_refill(before, before - float(event.loss),
                                                         after), max(before, 1.0), True)]
        if event.wellbeing_loss:
            now = float(state.wellbeing)
            self.drains.append(("hud.wellbeing", motion.drain_refill(
                now + event.wellbeing_loss, now, now), 100.0, False))

    def on_update(self, dt_ms: int) -> None:
        super().on_update(dt_ms)
        warning = self.pending() if self.flow.session is not None else None
        if warning is not None and self.flow.game.state.timers:
            if self._last_ms is not None and second_ticked(self._last_ms, warning.remaining_ms):
                self.app.audio.play("warning_tick")
            self._last_ms = warning.remaining_ms
        if self.result is None and self.pending() is None and self.app.scenes.top is self:
            self.back()  # spared, or resolved elsewhere

    def draw(self, p: Painter) -> None:
        if self.flow.session is None:
            return
        w, h = p.view_w, p.view_h
        th = p.theme
        width = min(w - p.px(40), p.px(1100))
        height = max(p.px(300), self._content_h)
        box = pygame.Rect((w - width) // 2, max(p.px(20), (h - height) // 2), width, height)
        offset = self.shake.frame(self.app.motion.now()) if self.shake is not None else None
        if offset is not None:
            box.move_ip(p.px(offset[0]), p.px(offset[1]))
        p.panel(box)
        warning = self.pending() if self.result is None else None
        calm = warning is not None and warning.paused  # thinking: no alarm colour
        border = th.warn if self.result is None and not calm else th.panel_border
        pygame.draw.rect(p.surface, border, box, p.px(4), border_radius=p.px(14))
        inner = box.inflate(-p.px(40), 0)
        inner.top = box.top + p.px(18)
        picture = min(p.px(180), inner.width // 4)
        beside = inner.width - picture - p.px(24) >= p.px(360)
        p.image(self.threat.image or "items/warning",
                pygame.Rect(inner.left, inner.top, picture, picture),
                self.flow.tr(self.threat.name))
        x = inner.left + picture + p.px(24) if beside else inner.left
        y = inner.top if beside else inner.top + picture + p.px(12)
        text_w = inner.right - x
        p.image("items/warning", pygame.Rect(x, y, p.px(36), p.px(36)))
        y += max(p.px(36), p.paragraph(self.flow.tr(self.threat.name), pygame.Rect(
            x + p.px(46), y, text_w - p.px(46), 10**6), "heading", th.warn, bold=True)) + p.px(8)
        if self.result is not None:
            y = self._draw_result(p, x, y, text_w, inner)
        else:
            y = self._draw_warning(p, x, y, text_w, inner)
        content = y + p.px(18) - box.top
        self.remeasure = content != self._content_h
        self._content_h = content

    def _draw_warning(self, p: Painter, x: int, y: int, text_w: int, inner: pygame.Rect) -> int:
        th = p.theme
        warning = self.pending()
        text = self.flow.tr(self.threat.warning.text) or self.flow.tr(self.threat.description)
        y += p.paragraph(text, pygame.Rect(x, y, text_w, 10**6), "large", th.text) + p.px(8)
        if warning is not None and self.flow.game.state.timers:
            seconds = (warning.remaining_ms + 999) // 1000
            label = self.app.t("threat.countdown", n=seconds)
            if warning.paused:
                label += "  " + self.app.t("threat.slowed")
            glass = pygame.Rect(x, y, p.px(36), p.px(36))
            scale = self.pulse.frame(warning.remaining_ms)
            if scale is not None:  # the second just went: the hourglass swells
                grown = round(glass.width * scale)
                glass = pygame.Rect(0, 0, grown, grown)
                glass.center = (x + p.px(18), y + p.px(18))
            p.image("items/hourglass", glass)
            y += max(p.px(40), p.paragraph(label, pygame.Rect(x + p.px(46), y, text_w - p.px(46),
                                                              10**6), "large", th.warn,
                                           bold=True)) + p.px(6)
        elif warning is not None:
            y += p.paragraph(self.app.t("threat.no_timer"), pygame.Rect(x, y, text_w, 10**6),
                             "body", th.muted) + p.px(6)
        if warning is not None and warning.paused:
            details = self.flow.tr(self.threat.details) or self.flow.tr(self.threat.description)
            details += "\n" + self.app.t("threat.loss", amount=self.flow.money(self.threat.loss))
            y += p.paragraph(details, pygame.Rect(x, y, text_w, 10**6), "body", th.text)
        else:
            y += p.paragraph(self.app.t("threat.advice"), pygame.Rect(x, y, text_w, 10**6), "body",
                             th.muted)
        y += p.px(16)
        items: list[tuple[str, str, str, Any, bool]] = [
            ("think", self.app.t("threat.think"), "ui/think", self.think,
             warning is not None and not warning.paused)]
        if self.flow.game.room.shop:
            items.append(("shop", self.app.t("room.shop"), "items/shopping_cart", self.shop, True))
        items.append(("face", self.app.t("threat.face"), "items/target", self.face,
                      warning is not None))
        rects = buttons_flow(p, [label for _, label, _, _, _ in items], inner.left, y,
                             inner.width, p.px(280), p.px(12))
        for (key, label, icon, action, enabled), rect in zip(items, rects, strict=True):
            self.add(Widget(key, label, rect, action, icon=icon, enabled=enabled,
                            style="primary" if key == "think" else "normal"))
        return max(r.bottom for r in rects)

    def _draw_result(self, p: Painter, x: int, y: int, text_w: int, inner: pygame.Rect) -> int:
        th = p.theme
        r = self.result
        assert r is not None
        money = self.flow.money
        if r.protected:
            headline, colour, icon = self.app.t("threat.protected"), th.good, "ui/check"
            story = self.flow.tr(self.threat.protected_text)
        else:
            headline, colour, icon = self.app.t("threat.unprotected"), th.bad, "items/cross_mark"
            story = self.flow.tr(self.threat.unprotected_text)
        p.image(icon, pygame.Rect(x, y, p.px(36), p.px(36)))
        y += max(p.px(40), p.paragraph(headline, pygame.Rect(x + p.px(46), y, text_w - p.px(46),
                                                             10**6), "large", colour,
                                       bold=True)) + p.px(8)
        y = self._draw_drains(p, x, y, text_w)
        lines = [self.app.t("threat.loss", amount=money(r.loss))]
        if r.protected:
            lines += [self.app.t("threat.deductible", amount=money(r.deductible)),
                      self.app.t("threat.payout", amount=money(r.payout))]
        lines.append(self.app.t("threat.out_of_pocket", amount=money(r.out_of_pocket)))
        if r.wellbeing_loss:
            lines.append(self.app.t("threat.wellbeing", n=r.wellbeing_loss))
        if r.not_covered_because:
            key = f"threat.because_{r.not_covered_because}"
            text = self.app.t(key)
            lines.append(text if text != key else self.app.t("threat.because_other"))
        if story:
            lines.insert(0, story)
        y += p.paragraph("\n".join(lines), pygame.Rect(x, y, text_w, 10**6), "body",
                         th.text) + p.px(16)
        ok = self.app.t("common.ok")
        width = min(p.px(260), inner.width)
        height = p.button_height(ok, width)
        self.add(Widget("ok", ok, pygame.Rect(inner.right - width, y, width, height),
                        self.back, style="primary", icon="ui/check"))
        return y + height

    def _draw_drains(self, p: Painter, x: int, y: int, text_w: int) -> int:
        """Money and wellbeing as bars: draining with the loss, then refilled by the payout;
        at rest (or with reduced motion) the bar and the caption show the final value."""
        th = p.theme
        r = self.result
        assert r is not None
        now = self.app.motion.now()
        for key, drain, full, is_money in self.drains:
            frame = drain.frame(now)
            value, phase = frame if frame is not None else (drain.after, "rest")
            shown = self.flow.money(value) if is_money else f"{round(value)}/100"
            caption = self.app.t("threat.meter", name=self.app.t(key), value=shown)
            if is_money and r.payout > 0 and phase in ("refill", "rest"):
                caption += "   " + self.app.t("threat.paid_back", amount=self.flow.money(r.payout))
            y += p.paragraph(caption, pygame.Rect(x, y, text_w, 10**6), "body", th.text,
                             bold=True) + p.px(4)
            bar = pygame.Rect(x, y, text_w, p.px(12))
            pygame.draw.rect(p.surface, th.panel_border, bar, border_radius=p.px(6))
            fill = bar.copy()
            fill.width = round(bar.width * max(0.0, min(1.0, value / full)))
            colour = th.bad if phase in ("drain", "hold") else th.good
            if fill.width > 0:
                pygame.draw.rect(p.surface, colour, fill, border_radius=p.px(6))
            y = bar.bottom + p.px(10)
        return y
