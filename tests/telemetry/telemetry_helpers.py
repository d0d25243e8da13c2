"""Shared builders for the telemetry tests: a valid header and a synthetic session."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from escape_game.core import Action, Level, new_game, step
from escape_game.core.actions import (
    AdvanceTime,
    Answer,
    BuyPotion,
    DeclinePotion,
    Examine,
    GoThrough,
    Take,
    TakeHint,
    UseItem,
)
from escape_game.core.events import (
    Event,
    MessageShown,
    PuzzleAttempted,
    RoomEntered,
    ThreatStruck,
)
from escape_game.loading import load_campaign
from telemetry.protocol import Recorder
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
        (Answer(puzzle="safe", code="73914062"), [
            PuzzleAttempted(puzzle="safe", kind="code_lock", correct=True, attempt=1)]),
        (Examine(object="stove"), [struck]),
    ]


# A scripted player on the vault fixture level, shared by the replay and kill tests.

VAULT = Path(__file__).resolve().parents[1] / "fixtures" / "telemetry" / "vault"


def vault_level() -> tuple[Level, str]:
    """The fixture level through the real loader, and its content hash."""
    loaded = load_campaign(VAULT)
    return Level.from_campaign(loaded.campaign), loaded.content_hash


def _policy(rng: random.Random) -> Action:
    choices: list[Action] = [
        Examine(object="desk"), Take(object="drawer"), Examine(object="safe"),
        Answer(puzzle="safe_code", code=rng.choice(["0042", "42", "1234", "9"])),
        TakeHint(puzzle="safe_code"), BuyPotion(potion=rng.choice(["cheap", "good"])),
        DeclinePotion(potion="cheap"), UseItem(item="key", target="door_panel"),
        GoThrough(exit="north"), AdvanceTime(ms=16), AdvanceTime(ms=500),
    ]
    return rng.choice(choices)


def play_session(
    rec: Recorder, level: Level, seed: int, frames: int,
    on_frame: Callable[[int], None] | None = None, frame_sleep_s: float = 0.0,
) -> int:
    """Play up to ``frames`` random frames through core + recorder; returns records handed over."""
    rng = random.Random(seed)
    opening = new_game(level, seed)
    state = opening.state
    rec.events(opening.events, 0)
    handed = len(opening.events)
    t = 0
    for frame in range(frames):
        t += 16
        if frame % 7 == 3:
            rec.quiz_answer("pre", "A", f"q{frame}", "premium", rng.choice("abc"),
                            rng.random() < 0.5, rng.randint(300, 9000), None, t)
            handed += 1
        action = _policy(rng)
        result = step(level, state, action)
        state = result.state
        rec.action(action, t)
        rec.events(result.events, t)
        handed += 1 + len(result.events)
        if on_frame is not None:
            on_frame(handed)
        if frame_sleep_s:
            time.sleep(frame_sleep_s)
        if state.outcome is not None:
            break
    return handed
