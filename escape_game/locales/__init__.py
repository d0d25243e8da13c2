"""The game's own words in every language it speaks: ``say(lang, "key", **params)``.

One mechanism for the words of the interface and of the walkthrough: ``<lang>.json`` next to
this module maps a key to a phrase. A missing phrase falls back as a level's text does (see
:func:`~escape_game.model.text_in`): the language asked for, then English, then the key itself,
so that a gap shows up as visible text rather than a crash. The language is always passed in:
the player's setting lives in one place (the UI's settings), not in this module. Nothing here
imports the level models, so the window's first frame can speak before they are built.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent
#: the language whose phrase stands in for a missing one
FALLBACK = "en"

#: Each language named in itself, as a player looks for it.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "de": "Deutsch",
                  "it": "Italiano", "pt": "Português", "nl": "Nederlands", "ar": "العربية",
                  "uk": "Українська", "ru": "Русский", "el": "Ελληνικά", "pl": "Polski"}


def language_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang.split("-")[0], lang)


def spoken() -> tuple[str, ...]:
    """The languages the game's own words are written in (one catalogue each)."""
    return tuple(sorted(p.stem for p in LOCALES_DIR.glob("*.json")))


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every phrase of one language by key; empty for a language the game does not speak."""
    path = LOCALES_DIR / f"{lang.split('-')[0]}.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def say(lang: str, key: str, **params: object) -> str:
    """The phrase for ``key`` in ``lang``, formatted with ``params``."""
    text = catalogue(lang).get(key) or catalogue(FALLBACK).get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def format_money(amount: Decimal | int | float, currency: str, lang: str) -> str:
    """The one way amounts are written, for the player and in walkthroughs: whole amounts
    without cents, and a minus sign (U+2212) before the whole amount, so a debt reads "−€95"
    in English and "−95 €" in French, never "€-95". Where the symbol goes and how digits
    are grouped come from the language's catalogue (``money.format``, ``money.digits``)."""
    sign = "\u2212" if amount < 0 else ""
    value = f"{abs(amount):,.2f}"
    if value.endswith(".00"):
        value = value[:-3]
    digits = say(lang, "money.digits")  # 1234.5 as the language writes it: "1,234.50"
    thousands, decimal = digits[1], digits[-3]
    grouped = value.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    return say(lang, "money.format", sign=sign, currency=currency, amount=grouped)
