"""A mutable working copy of GameState used inside one step; frozen again at the end."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from escape_game.core import events as ev
from escape_game.core.events import Event, Outcome
from escape_game.core.scoring import DEBT_WELLBEING_COST
from escape_game.core.state import STATE_KINDS, GameState, Ledger, OwnedPotion, PendingWarning

ZERO = Decimal(0)


#: Fields a step works on as a mutable copy (lists, sets, dicts), made on first use.
_THAWED = tuple(name for name, kind in STATE_KINDS if kind.thaw is not None)
#: Fields held as they are (strings, numbers, records).
_PLAIN = tuple(name for name, kind in STATE_KINDS if kind.thaw is None)


def _slot(name: str) -> str:
    """Where the working copy of a thawed field lives (None until the step first uses it)."""
    return f"_work_{name}"


_SLOTS = {name: _slot(name) for name in _THAWED}


def _moved(
    ledger: Ledger, *, effects: Decimal | None = None, premiums: Decimal | None = None,
    losses: Decimal | None = None, payouts: Decimal | None = None,
) -> Ledger:
    """The ledger with some movement kinds changed: `dataclasses.replace` written out for
    Ledger and filled as an `_OpenLedger` (see `_Unfrozen`), at a sixth of its cost (asked
    at every purchase, strike and money effect)."""
    o = _new(_OpenLedger)
    o.start = ledger.start
    o.effects = ledger.effects if effects is None else effects
    o.premiums = ledger.premiums if premiums is None else premiums
    o.losses = ledger.losses if losses is None else losses
    o.payouts = ledger.payouts if payouts is None else payouts
    o.__class__ = Ledger  # type: ignore[assignment]  # the same slots (see `_Unfrozen`)
    done: Ledger = o  # type: ignore[assignment]  # the class is Ledger now
    return done


class _OpenLedger:
    """Ledger's very slots on a class that lets them be written (see `_Unfrozen`)."""

    __slots__ = Ledger.__slots__
    start: Decimal
    effects: Decimal
    premiums: Decimal
    losses: Decimal
    payouts: Decimal


_new = object.__new__


class _Unfrozen:
    """GameState's very slots, in the same order, on a class that lets them be written: a
    step fills one with plain attribute writes, then sets its class to GameState (Python
    allows it between classes with the same slots). The frozen dataclass's `__init__` (and
    writing through each slot's descriptor) cost three times as much, and a step makes a
    new state every time."""

    __slots__ = GameState.__slots__


def _compile() -> tuple[
    Callable[[Any, GameState], Any], Callable[[Any], GameState], dict[str, property]
]:
    """`of`, `freeze` and the thawed fields' accessors written out from GameState's
    declaration, field by field, the way dataclasses writes `__init__`: a step calls them
    all, and a loop over the fields would cost it twice as much.

    A thawed field is copied only when the step first reads or writes it, and `freeze`
    takes every field the step did not touch from the source as it is: a step touches a
    few of the state's fields, and copying all of them (sets that grow with the level) was
    most of its cost. The new state is filled as an `_Unfrozen` (see there), then becomes
    the GameState it was laid out as."""
    env: dict[str, Any] = {"GameState": GameState, "new": object.__new__, "Unfrozen": _Unfrozen}
    of, freeze, accessors = [], [], []
    for i, (name, kind) in enumerate(STATE_KINDS):
        if kind.thaw is None:
            of.append(f"    d.{name} = s.{name}")
            freeze.append(f"    o.{name} = d.{name}")
            continue
        slot = _slot(name)
        env[f"t{i}"], env[f"f{i}"] = kind.thaw, kind.freeze
        of.append(f"    d.{slot} = None")
        accessors += [
            f"def get{i}(d):",
            f"    w = d.{slot}",
            "    if w is None:",
            f"        w = d.{slot} = t{i}(d.source.{name})",
            "    return w",
            f"def put{i}(d, value):",
            f"    d.{slot} = value",
        ]
        # A touched copy equal to its source still shares the source's value. A set
        # compares with a frozenset directly (sizes first); lists and dicts once frozen.
        if kind.thaw is set:
            same = f"w == s.{name}"
        else:
            same = f"len(w) == len(s.{name}) and f{i}(w) == s.{name}"
        freeze += [
            f"    w = d.{slot}",
            f"    o.{name} = s.{name} if w is None or {same} else f{i}(w)",
        ]
    source = "\n".join([
        "def of(cls, s):",
        "    d = new(cls)",
        *of,
        "    d.source = s",
        "    d.events = []",
        "    d.only = None",
        "    d.depth = 0",
        "    d.ended_now = False",
        "    return d",
        "def freeze(d):",
        "    s = d.source",
        "    o = new(Unfrozen)",
        *freeze,
        "    o.__class__ = GameState",
        "    return o",
        *accessors,
    ])
    exec(source, env)
    properties = {
        name: property(env[f"get{i}"], env[f"put{i}"])
        for i, (name, kind) in enumerate(STATE_KINDS) if kind.thaw is not None
    }
    return env["of"], env["freeze"], properties


_OF, _FREEZE, _ACCESSORS = _compile()


