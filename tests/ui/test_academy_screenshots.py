"""Risk Academy as a player sees it: every room, buying (the question, the cooling-off),
a warning with the shop's flash offer, a threat while pausing to think, a strike, and each
ending, at the Normal text size and in high contrast (UPDATE_SCREENSHOTS=1 rewrites
the references; a missing one fails under CI, like the other screenshot tests)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pygame
import pytest
from test_screenshots import compare_with_references

from escape_game.core.events import ThreatStruck
from escape_game.core.state import PendingWarning
from escape_game.loading import load_campaign
from escape_game.ui.app import PlayOptions
from escape_game.ui.pilot import Pilot
from escape_game.ui.scenes.outcome import outcome_scene
from escape_game.ui.scenes.shop import ShopScene
from escape_game.ui.scenes.threat import ThreatScene
from escape_game.ui.settings import Settings, save_settings

pytestmark = [pytest.mark.ui, pytest.mark.slow]

REFERENCE = Path(__file__).resolve().parent / "screenshots" / "academy"
LEVEL = Path(__file__).resolve().parents[2] / "levels" / "risk_academy"
VARIANTS = {"normal": Settings(language="en", text_speed="instant"),
            "high_contrast_fr": Settings(language="fr", high_contrast=True,
                                         text_speed="instant")}
#: long enough for every animation (strike, calm) to be over: the still picture
SETTLED_MS = 3000


def screens(pilot: Pilot) -> Iterator[str]:
    """Put each screen on top, yielding its name when it is ready to be captured."""
    app, flow = pilot.app, pilot.app.flow
    campaign = flow.campaign
    for room in campaign.rooms:
        app.options.start_room = room.id
        app.toasts.clear()
        flow.start_game()
        del app.scenes.stack[1:]  # the room's opening messages
        app.toasts.clear()
        pilot.frame(ms=0)
        yield f"room_{room.id}"
    # buying: the question with the sums, then the purchase that can still be cancelled
    shop_room = next(r for r in campaign.rooms if r.shop and r.threats)
    app.options.start_room = shop_room.id
    flow.start_game()
    del app.scenes.stack[1:]
    app.toasts.clear()
    shop = ShopScene(app)
    app.scenes.push(shop)
    pilot.frame(ms=0)
    shop.buy(shop_room.shop[0].id)
    pilot.frame(ms=0)
    yield "buy_confirm"
    pilot.activate("confirm")
    app.time_ms += SETTLED_MS
    app.toasts.clear()
    pilot.frame(ms=0)
    yield "shop_cooling_off"
    # a warning, and the shop's flash offer pushing its one-click buy
    del app.scenes.stack[1:]
    flow.start_game()
    del app.scenes.stack[1:]
    app.toasts.clear()
    pushed = shop_room.threats[0]
    flow.game.state = dataclasses.replace(flow.game.state, warnings=(
        PendingWarning(pushed.id, 30000),))
    app.scenes.push(ThreatScene(app, pushed.id))
    pilot.frame(ms=0)
    yield "flash_offer"
    room = next(r for r in campaign.rooms if r.threats)
    threat = room.threats[0]
    app.options.start_room = room.id
    flow.start_game()
    session = flow.game
    del app.scenes.stack[1:]
    app.toasts.clear()
    state = session.state
    session.state = dataclasses.replace(state, warnings=(
        PendingWarning(threat.id, 30000, paused=True),))
    scene = ThreatScene(app, threat.id)
    app.scenes.push(scene)
    app.time_ms += SETTLED_MS
    pilot.frame(ms=0)
    yield "pause_and_think"
    session.state = dataclasses.replace(state, money=state.money - Decimal(100))  # paid
    payout = threat.loss - Decimal(100)
    scene.struck(ThreatStruck(threat=threat.id, category=threat.category, protected=True,
                              potion=None, loss=threat.loss, deductible=Decimal(100),
                              payout=payout, out_of_pocket=Decimal(100)))
    app.time_ms += SETTLED_MS
    pilot.frame(ms=0)
    yield "strike"
    summary = app.t("ending.summary", score=120, money=flow.money(Decimal(700)), wellbeing=78)
    for outcome in ("escaped", "out_of_time", "exhausted"):
        app.scenes.replace(outcome_scene(app, campaign, flow.tr, outcome, summary,
                                         lambda: None, room=flow.game.room))
        pilot.frame(ms=0)
        yield f"ending_{outcome}"


def shots(tmp_path: Path, variant: str) -> dict[str, pygame.Surface]:
    settings_path = tmp_path / f"{variant}.json"
    save_settings(VARIANTS[variant], settings_path)
    pilot = Pilot(PlayOptions(level=load_campaign(LEVEL), data_dir=tmp_path / "data", seed=3,
                              settings_path=settings_path, telemetry=False))
    return {name: pilot.screenshot() for name in screens(pilot)}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_academy_screens_match_their_reference(tmp_path: Path, variant: str) -> None:
    pytest.importorskip("numpy")
    taken = shots(tmp_path, variant)
    rooms = {f"room_{r.id}" for r in load_campaign(LEVEL).campaign.rooms}
    assert rooms | {"pause_and_think", "strike", "ending_escaped", "ending_out_of_time",
                    "ending_exhausted", "buy_confirm", "shop_cooling_off",
                    "flash_offer"} <= set(taken), sorted(taken)
    compare_with_references(taken, REFERENCE / variant, tmp_path)
