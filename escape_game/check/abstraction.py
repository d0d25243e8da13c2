"""What the search treats as the same situation, and how it takes both sides of a dice roll.

A state key keeps everything that can change what the player may do next (room, items, flags,
exact money, solved and locked puzzles, potions owned and whether their waiting period is over,
pending and resolved threats) and drops what cannot (score, clocks, step counters, the random
generator). Wellbeing is kept only when it can reach zero or a condition reads it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from escape_game.core.economics import covers
from escape_game.core.level import Level
from escape_game.core.rng import next_unit
from escape_game.core.scoring import DEBT_WELLBEING_COST
from escape_game.core.state import GameState
from escape_game.model import AfterActions, Condition, Effect
from escape_game.model import conditions as c
from escape_game.model import effects as fx

#: What the search keeps of a state (see Abstraction.key): a tuple of hashable parts.
StateKey = tuple[Hashable, ...]


def _entered(
    base_key: StateKey, room: str, visited: Hashable, money: Hashable, debt: Hashable,
    owned: Hashable,
) -> StateKey:
    """`base_key` after a plain move between rooms (see `Abstraction.moved_key`): the room,
    the visits and the money parts given, the room's count of actions started again, every
    other part `base_key`'s (written out: the search builds one per move between rooms)."""
    return (
        room,
        visited,
        base_key[2],
        base_key[3],
        money,
        debt,
        base_key[6],
        owned,
        base_key[8],
        base_key[9],
        base_key[10],
        base_key[11],
        base_key[12],
        base_key[13],
        base_key[14],
        0,  # entering a room starts its count of actions again
        base_key[16],
        base_key[17],
        base_key[18],
    )

_NONE_OWNED: frozenset[tuple[str, bool]] = frozenset()
#: The key's money, debt and relevant potions owned (None where money cannot matter).
MoneyParts = tuple[Decimal | None, Decimal | None, frozenset[tuple[str, bool]] | None]

#: How the search simplifies play; printed in every report so no one mistakes it for more.
ABSTRACTIONS: tuple[str, ...] = (
    "timers are off: time limits and warning countdowns are not modelled; a pending warning "
    "is resolved by facing it (FaceThreat); while it is pending the player may only prepare "
    "(buy a potion, wait out a waiting period) or face it",
    "waiting is one action that lasts until the next timer trigger fires or an owned "
    "potion's waiting period ends",
    "a threat with a likelihood strictly between 0 and 1 is explored both ways: it strikes, "
    "and it is spared",
    "money is kept exact while a shop can still be reached or a condition reads money or "
    "potions; score, clocks and the random generator are ignored; wellbeing is ignored unless "
    "it can reach 0 or a condition reads it",
    "flags, items and visits no condition reads, examinations that only show a message or "
    "give points, and objects taken as souvenirs are left out of the state: they change "
    "nothing a player can do (the concepts they meet are still counted)",
    "hints are not taken (they change the score, never what can be reached); the player never "
    "pauses, declines (the same as not buying) or quits",
    "each puzzle is answered with its correct answer, and with one wrong answer when it has "
    "max_attempts",
)


def placed_effects(level: Level) -> Iterator[tuple[Effect, int, str]]:
    """Every effect in the level, how many times it can fire in one game, and its room."""
    for room in level.rooms.values():
        here = room.id
        yield from ((e, 1, here) for e in room.on_enter)
        for obj in room.objects:
            yield from ((e, 1, here) for e in obj.on_examine)
            for use in obj.uses:
                yield from ((e, 1, here) for e in use.on_use)
        for puzzle in room.puzzles:
            yield from ((e, 1, here) for e in puzzle.on_success)
            tries = puzzle.max_attempts or 1
            yield from ((e, tries, here) for e in puzzle.on_failure)
        for threat in room.threats:
            yield from ((e, 1, here) for e in threat.on_strike)


def effects_of(level: Level) -> Iterator[tuple[Effect, int]]:
    """Every effect in the level, with how many times it can fire in one game."""
    for effect, times, _ in placed_effects(level):
        yield effect, times