def _compile_moved() -> Callable[[GameState, str, tuple[str, ...], frozenset[str]], GameState]:
    """`moved(state, room, visited, cooling_off)`: the state after one counted action that
    only took the player to `room` (see `rules.plain_move`), written out field by field
    like `freeze`: the counters a counted action advances go up by one, what entering a
    room starts again (`resolution.enter_room`) is reset, every other field is the
    source's own value. Half of a search's steps are such moves, and a draft costs three
    times as much as these few writes."""
    given = {"room": "room", "visited": "visited", "cooling_off": "cooling_off",
             "room_ms": "0", "room_actions": "0", "paused_in_room": "False",
             "total_actions": "s.total_actions + 1", "steps": "s.steps + 1"}
    lines = ["def moved(s, room, visited, cooling_off):", "    o = new(Unfrozen)"]
    lines += [f"    o.{name} = {given.get(name, f's.{name}')}" for name, _ in STATE_KINDS]
    lines += ["    o.__class__ = GameState", "    return o"]
    env: dict[str, Any] = {"GameState": GameState, "new": object.__new__, "Unfrozen": _Unfrozen}
    exec("\n".join(lines), env)
    moved: Callable[[GameState, str, tuple[str, ...], frozenset[str]], GameState] = env["moved"]
    return moved


moved = _compile_moved()


class Draft:
    """The state's fields as working copies (lists, sets, dicts where the state holds tuples
    and frozensets), plus what one step collects. Its fields and their conversions come from
    GameState's declaration; the annotations below only tell the type checker what the
    rules may do with them."""

    __slots__ = (*_PLAIN, *map(_slot, _THAWED), "source", "events", "only", "depth",
                 "ended_now")

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

    _work_visited: list[str] | None
    _work_cooling_off: set[str] | None
    """Two working copies read on every step without being changed (see `_current`)."""
    source: GameState
    """The state this copy was made from: what a step leaves unchanged is shared with it."""
    events: list[Event]
    depth: int
    ended_now: bool
    only: frozenset[type[Event]] | None
    """The kinds of event the caller of this step reads (None: every kind). The others are
    not kept, and the rules build them only when `hears` says so: the checker reads a few
    kinds, and building the rest was a fifth of its steps."""

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
        self.ledger = _moved(self.ledger, effects=value)

    @property
    def ledger_premiums(self) -> Decimal:
        return self.ledger.premiums

    @ledger_premiums.setter
    def ledger_premiums(self, value: Decimal) -> None:
        self.ledger = _moved(self.ledger, premiums=value)

    @property
    def ledger_losses(self) -> Decimal:
        return self.ledger.losses

    @ledger_losses.setter
    def ledger_losses(self, value: Decimal) -> None:
        self.ledger = _moved(self.ledger, losses=value)

    @property
    def ledger_payouts(self) -> Decimal:
        return self.ledger.payouts

    @ledger_payouts.setter
    def ledger_payouts(self, value: Decimal) -> None:
        self.ledger = _moved(self.ledger, payouts=value)

    # -- facts for conditions ----------------------------------------------------------------
    @property
    def owned_ids(self) -> set[str]:
        return {p.potion for p in self._current("owned_potions")}

    def has_visited(self, room: str) -> bool:
        work = self._work_visited  # `_current("visited")`, written out: every move asks
        return room in (self.source.visited if work is None else work)

    def end_shop_visit(self) -> None:
        """Purchases of this visit to the shop can no longer be cancelled. Read before it is
        written: most steps have nothing to clear, and then the state's set is shared."""
        work = self._work_cooling_off  # `_current("cooling_off")`, written out
        if self.source.cooling_off if work is None else work:
            self.cooling_off.clear()

    def _current(self, name: str) -> Any:
        """A thawed field's value for reading only: the step's working copy when it made
        one, else the source's (reading makes no copy, so `freeze` can share it)."""
        work = getattr(self, _SLOTS[name])
        return getattr(self.source, name) if work is None else work

    @property
    def over(self) -> bool:
        return self.outcome is not None

    def emit(self, event: Event) -> None:
        only = self.only
        if only is None or type(event) in only:
            self.events.append(event)

    def hears(self, kind: type[Event]) -> bool:
        """Whether the caller reads events of this kind (build one only then)."""
        only = self.only
        return only is None or kind in only

    # -- the only ways to change score, money and wellbeing ----------------------------------
    def add_score(self, delta: int, reason: str) -> None:
        """The score never goes below zero."""
        new = max(0, self.score + delta)
        if new != self.score:
            change = new - self.score
            self.score = new
            if self.hears(ev.ScoreChanged):
                self.emit(ev.ScoreChanged.trusted(delta=change, score=new, reason=reason))

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
        if self.hears(ev.MoneyChanged):
            self.emit(ev.MoneyChanged.trusted(delta=delta, balance=self.money, debt=self.debt,
                                              reason=reason))
        if new_debt > 0:
            self.change_wellbeing(-DEBT_WELLBEING_COST, "debt")

    def change_wellbeing(self, delta: int, reason: str) -> None:
        new = min(100, max(0, self.wellbeing + delta))
        if new != self.wellbeing:
            change = new - self.wellbeing
            self.wellbeing = new
            if self.hears(ev.WellbeingChanged):
                self.emit(ev.WellbeingChanged.trusted(delta=change, wellbeing=new, reason=reason))
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


for _name, _accessor in _ACCESSORS.items():
    setattr(Draft, _name, _accessor)
# The written-out functions themselves, in place of the two methods above that call them:
# every step calls both, and a Python call less on each is worth it.
setattr(Draft, "of", classmethod(_OF))  # noqa: B010 - replaces a declared method, as above
setattr(Draft, "freeze", _FREEZE)  # noqa: B010 - as above
