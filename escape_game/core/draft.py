"""A mutable working copy of GameState used inside one step; frozen again at the end."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from escape_game.core import events as ev
from escape_game.core.events import Event, Outcome
from escape_game.core.scoring import DEBT_WELLBEING_COST
from escape_game.core.state import STATE_KINDS, GameState, Ledger, OwnedPotion, PendingWarning

ZERO = Decimal(0)


_NAMES = tuple(name for name, _ in STATE_KINDS)


def _compile() -> tuple[Callable[[Any, GameState], Any], Callable[[Any], GameState]]:
    """`of` and `freeze` written out from GameState's declaration, field by field, the way
    dataclasses writes `__init__`: a step calls both, and a loop over the fields would cost
    it twice as much."""
    env: dict[str, Any] = {"GameState": GameState}
    thaw, freeze = [], []
    for i, (name, kind) in enumerate(STATE_KINDS):
        env[f"t{i}"], env[f"f{i}"] = kind.thaw, kind.freeze
        thaw.append(f"    d.{name} = {f't{i}(s.{name})' if kind.thaw else f's.{name}'}")
        # What the step did not change is taken from the source, so states share it. A set
        # compares with a frozenset directly (sizes first); lists and dicts once frozen.
        if kind.freeze is None:
            freeze.append(f"        d.{name},")
        elif kind.thaw is set:
            freeze.append(f"        s.{name} if d.{name} == s.{name} else f{i}(d.{name}),")
        else:
            freeze.append(
                f"        s.{name} if len(d.{name}) == len(s.{name}) and "
                f"f{i}(d.{name}) == s.{name} else f{i}(d.{name}),"
            )
    source = "\n".join([
        "def of(cls, s):",
        "    d = cls.__new__(cls)",
        *thaw,
        "    d.source = s",
        "    d.events = []",
        "    d.depth = 0",
        "    d.ended_now = False",
        "    return d",
        "def freeze(d):",
        "    s = d.source",
        "    return GameState(",
        *freeze,
        "    )",
    ])
    exec(source, env)
    return env["of"], env["freeze"]


_OF, _FREEZE = _compile()


class Draft:
    """The state's fields as working copies (lists, sets, dicts where the state holds tuples
    and frozensets), plus what one step collects. Its fields and their conversions come from
    GameState's declaration; the annotations below only tell the type checker what the
    rules may do with them."""

    __slots__ = (*_NAMES, "source", "events", "depth", "ended_now")

    if TYPE_CHECKING:
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
        cooling_off: set[str]
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
        ledger: Ledger
        rng: int
        outcome: Outcome | None
        steps: int
        timers: bool

    source: GameState
    """The state this copy was made from: what a step leaves unchanged is shared with it."""
    events: list[Event]
    depth: int
    ended_now: bool

    @classmethod
    def of(cls, s: GameState) -> Draft:
        draft: Draft = _OF(cls, s)
        return draft

    def freeze(self) -> GameState:
        return _FREEZE(self)

    # -- the ledger, one movement kind at a time (the state keeps it as one record) ----------
    @property
    def ledger_effects(self) -> Decimal:
        return self.ledger.effects

    @ledger_effects.setter
    def ledger_effects(self, value: Decimal) -> None:
        self.ledger = replace(self.ledger, effects=value)

    @property
    def ledger_premiums(self) -> Decimal:
        return self.ledger.premiums

    @ledger_premiums.setter
    def ledger_premiums(self, value: Decimal) -> None:
        self.ledger = replace(self.ledger, premiums=value)

    @property
    def ledger_losses(self) -> Decimal:
        return self.ledger.losses

    @ledger_losses.setter
    def ledger_losses(self, value: Decimal) -> None:
        self.ledger = replace(self.ledger, losses=value)

    @property
    def ledger_payouts(self) -> Decimal:
        return self.ledger.payouts

    @ledger_payouts.setter
    def ledger_payouts(self, value: Decimal) -> None:
        self.ledger = replace(self.ledger, payouts=value)

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
