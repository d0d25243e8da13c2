"""The checker, walkthroughs and decision times know a cancelled purchase, and the search
leaves it out (no escape needs it)."""

from __future__ import annotations

from test_core_economy import level

from escape_game.check.moves import Move, moves
from escape_game.check.walkthrough import Describer
from escape_game.core import actions as act
from escape_game.core.rules import new_game, step
from escape_game.runner.decisions import decisions


def test_a_cancel_is_a_potion_move_and_is_described_in_both_languages() -> None:
    move = Move((act.CancelPurchase(potion="good"),))
    assert move.kind == "potion" and move.entity == "good"
    assert Describer(level(), "en").move(move) == \
        "Cancel the purchase of B “Good” (€30 refunded)"
    assert Describer(level(), "fr").move(move) == \
        "Annuler l’achat de B “Good” (30\u00a0€ remboursés)"


def test_the_search_never_tries_a_cancel_even_when_one_is_possible() -> None:
    lv = level()
    state = step(lv, new_game(lv, 1).state, act.BuyPotion(potion="good")).state
    assert state.cooling_off == {"good"}
    tried = [m.main for m in moves(lv, state)]
    assert tried and not any(isinstance(a, act.CancelPurchase) for a in tried)


def test_a_cancelled_purchase_is_not_a_purchase_in_the_decision_times() -> None:
    lv = level()
    result = new_game(lv, 1)
    timed = [(0, e) for e in result.events]
    state = result.state
    for at, a in enumerate([act.BuyPotion(potion="good"), act.CancelPurchase(potion="good"),
                            act.BuyPotion(potion="cheap")], start=1):
        result = step(lv, state, a)
        state = result.state
        timed += [(at * 1000, e) for e in result.events]
    assert [p.potion for p in decisions(timed).purchases] == ["cheap"]


FLASH = """\
format: 1
id: flash
title: Flash
languages: [en]
start: {room: market, money: "100.00"}
risks: [{id: fire, name: Fire}, {id: theft, name: Theft}]
rooms:
  - id: market
    title: Market
    description: M
    shop:
      - {id: firey, brand: A, name: Firey, covers: [fire], premium: "10.00", limit: "500.00"}
      - {id: lock, brand: B, name: Lock, covers: [theft], premium: "20.00", limit: "500.00"}
      - {id: lock_plus, brand: C, name: Lock plus, covers: [theft], premium: "40.00",
         limit: "500.00"}
    threats:
      - {id: thief, name: Thief, category: theft, description: T, loss: "100.00",
         trigger: {when: actions, count: 1}, warning: {seconds: 30}}
"""


def test_the_flash_offer_is_the_cheapest_label_naming_the_risk_and_hasty_takes_it() -> None:
    import random

    from escape_game.check.bots import hasty
    from escape_game.core.economics import flash_offer
    from escape_game.runner.levels import level_from_text

    lv = level_from_text(FLASH)
    thief = lv.threats["thief"]
    shop = lv.rooms["market"].shop
    assert flash_offer(shop, set(), thief).id == "lock"  # type: ignore[union-attr]
    assert flash_offer(shop, {"lock"}, thief).id == "lock_plus"  # type: ignore[union-attr]
    assert flash_offer(shop, {"lock", "lock_plus"}, thief) is None
    # hasty buys the cheapest label on entering (fire), the thief warns: the flash offer
    state = step(lv, new_game(lv, 1).state, act.BuyPotion(potion="firey")).state
    assert state.pending("thief") is not None
    action, think = hasty(lv, state, random.Random(0))
    assert action == act.BuyPotion(potion="lock") and think == 1_000
