"""The one bound on numbers read from outside: levels, saves, action files, recorder arguments.

Python converts a long digit string in quadratic time and refuses more than 4,300 decimal
digits only when the number is printed, so a number is measured as text before it is
converted, and an amount by its digits and exponent before any arithmetic. The bound is far
above any amount, time or score a game needs and fits a 64-bit seed.
"""

from __future__ import annotations

import re
from decimal import Decimal

#: Significant digits of any number read (a 64-bit seed has 20).
MAX_DIGITS = 20
#: Any value quoted back in a message is shortened to this many characters.
QUOTE_LIMIT = 80

_PREFIXES = {"0x": 16, "0o": 8}


class NumberTooLong(ValueError):
    """A number with more digits than any input may hold; the message quotes it shortened."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(f"the number {quote(text)} is too large: a number has at most "
                         f"{MAX_DIGITS} decimal digits")


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``'text'``, cut to ``limit`` characters with the full length said when it is longer."""
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{text[: limit - 1]}…' ({len(text)} characters)"


_LONG_QUOTE = re.compile("'([^'\\n]{" + str(QUOTE_LIMIT + 1) + ",})'")


def shorten_quotes(message: str) -> str:
    """Every '...' in a message longer than QUOTE_LIMIT cut as :func:`quote` cuts it."""
    return _LONG_QUOTE.sub(lambda m: quote(m.group(1)), message)


def _significant(digits: str) -> int:
    return len(digits.lstrip("0_"))


def whole_number(text: str) -> int:
    """A YAML 1.2 core integer (decimal, ``0o`` octal, ``0x`` hexadecimal) or a JSON one.

    Raises NumberTooLong before converting a number whose digits pass the bound, and
    ValueError for text that is not a whole number.
    """
    digits = text[1:] if text[:1] in "+-" else text
    base = _PREFIXES.get(digits[:2].lower(), 10)
    if base != 10:
        digits = digits[2:]
    if _significant(digits) > MAX_DIGITS:
        raise NumberTooLong(text)
    value = int(digits.lstrip("0") or "0", base)
    if value >= 10**MAX_DIGITS:
        raise NumberTooLong(text)
    return -value if text.startswith("-") else value


def check_decimal_text(text: str) -> str:
    """A decimal or float written as text, refused before conversion when it is too long.

    The mantissa may have MAX_DIGITS significant digits and the exponent four digits, which
    is enough for any amount or likelihood and keeps every conversion instant.
    """
    body = text.lower().lstrip("+-")
    mantissa, _, exponent = body.partition("e")
    if _significant(mantissa.replace(".", "")) > MAX_DIGITS or \
            len(exponent.lstrip("+-")) > 4 or len(text) > 2 * MAX_DIGITS + 8:
        raise NumberTooLong(text)
    return text


def amount_fits(amount: Decimal) -> bool:
    """A finite amount whose digits before and after the point are within the bound."""
    if not amount.is_finite():
        return False
    _, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    whole = len(digits) + exponent
    return whole <= MAX_DIGITS and -exponent <= MAX_DIGITS
