"""From the explored graph to findings a teacher can act on, each tied to one entity."""

from __future__ import annotations

from collections.abc import Iterator

from escape_game.check.moves import Move
from escape_game.check.report import Finding, sequence
from escape_game.check.search import SearchResult
from escape_game.check.solutions import correct_answer
from escape_game.core import actions as act
from escape_game.core.economics import covers
from escape_game.core.level import Level
from escape_game.model import Effect, Threat
from escape_game.model import effects as fx


def _escapes(effects: tuple[Effect, ...]) -> bool:
    return any(isinstance(e, fx.Escape) for e in effects)


def escape_sources(level: Level) -> list[tuple[str, str]]:
    """(kind, id) of entities whose effects end the level with an escape."""
    found: list[tuple[str, str]] = []
    for room in level.rooms.values():
        if _escapes(room.on_enter):
            found.append(("room", room.id))
        for obj in room.objects:
            if _escapes(obj.on_examine) or any(_escapes(u.on_use) for u in obj.uses):
                found.append(("object", obj.id))
        found.extend(("puzzle", p.id) for p in room.puzzles if _escapes(p.on_success))
        found.extend(("threat", t.id) for t in room.threats if _escapes(t.on_strike))
    return found


def _covering(level: Level, threat: Threat) -> list[str]:
    return [
        p.id
        for p in level.potions.values()
        if covers(p, threat)
    ]


def _why(level: Level, result: SearchResult, node: int, move: Move) -> str:
    """A sentence on what this move did that made escaping impossible."""
    a = move.main
    state = result.graph.states[node]
    if isinstance(a, act.Answer) and a.puzzle in state.locked_puzzles:
        tries = level.puzzles[a.puzzle].max_attempts
        return f"puzzle '{a.puzzle}' locks after a wrong answer (max_attempts: {tries})"
    if isinstance(a, act.GoThrough):
        ex = level.exits[a.exit]
        return f"exit '{a.exit}' leads to room '{ex.to}', from which no play escapes"
    if isinstance(a, act.BuyPotion):
        return (
            f"buying '{a.potion}' leaves {state.money} {level.campaign.currency}, "
            "too little to go on"
        )
    if isinstance(a, act.FaceThreat):
        threat = level.threats[a.threat]
        ending = f" (the game ends: {state.outcome})" if state.over else ""
        text = f"threat '{a.threat}' strikes{ending}"
        if move.chance == "strikes":
            text += f" (bad luck: likelihood {threat.likelihood})"
        cover = _covering(level, threat)
        owned = state.owned_ids
        if cover and not owned & set(cover):
            prices = ", ".join(
                f"'{p}' costs {level.potions[p].premium}"
                + (
                    f", the player never has more than {result.reached.most_money[p]} where it "
                    "is sold"
                    if p in result.reached.offered and p not in result.reached.affordable
                    else ""
                )
                for p in cover
            )
            text += f" and the player is not covered ({prices})"
        elif not cover:
            text += f" and no potion covers '{threat.category}'"
        return text
    if state.over:
        return f"the game ends: {state.outcome}"
    return "after this, no play escapes"


def dead_ends(level: Level, result: SearchResult) -> Iterator[Finding]:
    """One finding per distinct cause: the last move that made escaping impossible."""
    graph, can_win = result.graph, result.can_win
    if 0 not in can_win:
        return
    causes: dict[tuple[str, ...], tuple[int, int]] = {}
    cause_of: dict[int, tuple[str, ...]] = {}
    for node in range(1, len(graph.states)):
        if node in can_win:
            continue
        parent = graph.parent[node]
        move = graph.via[node]
        assert move is not None
        sig = move.signature if parent in can_win else cause_of[parent]
        cause_of[node] = sig
        first, count = causes.get(sig, (node, 0))
        causes[sig] = (first, count + 1)
    for _sig, (node, count) in causes.items():
        move = graph.via[node]
        assert move is not None
        path = tuple(graph.path_to(node))
        yield Finding(
            "dead_end",
            "error",
            f"dead end: {_why(level, result, node, move)}; "
            f"{count} reachable state(s) can no longer escape; shortest way in: "
            f"{sequence(path)}",
            move.entity,
            move.kind,
            path,
        )


def endings(level: Level, result: SearchResult) -> Iterator[Finding]:
    """For a level no one can win: the moves that end the game badly, grouped."""
    graph = result.graph
    seen: set[tuple[str, ...]] = set()
    for node in result.lost:
        move = graph.via[node]
        if move is None or move.signature in seen:
            continue
        seen.add(move.signature)
        path = tuple(graph.path_to(node))
        yield Finding(
            "losing_move",
            "error",
            f"{_why(level, result, node, move)}; shortest way in: {sequence(path)}",
            move.entity,
            move.kind,
            path,
        )


