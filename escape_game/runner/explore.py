"""Actions worth trying in a state: for random playtests, property tests and benchmarks.

``plausible_actions`` lists what a curious player could do now (right and wrong answers
included); ``every_action`` lists actions built from all the level's ids, mostly impossible.
"""

from __future__ import annotations

from decimal import Decimal

from escape_game.core import (
    Action,
    GameState,
    Level,
    pending_threats,
    shop,
    visible_exits,
    visible_objects,
    visible_puzzles,
)
from escape_game.core import actions as a
from escape_game.model import (
    Budget,
    CodeLock,
    Matching,
    MultipleChoice,
    Ordering,
    ProductComparison,
    Puzzle,
    SingleChoice,
)

WAITS = (250, 2_000, 10_000, 45_000)


def correct_answer(puzzle: Puzzle) -> a.Answer:
    """The answer the level's data says is right (budgets: each minimum, rest on the first)."""
    if isinstance(puzzle, CodeLock):
        return a.Answer(puzzle=puzzle.id, code=puzzle.code)
    if isinstance(puzzle, SingleChoice | ProductComparison):
        return a.Answer(puzzle=puzzle.id, choice=puzzle.answer)
    if isinstance(puzzle, MultipleChoice):
        return a.Answer(puzzle=puzzle.id, choices=puzzle.answers)
    if isinstance(puzzle, Ordering):
        return a.Answer(puzzle=puzzle.id, choices=puzzle.answer)
    if isinstance(puzzle, Matching):
        return a.Answer(puzzle=puzzle.id, pairs=dict(puzzle.answer))
    assert isinstance(puzzle, Budget)
    amounts = {c.id: Decimal(c.min) for c in puzzle.categories}
    rest = puzzle.total - sum(amounts.values(), Decimal(0))
    for cat in puzzle.categories:  # pour the rest into categories up to their maximum
        room = rest if cat.max is None else min(rest, cat.max - amounts[cat.id])
        if room > 0:
            amounts[cat.id] += room
            rest -= room
    return a.Answer(puzzle=puzzle.id, amounts=amounts)


def wrong_answer(puzzle: Puzzle) -> a.Answer:
    """A plausible mistake of the right shape."""
    if isinstance(puzzle, CodeLock):
        return a.Answer(puzzle=puzzle.id, code="0" if puzzle.code != "0" else "1")
    if isinstance(puzzle, SingleChoice):
        other = next(o.id for o in puzzle.options if o.id != puzzle.answer)
        return a.Answer(puzzle=puzzle.id, choice=other)
    if isinstance(puzzle, ProductComparison):
        return a.Answer(puzzle=puzzle.id, choice=puzzle.products[0]
                        if puzzle.products[0] != puzzle.answer else puzzle.products[1])
    if isinstance(puzzle, MultipleChoice):
        return a.Answer(puzzle=puzzle.id, choices=tuple(o.id for o in puzzle.options))
    if isinstance(puzzle, Ordering):
        return a.Answer(puzzle=puzzle.id, choices=tuple(reversed(puzzle.answer)))
    if isinstance(puzzle, Matching):
        return a.Answer(puzzle=puzzle.id, pairs={k: "nothing" for k in puzzle.answer})
    assert isinstance(puzzle, Budget)
    return a.Answer(puzzle=puzzle.id, amounts={c.id: Decimal(0) for c in puzzle.categories})


def plausible_actions(level: Level, state: GameState) -> list[Action]:
    """What a player could sensibly try now, in level order (deterministic)."""
    out: list[Action] = []
    for obj in visible_objects(level, state):
        out.append(a.Examine(object=obj.id))
        if obj.take is not None:
            out.append(a.Take(object=obj.id))
        out.extend(a.UseItem(item=u.item, target=obj.id)
                   for u in obj.uses if u.item in state.inventory)
    out.extend(a.GoThrough(exit=e.id) for e in visible_exits(level, state))
    for puzzle in visible_puzzles(level, state):
        out += [correct_answer(puzzle), wrong_answer(puzzle), a.TakeHint(puzzle=puzzle.id)]
    for potion in shop(level, state):
        out += [a.BuyPotion(potion=potion.id), a.DeclinePotion(potion=potion.id)]
    for warning in pending_threats(level, state):
        out += [a.PauseToThink(threat=warning.threat), a.FaceThreat(threat=warning.threat)]
    out.extend(a.AdvanceTime(ms=ms) for ms in WAITS)
    return out


def every_action(level: Level) -> list[Action]:
    """One action of each kind per id in the level, possible or not, and a quit."""
    out: list[Action] = []
    for obj in level.objects:
        out += [a.Examine(object=obj), a.Take(object=obj)]
        out.extend(a.UseItem(item=item, target=obj) for item in level.items)
    out.extend(a.GoThrough(exit=e) for e in level.exits)
    for puzzle in level.puzzles.values():
        out += [correct_answer(puzzle), wrong_answer(puzzle), a.TakeHint(puzzle=puzzle.id),
                a.Answer(puzzle=puzzle.id)]
    for potion in level.potions:
        out += [a.BuyPotion(potion=potion), a.DeclinePotion(potion=potion)]
    for threat in level.threats:
        out += [a.PauseToThink(threat=threat), a.FaceThreat(threat=threat)]
    out += [a.AdvanceTime(ms=0), a.AdvanceTime(ms=3_600_000), a.Quit()]
    return out
