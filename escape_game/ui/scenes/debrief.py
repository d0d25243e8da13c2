"""The debrief: score, quiz progress, the concepts met, and choices beside a careful player's."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pygame

from escape_game.core import events as ev
from escape_game.runner.decisions import Decisions, decisions, timed_events
from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import title_bar
from escape_game.ui.widgets import Widget

if TYPE_CHECKING:
    from escape_game.ui.app import App

log = logging.getLogger("escape_game.ui")


def choices_summary(log: list[ev.Event]) -> list[tuple[str, int, int]]:
    """(what, the player's count, a careful player's count) from the game's events."""
    struck = [e for e in log if isinstance(e, ev.ThreatStruck)]
    bought: list[ev.PotionBought] = []
    for e in log:
        if isinstance(e, ev.PotionBought):
            bought.append(e)
        elif isinstance(e, ev.PurchaseCancelled):  # taken back in the shop: not a choice kept
            kept = [b for b in bought if b.potion == e.potion]
            if kept:
                bought.remove(kept[-1])
    warned = {e.threat for e in log if isinstance(e, ev.ThreatWarned)}
    paused = {e.threat for e in log if isinstance(e, ev.ThreatPaused)}
    solved = [e for e in log if isinstance(e, ev.PuzzleSolved)]
    return [
        ("debrief.protected", sum(e.protected for e in struck), len(struck)),
        ("debrief.best_value", sum(e.best_value for e in bought), len(bought)),
        ("debrief.paused", len(paused & warned), len(warned)),
        ("debrief.first_try", sum(e.attempts == 1 for e in solved), len(solved)),
    ]


#: the caption of each line of ``choices_summary`` in the debrief's table
WHAT = {"debrief.protected": "debrief.protected_what",
        "debrief.best_value": "debrief.best_value_what",
        "debrief.paused": "debrief.paused_what",
        "debrief.first_try": "debrief.first_try_what"}


