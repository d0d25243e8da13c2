"""The cooling-off right: a purchase can be cancelled, premium refunded, while the player is
still shopping, and never once the visit is over or the cover was at stake."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from scenarios import event, play, reason
from test_core_economy import SHOP, balanced, buy, examine, level

from escape_game.runner.levels import level_from_text


def cancel(potion: str) -> dict[str, Any]:
    return {"type": "cancel", "potion": potion}


def test_cancelling_refunds_the_premium_and_undoes_the_purchase() -> None:
    state, results = play(level(), buy("good"), cancel("good"))
    assert event(results[2], "PurchaseCancelled") == {"potion": "good",
                                                     "refund": Decimal("30.00")}
    money = event(results[2], "MoneyChanged")
    assert money["delta"] == Decimal("30.00") and money["reason"] == "refund:good"
    assert state.money == Decimal("100.00") and balanced(state)
    assert state.ledger.premiums == 0
    assert state.owned_potions == () and state.cooling_off == frozenset()
    # the best-value points go back with the purchase: buying then cancelling earns nothing
    assert event(results[2], "ScoreChanged")["reason"] == "cancelled:good"
    assert state.score == 0


def test_a_cancelled_potion_can_be_bought_again() -> None:
    state, results = play(level(), buy("good"), cancel("good"), buy("good"))
    assert event(results[3], "PotionBought")["potion"] == "good"
    assert state.owned_ids == frozenset({"good"}) and state.cooling_off == {"good"}
    assert state.money == Decimal("70.00") and balanced(state)


def test_several_purchases_of_one_visit_can_each_be_cancelled() -> None:
    state, _ = play(level(), examine("wallet"), buy("good"), {"type": "decline", "potion": "cheap"},
                    buy("pricey"), cancel("good"))
    assert state.owned_ids == frozenset({"pricey"}) and state.cooling_off == {"pricey"}
    assert state.money == Decimal("260.00") and balanced(state)


def test_cancelling_never_earns_points() -> None:
    # buying everything was penalised (the score floored at zero); cancelling one of them
    # does not give the penalty back, which could pay more than it took
    state, results = play(level(), examine("wallet"), buy("good"), buy("cheap"), buy("pricey"),
                          cancel("cheap"))
    assert [e.name for e in results[-1].events if e.name == "ScoreChanged"] == []
    assert state.score == 0


def test_any_other_action_ends_the_visit() -> None:
    _, results = play(level(), buy("good"), examine("rest"), cancel("good"))
    assert reason(results[3]) == "cooling_off_over"


def test_leaving_the_room_ends_the_visit() -> None:
    state, results = play(level(), buy("good"), {"type": "go", "exit": "ahead"}, cancel("good"))
    assert reason(results[3]) == "cooling_off_over"
    assert state.owned_ids == frozenset({"good"})


def test_no_refund_once_a_threat_resolved() -> None:
    text = SHOP.replace("[{add_wellbeing: -25}]", "[{trigger_threat: blaze}]")
    lv = level_from_text(text)
    # the warning is up while shopping: cancelling is still possible before it strikes
    state, _ = play(lv, examine("rest"), buy("good"), cancel("good"))
    assert state.owned_ids == frozenset()
    # once it struck (and the potion paid), the purchase stands
    _, results = play(lv, examine("rest"), buy("good"), {"type": "wait", "ms": 6000},
                      cancel("good"))
    assert event(results[3], "ThreatStruck")["protected"] is True
    assert reason(results[4]) == "cooling_off_over"


def test_time_passing_in_the_shop_keeps_the_visit_open() -> None:
    state, _ = play(level(), buy("good"), {"type": "wait", "ms": 20_000}, cancel("good"))
    assert state.owned_ids == frozenset()


def test_cancelling_what_was_not_bought_is_refused() -> None:
    _, results = play(level(), cancel("good"), cancel("nothing"))
    assert reason(results[1]) == "not_owned"
    assert reason(results[2]) == "unknown_potion"


def test_the_cooling_off_survives_a_save() -> None:
    from escape_game.core import GameState, step
    from escape_game.core.actions import CancelPurchase

    state, _ = play(level(), buy("good"))
    again = GameState.from_json(state.to_json())
    assert again == state
    after = step(level(), again, CancelPurchase(potion="good")).state
    assert after.money == Decimal("100.00")


SHOPPING = st.lists(st.sampled_from(
    [buy("good"), buy("cheap"), buy("pricey"), cancel("good"), cancel("cheap"),
     cancel("pricey"), examine("wallet"), {"type": "wait", "ms": 1000}]), max_size=12)


@settings(max_examples=60, deadline=None)
@given(SHOPPING)
def test_accounts_balance_and_cancellable_potions_are_owned(actions: list[dict[str, Any]]
                                                            ) -> None:
    state, _ = play(level(), *actions)
    assert balanced(state)
    assert state.cooling_off <= state.owned_ids
    assert state.ledger.premiums == sum(
        (Decimal(p) for p in [{"good": "30.00", "cheap": "10.00", "pricey": "90.00"}[o.potion]
                              for o in state.owned_potions]), Decimal(0))


@settings(max_examples=60, deadline=None)
@given(SHOPPING)
def test_a_cancellation_never_raises_the_score(actions: list[dict[str, Any]]) -> None:
    from escape_game.core import step
    from escape_game.core.actions import CancelPurchase

    state, _ = play(level(), *actions)
    for potion in sorted(state.cooling_off):
        after = step(level(), state, CancelPurchase(potion=potion)).state
        assert after.score <= state.score
        assert after.money - after.debt == state.money - state.debt + {
            "good": Decimal("30.00"), "cheap": Decimal("10.00"), "pricey": Decimal("90.00")}[potion]
