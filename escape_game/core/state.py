"""The player's progress: an immutable, hashable snapshot with a versioned JSON form."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from typing import Any, get_args

from escape_game.core.events import Outcome
from escape_game.model.numbers import MAX_DIGITS, amount_fits, quote, whole_number

#: Bump when the JSON form of GameState changes; from_json refuses newer versions.
STATE_VERSION = 1
OUTCOMES: tuple[str, ...] = get_args(Outcome)
#: Zero written to the cent, so events and saves show "0.00" like every other amount.
NO_MONEY = Decimal("0.00")


class StateFormatError(ValueError):
    """A state document that cannot be read back (corrupt, or written by a newer engine)."""


@dataclass(frozen=True, slots=True)
class PendingWarning:
    """A threat that has shown its warning and will resolve when the countdown reaches zero."""

    threat: str
    remaining_ms: int
    paused: bool = False
    carry_ms: int = 0
    """Paused only: real milliseconds waited that do not yet make a whole countdown one."""


@dataclass(frozen=True, slots=True)
class OwnedPotion:
    potion: str
    bought_ms: int


@dataclass(frozen=True, slots=True)
class Ledger:
    """Every money movement by kind, so that accounts can be checked to the cent.

    Invariant: start + effects - premiums - losses + payouts == money - debt.
    """

    start: Decimal = NO_MONEY
    effects: Decimal = NO_MONEY
    premiums: Decimal = NO_MONEY
    losses: Decimal = NO_MONEY
    payouts: Decimal = NO_MONEY

    def net_worth(self) -> Decimal:
        return self.start + self.effects - self.premiums - self.losses + self.payouts


# -- how each kind of field is read back from JSON (checked), and written ---------------------
def use_done(target: str, item: str) -> str:
    """How `GameState.used` records that `item` was used on object `target`."""
    return f"{target}/{item}"


def use_target(done: str) -> str:
    """The object of a use recorded by `use_done` (ids hold no "/")."""
    return done.split("/")[0]


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected an id, got {value!r}")
    return value


def _strs(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"expected a list of ids, got {value!r}")
    return tuple(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected an integer, got {value!r}")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _money(value: Any) -> Decimal:
    if not isinstance(value, str):
        raise ValueError(f"expected an amount as a string, got {value!r}")
    if len(value) > 2 * MAX_DIGITS + 8:
        raise ValueError(f"not an amount: {quote(value)}")
    amount = Decimal(value)
    if not amount_fits(amount):
        raise ValueError(f"not an amount: {quote(value)}")
    return amount


def _counts(value: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list of [id, count], got {value!r}")
    out: list[tuple[str, int]] = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2 or not isinstance(pair[0], str):
            raise ValueError(f"expected [id, count], got {pair!r}")
        out.append((pair[0], _int(pair[1])))
    return tuple(out)


def _wellbeing(value: Any) -> int:
    wellbeing = _int(value)
    if not 0 <= wellbeing <= 100:
        raise ValueError(f"wellbeing {wellbeing} is outside 0..100")
    return wellbeing


def _rng(value: Any) -> int:
    if not isinstance(value, str) or not value.isdigit():
        raise ValueError("the rng state must be a decimal string")
    return whole_number(value)


def _outcome(value: Any) -> Outcome | None:
    if value is not None and value not in OUTCOMES:
        raise ValueError(f"unknown outcome {value!r}")
    return value  # type: ignore[no-any-return]  # checked against OUTCOMES just above


def _records(kind: type, *parts: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    """A list of small records written as lists, e.g. [potion, bought_ms]."""
    names = [f.name for f in fields(kind)]

    def load(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise ValueError(f"expected a list of [{', '.join(names)}], got {value!r}")
        out = []
        for entry in value:
            if not isinstance(entry, list) or len(entry) != len(parts):
                raise ValueError(f"expected [{', '.join(names)}], got {entry!r}")
            out.append(kind(*(part(v) for part, v in zip(parts, entry, strict=True))))
        return tuple(out)

    return load


def _warning_entry(w: PendingWarning) -> list[Any]:
    """``[threat, remaining_ms, paused]``, plus the carried milliseconds only when there are
    some, so the documents of states without a part-counted pause keep their earlier form."""
    entry: list[Any] = [w.threat, w.remaining_ms, w.paused]
    return [*entry, w.carry_ms] if w.carry_ms else entry


_WARNINGS_3 = _records(PendingWarning, _str, _int, _bool)
_WARNINGS_4 = _records(PendingWarning, _str, _int, _bool, _int)


def _warnings(value: Any) -> tuple[Any, ...]:
    if isinstance(value, list) and any(isinstance(e, list) and len(e) == 4 for e in value):
        return tuple(w for entry in value
                     for w in (_WARNINGS_4 if isinstance(entry, list) and len(entry) == 4
                               else _WARNINGS_3)([entry]))
    return _WARNINGS_3(value)


def _ledger(value: Any) -> Ledger:
    if not isinstance(value, dict):
        raise ValueError("the ledger must be an object")
    return Ledger(**{f.name: _money(value[f.name]) for f in fields(Ledger)})


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True, slots=True)
class Kind:
    """How one kind of state field is saved, read back, and worked on during a step.

    `thaw` gives the mutable working copy a step changes (None: the value itself, immutable)
    and `freeze` turns it back; `dump` and `load` are the JSON form, `load` checking it.
    """

    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]
    thaw: Callable[[Any], Any] | None = None
    freeze: Callable[[Any], Any] | None = None

    @property
    def meta(self) -> dict[str, Kind]:
        """The dataclass field metadata that attaches this Kind to a field."""
        return {"kind": self}


ID = Kind(_same, _str)
IDS = Kind(list, _strs, list, tuple)
"""An ordered list of ids (order matters: visits, inventory, puzzles solved)."""
ID_SET = Kind(sorted, lambda v: frozenset(_strs(v)), set, frozenset)
MONEY = Kind(str, _money)
INT = Kind(_same, _int)
BOOL = Kind(_same, _bool)
COUNTS = Kind(lambda v: [[k, n] for k, n in v], _counts, dict, lambda v: tuple(v.items()))
OWNED = Kind(
    lambda v: [[p.potion, p.bought_ms] for p in v], _records(OwnedPotion, _str, _int), list, tuple
)
WARNINGS = Kind(
    lambda v: [_warning_entry(w) for w in v], _warnings, list, tuple
)
LEDGER = Kind(lambda v: {f.name: str(getattr(v, f.name)) for f in fields(Ledger)}, _ledger)
RNG = Kind(str, _rng)
OUTCOME = Kind(_same, _outcome)
WELLBEING = Kind(_same, _wellbeing)


@dataclass(frozen=True, slots=True)
class GameState:
    """Everything that changes while playing; the Level holds everything that does not.

    This is the one declaration of the state's fields: the JSON form (`to_dict`,
    `from_dict`) and the working copy a step changes (`core.draft.Draft`) are derived from
    it, through each field's Kind. A new field is one line here (and, when the rules write
    it, its working type in Draft's annotations).
    """

    room: str = field(metadata=ID.meta)
    visited: tuple[str, ...] = field(default=(), metadata=IDS.meta)
    inventory: tuple[str, ...] = field(default=(), metadata=IDS.meta)
    flags: frozenset[str] = field(default=frozenset(), metadata=ID_SET.meta)
    money: Decimal = field(default=NO_MONEY, metadata=MONEY.meta)
    debt: Decimal = field(default=NO_MONEY, metadata=MONEY.meta)
    wellbeing: int = field(default=100, metadata=WELLBEING.meta)
    score: int = field(default=0, metadata=INT.meta)
    owned_potions: tuple[OwnedPotion, ...] = field(default=(), metadata=OWNED.meta)
    declined_potions: frozenset[str] = field(default=frozenset(), metadata=ID_SET.meta)
    cooling_off: frozenset[str] = field(default=frozenset(),
                                        metadata={**ID_SET.meta, "added_later": True})
    """Potions bought during this shop visit, which may still be cancelled and refunded.
    The visit ends with any other action, a room change, or a threat resolving (the cover
    may have been needed), so a refund can never follow a payout."""
    solved: tuple[str, ...] = field(default=(), metadata=IDS.meta)
    locked_puzzles: frozenset[str] = field(default=frozenset(), metadata=ID_SET.meta)
    attempts: tuple[tuple[str, int], ...] = field(default=(), metadata=COUNTS.meta)
    hints: tuple[tuple[str, int], ...] = field(default=(), metadata=COUNTS.meta)
    examined: frozenset[str] = field(default=frozenset(), metadata=ID_SET.meta)
    taken: frozenset[str] = field(default=frozenset(), metadata=ID_SET.meta)
    used: frozenset[str] = field(default=frozenset(), metadata=ID_SET.meta)
    """``object/item`` pairs whose item use already took effect (each works once; see
    `use_done`)."""
    unlocked_exits: frozenset[str] = field(default=frozenset(), metadata=ID_SET.meta)
    elapsed_ms: int = field(default=0, metadata=INT.meta)
    room_ms: int = field(default=0, metadata=INT.meta)
    room_actions: int = field(default=0, metadata=INT.meta)
    total_actions: int = field(default=0, metadata=INT.meta)
    paused_in_room: bool = field(default=False, metadata=BOOL.meta)
    warnings: tuple[PendingWarning, ...] = field(default=(), metadata=WARNINGS.meta)
    resolved_threats: tuple[str, ...] = field(default=(), metadata=IDS.meta)
    ledger: Ledger = field(default_factory=Ledger, metadata=LEDGER.meta)
    rng: int = field(default=0, metadata=RNG.meta)
    outcome: Outcome | None = field(default=None, metadata=OUTCOME.meta)
    steps: int = field(default=0, metadata=INT.meta)
    timers: bool = field(default=True, metadata=BOOL.meta)

    # -- read helpers used by conditions, queries and the UI --------------------------------
    @property
    def owned_ids(self) -> frozenset[str]:
        return frozenset([p.potion for p in self.owned_potions])

    @property
    def over(self) -> bool:
        return self.outcome is not None

    def attempts_on(self, puzzle: str) -> int:
        return dict(self.attempts).get(puzzle, 0)

    def hints_on(self, puzzle: str) -> int:
        return dict(self.hints).get(puzzle, 0)

    def pending(self, threat: str) -> PendingWarning | None:
        return next((w for w in self.warnings if w.threat == threat), None)

    # -- JSON --------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"version": STATE_VERSION}
        for name, kind in STATE_KINDS:
            value = getattr(self, name)
            if name in ADDED_LATER and not value:
                continue  # left out while empty: documents keep their earlier form
            out[name] = kind.dump(value)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_dict(cls, data: Any) -> GameState:
        if not isinstance(data, dict):
            raise StateFormatError("a game state must be a JSON object")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise StateFormatError("the game state has no version number")
        if version > STATE_VERSION:
            raise StateFormatError(
                f"the game state has version {version}; this engine reads up to {STATE_VERSION}"
            )
        expected = {name for name, _ in STATE_KINDS} | {"version"}
        missing = expected - set(data) - ADDED_LATER
        unknown = set(data) - expected
        if missing or unknown:
            raise StateFormatError(
                f"the game state is malformed: missing {sorted(missing)}, "
                f"unknown {sorted(unknown)}"
            )
        try:
            return cls(**{name: kind.load(data[name]) for name, kind in STATE_KINDS
                          if name in data})
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            raise StateFormatError(f"the game state is malformed: {exc}") from exc

    @classmethod
    def from_json(cls, text: str) -> GameState:
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise StateFormatError(f"the game state is not valid JSON: {exc}") from exc
        return cls.from_dict(data)


#: Every state field with its Kind, in declaration order.
STATE_KINDS: tuple[tuple[str, Kind], ...] = tuple(
    (f.name, f.metadata["kind"]) for f in fields(GameState)
)
#: Fields newer than some saved documents: a document without one gets the field's default,
#: so a game saved before the field existed still loads; they are written only when set.
ADDED_LATER: frozenset[str] = frozenset(
    f.name for f in fields(GameState) if f.metadata.get("added_later")
)
