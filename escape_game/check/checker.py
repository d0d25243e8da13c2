"""check_level: search a level, then turn what was proved into located findings."""

from __future__ import annotations

import gc
import time
from pathlib import Path
from typing import TYPE_CHECKING

from escape_game.check import findings as fd
from escape_game.check.abstraction import ABSTRACTIONS
from escape_game.check.report import CheckReport, Finding, Locator
from escape_game.check.search import DEFAULT_BUDGET, search
from escape_game.check.unmet import unmet
from escape_game.core.level import Level
from escape_game.model import Campaign

if TYPE_CHECKING:
    from escape_game.loading import LoadedCampaign


def check_level(level: Level, *, budget: int = DEFAULT_BUDGET) -> CheckReport:
    """Prove what can and cannot happen in a level, within a budget of distinct states.

    Python's cyclic garbage collector stays paused until the explored graph is freed, not
    only during the search (see `search`): the graph holds no cycles, reference counting
    frees it when `_check` returns, and the collections that resumed meanwhile only walked
    its tens of thousands of states again (a sixth of the time on a 30-room level)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _check(level, budget)
    finally:
        if paused:
            gc.enable()


def _check(level: Level, budget: int) -> CheckReport:
    started = time.perf_counter()
    result = search(level, budget=budget)
    seconds = time.perf_counter() - started
    found: list[Finding] = list(fd.unsolvable_puzzles(level))
    winnable: bool | None = True if result.winnable else (False if result.complete else None)
    if winnable is None:
        found.append(
            Finding(
                "undecided",
                "warning",
                f"undecided: no way out found within the budget of {budget} states "
                "(raise --budget)",
                level.campaign.start.room,
                "room",
            )
        )
    elif not winnable:
        sources = fd.escape_sources(level)
        where = ", ".join(f"'{s}'" for _, s in sources)
        message = (
            f"the level cannot be won: no play reaches an escape ({where}) among "
            f"{len(result.graph.states)} reachable states"
            if sources else
            "the level cannot be won: nothing in it has the effect 'escape: true'; add it "
            "where the player gets out, e.g. 'on_success: [{escape: true}]' on the last "
            "puzzle"
        )
        found.append(
            Finding(
                "unwinnable",
                "error",
                message,
                sources[0][1] if sources else level.campaign.start.room,
                sources[0][0] if sources else "room",
            )
        )
        found.extend(fd.endings(level, result))
    if result.complete:
        found.extend(fd.dead_ends(level, result))
        found.extend(fd.unreachable(level, result))
        found.extend(fd.unaffordable_potions(level, result))
    elif result.winnable:
        found.append(
            Finding(
                "dead_ends_undecided",
                "warning",
                f"dead ends and unreachable content undecided: the search stopped at the budget "
                f"of {budget} states (raise --budget)",
                level.campaign.start.room,
                "room",
            )
        )
    concepts, on_shortest, on_some = fd.concept_findings(level, result)
    found.extend(concepts)
    found.extend(fd.uncovered_threats(level))
    shortest = result.shortest_win
    if shortest is not None:
        found.extend(unmet(level, shortest, result.graph.states[result.won[0]]))
    return CheckReport(
        level=level.id,
        winnable=winnable,
        complete=result.complete,
        states=len(result.graph.states),
        expanded=result.expanded,
        steps=result.steps,
        seconds=seconds,
        budget=budget,
        shortest=None if shortest is None else tuple(shortest),
        findings=found,
        abstractions=ABSTRACTIONS,
        concepts_on_shortest=tuple(sorted(on_shortest)),
        concepts_on_some_win=tuple(sorted(on_some)),
        glossary=tuple(c.id for c in level.campaign.concepts),
    )


_LISTS = {"object": "objects", "puzzle": "puzzles", "exit": "exits", "potion": "shop",
          "threat": "threats"}


def entity_path(campaign: Campaign, kind: str | None, entity: str) -> tuple[str | int, ...] | None:
    """Where an entity of a kind sits in the merged campaign, e.g. ("rooms", 2, "exits", 0)."""
    if kind == "concept":
        index = next((i for i, c in enumerate(campaign.concepts) if c.id == entity), None)
        return None if index is None else ("concepts", index)
    for i, room in enumerate(campaign.rooms):
        if kind == "room" and room.id == entity:
            return ("rooms", i)
        field = _LISTS.get(kind or "")
        if field is not None:
            for j, member in enumerate(getattr(room, field)):
                if member.id == entity:
                    return ("rooms", i, field, j)
    return None


def locator(loaded: LoadedCampaign) -> Locator:
    """(kind, id) -> where the teacher wrote it (the root file's first line when unknown)."""
    root = loaded.files[0]

    def locate(kind: str | None, entity: str | None) -> tuple[Path, int, int]:
        if entity is None:
            return root, 1, 1
        path = entity_path(loaded.campaign, kind, entity)
        try:
            where = loaded.locate(path) if path is not None else loaded.locate_entity(entity)
        except (KeyError, IndexError, ValueError):
            return root, 1, 1
        return where.file, where.line, where.column

    return locate


def nowhere(kind: str | None, entity: str | None) -> tuple[Path, int, int]:
    """A locator for levels built in memory (tests, benchmarks)."""
    return Path(f"<{entity or 'level'}>"), 1, 1


def load_for_check(path: Path) -> tuple[LoadedCampaign, Level] | list[str]:
    """A level through the loader, or the loader's located problems as lines to print."""
    from escape_game.loading import LevelError, load_campaign

    try:
        loaded = load_campaign(path)
    except LevelError as exc:
        return [p.format() for p in exc.problems]
    return loaded, Level.from_campaign(loaded.campaign)
