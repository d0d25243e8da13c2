"""The player's progress: an immutable, hashable snapshot with a versioned JSON form."""

from __future__ import annotations

import json
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


@dataclass(frozen=True, slots=True)
class GameState:
    """Everything that changes while playing; the Level holds everything that does not."""

    room: str
    visited: tuple[str, ...] = ()
    inventory: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    money: Decimal = NO_MONEY
    debt: Decimal = NO_MONEY
    wellbeing: int = 100
    score: int = 0
    owned_potions: tuple[OwnedPotion, ...] = ()
    declined_potions: frozenset[str] = frozenset()
    solved: tuple[str, ...] = ()
    locked_puzzles: frozenset[str] = frozenset()
    attempts: tuple[tuple[str, int], ...] = ()
    hints: tuple[tuple[str, int], ...] = ()
    examined: frozenset[str] = frozenset()
    taken: frozenset[str] = frozenset()
    used: frozenset[str] = frozenset()
    """``object/item`` pairs whose item use already took effect (each works once)."""
    unlocked_exits: frozenset[str] = frozenset()
    elapsed_ms: int = 0
    room_ms: int = 0
    room_actions: int = 0
    total_actions: int = 0
    paused_in_room: bool = False
    warnings: tuple[PendingWarning, ...] = ()
    resolved_threats: tuple[str, ...] = ()
    ledger: Ledger = field(default_factory=Ledger)
    rng: int = 0
    outcome: Outcome | None = None
    steps: int = 0
    timers: bool = True

    # -- read helpers used by conditions, queries and the UI --------------------------------
    @property
    def owned_ids(self) -> frozenset[str]:
        return frozenset(p.potion for p in self.owned_potions)

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
        return {
            "version": STATE_VERSION,
            "room": self.room,
            "visited": list(self.visited),
            "inventory": list(self.inventory),
            "flags": sorted(self.flags),
            "money": str(self.money),
            "debt": str(self.debt),
            "wellbeing": self.wellbeing,
            "score": self.score,
            "owned_potions": [[p.potion, p.bought_ms] for p in self.owned_potions],
            "declined_potions": sorted(self.declined_potions),
            "solved": list(self.solved),
            "locked_puzzles": sorted(self.locked_puzzles),
            "attempts": [[k, v] for k, v in self.attempts],
            "hints": [[k, v] for k, v in self.hints],
            "examined": sorted(self.examined),
            "taken": sorted(self.taken),
            "used": sorted(self.used),
            "unlocked_exits": sorted(self.unlocked_exits),
            "elapsed_ms": self.elapsed_ms,
            "room_ms": self.room_ms,
            "room_actions": self.room_actions,
            "total_actions": self.total_actions,
            "paused_in_room": self.paused_in_room,
            "warnings": [_warning_entry(w) for w in self.warnings],
            "resolved_threats": list(self.resolved_threats),
            "ledger": {
                "start": str(self.ledger.start),
                "effects": str(self.ledger.effects),
                "premiums": str(self.ledger.premiums),
                "losses": str(self.ledger.losses),
                "payouts": str(self.ledger.payouts),
            },
            "rng": str(self.rng),
            "outcome": self.outcome,
            "steps": self.steps,
            "timers": self.timers,
        }

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
        expected = {f.name for f in fields(cls)} | {"version"}
        missing = expected - set(data)
        unknown = set(data) - expected
        if missing or unknown:
            raise StateFormatError(
                f"the game state is malformed: missing {sorted(missing)}, "
                f"unknown {sorted(unknown)}"
            )
        try:
            return _build(data)
        except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
            raise StateFormatError(f"the game state is malformed: {exc}") from exc

    @classmethod
    def from_json(cls, text: str) -> GameState:
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise StateFormatError(f"the game state is not valid JSON: {exc}") from exc
        return cls.from_dict(data)


def _warning_entry(w: PendingWarning) -> list[Any]:
    """``[threat, remaining_ms, paused]``, plus the carried milliseconds only when there are some,
    so the documents of states without a part-counted pause keep their earlier form."""
    entry: list[Any] = [w.threat, w.remaining_ms, w.paused]
    return [*entry, w.carry_ms] if w.carry_ms else entry


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


def _build(d: dict[str, Any]) -> GameState:
    outcome = d["outcome"]
    if outcome is not None and outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    owned = []
    for entry in d["owned_potions"]:
        if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[0], str):
            raise ValueError(f"expected [potion, bought_ms], got {entry!r}")
        owned.append(OwnedPotion(entry[0], _int(entry[1])))
    warnings = []
    for entry in d["warnings"]:
        if not isinstance(entry, list) or len(entry) not in (3, 4) or not isinstance(entry[0], str):
            raise ValueError(f"expected [threat, remaining_ms, paused], got {entry!r}")
        carry = _int(entry[3]) if len(entry) == 4 else 0
        warnings.append(PendingWarning(entry[0], _int(entry[1]), _bool(entry[2]), carry))
    ledger = d["ledger"]
    if not isinstance(ledger, dict):
        raise ValueError("the ledger must be an object")
    wellbeing = _int(d["wellbeing"])
    if not 0 <= wellbeing <= 100:
        raise ValueError(f"wellbeing {wellbeing} is outside 0..100")
    room = d["room"]
    if not isinstance(room, str):
        raise ValueError("the room must be an id")
    rng = d["rng"]
    if not isinstance(rng, str) or not rng.isdigit():
        raise ValueError("the rng state must be a decimal string")
    return GameState(
        room=room,
        visited=_strs(d["visited"]),
        inventory=_strs(d["inventory"]),
        flags=frozenset(_strs(d["flags"])),
        money=_money(d["money"]),
        debt=_money(d["debt"]),
        wellbeing=wellbeing,
        score=_int(d["score"]),
        owned_potions=tuple(owned),
        declined_potions=frozenset(_strs(d["declined_potions"])),
        solved=_strs(d["solved"]),
        locked_puzzles=frozenset(_strs(d["locked_puzzles"])),
        attempts=_counts(d["attempts"]),
        hints=_counts(d["hints"]),
        examined=frozenset(_strs(d["examined"])),
        taken=frozenset(_strs(d["taken"])),
        used=frozenset(_strs(d["used"])),
        unlocked_exits=frozenset(_strs(d["unlocked_exits"])),
        elapsed_ms=_int(d["elapsed_ms"]),
        room_ms=_int(d["room_ms"]),
        room_actions=_int(d["room_actions"]),
        total_actions=_int(d["total_actions"]),
        paused_in_room=_bool(d["paused_in_room"]),
        warnings=tuple(warnings),
        resolved_threats=_strs(d["resolved_threats"]),
        ledger=Ledger(
            start=_money(ledger["start"]),
            effects=_money(ledger["effects"]),
            premiums=_money(ledger["premiums"]),
            losses=_money(ledger["losses"]),
            payouts=_money(ledger["payouts"]),
        ),
        rng=whole_number(rng),
        outcome=outcome,
        steps=_int(d["steps"]),
        timers=_bool(d["timers"]),
    )
