"""The debrief: score, quiz progress, the concepts met, and choices beside a careful player's."""

from __future__ import annotations

from typing import Any

import pygame

from escape_game.core import events as ev
from escape_game.ui.draw import Painter
from escape_game.ui.i18n import t
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import button_height, title_bar
from escape_game.ui.widgets import Widget


def choices_summary(log: list[ev.Event]) -> list[tuple[str, int, int]]:
    """(what, the player's count, a careful player's count) from the game's events."""
    struck = [e for e in log if isinstance(e, ev.ThreatStruck)]
    bought = [e for e in log if isinstance(e, ev.PotionBought)]
    warned = {e.threat for e in log if isinstance(e, ev.ThreatWarned)}
    paused = {e.threat for e in log if isinstance(e, ev.ThreatPaused)}
    solved = [e for e in log if isinstance(e, ev.PuzzleSolved)]
    return [
        ("debrief.protected", sum(e.protected for e in struck), len(struck)),
        ("debrief.best_value", sum(e.best_value for e in bought), len(bought)),
        ("debrief.paused", len(paused & warned), len(warned)),
        ("debrief.first_try", sum(e.attempts == 1 for e in solved), len(solved)),
    ]


class DebriefScene(Scene):
    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.flow = app.flow
        self.focus.key = "done"
        session = self.flow.session
        self.log: list[ev.Event] = list(session.log) if session is not None else []
        self.concepts = self._concepts_met(session)

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

    def back(self) -> None:
        self.done()

    def done(self) -> None:
        self.flow.finish()

    def draw(self, p: Painter) -> None:
        w, h = p.surface.get_size()
        th = p.theme
        flow = self.flow
        debrief = flow.campaign.debrief
        intro = flow.tr(debrief.intro) if debrief is not None else ""
        y = title_bar(p, t("debrief.title"), intro)
        bh = button_height(p)
        left_w = int((w - p.px(100)) * 0.42)
        col = pygame.Rect(p.px(40), y, left_w, h - y - bh - p.px(50))
        p.panel(col)
        inner = col.inflate(-p.px(28), -p.px(24))
        cy = inner.top
        ended = flow.ended
        if ended is not None:
            p.image("ui/star", pygame.Rect(inner.left, cy, p.px(40), p.px(40)))
            p.text(t("debrief.score", score=ended.score), (inner.left + p.px(50), cy + p.px(20)),
                   "large", th.accent, bold=True, anchor="midleft")
            cy += p.px(52)
        for phase in ("pre", "post"):
            if phase in flow.quiz_scores:
                right, total = flow.quiz_scores[phase]
                p.text(t(f"debrief.quiz_{phase}", right=right, total=total), (inner.left, cy),
                       "body", th.text)
                cy += p.line_height("body")
        cy += p.px(10)
        p.text(t("debrief.choices"), (inner.left, cy), "body", th.text, bold=True)
        cy += p.line_height("body") + p.px(4)
        for key, mine, careful in choices_summary(self.log):
            good = mine >= careful
            p.image("ui/check" if good else "items/light_bulb",
                    pygame.Rect(inner.left, cy, p.px(28), p.px(28)))
            cy += p.paragraph(t(key, mine=mine, careful=careful),
                              pygame.Rect(inner.left + p.px(36), cy, inner.width - p.px(36),
                                          inner.bottom - cy), "small",
                              th.good if good else th.text) + p.px(6)
        right = pygame.Rect(col.right + p.px(20), y, w - col.right - p.px(60), col.height)
        p.panel(right)
        inner = right.inflate(-p.px(28), -p.px(24))
        ry = inner.top
        p.text(t("debrief.concepts"), (inner.left, ry), "body", th.text, bold=True)
        ry += p.line_height("body") + p.px(6)
        for concept in self.concepts:
            if ry > inner.bottom - p.line_height("body"):
                break
            p.image("items/light_bulb", pygame.Rect(inner.left, ry, p.px(28), p.px(28)))
            p.text(flow.tr(concept.name), (inner.left + p.px(36), ry), "body", th.accent,
                   bold=True)
            ry += p.line_height("body")
            text = flow.tr(concept.debrief) or flow.tr(concept.definition)
            ry += p.paragraph(text, pygame.Rect(inner.left + p.px(36), ry, inner.width - p.px(36),
                                                inner.bottom - ry), "small", th.text) + p.px(8)
        outro = flow.tr(debrief.outro) if debrief is not None else ""
        if outro:
            p.paragraph(outro, pygame.Rect(p.px(40), h - bh - p.px(24), w - p.px(400), bh),
                        "body", th.muted)
        self.add(Widget("done", t("debrief.done"), pygame.Rect(w - p.px(320), h - bh - p.px(24),
                                                               p.px(280), bh),
                        self.done, style="primary", icon="ui/home"))
