"""What happens as a consequence of actions: effects, entering rooms, threats and their strikes.

These functions mutate a Draft inside one step; they are the only place the rules of effects
and threats live, so the runner, the UI and the solver all see the same consequences.
"""

from __future__ import annotations

from collections.abc import Sequence

from escape_game.core import events as ev
from escape_game.core import scoring
from escape_game.core.conditions import holds
from escape_game.core.draft import Draft
from escape_game.core.economics import cover_for, excludes
from escape_game.core.level import Level
from escape_game.core.rng import next_unit
from escape_game.core.state import GameState, PendingWarning
from escape_game.model import AfterActions, AfterTime, Effect, OnEnter, Threat
from escape_game.model import effects as fx

#: Effects can chain (go_to -> on_enter -> trigger_threat -> on_strike ...); this bounds it.
MAX_DEPTH = 32


def apply_effects(level: Level, d: Draft, effects: Sequence[Effect], source: str) -> None:
    """Apply in order; stop as soon as the game ends."""
    if d.depth >= MAX_DEPTH:
        return
    d.depth += 1
    try:
        for effect in effects:
            if d.over:
                return
            _apply(level, d, effect, source)
    finally:
        d.depth -= 1


def _apply(level: Level, d: Draft, effect: Effect, source: str) -> None:
    if isinstance(effect, fx.GiveItem):
        if effect.give_item not in d.inventory:
            d.inventory.append(effect.give_item)
            if d.hears(ev.ItemGiven):
                d.emit(ev.ItemGiven(item=effect.give_item))
    elif isinstance(effect, fx.RemoveItem):
        if effect.remove_item in d.inventory:
            d.inventory.remove(effect.remove_item)
            if d.hears(ev.ItemRemoved):
                d.emit(ev.ItemRemoved(item=effect.remove_item))
    elif isinstance(effect, fx.SetFlag):
        if effect.set_flag not in d.flags:
            d.flags.add(effect.set_flag)
            if d.hears(ev.FlagSet):
                d.emit(ev.shared(ev.FlagSet, flag=effect.set_flag))
    elif isinstance(effect, fx.ClearFlag):
        if effect.clear_flag in d.flags:
            d.flags.discard(effect.clear_flag)
            if d.hears(ev.FlagCleared):
                d.emit(ev.FlagCleared(flag=effect.clear_flag))
    elif isinstance(effect, fx.AddMoney):
        d.ledger_effects += effect.add_money
        d.change_money(effect.add_money, f"effect:{source}")
    elif isinstance(effect, fx.AddWellbeing):
        d.change_wellbeing(effect.add_wellbeing, f"effect:{source}")
    elif isinstance(effect, fx.AddScore):
        d.add_score(effect.add_score, f"effect:{source}")
    elif isinstance(effect, fx.UnlockExit):
        if effect.unlock_exit not in d.unlocked_exits:
            d.unlocked_exits.add(effect.unlock_exit)
            if d.hears(ev.ExitUnlocked):
                d.emit(ev.ExitUnlocked(exit=effect.unlock_exit))
    elif isinstance(effect, fx.ShowMessage):
        if d.hears(ev.MessageShown):
            d.emit(ev.MessageShown(source=source, text=effect.message))
    elif isinstance(effect, fx.GoTo):
        if effect.go_to in level.rooms:
            leave_room(d)
            enter_room(level, d, effect.go_to, via=None)
    elif isinstance(effect, fx.TriggerThreat):
        trigger_threat(level, d, effect.trigger_threat)
    elif isinstance(effect, fx.Escape):
        d.end("escaped")


