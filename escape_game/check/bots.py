"""Playtest personas: seeded players who play with timers on and let realistic time pass.

Each persona picks one action at a time from what it can see; reading and thinking time is
sent to the core as AdvanceTime before the action, so warnings count down and time limits
bite as they would for a class.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from escape_game.check.explore import plausible_actions
from escape_game.check.losses import LossNotes, observe
from escape_game.check.solutions import correct_answer, wrong_answer
from escape_game.core import actions as act
from escape_game.core import events as ev
from escape_game.core.economics import (
    best_value,
    covers,
    flash_offer,
    on_the_label,
    payout,
)
from escape_game.core.level import Level
from escape_game.core.queries import (
    exit_open,
    pending_threats,
    shop,
    visible_exits,
    visible_objects,
    visible_puzzles,
)
from escape_game.core.rules import new_game, step
from escape_game.core.state import GameState, use_done
from escape_game.model import Threat

#: A decision: the action, and the game milliseconds spent reading and thinking before it.
Decision = tuple[act.Action, int]
Policy = Callable[[Level, GameState, random.Random], Decision]


@dataclass(frozen=True)
class Persona:
    name: str
    description: str
    policy: Policy
    max_actions: int = 300


@dataclass
class GameRecord:
    """One seeded game of one persona, summed up from the core's events."""

    persona: str
    seed: int
    outcome: str
    actions: int
    elapsed_ms: int
    money: Decimal
    wellbeing: int
    potions_bought: int = 0
    threats_struck: int = 0
    threats_protected: int = 0
    hints: int = 0
    wrong_answers: int = 0
    rejected: int = 0
    bought: list[str] = field(default_factory=list)
    notes: LossNotes = field(default_factory=LossNotes)
    """What the game shows about why it was lost (see check.losses)."""


def _covered(level: Level, state: GameState, threat: Threat) -> bool:
    """An owned potion covers the threat, now or once its waiting period is over (a careful
    player does not buy a second one meanwhile)."""
    return any(covers(level.potions[p], threat) for p in state.owned_ids if p in level.potions)


def _look_around(level: Level, state: GameState, rng: random.Random) -> act.Action:
    """Stuck players click on something again (a turn passes), or wait."""
    objects = visible_objects(level, state)
    return act.Examine(object=rng.choice(objects).id) if objects else act.AdvanceTime(ms=0)


def _explore(level: Level, state: GameState, rng: random.Random) -> act.Action | None:
    """Take, use, and leave toward rooms not seen yet (shared by the goal-directed players)."""
    for obj in visible_objects(level, state):
        if obj.take is not None:
            return act.Take(object=obj.id)
        for use in obj.uses:
            if use.item in state.inventory and use_done(obj.id, use.item) not in state.used:
                return act.UseItem(item=use.item, target=obj.id)
    return None


def _leave(level: Level, state: GameState, rng: random.Random) -> act.Action | None:
    exits = [e for e in visible_exits(level, state) if exit_open(level, state, e.id)]
    if not exits:
        return None
    fresh = [e for e in exits if e.to not in state.visited]
    return act.GoThrough(exit=rng.choice(fresh or exits).id)


def _puzzle(level: Level, state: GameState) -> tuple[str, act.Answer] | None:
    for puzzle in visible_puzzles(level, state):
        if puzzle.id in state.locked_puzzles:
            continue
        answer = correct_answer(puzzle)
        if answer is not None:
            return puzzle.id, answer
    return None


def careful(level: Level, state: GameState, rng: random.Random) -> Decision:
    """Reads everything, pauses on every warning, buys the best value, answers correctly."""
    for warning in pending_threats(level, state):
        if not warning.paused:
            return act.PauseToThink(threat=warning.threat), 5_000
        threat = level.threats[warning.threat]
        offer = [p for p in shop(level, state) if covers(p, threat)]
        affordable = [p for p in offer if p.premium <= state.money]
        if affordable and not _covered(level, state, threat):
            pick = max(affordable, key=lambda p: payout(p, threat.loss) - p.premium)
            return act.BuyPotion(potion=pick.id), 20_000
    for obj in visible_objects(level, state):
        if obj.id not in state.examined:
            return act.Examine(object=obj.id), 8_000
    offer = shop(level, state)
    undecided = [p for p in offer if p.id not in state.declined_potions]
    if undecided:
        room = level.rooms[state.room]
        best = best_value(offer, room.threats)
        for potion in undecided:
            needed = any(
                covers(potion, t) and not _covered(level, state, t) for t in room.threats
            )
            if potion.id in best and needed and potion.premium <= state.money:
                return act.BuyPotion(potion=potion.id), 25_000
        return act.DeclinePotion(potion=undecided[0].id), 5_000
    found = _explore(level, state, rng)
    if found is not None:
        return found, 4_000
    puzzle = _puzzle(level, state)
    if puzzle is not None:
        pid, answer = puzzle
        if state.hints_on(pid) == 0 and level.puzzles[pid].hints and rng.random() < 0.1:
            return act.TakeHint(puzzle=pid), 10_000
        return answer, 30_000
    if pending_threats(level, state):
        return act.FaceThreat(threat=pending_threats(level, state)[0].threat), 3_000
    leave = _leave(level, state, rng)
    return (leave, 3_000) if leave is not None else (_look_around(level, state, rng), 10_000)


