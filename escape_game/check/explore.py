"""Actions worth trying in a state: for random playtests, property tests and benchmarks.

``plausible_actions`` lists what a curious player could do now (right and wrong answers
included); ``every_action`` lists actions built from all the level's ids, mostly impossible.
"""

from __future__ import annotations

from escape_game.check.solutions import correct_answer, wrong_answer
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

WAITS = (250, 2_000, 10_000, 45_000)


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
        right = correct_answer(puzzle)
        out += [*([right] if right is not None else []), wrong_answer(puzzle),
                a.TakeHint(puzzle=puzzle.id)]
    for potion in shop(level, state):
        out += [a.BuyPotion(potion=potion.id), a.DeclinePotion(potion=potion.id)]
    out.extend(a.CancelPurchase(potion=p) for p in sorted(state.cooling_off))
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
        right = correct_answer(puzzle)
        out += [*([right] if right is not None else []), wrong_answer(puzzle),
                a.TakeHint(puzzle=puzzle.id), a.Answer(puzzle=puzzle.id)]
    for potion in level.potions:
        out += [a.BuyPotion(potion=potion), a.DeclinePotion(potion=potion),
                a.CancelPurchase(potion=potion)]
    for threat in level.threats:
        out += [a.PauseToThink(threat=threat), a.FaceThreat(threat=threat)]
    out += [a.AdvanceTime(ms=0), a.AdvanceTime(ms=3_600_000), a.Quit()]
    return out
