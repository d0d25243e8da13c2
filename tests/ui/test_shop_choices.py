"""Choices that feel like choices: buying asks first and shows the money left, a purchase
can be cancelled while still shopping, and a warning brings the shop's flash offer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pygame
import pytest
from test_scenes import in_room

from escape_game.locales import say
from escape_game.ui.scenes.purchase import ConfirmBuyScene
from escape_game.ui.scenes.room import RoomScene
from escape_game.ui.scenes.shop import ShopScene
from escape_game.ui.scenes.threat import FLASH_MS, ThreatScene
from escape_game.ui.settings import Settings, save_settings

pytestmark = pytest.mark.ui


def in_market(make_pilot: Any, **options: Any) -> tuple[Any, Any]:
    pilot, player = in_room(make_pilot, **options)
    player.play({"type": "answer", "puzzle": "safe_code", "code": "1234"})
    player.play({"type": "go", "exit": "to_market"})
    assert pilot.session().state.room == "market"
    return pilot, player


def shown(pilot: Any) -> str:
    return " ".join(r.text for r in pilot.scene.texts)


@pytest.mark.parametrize("mode", ["keyboard", "mouse"])
def test_buying_asks_first_with_the_money_now_and_after(make_pilot: Any, mode: str) -> None:
    pilot, player = in_market(make_pilot)
    player.mode = mode
    money = pilot.session().state.money
    flow = pilot.app.flow
    player.shop()
    player.do("buy_flame_guard")
    assert isinstance(pilot.scene, ConfirmBuyScene)
    assert pilot.focused == "close"  # Enter twice never buys by accident
    texts = [r.text for r in pilot.scene.texts]
    assert flow.money(money) in texts and flow.money(money - 40) in texts
    assert say("en", "purchase.cooling_off") in shown(pilot)
    player.do("close")  # not now: nothing bought
    assert isinstance(pilot.scene, ShopScene)
    assert pilot.session().state.owned_ids == frozenset()
    assert pilot.session().state.money == money
    player.buy("flame_guard")
    assert isinstance(pilot.scene, ShopScene)
    assert pilot.session().state.owned_ids == {"flame_guard"}
    assert pilot.session().state.money == money - 40


def test_a_purchase_beyond_the_money_says_how_much_is_missing(make_pilot: Any) -> None:
    """"Not enough money" alone does not say whether a little saving would do: the dialog
    shows the sum missing, and its buy button does nothing."""
    import dataclasses

    pilot, player = in_market(make_pilot)
    session = pilot.session()
    session.state = dataclasses.replace(session.state, money=Decimal(15))
    player.shop()
    player.do("buy_flame_guard")
    assert isinstance(pilot.scene, ConfirmBuyScene)
    texts = [r.text for r in pilot.scene.texts]
    assert say("en", "purchase.short") in texts
    assert pilot.app.flow.money(Decimal(25)) in texts  # €40 asked, €15 held
    assert say("en", "purchase.cannot_afford") in shown(pilot)
    assert not pilot.widget("confirm").enabled
    pilot.click(pilot.widget("confirm").rect.center)
    assert session.state.owned_ids == frozenset() and session.state.money == 15


@pytest.mark.parametrize("mode", ["keyboard", "mouse"])
def test_a_purchase_can_be_cancelled_while_still_in_the_shop(make_pilot: Any,
                                                              mode: str) -> None:
    pilot, player = in_market(make_pilot)
    player.mode = mode
    money = pilot.session().state.money
    player.shop()
    player.buy("flame_guard")
    assert say("en", "shop.cooling_off") in shown(pilot)
    player.do("cancel_flame_guard")
    state = pilot.session().state
    assert state.owned_ids == frozenset() and state.money == money
    # buying and cancelling were the market's two actions: the kitchen fire now warns, over
    # the shop, which offers the potion again
    [shop] = [s for s in pilot.app.scenes.stack if isinstance(s, ShopScene)]
    keys = [w.key for w in shop.widgets]
    assert "cancel_flame_guard" not in keys and "buy_flame_guard" in keys


def test_the_cancel_is_gone_once_the_player_did_something_else(make_pilot: Any) -> None:
    pilot, player = in_market(make_pilot)
    player.shop()
    player.buy("flame_guard")
    player.close()
    player.play({"type": "examine", "object": "poster"})
    player.to_room()
    player.shop()
    assert pilot.session().state.owned_ids == {"flame_guard"}
    assert not pilot.has("cancel_flame_guard")
    assert say("en", "shop.cooling_off") not in shown(pilot)


def warned(make_pilot: Any, **options: Any) -> tuple[Any, Any]:
    """In the market with the kitchen fire's warning on screen (two actions trigger it)."""
    pilot, player = in_market(make_pilot, **options)
    player.play({"type": "examine", "object": "poster"})
    player.play({"type": "examine", "object": "counter"})
    player.threat_scene("kitchen_fire")
    assert isinstance(pilot.scene, ThreatScene)
    return pilot, player


