"""The moves the search tries from a state, generated from the level data and sent to `step`.

A Move is one or two core actions (waiting, then acting) plus, for a threat whose likelihood
is strictly between 0 and 1, which side of the roll is taken.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal, NamedTuple

from escape_game.check.abstraction import atoms, rng_for
from escape_game.check.solutions import correct_answer, wrong_answer
from escape_game.core import actions as act
from escape_game.core import events as ev
from escape_game.core.draft import Draft
from escape_game.core.level import Level
from escape_game.core.queries import (
    pending_threats,
    shop,
    visible_exits,
    visible_objects,
    visible_puzzles,
)
from escape_game.core.rules import StepResult, step
from escape_game.core.state import GameState, use_done
from escape_game.model import AfterTime, Exit, GameObject, Potion, Puzzle
from escape_game.model import conditions as c

Chance = Literal["strikes", "spared"]


@dataclass(frozen=True, slots=True)
class Move:
    """What the player does in one search step."""

    actions: tuple[act.Action, ...]
    chance: Chance | None = None
    wrong: bool = False
    """An answer the level data says is wrong (a deliberate mistake)."""
    again: bool = False
    """An examination repeated only to let actions pass (action-count triggers)."""

    @property
    def main(self) -> act.Action:
        return self.actions[-1]

    @property
    def entity(self) -> str | None:
        """The level entity this move acts on (where a problem it causes is reported)."""
        a = self.main
        for name in ("exit", "object", "puzzle", "potion", "threat"):
            value = getattr(a, name, None)
            if isinstance(value, str):
                return value
        if isinstance(a, act.UseItem):
            return a.target
        return None

    @property
    def kind(self) -> str | None:
        """What kind of entity `entity` is."""
        a = self.main
        if isinstance(a, act.GoThrough):
            return "exit"
        if isinstance(a, act.Examine | act.Take | act.UseItem):
            return "object"
        if isinstance(a, act.Answer | act.TakeHint):
            return "puzzle"
        if isinstance(a, act.BuyPotion | act.DeclinePotion | act.CancelPurchase):
            return "potion"
        if isinstance(a, act.FaceThreat | act.PauseToThink):
            return "threat"
        return None

    @property
    def signature(self) -> tuple[str, ...]:
        """Moves with the same signature are the same decision (used to group dead ends)."""
        a = self.main
        parts = [str(a.type), self.entity or ""]
        if isinstance(a, act.UseItem):
            parts.append(a.item)
        if isinstance(a, act.Answer):
            parts.append("wrong" if self.wrong else "right")
        if self.chance is not None:
            parts.append(self.chance)
        return tuple(parts)


def apply_move(
    level: Level, state: GameState, move: Move, only: frozenset[type[ev.Event]] | None = None
) -> StepResult | None:
    """The real rules applied to a move; None when the core rejects any of its actions.
    `only`: the kinds of event the caller reads (see `step`)."""
    if move.chance is not None:
        threat = level.threats[getattr(move.main, "threat", "")]
        # The state with the roll's side set: through a draft, at a sixth of the cost of
        # `dataclasses.replace` on the state's 31 fields.
        draft = Draft.of(state)
        draft.rng = rng_for(threat.likelihood, move.chance == "strikes")
        state = draft.freeze()
    actions = move.actions
    if len(actions) == 1:
        result = step(level, state, actions[0], only=only)
        # A rejected action gives back the very state it was sent (and ActionRejected);
        # an accepted one always a new state.
        return None if result.state is state else result
    events: list[ev.Event] = []
    for action in actions:
        result = step(level, state, action, only=only)
        if result.state is state:
            return None
        state = result.state
        events.extend(result.events)
        if state.over:
            break
    return StepResult(state, tuple(events))


def _wait_ms(level: Level, state: GameState) -> int | None:
    """How long until waiting changes something: a timer trigger here, or a waiting period."""
    candidates: list[int] = []
    known = set(state.resolved_threats) | {w.threat for w in state.warnings}
    for threat in level.rooms[state.room].threats:
        if isinstance(threat.trigger, AfterTime) and threat.id not in known:
            candidates.append(threat.trigger.seconds * 1000 - state.room_ms)
    for owned in state.owned_potions:
        potion = level.potions.get(owned.potion)
        if potion is not None and potion.waiting_period:
            candidates.append(potion.waiting_period * 1000 - (state.elapsed_ms - owned.bought_ms))
    positive = [ms for ms in candidates if ms > 0]
    return min(positive) if positive else None


class MoveBook:
    """Every fixed move of one level, built once: the search tries the same few hundred
    moves millions of times, and building a validated action costs more than a lookup."""

    def __init__(self, level: Level) -> None:
        self.level = level
        objs = level.objects.values()
        self.examine = {o.id: Move((act.Examine(object=o.id),)) for o in objs}
        self.again = {oid: Move(m.actions, again=True) for oid, m in self.examine.items()}
        self.take = {o.id: Move((act.Take(object=o.id),)) for o in objs if o.take is not None}
        self.uses = {
            o.id: tuple(
                (item, use_done(o.id, item), Move((act.UseItem(item=item, target=o.id),)))
                for item in dict.fromkeys(u.item for u in o.uses)
            )
            for o in objs
        }
        self.handle = {
            o.id: (self.examine[o.id], self.again[o.id], self.take.get(o.id), self.uses[o.id])
            for o in objs
        }
        """Per object, the moves above in one lookup (examine, again, take, uses)."""
        self.right: dict[str, Move | None] = {}
        self.wrong: dict[str, Move] = {}
        for puzzle in level.puzzles.values():
            right = correct_answer(puzzle)
            self.right[puzzle.id] = None if right is None else Move((right,))
            if puzzle.max_attempts is not None:
                self.wrong[puzzle.id] = Move((wrong_answer(puzzle),), wrong=True)
        self.buy = {p: Move((act.BuyPotion(potion=p),)) for p in level.potions}
        self.face: dict[str, tuple[Move, ...]] = {}
        for threat in level.threats.values():
            face = (act.FaceThreat(threat=threat.id),)
            self.face[threat.id] = (
                (Move(face, chance="strikes"), Move(face, chance="spared"))
                if 0.0 < threat.likelihood < 1.0 else (Move(face),)
            )
        self.go = {e: Move((act.GoThrough(exit=e),)) for e in level.exits}
        self.timed = {
            r.id: True for r in level.rooms.values()
            if any(isinstance(t.trigger, AfterTime) for t in r.threats)
        }
        """Rooms with a timer trigger: elsewhere, waiting changes something only while a
        potion's waiting period runs."""
        self.waiting = frozenset(p.id for p in level.potions.values() if p.waiting_period)
        """Potions with a waiting period (the others never make waiting worth it)."""


