"""The balance report: how each persona fares over many seeded games of one level."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean
from typing import Any

from escape_game.check.bots import PERSONAS, GameRecord, Persona, play
from escape_game.check.losses import loss_reasons
from escape_game.core.level import Level


@dataclass(frozen=True)
class PersonaSummary:
    persona: str
    games: int
    escaped: int
    outcomes: dict[str, int]
    actions_to_finish: float | None
    minutes_to_finish: float | None
    money_end: float
    wellbeing_end: float
    potions_bought: float
    threats_struck: int
    threats_protected: int
    hints: float
    wrong_answers: float
    loss_reasons: tuple[str, ...] = ()
    """The commonest causes of losses, in words (see check.losses)."""

    @property
    def completion(self) -> float:
        return self.escaped / self.games if self.games else 0.0

    @property
    def protected_share(self) -> float | None:
        return self.threats_protected / self.threats_struck if self.threats_struck else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "persona": self.persona,
            "games": self.games,
            "completion_rate": round(self.completion, 3),
            "outcomes": self.outcomes,
            "actions_to_finish": _r(self.actions_to_finish),
            "minutes_to_finish": _r(self.minutes_to_finish),
            "money_end": _r(self.money_end),
            "wellbeing_end": _r(self.wellbeing_end),
            "potions_bought": _r(self.potions_bought),
            "threats_struck": self.threats_struck,
            "threats_met_protected": self.threats_protected,
            "protected_share": _r(self.protected_share),
            "hints_used": _r(self.hints),
            "wrong_answers": _r(self.wrong_answers),
            "loss_reasons": list(self.loss_reasons),
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def summarize(persona: str, records: Sequence[GameRecord],
              level: Level | None = None) -> PersonaSummary:
    won = [r for r in records if r.outcome == "escaped"]
    reasons = tuple(loss_reasons(level, records)) if level is not None else ()
    return PersonaSummary(
        persona=persona,
        games=len(records),
        escaped=len(won),
        outcomes=dict(Counter(r.outcome for r in records)),
        actions_to_finish=mean(r.actions for r in won) if won else None,
        minutes_to_finish=mean(r.elapsed_ms / 60_000 for r in won) if won else None,
        money_end=float(mean(r.money for r in records)) if records else 0.0,
        wellbeing_end=mean(r.wellbeing for r in records) if records else 0.0,
        potions_bought=mean(r.potions_bought for r in records) if records else 0.0,
        threats_struck=sum(r.threats_struck for r in records),
        threats_protected=sum(r.threats_protected for r in records),
        hints=mean(r.hints for r in records) if records else 0.0,
        wrong_answers=mean(r.wrong_answers for r in records) if records else 0.0,
        loss_reasons=reasons,
    )


def playtest(
    level: Level, *, games: int, seed: int = 0, personas: Sequence[Persona] | None = None
) -> list[PersonaSummary]:
    """`games` seeded games per persona (seeds seed, seed+1, ...), summed up per persona."""
    chosen = list(personas) if personas is not None else list(PERSONAS.values())
    return [
        summarize(p.name, [play(level, p, seed + i) for i in range(games)], level)
        for p in chosen
    ]


def _cell(value: float | None, fmt: str = "{:.1f}") -> str:
    return "-" if value is None else fmt.format(value)


def table(level: Level, summaries: Sequence[PersonaSummary]) -> str:
    """A plain-text table, one row per persona."""
    currency = level.campaign.currency
    head = (
        "persona", "games", "escaped", "actions", "minutes", f"money {currency}",
        "wellbeing", "potions", "protected", "hints", "wrong",
    )
    rows = [head]
    for s in summaries:
        protected = f"{s.threats_protected}/{s.threats_struck}"
        rows.append((
            s.persona, str(s.games), f"{s.completion:.0%}", _cell(s.actions_to_finish),
            _cell(s.minutes_to_finish), _cell(s.money_end, "{:.2f}"), _cell(s.wellbeing_end),
            _cell(s.potions_bought), protected, _cell(s.hints), _cell(s.wrong_answers),
        ))
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in
                       enumerate(zip(row, widths, strict=True))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append("actions and minutes are for escaped games; timers on; time passes before "
                 "each action (reading and thinking).")
    lines.extend(reason_lines(summaries))
    return "\n".join(lines)


def reason_lines(summaries: Sequence[PersonaSummary]) -> list[str]:
    """Per persona, the top reasons for its losses (nothing for a persona that lost nothing)."""
    out: list[str] = []
    for s in summaries:
        if not s.loss_reasons:
            continue
        if not out:
            out.extend(["", "why players lost money or the game:"])
        out.append(f"  {s.persona}:")
        out.extend(f"    - {reason}" for reason in s.loss_reasons)
    return out