def hasty(level: Level, state: GameState, rng: random.Random) -> Decision:
    """Buys what looks cheapest on the label, skips the fine print, sometimes guesses first;
    takes the shop's one-click flash offer when a warning finds it without a potion whose
    label names the risk."""
    for warning in pending_threats(level, state):
        threat = level.threats[warning.threat]
        if any(threat.category in level.potions[p].covers
               for p in state.owned_ids if p in level.potions):
            continue  # the label says it is covered
        flash = flash_offer(shop(level, state), state.owned_ids, threat)
        if flash is not None and flash.premium <= state.money:
            return act.BuyPotion(potion=flash.id), 1_000
    offer = shop(level, state)
    room = level.rooms[state.room]
    bought_here = any(p.id in state.owned_ids for p in room.shop)
    if offer and not bought_here:
        pick = on_the_label(offer)
        if pick.premium <= state.money:
            return act.BuyPotion(potion=pick.id), 3_000
    for obj in visible_objects(level, state):
        if obj.id not in state.examined and (obj.on_examine or obj.puzzle):
            return act.Examine(object=obj.id), 2_000
    found = _explore(level, state, rng)
    if found is not None:
        return found, 2_000
    for puzzle in visible_puzzles(level, state):
        if puzzle.id in state.locked_puzzles:
            continue
        answer = correct_answer(puzzle)
        if answer is None:
            continue
        if state.attempts_on(puzzle.id) == 0 and rng.random() < 0.3:
            return wrong_answer(puzzle), 6_000
        return answer, 8_000
    leave = _leave(level, state, rng)
    if leave is not None:
        return leave, 2_000
    pending = pending_threats(level, state)
    if pending:
        return act.FaceThreat(threat=pending[0].threat), 1_000
    return _look_around(level, state, rng), 3_000


def wanderer(level: Level, state: GameState, rng: random.Random) -> Decision:
    """Uniform over what a player could try now that the game accepts (the one list of
    :func:`~escape_game.check.explore.plausible_actions`, waits excepted), never quits."""
    valid = [a for a in plausible_actions(level, state)
             if not isinstance(a, act.AdvanceTime)
             and not any(isinstance(e, ev.ActionRejected) for e in step(level, state, a).events)]
    if not valid:
        return act.AdvanceTime(ms=0), 10_000
    return rng.choice(valid), 5_000


PERSONAS: dict[str, Persona] = {
    "careful": Persona("careful", "examines everything, pauses on threats, buys best value",
                       careful),
    "hasty": Persona("hasty", "buys what looks cheapest on the label, skips fine print, "
                     "guesses sometimes", hasty),
    "random": Persona("random", "uniform over valid actions, at most 150 actions", wanderer,
                      max_actions=150),
}


def play(level: Level, persona: Persona, seed: int) -> GameRecord:
    """One game with timers on: time passes before every action, as it would in class."""
    rng = random.Random(f"{persona.name}:{seed}")
    state = new_game(level, seed, timers=True).state
    record = GameRecord(persona.name, seed, "unfinished", 0, 0, state.money, state.wellbeing)
    record.notes.room = state.room
    decisions = 0
    while not state.over and decisions < persona.max_actions:
        decisions += 1
        action, think = persona.policy(level, state, rng)
        for a in (act.AdvanceTime(ms=think), action):
            result = step(level, state, a)
            observe(record.notes, level, state, result.state, result.events)
            state = result.state
            _tally(record, result.events)
            if state.over:
                break
        if not isinstance(action, act.AdvanceTime):
            record.actions += 1
    record.outcome = state.outcome or "unfinished"
    record.elapsed_ms = state.elapsed_ms
    record.money = state.money - state.debt
    record.wellbeing = state.wellbeing
    return record


def _tally(record: GameRecord, events: tuple[ev.Event, ...]) -> None:
    for e in events:
        if isinstance(e, ev.PotionBought):
            record.potions_bought += 1
            record.bought.append(e.potion)
        elif isinstance(e, ev.PurchaseCancelled):
            record.potions_bought -= 1
            record.bought.remove(e.potion)
        elif isinstance(e, ev.ThreatStruck):
            record.threats_struck += 1
            record.threats_protected += e.protected
        elif isinstance(e, ev.HintTaken):
            record.hints += 1
        elif isinstance(e, ev.PuzzleAttempted) and not e.correct:
            record.wrong_answers += 1
        elif isinstance(e, ev.ActionRejected):
            record.rejected += 1
