"""Shared builders for the telemetry tests: a valid header and a synthetic session."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

from escape_game.core.actions import Answer, Examine, GoThrough
from escape_game.core.events import (
    Event,
    MessageShown,
    PuzzleAttempted,
    RoomEntered,
    ThreatStruck,
)
from telemetry.records import Consent, SessionHeader

HASH = "ab" * 32


def make_header(player: str = "OWL-427", content_hash: str = HASH, seed: int = 7) -> SessionHeader:
    now = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    return SessionHeader(
        session_id=uuid.uuid4(),
        player=player,
        campaign_id="demo",
        content_hash=content_hash,
        engine_version="0.1.0",
        seed=seed,
        language="en",
        condition="timers",
        pre_form="A",
        post_form="B",
        consent=Consent(given=True, at=now),
        started_at=now,
    )


def sample_turns() -> list[tuple[object, list[Event]]]:
    """Actions with the events a core would answer, enough to cover every record path."""
    struck = ThreatStruck(
        threat="fire", category="fire", protected=True, potion="shield",
        loss=Decimal("200"), deductible=Decimal("50.00"), payout=Decimal("150"),
        out_of_pocket=Decimal("50"),
    )
    return [
        (GoThrough(exit="door"), [RoomEntered(room="kitchen", via="door")]),
        (Examine(object="drawer"), [MessageShown(source="drawer", text="A note says hi there")]),
        (Answer(puzzle="safe", code="1234"), [
            PuzzleAttempted(puzzle="safe", kind="code_lock", correct=True, attempt=1)]),
        (Examine(object="stove"), [struck]),
    ]
