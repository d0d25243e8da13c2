"""One translation mechanism for every UI string: ``t("key", **params)``.

Strings live in ``locales/<lang>.json``; a missing key falls back to English, then to the key
itself, so a gap shows up as visible text rather than a crash.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
FALLBACK = "en"
_current = {"lang": FALLBACK}


@cache
def catalogue(lang: str) -> dict[str, str]:
    path = LOCALES_DIR / f"{lang}.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def available_languages() -> list[str]:
    return sorted(p.stem for p in LOCALES_DIR.glob("*.json"))


#: Each language named in itself, as a player looks for it.
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "de": "Deutsch",
                  "it": "Italiano", "pt": "Português", "nl": "Nederlands", "ar": "العربية",
                  "uk": "Українська", "ru": "Русский", "el": "Ελληνικά", "pl": "Polski"}


def language_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang.split("-")[0], lang)


def set_language(lang: str) -> None:
    _current["lang"] = lang


def language() -> str:
    return _current["lang"]


def t(key: str, **params: object) -> str:
    """The current language's string for ``key``, formatted with ``params``."""
    text = catalogue(_current["lang"]).get(key) or catalogue(FALLBACK).get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text
