"""What a map of a level shows, gathered from the campaign and, when given, the checker.

Each room becomes a box of lines (exits with their conditions, puzzles, objects with the items
they give or take, threats, the shop), each line with a status the checker proved: fine,
unreachable, dead end, or a warning. The drawing is another module's business.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from escape_game.model import Campaign, Condition, Effect, Room, text_in
from escape_game.model.effects import GiveItem

#: statuses, from best to worst; a room or line shows the worst that applies
STATUSES = ("ok", "warning", "dead_end", "unreachable")
#: checker finding codes -> status of the entity they name
FINDING_STATUS = {
    "unreachable_room": "unreachable", "unreachable_object": "unreachable",
    "unreachable_puzzle": "unreachable", "exit_never_opens": "unreachable",
    "dead_end": "dead_end", "losing_move": "dead_end", "no_answer": "dead_end",
    "unwinnable": "dead_end", "uncovered_threat": "warning",
    "unaffordable_potion": "warning", "concept_skippable": "warning",
    "concept_never_met": "warning", "threat_off_shortest_way": "warning",
    "object_off_shortest_way": "warning",
}


@dataclass
class Line:
    """One line of a room box: what it is, what it says, and how the checker saw it."""

    kind: str  # exit | puzzle | object | threat | potion | enter
    text: str
    status: str = "ok"
    note: str = ""
    """What the checker said about it, for a tooltip."""


@dataclass
class RoomFacts:
    id: str
    title: str
    lines: list[Line] = field(default_factory=list)
    status: str = "ok"
    start: bool = False
    escape: bool = False
    depth: int | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class ExitFacts:
    id: str
    source: str
    target: str
    label: str
    status: str = "ok"
    conditional: bool = False


@dataclass
class MapFacts:
    title: str
    rooms: list[RoomFacts]
    exits: list[ExitFacts]
    items: list[str]
    """One line per item: where it is found and where it is used."""
    verdict: str = ""


def _worse(a: str, b: str) -> str:
    return a if STATUSES.index(a) >= STATUSES.index(b) else b


def condition_text(condition: Condition | BaseModel | None) -> str:
    """A condition in a compact form a teacher can read: `has_item note and has_flag open`."""
    if condition is None:
        return ""
    data = condition.model_dump(mode="json", exclude_none=True, by_alias=True)
    return _cond(data)


def _cond(data: Any) -> str:
    if isinstance(data, dict) and len(data) == 1:
        (key, value), = data.items()
        if key in ("all", "any") and isinstance(value, list):
            joined = f" {'and' if key == 'all' else 'or'} ".join(_cond(v) for v in value)
            return f"({joined})"
        if key == "not":
            return f"not {_cond(value)}"
        return f"{key} {value}"
    return str(data)


def effect_text(effect: Effect) -> str:
    """`give_item note`, `unlock_exit to_office`; texts (messages) are named, not quoted."""
    data = effect.model_dump(mode="json", exclude_none=True, by_alias=True)
    return ", ".join(k if v is True or isinstance(v, dict | list) else f"{k} {v}"
                     for k, v in data.items())


def _unlockers(campaign: Campaign) -> dict[str, list[str]]:
    """exit id -> what unlocks it ('puzzle door_code', 'object desk (uses key)')."""
    found: dict[str, list[str]] = {}

    def scan(effects: Iterable[Effect], who: str) -> None:
        for effect in effects:
            target = getattr(effect, "unlock_exit", None)
            if target:
                found.setdefault(target, []).append(who)

    for room in campaign.rooms:
        scan(room.on_enter, f"entering {room.id}")
        for puzzle in room.puzzles:
            scan(puzzle.on_success, f"puzzle {puzzle.id}")
        for obj in room.objects:
            scan(obj.on_examine, f"examining {obj.id}")
            for use in obj.uses:
                scan(use.on_use, f"{use.item} on {obj.id}")
        for threat in room.threats:
            scan(threat.on_strike, f"threat {threat.id}")
    return found


def _has_escape(room: Room) -> bool:
    effects: list[Effect] = list(room.on_enter)
    for puzzle in room.puzzles:
        effects.extend(puzzle.on_success)
    for obj in room.objects:
        effects.extend(obj.on_examine)
        for use in obj.uses:
            effects.extend(use.on_use)
    return any(getattr(e, "escape", None) for e in effects)


def _items(campaign: Campaign, lang: str) -> list[str]:
    found: dict[str, list[str]] = {i.id: [] for i in campaign.items}
    used: dict[str, list[str]] = {i.id: [] for i in campaign.items}
    for room in campaign.rooms:
        for obj in room.objects:
            if obj.take:
                found.setdefault(obj.take, []).append(f"{room.id}/{obj.id}")
            for use in obj.uses:
                used.setdefault(use.item, []).append(f"{room.id}/{obj.id}")
            for effect in obj.on_examine:
                if isinstance(effect, GiveItem):
                    found.setdefault(effect.give_item, []).append(f"{room.id}/{obj.id}")
        for puzzle in room.puzzles:
            for effect in puzzle.on_success:
                if isinstance(effect, GiveItem):
                    found.setdefault(effect.give_item, []).append(f"{room.id}/{puzzle.id}")
    for item, where in _conditions_on_items(campaign):
        used.setdefault(item, []).append(where)
    lines = []
    names = {i.id: text_in(i.name, lang) for i in campaign.items}
    for item in sorted(set(found) | set(used)):
        where = ", ".join(found.get(item, [])) or "nowhere"
        uses = ", ".join(dict.fromkeys(used.get(item, [])))
        name = names.get(item, item)
        lines.append(f"{item} ({name}): found at {where}; "
                     + (f"used at {uses}" if uses else "never used nor tested"))
    return lines


def _conditions_on_items(campaign: Campaign) -> list[tuple[str, str]]:
    """(item, 'room/entity (tested)') for every has_item condition, wherever it is written."""
    from escape_game.loading.walk import all_models
    from escape_game.model import Entity
    from escape_game.model.conditions import HasItem

    by_path = dict(all_models(campaign))
    out = []
    for path, model in by_path.items():
        if not isinstance(model, HasItem):
            continue
        room = by_path.get(path[:2])
        owner = next((by_path[path[:i]] for i in range(len(path) - 1, 2, -1)
                      if isinstance(by_path.get(path[:i]), Entity)), None)
        if isinstance(room, Room):
            name = f"{room.id}/{owner.id}" if isinstance(owner, Entity) else room.id
            out.append((model.has_item, f"{name} (tested)"))
    return out


def _depths(campaign: Campaign) -> dict[str, int]:
    """Rooms by the fewest exits from the start (rooms no exit reaches have none)."""
    depth = {campaign.start.room: 0}
    queue = deque([campaign.start.room])
    rooms = {r.id: r for r in campaign.rooms}
    go_to: dict[str, list[str]] = {}
    for room in campaign.rooms:
        for effect in (*room.on_enter, *(e for p in room.puzzles for e in p.on_success)):
            target = getattr(effect, "go_to", None)
            if target:
                go_to.setdefault(room.id, []).append(target)
    while queue:
        here = queue.popleft()
        found = rooms.get(here)
        if found is None:
            continue
        for target in [ex.to for ex in found.exits] + go_to.get(here, []):
            if target not in depth:
                depth[target] = depth[here] + 1
                queue.append(target)
    return depth


def gather(campaign: Campaign, report: Any = None, lang: str | None = None) -> MapFacts:
    """The facts of a map; ``report`` is a CheckReport (or None: nothing proved)."""
    lang = lang or campaign.languages[0]
    status: dict[tuple[str | None, str | None], tuple[str, str]] = {}
    dead_targets: set[str] = set()
    if report is not None:
        for finding in report.findings:
            st = FINDING_STATUS.get(finding.code)
            if st is None:
                continue
            key = (finding.kind, finding.entity)
            old = status.get(key, ("ok", ""))
            status[key] = (_worse(st, old[0]), (old[1] + " " + finding.message).strip())
            if finding.code == "dead_end" and finding.kind == "exit":
                for room in campaign.rooms:
                    for ex in room.exits:
                        if ex.id == finding.entity:
                            dead_targets.add(ex.to)

    def of(kind: str, entity: str) -> tuple[str, str]:
        return status.get((kind, entity), ("ok", ""))

    unlockers = _unlockers(campaign)
    depths = _depths(campaign)
    rooms: list[RoomFacts] = []
    exits: list[ExitFacts] = []
    for room in campaign.rooms:
        facts = RoomFacts(room.id, text_in(room.title, lang), start=room.id == campaign.start.room,
                          escape=_has_escape(room), depth=depths.get(room.id))
        facts.status, note = of("room", room.id)
        if note:
            facts.notes.append(note)
        if room.id in dead_targets:
            facts.status = _worse("dead_end", facts.status)
            facts.notes.append("no play escapes from this room")
        if room.on_enter:
            facts.lines.append(Line("enter", "on enter: " + "; ".join(
                effect_text(e) for e in room.on_enter)))
        for ex in room.exits:
            parts = []
            if ex.locked:
                by = unlockers.get(ex.id)
                parts.append(f"locked, opened by {' or '.join(by)}" if by else "locked, no unlock")
            if ex.condition is not None:
                parts.append(f"if {condition_text(ex.condition)}")
            if ex.visible_if is not None:
                parts.append(f"shown if {condition_text(ex.visible_if)}")
            detail = f" ({'; '.join(parts)})" if parts else ""
            st, note = of("exit", ex.id)
            facts.lines.append(Line("exit", f"→ {ex.to} “{text_in(ex.label, lang)}”{detail}",
                                    st, note))
            exits.append(ExitFacts(ex.id, room.id, ex.to, text_in(ex.label, lang), st,
                                   bool(parts)))
        for puzzle in room.puzzles:
            st, note = of("puzzle", puzzle.id)
            shown = f", shown if {condition_text(puzzle.visible_if)}" if puzzle.visible_if else ""
            facts.lines.append(Line("puzzle", f"? {puzzle.id} [{puzzle.kind}]{shown}", st, note))
        for obj in room.objects:
            does = []
            if obj.take:
                does.append(f"gives {obj.take}")
            if obj.puzzle:
                does.append(f"opens {obj.puzzle}")
            for use in obj.uses:
                what = "; ".join(effect_text(e) for e in use.on_use) or "a message"
                does.append(f"takes {use.item} → {what}")
            if obj.visible_if is not None:
                does.append(f"shown if {condition_text(obj.visible_if)}")
            if not does:
                continue  # scenery: the map shows what changes the game
            st, note = of("object", obj.id)
            facts.lines.append(Line("object", f"◆ {obj.id}: {', '.join(does)}", st, note))
        for threat in room.threats:
            st, note = of("threat", threat.id)
            trigger = threat.trigger.when
            extra = getattr(threat.trigger, "count", None) or getattr(
                threat.trigger, "seconds", None)
            when = f"{trigger} {extra}" if extra else trigger
            only = f", if {condition_text(threat.condition)}" if threat.condition else ""
            facts.lines.append(Line(
                "threat", f"⚠ {threat.id}: {threat.category}, loss\u00a0{threat.loss}, on "
                f"{when}{only}, warns {threat.warning.seconds}\u00a0s", st, note))
        for potion in room.shop:
            st, note = of("potion", potion.id)
            facts.lines.append(Line(
                "potion", f"$ {potion.id}: {potion.premium} for {', '.join(potion.covers)}",
                st, note))
        for line in facts.lines:
            if line.status != "ok" and facts.status == "ok":
                facts.status = "warning"
        rooms.append(facts)
    verdict = ""
    if report is not None:
        verdict = {True: "can be won", False: "CANNOT be won", None: "undecided"}[
            report.winnable]
        verdict += f" ({report.states} states searched)"
    return MapFacts(text_in(campaign.title, lang), rooms, exits, _items(campaign, lang),
                    verdict)
