"""Amounts read the same everywhere: a debt shows its minus sign before the whole amount."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from escape_game.locales import format_money

MINUS = "\u2212"


def test_negative_amounts_put_the_sign_before_the_currency_in_english() -> None:
    assert format_money(Decimal("-95"), "€", "en") == f"{MINUS}€95"
    assert format_money(Decimal("-1234.50"), "€", "en") == f"{MINUS}€1,234.50"
    assert format_money(Decimal("95"), "€", "en") == "€95"
    assert format_money(Decimal("0"), "€", "en") == "€0"


def test_negative_amounts_in_french_keep_the_symbol_after() -> None:
    assert format_money(Decimal("-95"), "€", "fr") == f"{MINUS}95\u00a0€"
    assert format_money(Decimal("-1234.5"), "€", "fr") == f"{MINUS}1\u202f234,50\u00a0€"


@given(st.decimals(min_value=-10**6, max_value=10**6, places=2, allow_nan=False),
       st.sampled_from(["en", "fr"]))
def test_the_sign_is_never_inside_the_amount(amount: Decimal, lang: str) -> None:
    shown = format_money(amount, "€", lang)
    assert "-" not in shown
    assert shown.startswith(MINUS) == (amount < 0)
    assert shown.count(MINUS) == (1 if amount < 0 else 0)
    assert shown.lstrip(MINUS) == format_money(abs(amount), "€", lang)
