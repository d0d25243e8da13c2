"""Why playtest bots lose: each unprotected strike and each game not escaped gets a cause.

A balance table says the careful player ends poorer than the hasty one; it does not say why.
While a bot plays, every threat that strikes without cover is classified from the state just
before it (no cover exists, none affordable, cover declined, struck before any purchase, cover
sold elsewhere...), and the time each persona takes from entering a room to its first purchase
is measured, so that "its warning, 15 s, is shorter than the time to read the shop, about 25 s"
is a measured statement, not a guess.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import TYPE_CHECKING

from escape_game.core import events as ev
from escape_game.core.level import Level
from escape_game.core.state import GameState

if TYPE_CHECKING:
    from escape_game.check.bots import GameRecord

TOP_REASONS = 3


@dataclass(frozen=True)
class Strike:
    """One threat that struck without cover, and why, from the state before it."""

    threat: str
    room: str
    cause: str
    detail: tuple[str, ...] = ()


@dataclass
class LossNotes:
    """What one game showed: strikes without cover, and times to the first purchase."""

    strikes: list[Strike] = field(default_factory=list)
    shop_read_ms: list[int] = field(default_factory=list)
    room: str = ""
    entered_ms: int = 0
    bought_here: bool = False
    last_struck: str = ""


def observe(notes: LossNotes, level: Level, before: GameState, after: GameState,
            events: Sequence[ev.Event]) -> None:
    """Note what one step shows about losing (called by the bots after every step)."""
    for event in events:
        if isinstance(event, ev.RoomEntered):
            notes.room, notes.entered_ms, notes.bought_here = event.room, after.elapsed_ms, False
        elif isinstance(event, ev.PotionBought):
            if not notes.bought_here and level.rooms[notes.room or after.room].shop:
                notes.shop_read_ms.append(after.elapsed_ms - notes.entered_ms)
            notes.bought_here = True
        elif isinstance(event, ev.ThreatStruck):
            notes.last_struck = event.threat
            if not event.protected:
                notes.strikes.append(_classify(level, before, event, notes.bought_here))


def _classify(level: Level, before: GameState, event: ev.ThreatStruck,
              bought_here: bool) -> Strike:
    room = before.room
    covering = [p for p in level.potions.values() if event.category in p.covers]
    if not covering:
        return Strike(event.threat, room, "no_cover", (event.category,))
    owned = [p.id for p in covering if p.id in before.owned_ids]
    if owned:
        return Strike(event.threat, room, "cover_failed",
                      (owned[0], event.not_covered_because or "it did not apply"))
    here = [p for p in level.rooms[room].shop if event.category in p.covers]
    if here:
        cheapest = min(here, key=lambda p: p.premium)
        if cheapest.premium > before.money:
            return Strike(event.threat, room, "too_poor",
                          (cheapest.id, str(cheapest.premium), str(before.money)))
        declined = [p.id for p in here if p.id in before.declined_potions]
        if declined:
            return Strike(event.threat, room, "declined", tuple(declined))
        if not bought_here:
            return Strike(event.threat, room, "before_purchase")
        return Strike(event.threat, room, "bought_other", (event.category,))
    rooms = sorted({r.id for r in level.rooms.values()
                    for p in r.shop if event.category in p.covers})
    passed = [r for r in rooms if r in before.visited]
    if passed:
        return Strike(event.threat, room, "passed_shop", tuple(passed))
    return Strike(event.threat, room, "sold_later", tuple(rooms))


def _seconds(ms: float) -> str:
    return f"{round(ms / 1000)} s"


def _sentence(level: Level, strike: Strike, games: int, total: int,
              read_ms: list[int]) -> str:
    threat = level.threats.get(strike.threat)
    warn = threat.warning.seconds if threat is not None else 0
    head = f"{strike.threat} struck without cover in {games}/{total} games"
    d = strike.detail
    if strike.cause == "before_purchase":
        head = f"{strike.threat} struck before any purchase in {games}/{total} games"
        if read_ms:
            took = median(read_ms)
            if warn * 1000 < took:
                return (f"{head}: its warning, {warn} s, is shorter than the time to read the "
                        f"shop, about {_seconds(took)}")
            return (f"{head}, although its warning, {warn} s, is longer than the time this "
                    f"player takes to buy elsewhere, about {_seconds(took)}")
        return f"{head}: its warning lasts {warn} s and this player never bought anything"
    if strike.cause == "no_cover":
        risk = next((r for r in level.campaign.risks if r.id == d[0]), None)
        if risk is not None and not risk.insurable:
            return f"{head}: its risk '{d[0]}' cannot be insured (as the level says)"
        return f"{head}: no potion of the level covers its risk '{d[0]}'"
    if strike.cause == "cover_failed":
        return f"{head}: the potion owned, {d[0]}, did not pay ({d[1]})"
    if strike.cause == "too_poor":
        return (f"{head}: the cheapest cover on sale, {d[0]}, costs {d[1]} and the player had "
                f"{d[2]}")
    if strike.cause == "declined":
        return f"{head}: the player declined the cover on sale ({', '.join(d)})"
    if strike.cause == "bought_other":
        return f"{head}: the player bought cover here, but none for '{d[0]}'"
    if strike.cause == "passed_shop":
        return f"{head}: its cover was on sale in {', '.join(d)}, left without buying it"
    return (f"{head}: its cover is sold only in {', '.join(d)}, which the player reaches "
            "after it strikes")


def _ending(record: GameRecord) -> tuple[str, str] | None:
    if record.outcome == "escaped":
        return None
    notes: LossNotes = record.notes
    where = notes.room or "?"
    if record.outcome == "out_of_time":
        return ("out_of_time", f"ran out of time in room {where}")
    if record.outcome == "exhausted":
        after = f" after {notes.last_struck} struck" if notes.last_struck else ""
        return ("exhausted", f"ended exhausted in room {where}{after}")
    if record.outcome == "unfinished":
        return ("unfinished", f"had not escaped after {record.actions} actions (room {where})")
    return (record.outcome, f"ended '{record.outcome}' in room {where}")


def loss_reasons(level: Level, records: Sequence[GameRecord],
                 top: int = TOP_REASONS) -> list[str]:
    """The commonest causes of losses for one persona, most frequent first, in words."""
    total = len(records)
    read_ms = [ms for r in records for ms in r.notes.shop_read_ms]
    by_cause: Counter[tuple[str, str, str, tuple[str, ...]]] = Counter()
    example: dict[tuple[str, str, str, tuple[str, ...]], Strike] = {}
    for record in records:
        seen = set()
        for strike in record.notes.strikes:
            key = (strike.threat, strike.room, strike.cause,
                   strike.detail if strike.cause not in ("too_poor",) else strike.detail[:2])
            if key not in seen:
                seen.add(key)
                by_cause[key] += 1
                example.setdefault(key, strike)
    endings: Counter[str] = Counter()
    for record in records:
        ending = _ending(record)
        if ending is not None:
            endings[ending[1]] += 1
    ranked: list[tuple[int, str]] = [
        (count, _sentence(level, example[key], count, total, read_ms))
        for key, count in by_cause.items()]
    ranked += [(count, f"{text} in {count}/{total} games") for text, count in endings.items()]
    ranked.sort(key=lambda pair: (-pair[0], pair[1]))
    return [text for _, text in ranked[:top]]

