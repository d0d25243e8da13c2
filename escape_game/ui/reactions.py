"""What the player is told about each domain event: a short toast text and its kind.

Kept apart from the scenes so every event has one wording, in the current language.
"""

from __future__ import annotations

from typing import Any

from escape_game.core import events as ev


def _name(flow: Any, table: str, entity_id: str) -> str:
    session = flow.session
    mapping = getattr(session.level, table, {}) if session is not None else {}
    entity = mapping.get(entity_id)
    if entity is None:
        return entity_id
    return str(flow.tr(getattr(entity, "name", None) or getattr(entity, "title", None)
                       or getattr(entity, "label", None) or entity_id))


def describe(event: ev.Event, flow: Any) -> tuple[str, str] | None:
    """(text, kind) for a toast, or None when a scene shows the event itself."""
    if isinstance(event, ev.ActionRejected):
        key = f"rejected.{event.reason}"
        text = flow.app.t(key)
        return (text if text != key else flow.app.t("rejected.other")), "warn"
    if isinstance(event, ev.ItemTaken | ev.ItemGiven):
        return flow.app.t("event.item_taken", item=_name(flow, "items", event.item)), "good"
    if isinstance(event, ev.ItemUsed):
        return flow.app.t("event.item_used", item=_name(flow, "items", event.item)), "info"
    if isinstance(event, ev.PuzzleSolved):
        return flow.app.t("event.puzzle_solved", points=event.points), "good"
    if isinstance(event, ev.PuzzleAttempted) and not event.correct:
        return flow.app.t("event.puzzle_wrong"), "bad"
    if isinstance(event, ev.PuzzleLocked):
        return flow.app.t("event.puzzle_locked"), "bad"
    if isinstance(event, ev.PotionBought):
        return flow.app.t("event.potion_bought", potion=_name(flow, "potions", event.potion),
                          premium=flow.money(event.premium)), "good"
    if isinstance(event, ev.PurchaseCancelled):
        return flow.app.t("event.purchase_cancelled", potion=_name(flow, "potions", event.potion),
                          refund=flow.money(event.refund)), "info"
    if isinstance(event, ev.ExitUnlocked):
        return flow.app.t("event.exit_unlocked", exit=_name(flow, "exits", event.exit)), "good"
    if isinstance(event, ev.ThreatSpared):
        threat = _name(flow, "threats", event.threat)
        return flow.app.t("event.threat_spared", threat=threat), "good"
    if isinstance(event, ev.TimeRanOut):
        return flow.app.t("event.time_ran_out"), "bad"
    return None