_BOOKS: list[MoveBook] = []


def book_for(level: Level) -> MoveBook:
    """The MoveBook of a level, kept for the few levels used last (bots ask at every turn)."""
    for book in _BOOKS:
        if book.level is level:
            return book
    book = MoveBook(level)
    _BOOKS.insert(0, book)
    del _BOOKS[4:]
    return book


class View(NamedTuple):
    """What the player sees in a state's room: asked once per state by the search, which
    both notes it and tries moves on it (a named tuple: one is built per state)."""

    objects: list[GameObject]
    puzzles: list[Puzzle]
    offer: list[Potion]
    exits: list[Exit]
    """Exits seen, open or not (the core decides whether one lets the player through)."""

    @classmethod
    def of(cls, level: Level, state: GameState) -> View:
        room = level.rooms[state.room]
        return cls(visible_objects(level, state),
                   visible_puzzles(level, state) if room.puzzles else [],
                   shop(level, state) if room.shop else [],
                   visible_exits(level, state))


#: The state field each kind of condition reads (see `core.conditions.holds`).
_FACT_FIELD: dict[type, str] = {
    c.HasItem: "inventory", c.HasFlag: "flags", c.Solved: "solved", c.Visited: "visited",
    c.OwnsPotion: "owned_potions", c.MoneyAtLeast: "money", c.WellbeingAtLeast: "wellbeing",
}


