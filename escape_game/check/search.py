"""Breadth-first search over the core's states, then reverse reachability for dead ends.

The search keeps one representative state per key, the shortest way to reach it, and every
edge between keys, so that "can this state still be won?" is answered exactly over the whole
explored graph instead of guessed from one path.
"""

from __future__ import annotations

import gc
from array import array
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter

from escape_game.check.abstraction import Abstraction, StateKey
from escape_game.check.moves import Move, MoveBook, View, Views, apply_move, moves
from escape_game.core import events as ev
from escape_game.core.actions import GoThrough
from escape_game.core.events import entered
from escape_game.core.level import Level
from escape_game.core.queries import exit_barrier, pending_threats
from escape_game.core.rules import (
    StepResult,
    calm_entry,
    calm_events,
    calm_state,
    drafted_step,
    new_game,
)
from escape_game.core.state import GameState

DEFAULT_BUDGET = 200_000


@dataclass
class Reached:
    """What some play can reach: rooms, visible objects and puzzles, exits passed, and more."""

    rooms: set[str] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)
    puzzles: set[str] = field(default_factory=set)
    exits: set[str] = field(default_factory=set)
    threats: set[str] = field(default_factory=set)
    offered: set[str] = field(default_factory=set)
    affordable: set[str] = field(default_factory=set)
    most_money: dict[str, Decimal] = field(default_factory=dict)
    """Per potion on offer: the most money the player ever has where it is sold."""


@dataclass
class Graph:
    """The explored state graph; node 0 is the opening state."""

    states: list[GameState] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    via: list[Move | None] = field(default_factory=list)
    depth: list[int] = field(default_factory=list)
    src: array[int] = field(default_factory=lambda: array("i"))
    dst: array[int] = field(default_factory=lambda: array("i"))
    tag: array[int] = field(default_factory=lambda: array("i"))
    """Per edge, the index of the set of concepts met on it (see `concept_sets`)."""
    concept_sets: list[frozenset[str]] = field(default_factory=list)
    via_tag: list[int] = field(default_factory=list)
    """Per node, the concepts met on the edge that first reached it (-1 for the opening)."""
    start_concepts: frozenset[str] = frozenset()

    def concepts_to(self, node: int) -> set[str]:
        """Concepts met on the shortest way to a node."""
        met = set(self.start_concepts)
        while node > 0:
            met.update(self.concept_sets[self.via_tag[node]])
            node = self.parent[node]
        return met

    def path_to(self, node: int) -> list[Move]:
        path: list[Move] = []
        while node > 0:
            move = self.via[node]
            assert move is not None
            path.append(move)
            node = self.parent[node]
        path.reverse()
        return path


@dataclass
class SearchResult:
    graph: Graph
    reached: Reached
    complete: bool
    """Every reachable state was explored (False: the budget ran out first)."""
    expanded: int
    steps: int
    """Core steps taken (the cost a benchmark compares with)."""
    won: list[int]
    lost: list[int]
    """Terminal states that did not escape (exhausted, out of time)."""
    can_win: set[int]

    @property
    def winnable(self) -> bool:
        return bool(self.won)

    @property
    def shortest_win(self) -> list[Move] | None:
        return self.graph.path_to(self.won[0]) if self.won else None


#: Events whose concepts `_Concepts.scan` keeps by identity, at most.
_SINGLE_MAX = 1 << 14