class DebriefScene(Scene):
    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.flow = app.flow
        self.focus.key = "done"
        session = self.flow.session
        self.log: list[ev.Event] = list(session.log) if session is not None else []
        self.concepts = self._concepts_met(session)
        self.decisions = self._decisions(session)
        self.level: Any = session.level if session is not None else None
        #: the two panels' heights in the last frame, so they are drawn as tall as their text
        self._heights = [0, 0]

    def _concepts_met(self, session: Any) -> list[Any]:
        campaign = self.flow.campaign
        if session is None:
            return list(campaign.concepts)
        level = session.level
        met: set[str] = set()
        visited = set(session.state.visited) | {session.state.room}
        for room_id in visited:
            room = level.rooms.get(room_id)
            if room is None:
                continue
            met.update(room.concepts)
            for group in (room.objects, room.puzzles, room.shop, room.threats):
                for thing in group:
                    met.update(getattr(thing, "concepts", ()))
        return [c for c in campaign.concepts if c.id in met] or list(campaign.concepts)

    @staticmethod
    def _decisions(session: Any) -> Decisions:
        """The player's own purchases and strikes, timed by replaying the game's actions."""
        if session is None:
            return Decisions((), ())
        try:
            return decisions(timed_events(session.level, session.actions, seed=session.seed,
                                          timers=session.timers,
                                          start_room=session.start_room))
        except Exception as exc:  # a debrief without times, never no debrief
            log.warning("decisions not timed: %s", exc)
            return Decisions((), ())

    def back(self) -> None:
        self.done()

    def done(self) -> None:
        self.flow.finish()

    def draw(self, p: Painter) -> None:
        w, h = p.view_w, p.view_h
        th = p.theme
        flow = self.flow
        debrief = flow.campaign.debrief
        intro = flow.tr(debrief.intro) if debrief is not None else ""
        y = title_bar(p, self.app.t("debrief.title"), intro)
        full = w - p.px(80)
        two = full >= p.px(1000)
        old = list(self._heights)
        left_w = int((full - p.px(20)) * 0.42) if two else full
        left = pygame.Rect(p.px(40), y, left_w, max(self._heights[0], self._heights[1]
                                                     if two else 0))
        p.panel(left)
        bottom = self._draw_results(p, left.inflate(-p.px(28), 0))
        self._heights[0] = bottom - y
        if two:
            right = pygame.Rect(left.right + p.px(20), y, full - left_w - p.px(20),
                                max(self._heights[0], self._heights[1]))
        else:
            right = pygame.Rect(p.px(40), left.bottom + p.px(20), full, self._heights[1])
        p.panel(right)
        rbottom = self._draw_concepts(p, right.inflate(-p.px(28), 0))
        self._heights[1] = rbottom - right.top
        self.remeasure = self._heights != old
        y = max(left.bottom, right.bottom, bottom, rbottom) + p.px(16)
        outro = flow.tr(debrief.outro) if debrief is not None else ""
        if outro:
            y += p.paragraph(outro, pygame.Rect(p.px(40), y, full, 10**6), "body",
                             th.muted) + p.px(12)
        label = self.app.t("debrief.done")
        width = min(full, p.px(320))
        self.add(p.sized(Widget("done", label, pygame.Rect(
            w - p.px(40) - width, max(y, h - p.px(90)), width, 0), self.done, style="primary",
            icon="ui/home")))

    def _draw_results(self, p: Painter, inner: pygame.Rect) -> int:
        th = p.theme
        flow = self.flow
        y = inner.top + p.px(14)
        ended = flow.ended
        if ended is not None:
            p.image("ui/star", pygame.Rect(inner.left, y, p.px(40), p.px(40)))
            score = self.app.t("debrief.score", score=ended.score)
            y += max(p.px(44), p.paragraph(score, pygame.Rect(
                inner.left + p.px(50), y, inner.width - p.px(50), 10**6), "large", th.accent,
                bold=True)) + p.px(6)
        for phase in ("pre", "post"):
            if phase in flow.quiz_scores:
                right, total = flow.quiz_scores[phase]
                y += p.paragraph(self.app.t(f"debrief.quiz_{phase}", right=right, total=total),
                                 pygame.Rect(inner.left, y, inner.width, 10**6), "body", th.text)
        y += p.px(10)
        y += p.paragraph(self.app.t("debrief.choices"),
                         pygame.Rect(inner.left, y, inner.width, 10**6),
                         "body", th.text, bold=True) + p.px(4)
        # what, then the player's number beside a careful player's, as a small table
        you, careful = self.app.t("debrief.you"), self.app.t("debrief.careful")
        num_w = max(p.text_width(you, "small", True), p.text_width(careful, "small", True),
                    p.px(70)) + p.px(12)
        what_w = inner.width - 2 * num_w - p.px(36)
        if what_w < p.px(160):  # too narrow for three columns: numbers under the words
            what_w = inner.width - p.px(36)
        cols = inner.left + p.px(36) + what_w
        if cols + 2 * num_w <= inner.right:
            p.text(you, (cols + num_w // 2, y), "small", th.muted, bold=True, anchor="midtop")
            p.text(careful, (cols + num_w + num_w // 2, y), "small", th.muted, bold=True,
                   anchor="midtop")
            y += p.line_height("small") + p.px(4)
        for key, mine, best in choices_summary(self.log):
            good = mine >= best
            p.image("ui/check" if good else "items/light_bulb",
                    pygame.Rect(inner.left, y, p.px(28), p.px(28)))
            used = p.paragraph(self.app.t(WHAT[key]), pygame.Rect(inner.left + p.px(36), y, what_w,
                                                             10**6), "small",
                               th.good if good else th.text)
            if cols + 2 * num_w <= inner.right:
                p.text(str(mine), (cols + num_w // 2, y), "body", th.text, bold=True,
                       anchor="midtop")
                p.text(str(best), (cols + num_w + num_w // 2, y), "body", th.text,
                       anchor="midtop")
                used = max(used, p.line_height("body"))
            else:
                used += p.paragraph(self.app.t("debrief.you_vs_careful", mine=mine, careful=best),
                                    pygame.Rect(inner.left + p.px(36), y + used, what_w, 10**6),
                                    "small", th.text)
            y += max(used, p.px(28)) + p.px(8)
        return self._draw_decisions(p, inner, y) + p.px(10)

    def _lines(self) -> list[tuple[str, bool]]:
        """Each timed decision as a sentence, and whether it went well."""
        flow = self.flow
        potions = dict(self.level.potions) if self.level is not None else {}
        threats = dict(self.level.threats) if self.level is not None else {}
        lines: list[tuple[str, bool]] = []
        for paused, (n, seconds, net) in sorted(self.decisions.by_pause().items(),
                                                 reverse=True):
            count = self.app.t("debrief.potions_one" if n == 1 else "debrief.potions_many",
                               n=n)
            lines.append((self.app.t("debrief.group_" + ("paused" if paused else "hasty"),
                                     potions=count, seconds=f"{seconds:.0f}",
                                     net=flow.money(net)), net >= 0))
        for buy in self.decisions.purchases:
            potion = potions.get(buy.potion)
            name = flow.tr(potion.name) if potion is not None else buy.potion
            lines.append((self.app.t("debrief.bought_" + ("paused" if buy.paused else "hasty"),
                                     potion=name, seconds=f"{buy.seconds:.0f}",
                                     net=flow.money(buy.net)), buy.net >= 0))
        for strike in self.decisions.strikes:
            threat = threats.get(strike.threat)
            name = flow.tr(threat.name) if threat is not None else strike.threat
            lines.append((self.app.t("debrief.struck_" + ("paused" if strike.paused else "hasty"),
                                     threat=name, seconds=f"{strike.seconds:.0f}",
                                     cost=flow.money(strike.out_of_pocket)), strike.protected))
        return lines

    def _draw_decisions(self, p: Painter, inner: pygame.Rect, y: int) -> int:
        """The player's decisions with their times, paused or not, beside what each brought."""
        lines = self._lines()
        if not lines:
            return y
        th = p.theme
        y += p.px(6) + p.paragraph(self.app.t("debrief.timed"),
                                   pygame.Rect(inner.left, y, inner.width, 10**6), "body",
                                   th.text, bold=True) + p.px(4)
        for text, good in lines:
            p.image("ui/check" if good else "items/light_bulb",
                    pygame.Rect(inner.left, y, p.px(28), p.px(28)))
            y += max(p.px(28), p.paragraph(text, pygame.Rect(
                inner.left + p.px(36), y, inner.width - p.px(36), 10**6), "small",
                th.text)) + p.px(6)
        return y

    def _draw_concepts(self, p: Painter, inner: pygame.Rect) -> int:
        th = p.theme
        flow = self.flow
        y = inner.top + p.px(14)
        y += p.paragraph(self.app.t("debrief.concepts_n", n=len(self.concepts)),
                         pygame.Rect(inner.left, y, inner.width, 10**6), "body", th.text,
                         bold=True) + p.px(6)
        for concept in self.concepts:
            p.image("items/light_bulb", pygame.Rect(inner.left, y, p.px(28), p.px(28)))
            y += p.paragraph(flow.tr(concept.name), pygame.Rect(
                inner.left + p.px(36), y, inner.width - p.px(36), 10**6), "body", th.accent,
                bold=True)
            text = flow.tr(concept.debrief) or flow.tr(concept.definition)
            y += p.paragraph(text, pygame.Rect(inner.left + p.px(36), y, inner.width - p.px(36),
                                               10**6), "small", th.text) + p.px(8)
        return y + p.px(10)
