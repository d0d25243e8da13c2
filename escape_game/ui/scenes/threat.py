"""A threat's warning: a countdown, "pause and think" or "face it"; then what it cost.

With reduced motion the countdown does not pulse; with timers off it waits for the player.
Each second of the countdown ticks (a sound and the hourglass swelling); a strike shakes the
dialog and shows money and wellbeing draining, then the payout flowing back. The still
picture, which is all reduced motion shows, holds the same final numbers.

While the warning counts down, the shop pushes its flash offer: the potion that looks best
on the label (the cheapest), its slogan, "offer ends in 10 s" and a one-click buy. That is
the hasty choice, made tempting on purpose; pausing to think calms the offer (no flashing,
a slower clock) and shows its fine print, where the catch is. The offer's end is only
pressure: the shop still sells the potion, at the same price, afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from escape_game.core.actions import BuyPotion, FaceThreat, PauseToThink
from escape_game.core.economics import flash_offer
from escape_game.core.events import ThreatStruck
from escape_game.core.state import PendingWarning
from escape_game.ui.draw import Painter
from escape_game.ui.motion import second_ticked
from escape_game.ui.scenes.layout import buttons_flow
from escape_game.ui.scenes.scroll_region import PinnedChoices
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App

#: how long the flash offer claims to last, in the warning's own time (pausing slows it)
OFFER_MS = 10_000
#: the flash offer's border changes colour this often (never under reduced motion)
FLASH_MS = 400


class ThreatScene(PinnedChoices):
    """A countdown runs while it shows: its choices never leave the window, and what does
    not fit scrolls in ``region`` above them."""

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
        #: the warning's remaining time when the flash offer was first shown
        self._offer_from_ms: int | None = None
        #: the potion bought with the flash offer's one click
        self.flash_bought: str | None = None

    def pending(self) -> Any:
        for warning in self.flow.game.threats():
            if warning.threat == self.threat_id:
                return warning
        return None

    def think(self) -> None:
        self.flow.act(PauseToThink(threat=self.threat_id))
        # never leave the focus where a second Enter would face the threat unread
        self.focus.key = "shop" if self.flow.game.room.shop else None

    def featured(self) -> Any:
        """The potion the shop pushes during this warning (None when there is none)."""
        session = self.flow.game
        return flash_offer(session.room.shop, session.state.owned_ids, self.threat)

    def offer_left_ms(self, warning: PendingWarning | None) -> int | None:
        """What is left of the flash offer's "ends in 10 s", read from the warning's own
        countdown (so pausing slows it too); None without timers."""
        if warning is None or not self.flow.game.state.timers:
            return None
        if self._offer_from_ms is None:
            self._offer_from_ms = warning.remaining_ms
        return max(0, warning.remaining_ms - (self._offer_from_ms - OFFER_MS))

    def flash_buy(self, potion_id: str) -> None:
        """One click, no question asked: the hasty purchase the offer pushes for."""
        self.flow.act(BuyPotion(potion=potion_id))
        if potion_id in self.flow.game.state.owned_ids:
            self.flash_bought = potion_id
            self.focus.key = "shop"

    def face(self) -> None:
        self.flow.act(FaceThreat(threat=self.threat_id))

    def shop(self) -> None:
        from escape_game.ui.scenes.shop import ShopScene

        self.app.scenes.push(ShopScene(self.app))

    def struck(self, event: ThreatStruck) -> None:
        self.result = event
        self.region.offset = 0
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
        """The threat's name on top and the player's choices at the bottom, always in the
        window; between them the warning (or what it cost), which scrolls in its own region
        when it is taller than the room left (a large text size on a small screen)."""
        if self.flow.session is None:
            return
        w, h = p.view_w, p.view_h
        th = p.theme
        margin = p.px(20)
        width = min(w - p.px(40), p.px(1100))
        height = max(p.px(300), min(self._content_h, h - 2 * margin))
        box = pygame.Rect((w - width) // 2, max(margin, (h - height) // 2), width, height)
        offset = self.shake.frame(self.app.motion.now()) if self.shake is not None else None
        if offset is not None:
            box.move_ip(p.px(offset[0]), p.px(offset[1]))
        p.panel(box)
        warning = self.pending() if self.result is None else None
        calm = warning is not None and warning.paused  # thinking: no alarm colour
        border = th.warn if self.result is None and not calm else th.panel_border
        pygame.draw.rect(p.surface, border, box, p.px(4), border_radius=p.px(14))
        inner = box.inflate(-p.px(40), -p.px(36))
        choices = self._choices(p, inner)
        choices_h = inner.bottom - min(c.rect.top for c in choices)
        # the threat's picture shrinks at the large text sizes, leaving the text the width
        picture = min(p.px(180 if p.text_scale < 1.45 else 96), inner.width // 4)
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
        gap = p.px(16)
        region = pygame.Rect(x, y, text_w, max(p.line_height("body") * 2,
                                               inner.bottom - choices_h - gap - y))
        if self.result is not None:
            changed = self.region.draw(p, region, lambda top, tw: self._draw_result(p, x, top, tw))
        else:
            changed = self.region.draw(p, region,
                                       lambda top, tw: self._draw_warning(p, x, top, tw))
        for choice in choices:
            self.add(choice)
        below = gap + choices_h + p.px(18)
        content = max(y - box.top + self.region.content_h,
                      inner.top + picture - box.top if beside else 0) + below
        self.remeasure = changed or content != self._content_h
        self._content_h = content

    def _choices(self, p: Painter, inner: pygame.Rect) -> list[Widget]:
        """The player's choices, laid out first and anchored to the bottom of the dialog."""
        if self.result is not None:
            width = min(p.px(260), inner.width)
            ok = p.sized(Widget("ok", self.app.t("common.ok"), pygame.Rect(
                inner.right - width, 0, width, 0), self.back, style="primary", icon="ui/check"))
            ok.rect.bottom = inner.bottom
            return [ok]
        warning = self.pending()
        paused = warning is not None and warning.paused
        # once paused, the button says so rather than offer a pause that does nothing
        items: list[tuple[str, str, str, Any, bool]] = [
            ("think", self.app.t("threat.thinking" if paused else "threat.think"), "ui/think",
             self.think, warning is not None and not paused)]
        if self.flow.game.room.shop:
            items.append(("shop", self.app.t("room.shop"), "items/shopping_cart", self.shop, True))
        items.append(("face", self.app.t("threat.face"), "items/target", self.face,
                      warning is not None))
        widgets = [Widget(key, label, pygame.Rect(0, 0, 0, 0), action, icon=icon,
                          enabled=enabled, style="primary" if key == "think" else "normal")
                   for key, label, icon, action, enabled in items]
        rects = buttons_flow(p, widgets, inner.left, 0, inner.width, p.px(280), p.px(12))
        lift = inner.bottom - max(r.bottom for r in rects)
        for widget in widgets:
            widget.rect.move_ip(0, lift)
        return widgets

    def _draw_warning(self, p: Painter, x: int, y: int, text_w: int) -> int:
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
        return self._draw_offer(p, x, y + p.px(16), text_w, warning)

    def _draw_offer(self, p: Painter, x: int, y: int, width: int, warning: Any) -> int:
        """The flash offer under the warning, in the scrolling region; returns the bottom.
        Its button is clicked only while it shows whole; Tab reaches it all the same."""
        th = p.theme
        money = self.flow.money
        if warning is None:
            return y
        if self.flash_bought is not None:
            name = self.flow.tr(self.flow.game.level.potions[self.flash_bought].name)
            text = self.app.t("threat.offer_bought", potion=name)
            return y + p.paragraph(text, pygame.Rect(x, y, width, 10**6), "body", th.text)
        potion = self.featured()
        if potion is None:
            return y
        name = f"{self.flow.tr(potion.brand)} — {self.flow.tr(potion.name)}"
        left = self.offer_left_ms(warning)
        if left == 0:
            text = self.app.t("threat.offer_over", potion=name)
            return y + p.paragraph(text, pygame.Rect(x, y, width, 10**6), "body", th.muted)
        calm = warning.paused
        pad = p.px(14)
        pic = p.px(64)
        inner_x = x + pad + pic + p.px(14)
        inner_w = max(p.px(120), x + width - pad - inner_x)
        slogan = (self.app.t("shop.slogan", text=self.flow.tr(potion.slogan)) if potion.slogan
                  else self.app.t("threat.offer_title"))
        label = self.app.t("threat.offer_label", potion=name, price=money(potion.premium))
        ends = (self.app.t("threat.offer_ends", n=(left + 999) // 1000) if left is not None
                else self.app.t("threat.offer_now"))
        fine = ""
        if calm:  # the calm moment: what the label does not say
            # the level's own fine print when it has one (it already names the catch);
            # otherwise the exclusions and the waiting period, as the shop lists them
            lines = [self.flow.tr(potion.fine_print)] if potion.fine_print else [
                f"• {self.flow.tr(e.text)}" for e in potion.exclusions]
            if potion.waiting_period and not potion.fine_print:
                lines.append(self.app.t("threat.offer_waiting",
                               minutes=max(1, potion.waiting_period // 60)))
            fine = "\n".join([self.app.t("threat.offer_fine_print"),
                              *(lines or [self.app.t("shop.no_fine_print")])])
        button = self.app.t("threat.flash_buy", price=money(potion.premium))
        bw = min(width - 2 * pad, max(p.px(280), p.text_width(button, "body", True)
                                      + p.px(90)))
        buy = p.sized(Widget("flash_buy", button, pygame.Rect(x + pad, 0, bw, 0),
                             lambda: self.flash_buy(potion.id), icon="ui/coin",
                             enabled=self.flow.game.state.money >= potion.premium,
                             style="normal" if calm else "primary"))
        bh = buy.rect.height
        text_h = (p.measure(slogan, inner_w, "large", bold=True) + p.px(4)
                  + p.measure(label, inner_w, "body") + p.px(4)
                  + p.measure(ends, inner_w, "body", bold=True))
        fine_h = p.measure(fine, width - 2 * pad, "body") + p.px(10) if fine else 0
        height = pad + max(pic, text_h) + p.px(10) + fine_h + bh + pad
        box = pygame.Rect(x, y, width, height)
        flashing = (not calm and not self.app.motion.reduced
                    and (self.app.motion.now() // FLASH_MS) % 2 == 0)
        border = th.panel_border if calm else th.accent if flashing else th.warn
        p.box(box, th.panel, border, p.px(2) if calm else p.px(4), p.px(12))
        p.reach(box.bottom)
        p.image(potion.image or "items/shopping_cart", pygame.Rect(x + pad, y + pad, pic, pic),
                name)
        ty = y + pad
        ty += p.paragraph(slogan, pygame.Rect(inner_x, ty, inner_w, 10**6), "large",
                          th.muted if calm else th.accent, bold=True) + p.px(4)
        ty += p.paragraph(label, pygame.Rect(inner_x, ty, inner_w, 10**6), "body",
                          th.text) + p.px(4)
        ty += p.paragraph(ends, pygame.Rect(inner_x, ty, inner_w, 10**6), "body",
                          th.muted if calm else th.warn, bold=True)
        ty = max(ty, y + pad + pic) + p.px(10)
        if fine:
            ty += p.paragraph(fine, pygame.Rect(x + pad, ty, width - 2 * pad, 10**6), "body",
                              th.text) + p.px(10)
        buy.rect.top = ty
        self.region.draw_widget(p, buy, self.focus.key == buy.key, self.hover == buy.key)
        self.add(buy)  # the keyboard reaches it scrolled away; the mouse only when it shows
        return box.bottom

    def _draw_result(self, p: Painter, x: int, y: int, text_w: int) -> int:
        th = p.theme
        r = self.result
        assert r is not None
        money = self.flow.money
        if r.protected:
            headline, colour, icon = self.app.t("threat.protected"), th.good, "ui/check"
            story = self.flow.tr(self.threat.protected_message)
        else:
            headline, colour, icon = self.app.t("threat.unprotected"), th.bad, "items/cross_mark"
            story = self.flow.tr(self.threat.unprotected_message)
        p.image(icon, pygame.Rect(x, y, p.px(36), p.px(36)))
        y += max(p.px(40), p.paragraph(headline, pygame.Rect(x + p.px(46), y, text_w - p.px(46),
                                                             10**6), "large", colour,
                                       bold=True)) + p.px(8)
        if r.not_covered_because:
            # why the cover did not pay is the lesson: read first, before the numbers, and
            # in view at once even where the numbers must be scrolled to (small window)
            key = f"threat.because_{r.not_covered_because}"
            text = self.app.t(key)
            reason = text if text != key else self.app.t("threat.because_other")
            y += p.paragraph(reason, pygame.Rect(x, y, text_w, 10**6), "body", colour,
                             bold=True) + p.px(8)
        y = self._draw_drains(p, x, y, text_w)
        lines = [self.app.t("threat.loss", amount=money(r.loss))]
        if r.protected:
            lines += [self.app.t("threat.deductible", amount=money(r.deductible)),
                      self.app.t("threat.payout", amount=money(r.payout))]
        lines.append(self.app.t("threat.out_of_pocket", amount=money(r.out_of_pocket)))
        if r.wellbeing_loss:
            lines.append(self.app.t("threat.wellbeing", n=r.wellbeing_loss))
        if story:
            lines.insert(0, story)
        return y + p.paragraph("\n".join(lines), pygame.Rect(x, y, text_w, 10**6), "body",
                               th.text)

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