class _Concepts:
    """The concepts a step's events meet: rooms entered, objects handled, puzzles tried,
    threats warned or struck, potions offered or bought."""

    def __init__(self, level: Level) -> None:
        self.level = level
        self.interned: dict[frozenset[str], int] = {}
        self.sets: list[frozenset[str]] = []
        lv = level
        objects = {o.id: o.concepts for o in lv.objects.values()}
        threats = {t.id: t.concepts for t in lv.threats.values()}
        # Per kind of event, the field naming an entity and each entity's concepts: one
        # lookup per event (the search reads the events of every step).
        self._named: dict[type, tuple[str, dict[str, tuple[str, ...]]]] = {
            ev.RoomEntered: ("room", {r.id: r.concepts for r in lv.rooms.values()}),
            ev.ObjectExamined: ("object", objects),
            ev.ItemTaken: ("object", objects),
            ev.ItemUsed: ("target", objects),
            ev.PuzzleAttempted: ("puzzle", {p.id: p.concepts for p in lv.puzzles.values()}),
            ev.ThreatWarned: ("threat", threats),
            ev.ThreatStruck: ("threat", threats),
        }
        self._potions = {p.id: p.concepts for p in lv.potions.values()}
        self.heard: frozenset[type[ev.Event]] = frozenset({*self._named, ev.PotionOffered})
        """The kinds of event the search reads of a step (its other events are not built)."""
        self._none: int | None = None
        self._single: dict[int, int] = {}
        """Per event the core shares (by identity), its tag (see `scan`)."""
        self._kept: list[ev.Event] = []

    def met(self, events: tuple[ev.Event, ...]) -> frozenset[str]:
        found: set[str] = set()
        for e in events:
            named = self._named.get(type(e))
            if named is not None:
                found.update(named[1].get(getattr(e, named[0]), ()))
            elif isinstance(e, ev.PotionOffered):
                for pid in e.potions:
                    found.update(self._potions.get(pid, ()))
        return frozenset(found)

    def scan(self, events: tuple[ev.Event, ...], reached: Reached) -> int:
        """The tag of the concepts a step meets; notes the threats warned and exits passed.

        Most steps report one event, and the core hands out the same instance for the same
        room entry or examination (see `events.shared`): its tag is kept by the event's
        identity in `_single` (the event itself in `_kept`, so the identity stays its own),
        and what it adds to `reached` is added the first time."""
        if len(events) == 1:
            e = events[0]
            tag = self._single.get(id(e))
            if tag is not None:
                return tag
            # Only the core's shared events come back; the rest (a puzzle attempted, a
            # threat struck) are new each time and would only pile up: start again when full.
            if len(self._single) >= _SINGLE_MAX:
                self._single.clear()
                self._kept.clear()
            tag = self._single[id(e)] = self._scan(events, reached)
            self._kept.append(e)
            return tag
        return self._scan(events, reached)

    def _scan(self, events: tuple[ev.Event, ...], reached: Reached) -> int:
        found = False
        for e in events:
            kind = type(e)
            if kind is ev.RoomEntered:
                # A room entered is reached, also one a go_to effect leaves at once (no
                # state of the graph is in it) and the opening's.
                reached.rooms.add(e.room)  # type: ignore[attr-defined]  # RoomEntered, as below
                via = e.via  # type: ignore[attr-defined]  # RoomEntered, checked just above
                if via is not None:
                    reached.exits.add(via)
            elif kind is ev.ThreatWarned:
                reached.threats.add(e.threat)  # type: ignore[attr-defined]  # as above
            if not found:
                named = self._named.get(kind)
                if named is not None:
                    found = bool(named[1].get(getattr(e, named[0])))
                elif kind is ev.PotionOffered:
                    found = True
        if found:
            return self.tag(events)
        if self._none is None:
            self._none = self.tag_of(frozenset())
        return self._none

    def tag(self, events: tuple[ev.Event, ...]) -> int:
        return self.tag_of(self.met(events))

    def tag_of(self, met: frozenset[str]) -> int:
        index = self.interned.get(met)
        if index is None:
            index = self.interned[met] = len(self.sets)
            self.sets.append(met)
        return index


_ID = attrgetter("id")


def _note(state: GameState, view: View, first: bool, reached: Reached) -> None:
    """What a state shows; what does not depend on money only the first time a view is
    shown (the same view in the same room adds nothing)."""
    if first:
        reached.rooms.add(state.room)
        reached.objects.update(map(_ID, view.objects))
        if view.puzzles:
            reached.puzzles.update(map(_ID, view.puzzles))
        if view.offer:
            reached.offered.update(map(_ID, view.offer))
    for potion in view.offer:
        best = reached.most_money.get(potion.id)
        if best is None or state.money > best:
            reached.most_money[potion.id] = state.money
        if state.money >= potion.premium:
            reached.affordable.add(potion.id)


