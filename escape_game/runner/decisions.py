"""The player's own decisions, the time each took, and what each brought: for the debrief.

The lesson of the game is that calm pays. The debrief makes it personal by setting each
purchase and each threat beside the seconds the player took, whether they paused to think,
and the money it brought or cost. Everything here is read from the core's events, timed by
replaying the game's action log, so a saved and resumed game gives the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from escape_game.core import Action, Level, new_game, step
from escape_game.core import events as ev

#: An event and the game time (ms since the start) of the step that produced it.
TimedEvent = tuple[int, ev.Event]


def timed_events(level: Level, actions: Sequence[Action], *, seed: int, timers: bool,
                 start_room: str | None = None) -> list[TimedEvent]:
    """Replay the game and time its events.

    An event is stamped with the game time at the end of its step; the UI sends time in
    steps of at most a second, so stamps are within a second of the moment.
    """
    result = new_game(level, seed, timers=timers, start_room=start_room)
    state = result.state
    timed = [(state.elapsed_ms, e) for e in result.events]
    for action in actions:
        result = step(level, state, action)
        state = result.state
        timed.extend((state.elapsed_ms, e) for e in result.events)
    return timed


@dataclass(frozen=True)
class Purchase:
    """A potion bought: how long after the shop opened, with or without a pause, and its worth."""

    potion: str
    seconds: float
    paused: bool
    best_value: bool
    premium: Decimal
    paid_back: Decimal

    @property
    def net(self) -> Decimal:
        """What the potion brought over the game: its payouts minus its premium."""
        return self.paid_back - self.premium


@dataclass(frozen=True)
class Strike:
    """A threat from its warning to its strike: how long the player had, paused or not, cost."""

    threat: str
    seconds: float
    paused: bool
    protected: bool
    out_of_pocket: Decimal
    wellbeing_loss: int


@dataclass(frozen=True)
class Decisions:
    purchases: tuple[Purchase, ...]
    strikes: tuple[Strike, ...]

    def by_pause(self) -> dict[bool, tuple[int, float, Decimal]]:
        """Purchases made after a pause and without one: (count, mean seconds, total net)."""
        out: dict[bool, tuple[int, float, Decimal]] = {}
        for paused in (True, False):
            group = [p for p in self.purchases if p.paused == paused]
            if group:
                out[paused] = (len(group), sum(p.seconds for p in group) / len(group),
                               sum((p.net for p in group), Decimal(0)))
        return out


def decisions(timed: Iterable[TimedEvent]) -> Decisions:
    """The purchases and strikes of a game, from its timed events."""
    offered_at: dict[str, int] = {}  # potion -> when its shop was last shown
    warned_at: dict[str, int] = {}
    paused_since_offer: set[str] = set()  # potions on offer when the player paused
    paused_threats: set[str] = set()
    bought: list[tuple[int, ev.PotionBought, bool]] = []
    payouts: dict[str, Decimal] = {}
    strikes: list[Strike] = []
    for at, e in timed:
        if isinstance(e, ev.PotionOffered):
            for potion in e.potions:
                offered_at[potion] = at
                paused_since_offer.discard(potion)
        elif isinstance(e, ev.ThreatWarned):
            warned_at[e.threat] = at
            paused_threats.discard(e.threat)
        elif isinstance(e, ev.ThreatPaused):
            paused_threats.add(e.threat)
            paused_since_offer.update(offered_at)
        elif isinstance(e, ev.PotionBought):
            start = offered_at.get(e.potion, at)
            bought.append((at - start, e, e.potion in paused_since_offer))
        elif isinstance(e, ev.PurchaseCancelled):  # taken back: no longer a purchase
            last = max((i for i, (_, b, _) in enumerate(bought) if b.potion == e.potion),
                       default=None)
            if last is not None:
                del bought[last]
        elif isinstance(e, ev.ThreatStruck):
            if e.potion is not None:
                payouts[e.potion] = payouts.get(e.potion, Decimal(0)) + e.payout
            strikes.append(Strike(e.threat, (at - warned_at.get(e.threat, at)) / 1000,
                                  e.threat in paused_threats, e.protected, e.out_of_pocket,
                                  e.wellbeing_loss))
    purchases = tuple(Purchase(e.potion, ms / 1000, paused, e.best_value, e.premium,
                               payouts.get(e.potion, Decimal(0)))
                      for ms, e, paused in bought)
    return Decisions(purchases, tuple(strikes))