def unreachable(level: Level, result: SearchResult) -> Iterator[Finding]:
    """Rooms no play enters; objects, puzzles and exits of reached rooms no play can use."""
    reached = result.reached
    for room in level.rooms.values():
        if room.id not in reached.rooms:
            yield Finding(
                "unreachable_room", "warning", f"no play reaches room '{room.id}'", room.id, "room"
            )
            continue
        for obj in room.objects:
            if obj.id not in reached.objects:
                yield Finding(
                    "unreachable_object",
                    "warning",
                    f"object '{obj.id}' never becomes visible in any play",
                    obj.id,
                    "object",
                )
        for puzzle in room.puzzles:
            if puzzle.id not in reached.puzzles:
                yield Finding(
                    "unreachable_puzzle",
                    "warning",
                    f"puzzle '{puzzle.id}' can never be reached in any play",
                    puzzle.id,
                    "puzzle",
                )
        for ex in room.exits:
            if ex.id not in reached.exits:
                yield Finding(
                    "exit_never_opens",
                    "warning",
                    f"exit '{ex.id}' to '{ex.to}' never opens in any play",
                    ex.id,
                    "exit",
                )


def unsolvable_puzzles(level: Level) -> Iterator[Finding]:
    for puzzle in level.puzzles.values():
        if correct_answer(puzzle) is None:
            yield Finding(
                "no_answer",
                "error",
                f"puzzle '{puzzle.id}' has no answer that its own data accepts",
                puzzle.id,
                "puzzle",
            )


def uncovered_threats(level: Level) -> Iterator[Finding]:
    """Threats no product anywhere can cover, unless the level says their risk is uninsurable.

    A scam is the usual lesson of that kind: its risk says ``insurable: false``.
    """
    uninsurable = {risk.id for risk in level.campaign.risks if not risk.insurable}
    for threat in level.threats.values():
        if threat.category in uninsurable or _covering(level, threat):
            continue
        covering_category = [p.id for p in level.potions.values() if threat.category in p.covers]
        if covering_category:
            names = ", ".join(f"'{p}'" for p in covering_category)
            message = (
                f"threat '{threat.id}' cannot be covered: every potion for "
                f"'{threat.category}' ({names}) excludes it; if one should pay, remove that "
                "exclusion, or write 'insurable: false' in the risk category "
                f"'{threat.category}' if no insurer covers it"
            )
        else:
            message = (
                f"threat '{threat.id}' cannot be covered: no potion covers "
                f"'{threat.category}'; add '{threat.category}' to the 'covers' of a potion in a "
                "shop, or write 'insurable: false' in the risk category "
                f"'{threat.category}' if no insurer covers it"
            )
        yield Finding("uncovered_threat", "warning", message, threat.id, "threat")


def unaffordable_potions(level: Level, result: SearchResult) -> Iterator[Finding]:
    reached = result.reached
    for pid in sorted(reached.offered - reached.affordable):
        potion = level.potions[pid]
        yield Finding(
            "unaffordable_potion",
            "warning",
            f"potion '{pid}' costs {potion.premium} {level.campaign.currency} but the player "
            f"never has more than {reached.most_money[pid]} where it is sold",
            pid,
            "potion",
        )


def concept_findings(
    level: Level, result: SearchResult
) -> tuple[Iterator[Finding], set[str], set[str]]:
    """Concepts the shortest way out skips, and concepts no way out meets at all."""
    graph, can_win = result.graph, result.can_win
    glossary = [c.id for c in level.campaign.concepts]
    if not result.won:
        return iter(()), set(), set()
    on_shortest = graph.concepts_to(result.won[0])
    on_some = set(graph.start_concepts)
    # Each set of concepts counts once: look for an edge between winnable states only for
    # the sets not met yet, and stop when none is left (edges far outnumber sets).
    pending = {t for t, met in enumerate(graph.concept_sets) if met}
    for s, d, t in zip(graph.src, graph.dst, graph.tag, strict=True):
        if not pending:
            break
        if t in pending and d in can_win and s in can_win:
            pending.discard(t)
            on_some.update(graph.concept_sets[t])

    def found() -> Iterator[Finding]:
        for cid in glossary:
            if cid not in on_some:
                yield Finding(
                    "concept_never_met",
                    "warning",
                    f"concept '{cid}' is met on no way out (no puzzle, object, threat, potion "
                    "or room on a winning play is tagged with it)",
                    cid,
                    "concept",
                )
            elif cid not in on_shortest:
                yield Finding(
                    "concept_skippable",
                    "warning",
                    f"concept '{cid}' can be skipped: the shortest way out never meets it",
                    cid,
                    "concept",
                )

    return found(), on_shortest, on_some