def search(
    level: Level,
    *,
    budget: int = DEFAULT_BUDGET,
    seed: int = 0,
    start: GameState | None = None,
    exact: bool = False,
) -> SearchResult:
    """Explore every state the player can reach (up to `budget` distinct states), from the
    opening of the level or from `start` (a state reached with timers off). `exact` turns
    off the money, potion and wellbeing reductions of the state key.

    Python's cyclic garbage collector is paused meanwhile: the graph is acyclic data
    (states, tuples, numbers) that only grows, and scanning it again and again as it grows
    took a third of the time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _search(level, budget, seed, start, exact)
    finally:
        if paused:
            gc.enable()


def _search(
    level: Level, budget: int, seed: int, start: GameState | None, exact: bool
) -> SearchResult:
    abstraction = Abstraction.of(level, exact=exact)
    key = abstraction.key
    concepts = _Concepts(level)
    opening = new_game(level, seed, timers=False) if start is None else StepResult(start, ())
    graph = Graph(states=[opening.state], parent=[-1], via=[None], depth=[0], via_tag=[-1])
    graph.start_concepts = concepts.met(opening.events)
    reached = Reached()
    concepts.scan(opening.events, reached)
    keys: list[StateKey] = [key(opening.state)]
    """Per node, its key: a child's key is worked out from its parent's."""
    index: dict[StateKey, int] = {keys[0]: 0}
    queue = deque([0])
    won: list[int] = []
    lost: list[int] = []
    expanded = steps = 0
    complete = True
    if opening.state.over:
        (won if opening.state.outcome == "escaped" else lost).append(0)
        queue.clear()
    book = MoveBook(level)
    views = Views(level)
    inert, quiet = abstraction.inert_objects, abstraction.quiet_examinations
    if start is not None and not quiet.isdisjoint(start.examined):
        # The loops below stand for examinations not made yet: from a state where one was
        # made, examinations are tried one by one.
        quiet = frozenset()
    # Examining a quiet object, or taking an inert one, loops back to the same situation:
    # `moves` leaves those out, and the edges that meet concepts are recorded per view,
    # without asking the core. Per object, one tag (its concepts') per such move: examining
    # it when quiet, taking it when inert and takeable; none when it has no concepts.
    inert_tags = {
        oid: tuple(tag for tag in [concepts.tag_of(frozenset(level.objects[oid].concepts))]
                   * ((oid in quiet) + (oid in inert and oid in book.take)) if concepts.sets[tag])
        for oid in quiet | inert
    }
    loops_of: dict[int, tuple[int, ...]] = {}
    """Per view (by identity: `views` keeps each one), the tags of its inert loops."""
    # The loop runs once per move tried: the containers it grows are bound to local names.
    states, src, dst, tags = graph.states, graph.src, graph.dst, graph.tag
    scan, sets = concepts.scan, concepts.sets
    moved_key, entry_key, clamp = abstraction.moved_key, abstraction.entry_key, \
        abstraction.action_clamp
    exit_to = {e.id: e.to for e in level.exits.values()}
    free, calm = level.free_exits, level.calm_rooms
    entry_tags: dict[str, int] = {}
    """Per exit into a room without a shop, the tag of a calm entry through it: the concepts
    of the room entered, the same on every entry (scanned once, which also notes the exit
    and the room as reached)."""
    shops = frozenset(r.id for r in level.rooms.values() if r.shop)
    """Rooms whose entry also offers potions (an event the search reads, which depends on
    the potions owned)."""
    heard = concepts.heard
    parents, vias, depths, via_tags = graph.parent, graph.via, graph.depth, graph.via_tag
    while queue:
        node = queue.popleft()
        state = states[node]
        base = keys[node]
        view, first = views.of(state)
        _note(state, view, first, reached)
        expanded += 1
        loops = loops_of.get(id(view))
        if loops is None:
            loops = loops_of[id(view)] = tuple(
                tag for obj in view.objects if obj.id in inert_tags for tag in inert_tags[obj.id]
            )
        if loops and not (state.warnings and pending_threats(level, state)):
            # (while a warning counts down only facing it, buying and waiting are tried)
            src.extend([node] * len(loops))
            dst.extend([node] * len(loops))
            tags.extend(loops)
        for move in moves(level, state, clamp(state), book, view, quiet, inert):
            actions = move.actions
            k = None
            plain = False
            if move.chance is None and len(actions) == 1:
                # `apply_move` written out for the common move (one action, no roll), and
                # `step`'s own way for a move between rooms (`rules.plain_move`) taken here
                # in its parts: a calm entry reports only the room entered (and a shop's
                # offer), so its concepts are the exit's; one into a room visited before
                # is looked up by its key alone (`entry_key`) and builds nothing when its
                # state was found already.
                action = actions[0]
                if type(action) is GoThrough:
                    exit_id = action.exit
                    # (`moves` gives only the exits the view shows: a free one is open)
                    if exit_id not in free and exit_barrier(level, state, exit_id) is not None:
                        continue  # refused: the core gives back the same state
                    to = exit_to[exit_id]
                    plain = to in calm or calm_entry(level, state, to)
                if not plain:
                    steps += 1
                    result = drafted_step(level, state, action, heard)
                    if result.state is state:  # rejected (see apply_move)
                        continue
                    new, tag = result.state, scan(result.events, reached)
                else:
                    if to in shops:  # what a shop offers depends on the potions owned
                        tag = scan(calm_events(level, state, exit_id, to, heard), reached)
                    else:
                        seen = entry_tags.get(exit_id)
                        if seen is None:
                            seen = entry_tags[exit_id] = scan(
                                (entered(to, exit_id, to not in state.visited),), reached)
                        tag = seen
                    if to in state.visited:
                        k = entry_key(state, base, to)
                        target = None if k is None else index.get(k)
                        if target is not None:  # found: no step taken
                            if target != node or sets[tag]:
                                src.append(node)
                                dst.append(target)
                                tags.append(tag)
                            continue
                    steps += 1
                    new = calm_state(state, to)
            else:
                steps += len(actions)
                found = apply_move(level, state, move, heard)
                if found is None:
                    continue
                new, tag = found.state, scan(found.events, reached)
            if k is None:
                k = moved_key(new, state, base) if plain else key(new, state, base)
            fresh = len(states)
            # One hash of the key, found or added (a key's hash is not kept).
            target = index.get(k) if fresh >= budget else index.setdefault(k, fresh)
            if target is None:
                complete = False
                continue
            if target == fresh:
                keys.append(k)
                states.append(new)
                parents.append(node)
                vias.append(move)
                depths.append(depths[node] + 1)
                via_tags.append(tag)
                if new.outcome is not None:  # (its room is reached: the step entered it)
                    (won if new.outcome == "escaped" else lost).append(target)
                else:
                    queue.append(target)
            if target != node or sets[tag] or move.main.type == "examine":
                src.append(node)
                dst.append(target)
                tags.append(tag)
    graph.concept_sets = concepts.sets
    return SearchResult(
        graph=graph,
        reached=reached,
        complete=complete,
        expanded=expanded,
        steps=steps,
        won=won,
        lost=lost,
        can_win=_can_win(graph, won),
    )


def _can_win(graph: Graph, won: list[int]) -> set[int]:
    """Reverse reachability: every state from which some play still escapes. (Loops, a
    third of the edges where objects only tell something, lead nowhere new: left out.)"""
    preds: list[list[int]] = [[] for _ in graph.states]
    for s, d in zip(graph.src, graph.dst, strict=True):
        if s != d:
            preds[d].append(s)
    seen = set(won)
    stack = list(won)
    while stack:
        for p in preds[stack.pop()]:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen
