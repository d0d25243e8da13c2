"""Time passing: a wait is cut at every moment something is due, so slicing never matters.

A front end sends one wait per frame and a checker sends one long wait; both must reach the
same state. So a wait is never judged at its end: it is cut at each moment inside it where a
warning runs out (the threat strikes then, with the clock showing that moment), a waiting
period ends, a timed trigger fires or a time limit is reached, and each of those moments is
settled in turn. The game ending stops the clock at that moment.
"""

from __future__ import annotations

from escape_game.core import scoring
from escape_game.core.draft import Draft
from escape_game.core.level import Level
from escape_game.core.resolution import (
    check_time_limits,
    check_timer_triggers,
    count_down,
    resolve_due,
)
from escape_game.core.state import PendingWarning
from escape_game.model import AfterTime


def pass_time(level: Level, d: Draft, ms: int) -> None:
    """Advance the clock by ``ms``, settling every moment inside the wait in order."""
    left = ms
    while True:
        due = next_moment(level, d)
        chunk = left if due is None else min(left, due)
        d.elapsed_ms += chunk
        d.room_ms += chunk
        left -= chunk
        _settle(level, d, chunk)
        if left <= 0 or d.over:
            return


def _settle(level: Level, d: Draft, ms: int) -> None:
    """What is due now: warnings at zero resolve, then timed triggers, then time limits."""
    if d.timers:
        count_down(d, ms)
        resolve_due(level, d)
    if not d.over:
        check_timer_triggers(level, d)
    if d.timers and not d.over:
        check_time_limits(level, d)


def until_due(w: PendingWarning) -> int:
    """Real milliseconds until a warning runs out (a paused one counts down more slowly)."""
    if w.paused:
        return w.remaining_ms * scoring.PAUSE_SLOWDOWN - w.carry_ms
    return w.remaining_ms


def next_moment(level: Level, d: Draft) -> int | None:
    """Milliseconds from now to the next moment that can change the game, if any is ahead."""
    ahead: list[int] = []
    room = level.rooms[d.room]
    for threat in room.threats:
        trig = threat.trigger
        if isinstance(trig, AfterTime):
            ahead.append(trig.seconds * 1000 - d.room_ms)
    if d.timers:
        ahead.extend(until_due(w) for w in d.warnings)
        for owned in d.owned_potions:
            potion = level.potions.get(owned.potion)
            if potion is not None:
                ahead.append(owned.bought_ms + potion.waiting_period * 1000 - d.elapsed_ms)
        if room.time_limit is not None:
            ahead.append(room.time_limit * 1000 - d.room_ms)
        limit = level.campaign.start.time_limit
        if limit is not None:
            ahead.append(limit * 1000 - d.elapsed_ms)
    future = [delay for delay in ahead if delay > 0]
    return min(future) if future else None