def test_a_warning_pushes_the_flash_offer_with_a_one_click_buy(make_pilot: Any) -> None:
    pilot, player = warned(make_pilot)
    money = pilot.session().state.money
    assert say("en", "threat.offer_ends", n=10) in shown(pilot)
    assert pilot.widget("flash_buy").label == say("en", "threat.flash_buy", price="€40")
    player.do("flash_buy")  # no question asked: the hasty buy
    assert isinstance(pilot.scene, ThreatScene)
    assert pilot.session().state.owned_ids == {"flame_guard"}
    assert pilot.session().state.money == money - 40
    assert not pilot.has("flash_buy")
    assert say("en", "threat.offer_bought", potion="Fire potion") in shown(pilot)
    # second thoughts: the shop, opened from the warning, still takes it back
    player.do("shop")
    player.do("cancel_flame_guard")
    assert pilot.session().state.owned_ids == frozenset()
    assert pilot.session().state.money == money


def test_the_offer_ends_but_the_shop_still_sells(make_pilot: Any) -> None:
    pilot, _ = warned(make_pilot)
    pilot.wait(10_500, step=100)
    assert pilot.session().state.pending("kitchen_fire") is not None
    assert not pilot.has("flash_buy")
    assert say("en", "threat.offer_over", potion="FlameGuard — Fire potion") in shown(pilot)


def test_pausing_calms_the_offer_slows_it_and_shows_the_fine_print(make_pilot: Any) -> None:
    pilot, player = warned(make_pilot)
    player.do("think")
    assert say("en", "threat.offer_fine_print") in shown(pilot)
    pilot.wait(10_500, step=100)  # ten real seconds are far fewer of the slowed countdown
    assert pilot.has("flash_buy")


def test_once_paused_the_pause_button_says_the_player_is_thinking(make_pilot: Any) -> None:
    pilot, player = warned(make_pilot)
    think = pilot.widget("think")
    assert think.label == say("en", "threat.think") and think.enabled
    player.do("think")
    pilot.frame(ms=0)
    think = pilot.widget("think")
    assert think.label == say("en", "threat.thinking") and not think.enabled


def _border_changes(pilot: Any) -> bool:
    app = pilot.app
    pilot.frame(ms=0)
    first = pygame.image.tobytes(pilot.screenshot(), "RGB")
    app.time_ms += FLASH_MS
    pilot.frame(ms=0)
    return pygame.image.tobytes(pilot.screenshot(), "RGB") != first


def test_the_offer_flashes_unless_motion_is_reduced(make_pilot: Any, tmp_path: Any) -> None:
    pilot, _ = warned(make_pilot)
    assert _border_changes(pilot)
    path = tmp_path / "still" / "settings.json"
    save_settings(Settings(language="en", reduced_motion=True, text_speed="instant"), path)
    still, _ = warned(make_pilot, settings_path=path)
    assert not _border_changes(still)


def test_the_hand_is_free_after_the_item_is_used(make_pilot: Any) -> None:
    pilot, player = in_room(make_pilot)
    player.play({"type": "take", "object": "desk"})
    player.play({"type": "use", "item": "key", "target": "drawer"})
    player.settle()
    assert isinstance(pilot.scene, RoomScene) and pilot.scene.selected_item is None
    assert pilot.session().state.money == Decimal(510)