def conditions_of(level: Level) -> Iterator[Condition]:
    for room in level.rooms.values():
        for obj in room.objects:
            if obj.visible_if is not None:
                yield obj.visible_if
            yield from (u.condition for u in obj.uses if u.condition is not None)
        yield from (p.visible_if for p in room.puzzles if p.visible_if is not None)
        for ex in room.exits:
            yield from (x for x in (ex.condition, ex.visible_if) if x is not None)
        yield from (t.condition for t in room.threats if t.condition is not None)


def _reads(condition: Condition, kind: type) -> bool:
    if isinstance(condition, kind):
        return True
    if isinstance(condition, c.AllOf):
        return any(_reads(x, kind) for x in condition.all_)
    if isinstance(condition, c.AnyOf):
        return any(_reads(x, kind) for x in condition.any_)
    if isinstance(condition, c.Not):
        return _reads(condition.not_, kind)
    return False


def _reads_wellbeing(condition: Condition) -> bool:
    return _reads(condition, c.WellbeingAtLeast)


def atoms(condition: Condition) -> Iterator[Condition]:
    """The leaves of a condition (everything but all/any/not)."""
    if isinstance(condition, c.AllOf):
        for x in condition.all_:
            yield from atoms(x)
    elif isinstance(condition, c.AnyOf):
        for x in condition.any_:
            yield from atoms(x)
    elif isinstance(condition, c.Not):
        yield from atoms(condition.not_)
    else:
        yield condition


@dataclass(frozen=True)
class Reads:
    """What the level's conditions and item uses look at: a flag no condition reads, an item
    no condition or use asks for, a visit no condition asks about and that fires no on_enter
    effect that matters, change nothing a player can do."""

    flags: frozenset[str]
    items: frozenset[str]
    rooms: frozenset[str]

    @classmethod
    def of(cls, level: Level) -> Reads:
        leaves = [a for x in conditions_of(level) for a in atoms(x)]
        flags = frozenset(a.has_flag for a in leaves if isinstance(a, c.HasFlag))
        items = frozenset(a.has_item for a in leaves if isinstance(a, c.HasItem)) | frozenset(
            u.item for o in level.objects.values() for u in o.uses
        )
        visits = frozenset(a.visited for a in leaves if isinstance(a, c.Visited))
        reads = cls(flags, items, visits)
        entered = frozenset(
            r.id for r in level.rooms.values() if any(reads.matters(e) for e in r.on_enter)
        )
        return cls(flags, items, visits | entered)

    def matters(self, effect: Effect) -> bool:
        """False for an effect that changes only what the state key leaves out: a message,
        points, or a flag or item nothing reads."""
        if isinstance(effect, fx.ShowMessage | fx.AddScore):
            return False
        if isinstance(effect, fx.SetFlag):
            return effect.set_flag in self.flags
        if isinstance(effect, fx.ClearFlag):
            return effect.clear_flag in self.flags
        if isinstance(effect, fx.GiveItem):
            return effect.give_item in self.items
        if isinstance(effect, fx.RemoveItem):
            return effect.remove_item in self.items
        return True


def rooms_ahead(level: Level) -> dict[str, frozenset[str]]:
    """Per room, the rooms that may still be reached from it (itself included), following
    exits whatever their conditions and counting go_to effects from everywhere: an
    over-approximation, so what it calls unreachable truly is."""
    teleports = {e.go_to for e, _ in effects_of(level) if isinstance(e, fx.GoTo)}
    nexts = {room.id: {ex.to for ex in room.exits} | teleports for room in level.rooms.values()}
    ahead: dict[str, frozenset[str]] = {}
    for start in level.rooms:
        seen, todo = {start}, [start]
        while todo:
            for nxt in nexts.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        ahead[start] = frozenset(seen)
    return ahead


def wellbeing_matters(level: Level) -> bool:
    """True when wellbeing can change what is possible: a condition reads it, or the worst
    case of every loss in the level (threats, effects, debt) could bring it to zero."""
    if any(_reads_wellbeing(x) for x in conditions_of(level)):
        return True
    worst = sum(t.wellbeing_loss for t in level.threats.values())
    money_losses = len(level.threats)
    for effect, times in effects_of(level):
        if isinstance(effect, fx.AddWellbeing) and effect.add_wellbeing < 0:
            worst += -effect.add_wellbeing * times
        if isinstance(effect, fx.AddMoney) and effect.add_money < 0:
            money_losses += times
    worst += DEBT_WELLBEING_COST * money_losses
    return worst >= level.campaign.start.wellbeing