class Views:
    """What each state shows (see View), found again by the state fields the queries read in
    its room: the room, the objects taken, the puzzles solved, the potions owned where a shop
    is, and the fields the room's visibility conditions (objects, puzzles, exits) read. The
    search asks once per state, and states in one room mostly differ in fields the view does
    not read."""

    def __init__(self, level: Level) -> None:
        self.level = level
        self.reads: dict[str, tuple[str, ...]] = {}
        for room in level.rooms.values():
            # A puzzle on an object is seen while its object is.
            holders = [level.objects[o] for p in room.puzzles
                       if (o := level.puzzle_object.get(p.id)) is not None
                       and o in level.objects]
            shown: list[GameObject | Puzzle | Exit] = [*room.objects, *room.puzzles, *holders,
                                                       *room.exits]
            conditions = [x.visible_if for x in shown if x.visible_if is not None]
            fields = {_FACT_FIELD[type(a)] for x in conditions for a in atoms(x)}
            if room.shop:
                fields.add("owned_potions")
            self.reads[room.id] = tuple(sorted(fields - {"solved"}))
        # One C call per state for the fields read ("taken" and "solved" always are).
        self._fields = {room: attrgetter("room", "taken", "solved", *reads)
                        for room, reads in self.reads.items()}
        self._seen: dict[tuple[object, ...], View] = {}

    def of(self, state: GameState) -> tuple[View, bool]:
        """The state's view, and whether it is the first time this view is shown."""
        key = self._fields[state.room](state)
        view = self._seen.get(key)
        if view is not None:
            return view, False
        view = self._seen[key] = View.of(self.level, state)
        return view, True


def moves(
    level: Level, state: GameState, clamp: int = 0, book: MoveBook | None = None,
    view: View | None = None, quiet: frozenset[str] = frozenset(),
    inert: frozenset[str] = frozenset(),
) -> Iterator[Move]:
    """Every move worth trying from a state (the core still decides what is valid).

    Cancelling a purchase is never tried: it leads back to the money and cover of before the
    purchase with two actions spent, which a repeated examination already stands for, so no
    escape needs it, and leaving it out keeps the search small.

    `clamp` is how many actions in this room can still trigger a threat: while the count is
    below it, one repeated examination stands for every action that only passes a turn.
    `book` is the level's MoveBook (the last one built for this level when not given);
    `view` what the room shows in this state, when already known; `quiet` objects whose
    examination, and `inert` objects whose taking, the caller accounts for itself (see
    `Abstraction.quiet_examinations` and `inert_objects`; their other moves are tried).
    """
    if book is None:
        book = book_for(level)
    if view is None:
        view = View.of(level, state)
    money = state.money
    pending = pending_threats(level, state) if state.warnings else ()
    for warning in pending:
        yield from book.face[warning.threat]
    if pending:
        # A warning counts down: the player may prepare (buy, let a waiting period pass)
        # or face it; everything else waits until it is resolved.
        for potion in view.offer:
            if money >= potion.premium:
                yield book.buy[potion.id]
        wait = _wait_ms(level, state)
        if wait is not None:
            yield Move((act.AdvanceTime(ms=wait),))
        return
    burn = state.room_actions < clamp
    examined, inventory, used = state.examined, state.inventory, state.used
    handle = book.handle
    for obj in view.objects:
        oid = obj.id
        examine, again, take, uses = handle[oid]
        if (oid not in examined or burn) and oid not in quiet:
            seen = oid in examined
            yield again if seen else examine
            burn = burn and not seen
        if take is not None and oid not in inert:
            yield take
        for item, done, move in uses:
            if item in inventory and done not in used:
                yield move
    locked = state.locked_puzzles
    for puzzle in view.puzzles:
        pid = puzzle.id
        if pid in locked:
            continue
        right = book.right[pid]
        if right is not None:
            yield right
        wrong = book.wrong.get(pid)
        if wrong is not None:
            yield wrong
    for potion in view.offer:
        if money >= potion.premium:
            yield book.buy[potion.id]
    if book.timed.get(state.room) or (
        book.waiting and state.owned_potions
        and any(p.potion in book.waiting for p in state.owned_potions)
    ):
        wait = _wait_ms(level, state)
        if wait is not None:
            yield Move((act.AdvanceTime(ms=wait),))
    for ex in view.exits:
        yield book.go[ex.id]
