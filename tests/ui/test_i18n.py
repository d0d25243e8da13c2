"""One translation mechanism: both locales hold the same keys, and every key used exists."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from escape_game.ui import i18n

pytestmark = pytest.mark.ui

UI = Path(i18n.__file__).resolve().parent
LITERAL = re.compile(r"""\bt\(\s*"([^"]+)"\s*[,)]""")
TEMPLATE = re.compile(r"""\bt\(\s*f"([^"]+)"\s*[,)]""")


def _load(lang: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((UI / "locales" / f"{lang}.json").read_text("utf-8"))
    return data


def _used() -> tuple[set[str], set[str]]:
    literal: set[str] = set()
    templates: set[str] = set()
    for path in UI.rglob("*.py"):
        if path.name == "i18n.py":  # its docstring shows t("key", ...)
            continue
        source = path.read_text("utf-8")
        literal |= set(LITERAL.findall(source))
        templates |= set(TEMPLATE.findall(source))
    return literal, templates


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_and_french_have_the_same_keys() -> None:
    en, fr = _load("en"), _load("fr")
    assert sorted(set(en) - set(fr)) == []
    assert sorted(set(fr) - set(en)) == []


def test_translations_use_the_same_placeholders() -> None:
    en, fr = _load("en"), _load("fr")
    different = {k: (_fields(en[k]), _fields(fr[k])) for k in en
                 if _fields(en[k]) != _fields(fr[k])}
    assert different == {}


def test_every_key_used_in_the_code_exists() -> None:
    en = _load("en")
    literal, templates = _used()
    assert len(literal) > 50  # the scan does find the calls
    assert sorted(k for k in literal if k not in en) == []
    for template in templates:
        shape = re.sub(r"\\\{[^}]*\\\}", "[a-z0-9_]+", re.escape(template))
        pattern = re.compile(f"^{shape}$")
        assert any(pattern.match(k) for k in en), f"no key matches t(f\"{template}\")"


def test_no_key_is_left_empty() -> None:
    for lang in ("en", "fr"):
        assert [k for k, v in _load(lang).items() if not v.strip()] == []


def test_t_formats_and_falls_back() -> None:
    i18n.set_language("fr")
    try:
        assert i18n.t("quiz.progress", n=2, total=5) == "Question 2 sur 5"
        assert i18n.t("no.such.key") == "no.such.key"
    finally:
        i18n.set_language("en")
    assert i18n.t("quiz.progress", n=2, total=5) == "Question 2 of 5"
