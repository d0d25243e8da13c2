"""Insurance arithmetic: which owned potion pays for a strike, how much, and best value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from escape_game.core.state import OwnedPotion
from escape_game.model import Potion, Threat

ZERO = Decimal("0.00")


def payout(potion: Potion, loss: Decimal) -> Decimal:
    """min(loss - deductible, limit), never negative."""
    return max(ZERO, min(loss - potion.deductible, potion.limit))


def excludes(potion: Potion, threat: Threat) -> bool:
    """Fine print removes cover by the threat's id or by its whole category."""
    return any(
        threat.id in ex.threats or threat.category in ex.categories for ex in potion.exclusions
    )


def covers(potion: Potion, threat: Threat) -> bool:
    """The one coverage rule: the threat's category is covered and no fine print removes it
    (a waiting period delays the cover, see :func:`cover_for`; it does not remove it)."""
    return threat.category in potion.covers and not excludes(potion, threat)


@dataclass(frozen=True, slots=True)
class Cover:
    """How a strike is paid: the potion that applies (if any), or why none did."""

    potion: str | None
    deductible: Decimal
    payout: Decimal
    not_covered_because: str | None


# A potion that almost applied explains the refusal better than one that never could.
_REASONS = ("waiting_period", "excluded", "not_covered")


def cover_for(
    threat: Threat, owned: Sequence[OwnedPotion], potions: Mapping[str, Potion], now_ms: int
) -> Cover:
    best: tuple[Decimal, Potion] | None = None
    reasons: set[str] = set()
    for entry in owned:
        potion = potions.get(entry.potion)
        if potion is None:
            continue
        if threat.category not in potion.covers:
            reasons.add("not_covered")
        elif excludes(potion, threat):
            reasons.add("excluded")
        elif now_ms - entry.bought_ms < potion.waiting_period * 1000:
            reasons.add("waiting_period")
        else:
            pay = payout(potion, threat.loss)
            if best is None or pay > best[0]:
                best = (pay, potion)
    if best is not None:
        return Cover(best[1].id, best[1].deductible, best[0], None)
    if not owned:
        return Cover(None, ZERO, ZERO, "no_policy")
    reason = next((r for r in _REASONS if r in reasons), "not_covered")
    return Cover(None, ZERO, ZERO, reason)


def expected_value(potion: Potion, threats: Iterable[Threat]) -> Decimal:
    """Expected payout over the given threats minus the premium (waiting periods ignored)."""
    total = ZERO
    for threat in threats:
        if covers(potion, threat):
            total += payout(potion, threat.loss) * Decimal(str(threat.likelihood))
    return total - potion.premium


def best_value(offer: Sequence[Potion], threats: Sequence[Threat]) -> frozenset[str]:
    """The offered potions with the highest positive expected value (empty when none pays)."""
    values = {p.id: expected_value(p, threats) for p in offer}
    if not values:
        return frozenset()
    top = max(values.values())
    if top <= ZERO:
        return frozenset()
    return frozenset(pid for pid, v in values.items() if v == top)


def on_the_label(offer: Sequence[Potion]) -> Potion:
    """The offer that looks best to a player who reads only the label, never the fine print.

    The label shows the premium, the deductible and the limit; exclusions and waiting
    periods are in the fine print. So: the lowest premium, then the lowest deductible,
    then the highest limit. The order the level lists its potions in plays no part. The
    hasty player buys it, and the shop pushes it as its flash offer during a warning.
    """
    return min(offer, key=lambda p: (p.premium, p.deductible, -p.limit))


def flash_offer(offer: Sequence[Potion], owned: Iterable[str], threat: Threat) -> Potion | None:
    """What the shop pushes while ``threat`` warns: of the potions on offer that name its
    risk and are not owned, the one that looks best on the label (None when none does)."""
    have = set(owned)
    covering = [p for p in offer if p.id not in have and threat.category in p.covers]
    return on_the_label(covering) if covering else None
