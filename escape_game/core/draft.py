"""A mutable working copy of GameState used inside one step; frozen again at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from escape_game.core import events as ev
from escape_game.core.events import Event, Outcome
from escape_game.core.scoring import DEBT_WELLBEING_COST
from escape_game.core.state import GameState, Ledger, OwnedPotion, PendingWarning

ZERO = Decimal(0)


@dataclass(slots=True)
class Draft:
    room: str
    visited: list[str]
    inventory: list[str]
    flags: set[str]
    money: Decimal
    debt: Decimal
    wellbeing: int
    score: int
    owned_potions: list[OwnedPotion]
    declined_potions: set[str]
    solved: list[str]
    locked_puzzles: set[str]
    attempts: dict[str, int]
    hints: dict[str, int]
    examined: set[str]
    taken: set[str]
    used: set[str]
    unlocked_exits: set[str]
    elapsed_ms: int
    room_ms: int
    room_actions: int
    total_actions: int
    paused_in_room: bool
    warnings: list[PendingWarning]
    resolved_threats: list[str]
    ledger_start: Decimal
    ledger_effects: Decimal
    ledger_premiums: Decimal
    ledger_losses: Decimal
    ledger_payouts: Decimal
    rng: int
    outcome: Outcome | None
    steps: int
    timers: bool
    events: list[Event] = field(default_factory=list)
    depth: int = 0
    ended_now: bool = False

    @classmethod
    def of(cls, s: GameState) -> Draft:
        return cls(
            room=s.room,
            visited=list(s.visited),
            inventory=list(s.inventory),
            flags=set(s.flags),
            money=s.money,
            debt=s.debt,
            wellbeing=s.wellbeing,
            score=s.score,
            owned_potions=list(s.owned_potions),
            declined_potions=set(s.declined_potions),
            solved=list(s.solved),
            locked_puzzles=set(s.locked_puzzles),
            attempts=dict(s.attempts),
            hints=dict(s.hints),
            examined=set(s.examined),
            taken=set(s.taken),
            used=set(s.used),
            unlocked_exits=set(s.unlocked_exits),
            elapsed_ms=s.elapsed_ms,
            room_ms=s.room_ms,
            room_actions=s.room_actions,
            total_actions=s.total_actions,
            paused_in_room=s.paused_in_room,
            warnings=list(s.warnings),
            resolved_threats=list(s.resolved_threats),
            ledger_start=s.ledger.start,
            ledger_effects=s.ledger.effects,
            ledger_premiums=s.ledger.premiums,
            ledger_losses=s.ledger.losses,
            ledger_payouts=s.ledger.payouts,
            rng=s.rng,
            outcome=s.outcome,
            steps=s.steps,
            timers=s.timers,
        )

    def freeze(self) -> GameState:
        return GameState(
            room=self.room,
            visited=tuple(self.visited),
            inventory=tuple(self.inventory),
            flags=frozenset(self.flags),
            money=self.money,
            debt=self.debt,
            wellbeing=self.wellbeing,
            score=self.score,
            owned_potions=tuple(self.owned_potions),
            declined_potions=frozenset(self.declined_potions),
            solved=tuple(self.solved),
            locked_puzzles=frozenset(self.locked_puzzles),
            attempts=tuple(self.attempts.items()),
            hints=tuple(self.hints.items()),
            examined=frozenset(self.examined),
            taken=frozenset(self.taken),
            used=frozenset(self.used),
            unlocked_exits=frozenset(self.unlocked_exits),
            elapsed_ms=self.elapsed_ms,
            room_ms=self.room_ms,
            room_actions=self.room_actions,
            total_actions=self.total_actions,
            paused_in_room=self.paused_in_room,
            warnings=tuple(self.warnings),
            resolved_threats=tuple(self.resolved_threats),
            ledger=Ledger(
                start=self.ledger_start,
                effects=self.ledger_effects,
                premiums=self.ledger_premiums,
                losses=self.ledger_losses,
                payouts=self.ledger_payouts,
            ),
            rng=self.rng,
            outcome=self.outcome,
            steps=self.steps,
            timers=self.timers,
        )

    # -- facts for conditions ----------------------------------------------------------------
    @property
    def owned_ids(self) -> set[str]:
        return {p.potion for p in self.owned_potions}

    @property
    def over(self) -> bool:
        return self.outcome is not None

    def emit(self, event: Event) -> None:
        self.events.append(event)

    # -- the only ways to change score, money and wellbeing ----------------------------------
    def add_score(self, delta: int, reason: str) -> None:
        """The score never goes below zero."""
        new = max(0, self.score + delta)
        if new != self.score:
            change = new - self.score
            self.score = new
            self.emit(ev.ScoreChanged(delta=change, score=new, reason=reason))

    def change_money(self, delta: Decimal, reason: str) -> None:
        """Gains repay debt first; a loss larger than the cash becomes debt and costs wellbeing."""
        if delta == 0:
            return
        new_debt = ZERO
        if delta > 0:
            repay = min(self.debt, delta)
            self.debt -= repay
            self.money += delta - repay
        else:
            need = -delta
            pay = min(self.money, need)
            self.money -= pay
            new_debt = need - pay
            self.debt += new_debt
        self.emit(ev.MoneyChanged(delta=delta, balance=self.money, debt=self.debt, reason=reason))
        if new_debt > 0:
            self.change_wellbeing(-DEBT_WELLBEING_COST, "debt")

    def change_wellbeing(self, delta: int, reason: str) -> None:
        new = min(100, max(0, self.wellbeing + delta))
        if new != self.wellbeing:
            change = new - self.wellbeing
            self.wellbeing = new
            self.emit(ev.WellbeingChanged(delta=change, wellbeing=new, reason=reason))
        if self.wellbeing == 0:
            self.end("exhausted")

    def end(self, outcome: Outcome) -> None:
        """The first outcome wins. The consequence being applied (a strike's payout and score)
        still completes; GameEnded comes last, from ``finish``."""
        if self.outcome is not None:
            return
        self.outcome = outcome
        self.ended_now = True

    def finish(self) -> None:
        """Close the step: GameEnded, exactly once, as the last event, with the final numbers."""
        if self.ended_now and self.outcome is not None:
            self.ended_now = False
            self.emit(
                ev.GameEnded(
                    outcome=self.outcome,
                    score=self.score,
                    money=self.money,
                    wellbeing=self.wellbeing,
                    elapsed_ms=self.elapsed_ms,
                )
            )
