"""The rules: ``step(level, state, action)`` -> new state and events, a pure function of data."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from escape_game.core import actions as act
from escape_game.core import events as ev
from escape_game.core import scoring
from escape_game.core.answer_rules import check
from escape_game.core.conditions import holds
from escape_game.core.draft import Draft, moved
from escape_game.core.level import Level
from escape_game.core.queries import exit_barrier, object_visible, puzzle_reachable
from escape_game.core.resolution import (
    apply_effects,
    check_action_triggers,
    enter_room,
    known,
    leave_room,
    resolve_threat,
)
from escape_game.core.rng import seed_state
from escape_game.core.state import GameState, Ledger, OwnedPotion, PendingWarning, use_done
from escape_game.core.waiting import pass_time
from escape_game.model import GameObject, Potion


class StepResult(NamedTuple):
    """The new state and what happened (a named tuple: a step builds one every time)."""

    state: GameState
    events: tuple[ev.Event, ...]


def new_game(
    level: Level, seed: int, *, timers: bool = True, start_room: str | None = None
) -> StepResult:
    """The opening state, and the events of entering the first room."""
    start = level.campaign.start
    room = start_room if start_room is not None else start.room
    if room not in level.rooms:
        raise ValueError(f"there is no room {room!r} to start in")
    base = GameState(
        room=room,
        inventory=tuple(dict.fromkeys(start.items)),
        money=start.money,
        wellbeing=start.wellbeing,
        ledger=Ledger(start=start.money),
        rng=seed_state(seed),
        timers=timers,
    )
    d = Draft.of(base)
    enter_room(level, d, room, via=None)
    d.finish()
    return StepResult(d.freeze(), tuple(d.events))


class _Rejected(Exception):
    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def step(
    level: Level, state: GameState, action: act.Action,
    *, only: frozenset[type[ev.Event]] | None = None,
) -> StepResult:
    """Apply one action. Never raises: an impossible action gives ActionRejected, same state.

    `only` names the kinds of event the caller reads: the result holds only those (the same
    state either way). None, the default, keeps every event."""
    if type(action) is act.GoThrough and state.outcome is None:
        plain = plain_move(level, state, action.exit, only)
        if plain is not None:
            return plain
    return drafted_step(level, state, action, only)


def drafted_step(
    level: Level, state: GameState, action: act.Action, only: frozenset[type[ev.Event]] | None
) -> StepResult:
    """`step` the general way, on a draft: every action, every consequence (`step` tries
    `plain_move` first; a caller that did already comes here)."""
    if state.outcome is not None:
        return _reject(state, str(_kind(action)), "game_over", only=only)
    handler = _HANDLERS.get(type(action))
    if handler is None:
        return _reject(state, str(_kind(action)), "unknown_action", only=only)
    d = Draft.of(state)
    d.only = only
    d.steps += 1
    counted = type(action) not in _UNCOUNTED
    if counted:
        d.room_actions += 1
        d.total_actions += 1
    if counted and state.cooling_off and not isinstance(action, _SHOPPING):
        d.end_shop_visit()  # doing anything else ends the visit to the shop
    try:
        handler(level, state, action, d)
    except _Rejected as r:  # raised before the draft is used; the draft is dropped
        return _reject(state, str(_kind(action)), r.reason, r.detail, only)
    if counted and d.outcome is None:
        check_action_triggers(level, d)
    if d.ended_now:
        d.finish()
    # The named tuple's own constructor is a Python function; the tuple's is not.
    return tuple.__new__(StepResult, (d.freeze(), tuple(d.events)))


def plain_move(
    level: Level, state: GameState, exit_id: str, only: frozenset[type[ev.Event]] | None
) -> StepResult | None:
    """`step` (of a game not over) for going through an exit into a room whose entry starts
    nothing (see `calm_entry`), or for an exit that refuses the player; None for any other
    move, which takes the general way.

    The same state and events as the general way (`_go` on a draft), built directly: such a
    move changes the room, the visits, the counters and what entering starts again, and it
    ends a visit to a shop. Moving between rooms is most of what a search of a level does,
    and a draft, filled and frozen again, cost two thirds of each move. A test compares the
    two ways on every state the checker reaches in the shipped levels and fixtures."""
    barrier = exit_barrier(level, state, exit_id)
    if barrier is not None:
        return _reject(state, "go", barrier, exit_id, only)
    to = level.exits[exit_id].to
    if not calm_entry(level, state, to):
        return None
    return enter_calmly(level, state, exit_id, to, only)


def calm_entry(level: Level, state: GameState, room: str) -> bool:
    """Entering `room` now starts nothing: no on_enter effects run (the room was visited
    before, or has none) and every threat that entering it starts has warned already (see
    `Level.entering`). False for a room the level does not have."""
    entering = level.entering.get(room)
    if entering is None:
        return False
    effects, threats = entering
    if effects and room not in state.visited:
        return False
    for threat in threats:  # noqa: SIM110 - a loop: all() over a generator costs twice as much
        if not known(state, threat):
            return False
    return True


def enter_calmly(
    level: Level, state: GameState, exit_id: str, to: str,
    only: frozenset[type[ev.Event]] | None,
) -> StepResult:
    """`plain_move`'s result for an exit that lets the player through (`exit_barrier`) into
    room `to`, its destination, whose entry starts nothing (`calm_entry`): for a caller
    that asked both already."""
    events = calm_events(level, state, exit_id, to, only)
    return tuple.__new__(StepResult, (calm_state(state, to), events))


def calm_events(
    level: Level, state: GameState, exit_id: str, to: str,
    only: frozenset[type[ev.Event]] | None,
) -> tuple[ev.Event, ...]:
    """The events of `enter_calmly` (its state aside): the room left, the room entered and
    its shop's offer."""
    events: list[ev.Event] = []
    if only is None or ev.RoomLeft in only:
        events.append(ev.RoomLeft.trusted(room=state.room, seconds_in_room=state.room_ms // 1000))
    if only is None or ev.RoomEntered in only:
        events.append(ev.entered(to, exit_id, to not in state.visited))
    shop = level.rooms[to].shop
    if shop and (only is None or ev.PotionOffered in only):
        owned = state.owned_ids
        offer = tuple(p.id for p in shop if p.id not in owned)
        if offer:
            events.append(ev.shared(ev.PotionOffered, room=to, potions=offer))
    return tuple(events)


def calm_state(state: GameState, to: str) -> GameState:
    """The state of `enter_calmly` (its events aside: a caller that knows what entering
    `to` reports asks only this)."""
    visited = state.visited
    if to not in visited:
        visited = (*visited, to)
    cooling_off = state.cooling_off
    return moved(state, to, visited, frozenset() if cooling_off else cooling_off)


#: Actions that do not count as one of the player's actions (waiting, quitting).
_UNCOUNTED = frozenset({act.AdvanceTime, act.Quit})


def _kind(action: object) -> str:
    kind: str = getattr(action, "type", type(action).__name__)
    return kind


def _reject(
    state: GameState, kind: str, reason: str, detail: str | None = None,
    only: frozenset[type[ev.Event]] | None = None,
) -> StepResult:
    if only is not None and ev.ActionRejected not in only:
        return StepResult(state, ())
    rejected = ev.ActionRejected.trusted(action=kind, reason=reason, detail=detail)
    return StepResult(state, (rejected,))


# -- handlers: each checks the action against the state and raises _Rejected before it
# changes anything in the draft, so an action is checked once -------------------------------
Handler = Callable[[Level, GameState, act.Action, Draft], None]


def _object_here(level: Level, state: GameState, object_id: str) -> GameObject:
    obj = level.objects.get(object_id)
    if obj is None:
        raise _Rejected("unknown_object", object_id)
    if level.object_room.get(object_id) != state.room:
        raise _Rejected("not_here", object_id)
    if not object_visible(obj, state.taken, state):
        raise _Rejected("not_visible", object_id)
    return obj


def _go(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.GoThrough)
    barrier = exit_barrier(level, state, a.exit)
    if barrier is not None:
        raise _Rejected(barrier, a.exit)
    ex = level.exits[a.exit]
    if ex.to not in level.rooms:
        raise _Rejected("unknown_room", ex.to)
    leave_room(d)
    enter_room(level, d, ex.to, via=a.exit)


def _examine(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.Examine)
    obj = _object_here(level, state, a.object)
    d.emit(ev.shared(ev.ObjectExamined, object=obj.id, room=state.room))
    if obj.id not in state.examined:  # (the draft's until now; asking it would copy it)
        d.examined.add(obj.id)
        apply_effects(level, d, obj.on_examine, obj.id)


def _take(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.Take)
    obj = _object_here(level, state, a.object)
    if obj.take is None:
        raise _Rejected("cannot_take", obj.id)
    d.taken.add(obj.id)
    if obj.take not in d.inventory:
        d.inventory.append(obj.take)
    d.emit(ev.shared(ev.ItemTaken, item=obj.take, object=obj.id))


def _use(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.UseItem)
    if a.item not in state.inventory:
        raise _Rejected("no_item", a.item)
    obj = _object_here(level, state, a.target)
    for use in obj.uses:  # (a loop, not next() over a generator: a third of the cost)
        if use.item == a.item and holds(use.condition, state):
            break
    else:
        raise _Rejected("no_effect", a.target)
    key = use_done(obj.id, a.item)
    if key in state.used:
        raise _Rejected("already_used", a.target)
    d.used.add(key)
    if use.consume and a.item in d.inventory:
        d.inventory.remove(a.item)
    d.emit(ev.ItemUsed.trusted(item=a.item, target=obj.id, consumed=use.consume))
    if use.message is not None and d.hears(ev.MessageShown):
        d.emit(ev.MessageShown(source=obj.id, text=use.message))
    apply_effects(level, d, use.on_use, obj.id)


def _puzzle_open(level: Level, state: GameState, puzzle_id: str) -> None:
    puzzle = level.puzzles.get(puzzle_id)
    if puzzle is None:
        raise _Rejected("unknown_puzzle", puzzle_id)
    if level.puzzle_room.get(puzzle_id) != state.room:
        raise _Rejected("not_here", puzzle_id)
    if puzzle_id in state.solved:
        raise _Rejected("already_solved", puzzle_id)
    if not puzzle_reachable(level, state, puzzle):
        raise _Rejected("not_visible", puzzle_id)
    if puzzle_id in state.locked_puzzles:
        raise _Rejected("puzzle_locked", puzzle_id)


def _answer(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.Answer)
    _puzzle_open(level, state, a.puzzle)
    puzzle = level.puzzles[a.puzzle]
    correct = check(puzzle, a)
    if correct is None:
        raise _Rejected("bad_answer", a.puzzle)
    attempt = d.attempts.get(puzzle.id, 0) + 1
    d.attempts[puzzle.id] = attempt
    d.emit(ev.PuzzleAttempted.trusted(puzzle=puzzle.id, kind=puzzle.kind, correct=correct,
                                      attempt=attempt))
    if correct:
        used = d.hints.get(puzzle.id, 0)
        cost = sum(h.cost for h in puzzle.hints[:used])
        points = max(0, puzzle.points - cost)
        d.solved.append(puzzle.id)
        if d.hears(ev.PuzzleSolved):
            d.emit(ev.PuzzleSolved(puzzle=puzzle.id, attempts=attempt, hints_used=used,
                                   points=points))
        d.add_score(points, f"puzzle:{puzzle.id}")
        apply_effects(level, d, puzzle.on_success, puzzle.id)
    else:
        if puzzle.max_attempts is not None and attempt >= puzzle.max_attempts:
            d.locked_puzzles.add(puzzle.id)
            if d.hears(ev.PuzzleLocked):
                d.emit(ev.PuzzleLocked(puzzle=puzzle.id))
        apply_effects(level, d, puzzle.on_failure, puzzle.id)


def _hint(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.TakeHint)
    _puzzle_open(level, state, a.puzzle)
    puzzle = level.puzzles[a.puzzle]
    index = state.hints_on(puzzle.id)
    if index >= len(puzzle.hints):
        raise _Rejected("no_more_hints", puzzle.id)
    d.hints[puzzle.id] = index + 1
    d.emit(ev.HintTaken(puzzle=puzzle.id, index=index, cost=puzzle.hints[index].cost))


def _on_offer(level: Level, state: GameState, potion_id: str) -> Potion:
    """The potion as this room's shop offers it (its premium there), or why it is not."""
    if potion_id not in level.potions:
        raise _Rejected("unknown_potion", potion_id)
    # (loops, not next() and any() over generators: asked at every purchase)
    for potion in level.rooms[state.room].shop:
        if potion.id == potion_id:
            break
    else:
        raise _Rejected("not_on_offer", potion_id)
    for owned in state.owned_potions:
        if owned.potion == potion_id:
            raise _Rejected("already_owned", potion_id)
    return potion


def _buy(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.BuyPotion)
    potion = _on_offer(level, state, a.potion)
    if state.money < potion.premium:
        raise _Rejected("cannot_afford", a.potion)
    room = level.rooms[state.room]
    # Judged against the whole shop: once the best potion is owned, the rest are not best.
    best = a.potion in level.best_value[room.id]
    d.ledger_premiums += potion.premium
    d.change_money(-potion.premium, f"premium:{potion.id}")
    d.owned_potions.append(OwnedPotion(potion.id, d.elapsed_ms))
    d.cooling_off.add(potion.id)
    if d.hears(ev.PotionBought):
        owned_before = state.owned_ids  # the state before this purchase
        d.emit(
            ev.PotionBought.trusted(
                potion=potion.id,
                premium=potion.premium,
                alternatives=tuple(p.id for p in room.shop
                                   if p.id not in owned_before and p.id != potion.id),
                best_value=best,
            )
        )
    if d.paused_in_room:  # one bonus per pause: the purchase it led to
        d.paused_in_room = False
        d.add_score(scoring.PAUSE_BONUS, f"pause:{potion.id}")
    if best:
        d.add_score(scoring.BEST_VALUE_BONUS, f"best_value:{potion.id}")
    if len(room.shop) >= 2:
        owned_now = d.owned_ids
        if owned_now.issuperset([p.id for p in room.shop]):
            d.add_score(-scoring.BUY_EVERYTHING_PENALTY, f"bought_everything:{room.id}")


def _cancel(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    """The cooling-off right: a purchase of this shop visit is undone, premium and bonus."""
    assert isinstance(a, act.CancelPurchase)
    if a.potion not in level.potions:
        raise _Rejected("unknown_potion", a.potion)
    if a.potion not in state.owned_ids:
        raise _Rejected("not_owned", a.potion)
    if a.potion not in state.cooling_off:
        raise _Rejected("cooling_off_over", a.potion)
    room = level.rooms[state.room]
    potion = level.potions[a.potion]
    premium = next((p.premium for p in room.shop if p.id == a.potion), potion.premium)
    d.cooling_off.discard(a.potion)
    d.owned_potions = [p for p in d.owned_potions if p.potion != a.potion]
    d.ledger_premiums -= premium
    d.change_money(premium, f"refund:{a.potion}")
    d.emit(ev.PurchaseCancelled(potion=a.potion, refund=premium))
    # the purchase's bonus goes back with it, so buying and cancelling earns nothing; a
    # penalty for buying everything stays (the score's floor may have eaten part of it, so
    # giving it back could pay)
    if a.potion in level.best_value[room.id]:
        d.add_score(-scoring.BEST_VALUE_BONUS, f"cancelled:{a.potion}")


def _decline(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.DeclinePotion)
    _on_offer(level, state, a.potion)
    if a.potion in state.declined_potions:
        raise _Rejected("already_declined", a.potion)
    d.declined_potions.add(a.potion)
    d.emit(ev.PotionDeclined(potion=a.potion))


def _pending(level: Level, state: GameState, threat_id: str) -> PendingWarning:
    if threat_id not in level.threats:
        raise _Rejected("unknown_threat", threat_id)
    warning = state.pending(threat_id)
    if warning is None:
        raise _Rejected("not_pending", threat_id)
    return warning


def _pause(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.PauseToThink)
    warning = _pending(level, state, a.threat)
    if warning.paused:
        raise _Rejected("already_paused", a.threat)
    d.warnings = [
        PendingWarning(w.threat, w.remaining_ms, True) if w.threat == a.threat else w
        for w in d.warnings
    ]
    d.paused_in_room = True
    d.emit(ev.ThreatPaused(threat=a.threat, remaining_ms=warning.remaining_ms))


def _face(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.FaceThreat)
    _pending(level, state, a.threat)
    resolve_threat(level, d, a.threat)


def _wait(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    assert isinstance(a, act.AdvanceTime)
    pass_time(level, d, a.ms)


def _quit(level: Level, state: GameState, a: act.Action, d: Draft) -> None:
    d.end("quit")


#: What a player does in the shop; any other counted action ends the shop visit.
_SHOPPING = (act.BuyPotion, act.DeclinePotion, act.CancelPurchase)

_HANDLERS: dict[type, Handler] = {
    act.GoThrough: _go,
    act.Examine: _examine,
    act.Take: _take,
    act.UseItem: _use,
    act.Answer: _answer,
    act.TakeHint: _hint,
    act.BuyPotion: _buy,
    act.DeclinePotion: _decline,
    act.CancelPurchase: _cancel,
    act.PauseToThink: _pause,
    act.FaceThreat: _face,
    act.AdvanceTime: _wait,
    act.Quit: _quit,
}
