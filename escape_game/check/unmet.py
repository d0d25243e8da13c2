"""What the shortest way out never meets: threats that never warn or strike on it, and objects
that do something (give an item, open a puzzle, take an item, have effects) but are never
touched. A player can then finish without the lesson they carry, which a teacher should know.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from escape_game.check.moves import Move
from escape_game.check.report import Finding
from escape_game.core.level import Level
from escape_game.core.state import GameState, use_done


def met_on(level: Level, state: GameState) -> tuple[set[str], set[str], set[str]]:
    """(threats that warned or struck, objects examined, taken, used or whose puzzle was
    tried, rooms entered) along the play that led to `state`, read from what the state
    keeps of them: a threat warns before it strikes and is then resolved, every answer is
    counted in the attempts, and examinations, takings, uses and visits are all kept. (The
    shortest way out was played again to read its events before: the same sets.)"""
    threats = set(state.resolved_threats) | {w.threat for w in state.warnings}
    objects = set(state.examined) | set(state.taken)
    tried = {puzzle for puzzle, _ in state.attempts}
    for obj in level.objects.values():
        if obj.puzzle in tried or any(use_done(obj.id, u.item) in state.used for u in obj.uses):
            objects.add(obj.id)
    return threats, objects, set(state.visited)


def punishments(level: Level) -> set[str]:
    """Threats started only by a wrong answer: the best play avoids them by design."""
    on_failure: set[str] = set()
    elsewhere: set[str] = set()
    for room in level.campaign.rooms:
        for puzzle in room.puzzles:
            on_failure.update(getattr(e, "trigger_threat", None) or "" for e in puzzle.on_failure)
            elsewhere.update(getattr(e, "trigger_threat", None) or "" for e in puzzle.on_success)
        for obj in room.objects:
            elsewhere.update(getattr(e, "trigger_threat", None) or "" for e in obj.on_examine)
            for use in obj.uses:
                elsewhere.update(getattr(e, "trigger_threat", None) or "" for e in use.on_use)
        elsewhere.update(getattr(e, "trigger_threat", None) or "" for e in room.on_enter)
    return on_failure - elsewhere - {""}


def unmet(level: Level, path: Sequence[Move], end: GameState) -> Iterator[Finding]:
    """Findings about the shortest way out `path`, which ends in state `end`."""
    threats, objects, rooms = met_on(level, end)
    skipped = punishments(level)
    room_of = {t.id: r.id for r in level.campaign.rooms for t in r.threats}
    for threat in level.threats.values():
        if threat.id in threats or threat.id in skipped:
            continue
        room = room_of.get(threat.id, "?")
        if room not in rooms:
            why = f"its room '{room}' is not on the way"
        else:
            trigger = threat.trigger.when
            extra = getattr(threat.trigger, "count", None) or getattr(threat.trigger, "seconds",
                                                                      None)
            when = f"on {trigger} {extra}" if extra else f"on {trigger}"
            cond = " and only under its condition" if threat.condition is not None else ""
            why = (f"it passes through '{room}' but leaves or escapes before the threat starts "
                   f"({when}{cond})")
        yield Finding(
            "threat_off_shortest_way", "warning",
            f"the shortest way out ({len(path)} moves) never meets threat '{threat.id}': {why}; "
            "a quick player escapes without its lesson; if it matters, put it on the way "
            "(e.g. trigger it on entering a room every player passes through)",
            threat.id, "threat")
    for obj in level.objects.values():
        active = obj.take or obj.puzzle or obj.uses or obj.on_examine
        if active and obj.id not in objects:
            yield Finding(
                "object_off_shortest_way", "warning",
                f"the shortest way out never uses object '{obj.id}': a player can escape "
                "without it; make it needed (e.g. its item opens the way) if it matters",
                obj.id, "object")