# -- rooms -------------------------------------------------------------------------------------
def leave_room(d: Draft) -> None:
    if d.hears(ev.RoomLeft):
        d.emit(ev.RoomLeft.trusted(room=d.room, seconds_in_room=d.room_ms // 1000))


def enter_room(level: Level, d: Draft, room_id: str, via: str | None) -> None:
    """RoomEntered, then first-visit on_enter effects, the shop's offer, and enter threats."""
    room = level.rooms[room_id]
    first = not d.has_visited(room_id)
    d.room = room_id
    if first:
        d.visited.append(room_id)
    d.room_ms = 0
    d.room_actions = 0
    d.paused_in_room = False
    d.end_shop_visit()
    d.emit(ev.entered(room_id, via, first))
    if first:
        apply_effects(level, d, room.on_enter, room_id)
    # (`outcome is not None` is `d.over` without a call: every move between rooms asks)
    if d.outcome is not None or d.room != room_id:
        return
    if room.shop:
        owned = d.owned_ids
        offer = tuple(p.id for p in room.shop if p.id not in owned)
        if offer:
            d.emit(ev.shared(ev.PotionOffered, room=room_id, potions=offer))
    for threat in room.threats:
        if d.outcome is not None or d.room != room_id:
            return
        if isinstance(threat.trigger, OnEnter):
            trigger_threat(level, d, threat.id)


# -- threats -----------------------------------------------------------------------------------
def known(facts: GameState | Draft, threat_id: str) -> bool:
    """The threat has warned (and may have struck) already: each threat warns once."""
    if threat_id in facts.resolved_threats:
        return True
    for w in facts.warnings:  # noqa: SIM110 - a loop: any() over a generator costs twice as much
        if w.threat == threat_id:
            return True
    return False


def trigger_threat(level: Level, d: Draft, threat_id: str) -> None:
    """Start the warning countdown, once per threat, if its condition holds now."""
    threat = level.threats.get(threat_id)
    if threat is None or known(d, threat_id) or not holds(threat.condition, d):
        return
    seconds = threat.warning.seconds
    d.warnings.append(PendingWarning(threat=threat_id, remaining_ms=seconds * 1000))
    d.emit(ev.shared(ev.ThreatWarned, threat=threat_id, category=threat.category, seconds=seconds))
    if d.timers and seconds == 0:
        resolve_threat(level, d, threat_id)


def check_action_triggers(level: Level, d: Draft) -> None:
    for threat in level.rooms[d.room].threats:
        if d.over:
            return
        trig = threat.trigger
        if isinstance(trig, AfterActions) and d.room_actions >= trig.count:
            trigger_threat(level, d, threat.id)


def check_timer_triggers(level: Level, d: Draft) -> None:
    for threat in level.rooms[d.room].threats:
        if d.over:
            return
        trig = threat.trigger
        if isinstance(trig, AfterTime) and d.room_ms >= trig.seconds * 1000:
            trigger_threat(level, d, threat.id)


def count_down(d: Draft, ms: int) -> None:
    """Pending warnings lose ``ms``; paused ones one countdown millisecond per PAUSE_SLOWDOWN
    real ones, the remainder carried so that the pace does not depend on how time is sliced."""
    remaining: list[PendingWarning] = []
    for w in d.warnings:
        if w.paused:
            spent, carry = divmod(w.carry_ms + ms, scoring.PAUSE_SLOWDOWN)
        else:
            spent, carry = ms, 0
        left = max(0, w.remaining_ms - spent)
        remaining.append(PendingWarning(w.threat, left, w.paused, carry if left else 0))
    d.warnings = remaining


def resolve_due(level: Level, d: Draft) -> None:
    """Warnings whose countdown reached zero resolve, in the order they were shown."""
    for threat_id in [w.threat for w in d.warnings if w.remaining_ms == 0]:
        if d.over:
            return
        resolve_threat(level, d, threat_id)


def _strikes(d: Draft, threat: Threat) -> bool:
    """Likelihood 1 always strikes and 0 never does, without drawing from the generator."""
    if threat.likelihood >= 1.0:
        return True
    if threat.likelihood <= 0.0:
        return False
    d.rng, roll = next_unit(d.rng)
    return roll < threat.likelihood


def resolve_threat(level: Level, d: Draft, threat_id: str) -> None:
    """The warning is over: the threat is spared or strikes, and insurance pays if it applies."""
    d.warnings = [w for w in d.warnings if w.threat != threat_id]
    if threat_id in d.resolved_threats:
        return
    d.resolved_threats.append(threat_id)
    d.end_shop_visit()  # the risk has passed: no refund once the cover was at stake
    threat = level.threats[threat_id]
    if not _strikes(d, threat):
        if d.hears(ev.ThreatSpared):
            d.emit(ev.shared(ev.ThreatSpared, threat=threat_id))
        return
    cover = cover_for(threat, d.owned_potions, level.potions, d.elapsed_ms)
    protected = cover.potion is not None
    out_of_pocket = threat.loss - cover.payout
    wellbeing_loss = threat.wellbeing_loss // 2 if protected else threat.wellbeing_loss
    d.emit(
        ev.ThreatStruck.trusted(
            threat=threat_id,
            category=threat.category,
            protected=protected,
            potion=cover.potion,
            loss=threat.loss,
            deductible=cover.deductible,
            payout=cover.payout,
            out_of_pocket=out_of_pocket,
            not_covered_because=cover.not_covered_because,
            wellbeing_loss=wellbeing_loss,
        )
    )
    d.ledger_losses += threat.loss
    d.ledger_payouts += cover.payout
    d.change_money(-out_of_pocket, f"threat:{threat_id}")
    if protected:
        d.add_score(scoring.PROTECTED_BONUS, f"protected:{threat_id}")
    for owned in d.owned_potions:
        potion = level.potions.get(owned.potion)
        if potion and threat.category in potion.covers and excludes(potion, threat):
            d.add_score(-scoring.EXCLUDED_PENALTY, f"excluded:{owned.potion}")
    if wellbeing_loss:
        d.change_wellbeing(-wellbeing_loss, f"threat:{threat_id}")
    if not d.over:
        apply_effects(level, d, threat.on_strike, threat_id)


def check_time_limits(level: Level, d: Draft) -> None:
    """Only called with timers on: a room's or the campaign's limit ends the game."""
    room = level.rooms[d.room]
    if room.time_limit is not None and d.room_ms >= room.time_limit * 1000:
        d.emit(ev.TimeRanOut(room=d.room))
        d.end("out_of_time")
        return
    limit = level.campaign.start.time_limit
    if limit is not None and d.elapsed_ms >= limit * 1000:
        d.emit(ev.TimeRanOut(room=None))
        d.end("out_of_time")