@dataclass(frozen=True)
class Abstraction:
    """The key function for one level (which details matter depends on the level)."""

    level: Level
    keep_wellbeing: bool
    action_triggers: dict[str, tuple[tuple[str, int], ...]]
    """Per room, its `after N actions` threats: counting past the largest N of those not yet
    triggered changes nothing."""
    examine_matters: frozenset[str]
    """Objects whose first examination has effects that matter (see `Reads.matters`);
    examining the others changes nothing the key keeps."""
    take_matters: frozenset[str]
    """Objects whose taking can change what the player may do: the item is read, or taking
    hides uses, a puzzle or an examination that matter, or it is in a room where actions are
    counted (a visible object is a way to let a turn pass). Taking the others is a
    souvenir."""
    inert_objects: frozenset[str]
    """Objects neither examining nor taking can change anything the key keeps, in rooms
    without `after N actions` threats: trying them loops back to the same situation."""
    quiet_examinations: frozenset[str]
    """Objects whose examination changes nothing the key keeps, in rooms without `after N
    actions` threats: examining one loops back to the same situation, whether taking it
    matters or not (the inert objects and more)."""
    reads: Reads
    exact: bool
    """Keep every flag, item, visit, examination and taking (to test the reductions)."""
    limited_puzzles: frozenset[str]
    money_rooms: frozenset[str] | None
    """Rooms where money and potions owned can still change anything (None: everywhere).
    Past the last shop, with no condition on money, potions or wellbeing, they cannot."""
    sold_ahead: dict[str, frozenset[str]]
    """Per room, the potions some shop ahead still sells."""
    costly_threats: dict[str, tuple[tuple[str, Decimal], ...]]
    """Per room, threats that may still take money while a shop is ahead (id, loss)."""
    money_cap: bool
    """Money above what every remaining purchase and loss could need is all alike; only
    sound when no effect takes money away (those may fire several times)."""
    _memo: dict[Hashable, frozenset[str]] = field(default_factory=dict, compare=False)
    """Relevant potions per (room, potions owned, threats resolved): keyed millions of times
    over a few hundred combinations."""
    _caps: dict[Hashable, Decimal] = field(default_factory=dict, compare=False)
    _parts: dict[frozenset[str], frozenset[str]] = field(default_factory=dict, compare=False)
    _moneys: dict[Hashable, MoneyParts] = field(default_factory=dict, compare=False)
    money_class: dict[str, int] = field(default_factory=dict, compare=False)
    """Per room, a number shared by the rooms where the money parts of the key are worked
    out alike (see `_money`): a step between two such rooms that leaves money, debt,
    potions, threats resolved and the clock alone keeps its parent's money parts."""

    def __post_init__(self) -> None:
        # What `_money` reads of the room: whether money matters there, the potions sold
        # ahead and the threats that may still take money (only the first when it is None).
        classes: dict[Hashable, int] = {}
        for room in self.level.rooms:
            if self.money_rooms is None:
                what: Hashable = None
            else:
                what = (room in self.money_rooms, self.sold_ahead.get(room, frozenset()),
                        self.costly_threats.get(room, ()))
            self.money_class[room] = classes.setdefault(what, len(classes))

    @classmethod
    def of(cls, level: Level, *, exact: bool = False) -> Abstraction:
        """`exact` keeps money, potions, wellbeing, flags, items, visits, examinations and
        takings everywhere (to test the reductions)."""
        triggers = {
            room.id: tuple(
                (t.id, t.trigger.count)
                for t in room.threats
                if isinstance(t.trigger, AfterActions)
            )
            for room in level.rooms.values()
        }
        keep_wellbeing = exact or wellbeing_matters(level)
        reads_money = any(
            _reads(x, c.MoneyAtLeast) or _reads(x, c.OwnsPotion) for x in conditions_of(level)
        )
        ahead = rooms_ahead(level)
        sold_ahead = {
            room: frozenset(p.id for r in rooms for p in level.rooms[r].shop)
            for room, rooms in ahead.items()
        }
        shop_rooms = {room for room, sold in sold_ahead.items() if sold}
        # A threat strikes in its own room, or where the effect that triggers it is written
        # (it is faced before leaving); only strikes in rooms with a shop ahead cost money
        # that still matters.
        strikes_in: dict[str, set[str]] = {t: {r} for t, r in level.threat_room.items()}
        for e, _, where in placed_effects(level):
            if isinstance(e, fx.TriggerThreat):
                strikes_in.setdefault(e.trigger_threat, set()).add(where)
        costly = {
            room: tuple(
                (t.id, t.loss)
                for t in level.threats.values()
                if t.loss > 0 and strikes_in.get(t.id, set()) & rooms & shop_rooms
            )
            for room, rooms in ahead.items()
        }
        takes_money = any(
            isinstance(e, fx.AddMoney) and e.add_money < 0 for e, _ in effects_of(level)
        )
        reads = Reads.of(level)
        # Where actions are counted, examinations keep their old weight: which objects were
        # examined decides which one is examined again to let a turn pass.
        counting = {room for room, found in triggers.items() if found}
        examine_matters = frozenset(
            o.id for o in level.objects.values()
            if exact or any(reads.matters(e) for e in o.on_examine)
            or (o.on_examine and level.object_room[o.id] in counting)
        )
        with_puzzle = set(level.puzzle_object.values())
        take_matters = frozenset(
            o.id for o in level.objects.values()
            if o.take is not None and (
                exact or o.take in reads.items or o.uses or o.id in with_puzzle
                or o.id in examine_matters or level.object_room[o.id] in counting
            )
        )
        quiet = frozenset(
            o.id for o in level.objects.values()
            if o.id not in examine_matters and level.object_room[o.id] not in counting
        )
        inert = frozenset(o for o in quiet if o not in take_matters)
        return cls(
            level=level,
            keep_wellbeing=keep_wellbeing,
            costly_threats=costly,
            money_cap=not (takes_money or exact),
            money_rooms=None if keep_wellbeing or reads_money else frozenset(
                room for room, shops in sold_ahead.items() if shops
            ),
            sold_ahead=sold_ahead,
            action_triggers=triggers,
            examine_matters=examine_matters,
            take_matters=take_matters,
            inert_objects=inert,
            quiet_examinations=quiet,
            reads=reads,
            exact=exact,
            limited_puzzles=frozenset(
                p.id for p in level.puzzles.values() if p.max_attempts is not None
            ),
        )

    def action_clamp(self, state: GameState) -> int:
        triggers = self.action_triggers.get(state.room, ())
        if not triggers:
            return 0
        known = set(state.resolved_threats) | {w.threat for w in state.warnings}
        return max((n for t, n in triggers if t not in known), default=0)

    def _relevant_potions(self, state: GameState) -> set[str]:
        """Owned potions that can still matter: sold ahead (so not on offer again), named by a
        condition, or able to pay for a threat not yet resolved. The others only cost money,
        which the key keeps."""
        if self.money_rooms is None:
            return {p.potion for p in state.owned_potions}
        known = self._memo.get(self._situation(state))
        if known is None:
            known = self._memo[self._situation(state)] = frozenset(self._relevant_now(state))
        return set(known)

    def _relevant_now(self, state: GameState) -> set[str]:
        sold = self.sold_ahead.get(state.room, frozenset())
        resolved = set(state.resolved_threats)
        open_threats = [t for t in self.level.threats.values() if t.id not in resolved]
        relevant: set[str] = set()
        for owned in state.owned_potions:
            potion = self.level.potions.get(owned.potion)
            if potion is None:
                continue
            if owned.potion in sold or any(
                covers(potion, t) for t in open_threats
            ):
                relevant.add(owned.potion)
        return relevant

    def _cap(self, state: GameState) -> Decimal | None:
        """Every remaining purchase plus every loss that may still strike before the last
        shop: with at least this much (and no debt), more money changes nothing."""
        if not self.money_cap or self.money_rooms is None or state.debt:
            return None
        memo = self._situation(state)
        need = self._caps.get(memo)
        if need is None:
            need = self._caps[memo] = self._need(state)
        return need

    @staticmethod
    def _situation(state: GameState) -> Hashable:
        """What the potions that matter and the money that is enough depend on."""
        owned = state.owned_potions
        return (state.room, tuple(p.potion for p in owned) if owned else (),
                state.resolved_threats)

    def _need(self, state: GameState) -> Decimal:
        owned = state.owned_ids
        potions = self.level.potions
        need = sum(
            (potions[p].premium for p in self.sold_ahead.get(state.room, ()) if p not in owned),
            Decimal(0),
        )
        resolved = state.resolved_threats
        for threat, loss in self.costly_threats.get(state.room, ()):
            if threat not in resolved:
                need += loss
        return need

    def money_key(self, state: GameState) -> Decimal:
        cap = self._cap(state)
        return state.money if cap is None or state.money < cap else cap

    def key(
        self, state: GameState, base: GameState | None = None, base_key: StateKey | None = None
    ) -> StateKey:
        """The state's key. With `base` (a state this one was stepped from) and its key,
        each part whose fields are the very objects `base` holds is taken from `base_key`
        instead of being worked out again: a step shares what it left unchanged, so a
        child's key costs about what its step changed."""
        if base is None or base_key is None:
            return self._key(state)
        room = state.room
        same_room = room is base.room or self.money_class[room] == self.money_class[base.room]
        visited = base_key[1] if state.visited is base.visited else self._visited(state.visited)
        inventory = (base_key[2] if state.inventory is base.inventory
                     else self._inventory(state.inventory))
        flags = base_key[3] if state.flags is base.flags else self._flags(state.flags)
        if (same_room and state.money is base.money and state.debt is base.debt
                and state.owned_potions is base.owned_potions
                and state.resolved_threats is base.resolved_threats
                and state.elapsed_ms == base.elapsed_ms):
            money, debt, owned = base_key[4], base_key[5], base_key[7]
        else:
            money, debt, owned = self._money(state)
        solved = base_key[8] if state.solved is base.solved else self._frozen(state.solved)
        attempts = (base_key[10] if state.attempts is base.attempts
                    else self._attempts(state.attempts))
        examined = base_key[11] if state.examined is base.examined else self._examined(
            state.examined)
        taken = base_key[12] if state.taken is base.taken else self._taken(state.taken)
        used = base_key[13] if state.used is base.used else self._frozen(state.used)
        unlocked = (base_key[14] if state.unlocked_exits is base.unlocked_exits
                    else self._frozen(state.unlocked_exits))
        resolved = (base_key[17] if state.resolved_threats is base.resolved_threats
                    else self._frozen(state.resolved_threats))
        return (
            room,
            visited,
            inventory,
            flags,
            money,
            debt,
            state.wellbeing if self.keep_wellbeing else None,
            owned,
            solved,
            state.locked_puzzles,
            attempts,
            examined,
            taken,
            used,
            unlocked,
            # (no `after N actions` threat here: no count to keep, without a call)
            min(state.room_actions, self.action_clamp(state)) if self.action_triggers.get(room)
            else 0,
            frozenset(w.threat for w in state.warnings) if state.warnings else None,
            resolved,
            state.outcome,
        )

    def moved_key(self, state: GameState, base: GameState, base_key: StateKey) -> StateKey:
        """`key(state, base, base_key)` where `state` is what a plain move between rooms
        (`rules.plain_move`) made of `base`: such a move changes, of what the key reads,
        only the room, the visits and the actions counted in the room (none yet), so every
        other part is `base_key`'s. The search asks it for most of its steps; a test
        compares it with `key` on every plain move of the levels it checks."""
        room = state.room
        if self.money_class[room] == self.money_class[base.room]:
            money, debt, owned = base_key[4], base_key[5], base_key[7]
        else:
            money, debt, owned = self._money(state)
        visited = base_key[1] if state.visited is base.visited else self._visited(state.visited)
        return _entered(base_key, room, visited, money, debt, owned)

    def entry_key(self, base: GameState, base_key: StateKey, room: str) -> StateKey | None:
        """The key of the state a plain move from `base` into `room`, a room visited before,
        leads to, worked out without that state; None where the money the key keeps is
        judged otherwise in `room` (the state is needed then). The search looks this key up
        before it asks the rules for the move: a move to a state already found builds
        nothing."""
        if self.money_class[room] != self.money_class[base.room]:
            return None
        return _entered(base_key, room, base_key[1], base_key[4], base_key[5], base_key[7])

    # One function per part of the key, shared by the key worked out from scratch and the
    # one worked out from a parent's: equal parts of different keys are stored once (a key
    # holds sets of ids that grow with the level, and most states share most of them).
    def _frozen(self, ids: Iterable[str]) -> frozenset[str]:
        ids = frozenset(ids)
        return self._parts.setdefault(ids, ids)

    def _visited(self, visited: Iterable[str]) -> frozenset[str]:
        if self.exact:
            return self._frozen(visited)
        return self._frozen(self.reads.rooms.intersection(visited))

    def _inventory(self, inventory: Iterable[str]) -> frozenset[str]:
        if self.exact:
            return self._frozen(inventory)
        return self._frozen(self.reads.items.intersection(inventory))

    def _attempts(self, attempts: Iterable[tuple[str, int]]) -> frozenset[tuple[str, int]] | None:
        limited = self.limited_puzzles
        return frozenset(a for a in attempts if a[0] in limited) if limited else None

    def _flags(self, flags: frozenset[str]) -> frozenset[str]:
        if not self.exact and not flags <= self.reads.flags:
            flags = flags & self.reads.flags
        return self._parts.setdefault(flags, flags)

    def _examined(self, examined: frozenset[str]) -> frozenset[str]:
        if not examined <= self.examine_matters:
            examined = examined & self.examine_matters
        return self._parts.setdefault(examined, examined)

    def _taken(self, taken: frozenset[str]) -> frozenset[str]:
        if not taken <= self.take_matters:
            taken = taken & self.take_matters
        return self._parts.setdefault(taken, taken)

    def _money(self, state: GameState) -> MoneyParts:
        """Money, debt and the relevant potions owned (None where money cannot matter)."""
        if self.money_rooms is not None and state.room not in self.money_rooms:
            return None, None, None
        owned = state.owned_potions
        # These decide it; a search meets a few hundred combinations of them.
        memo = (state.room, state.money, state.debt, owned, state.resolved_threats,
                state.elapsed_ms if owned else 0)
        known = self._moneys.get(memo)
        if known is None:
            known = self._moneys[memo] = self._money_now(state)
        return known

    def _money_now(self, state: GameState) -> MoneyParts:
        if not state.owned_potions:
            return self.money_key(state), state.debt, _NONE_OWNED
        potions = self.level.potions
        relevant = self._relevant_potions(state)
        owned = frozenset(
            (
                p.potion,
                state.elapsed_ms - p.bought_ms >= potions[p.potion].waiting_period * 1000,
            )
            for p in state.owned_potions
            if p.potion in relevant
        )
        return self.money_key(state), state.debt, owned

    def _key(self, state: GameState) -> StateKey:
        money, debt, owned = self._money(state)
        return (
            state.room,
            self._visited(state.visited),
            self._inventory(state.inventory),
            self._flags(state.flags),
            money,
            debt,
            state.wellbeing if self.keep_wellbeing else None,
            owned,
            self._frozen(state.solved),
            state.locked_puzzles,
            self._attempts(state.attempts),
            self._examined(state.examined),
            self._taken(state.taken),
            self._frozen(state.used),
            self._frozen(state.unlocked_exits),
            min(state.room_actions, self.action_clamp(state)),
            frozenset(w.threat for w in state.warnings) if state.warnings else None,
            self._frozen(state.resolved_threats),
            state.outcome,
        )


def key(level: Level, state: GameState) -> StateKey:
    """The state key of one state (build an Abstraction once when keying many)."""
    return Abstraction.of(level).key(state)


@cache
def rng_for(likelihood: float, strikes: bool) -> int:
    """A generator state whose next roll makes a threat of this likelihood strike (or not),
    so the search can take either side of the roll through the real rules."""
    for candidate in range(1 << 16):
        _, roll = next_unit(candidate)
        if (roll < likelihood) == strikes:
            return candidate
    raise ValueError(f"no roll found for likelihood {likelihood}")  # pragma: no cover
