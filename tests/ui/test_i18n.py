"""One translation mechanism: every catalogue holds every key, and every key used exists.

The interface (``app.t``), the walkthrough (``Describer.phrase``) and the shop lint all read
the same catalogues through :func:`escape_game.locales.say`, with the language passed in.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from escape_game import locales
from escape_game.locales import say, spoken

pytestmark = pytest.mark.ui

GAME = Path(locales.__file__).resolve().parents[1]
LITERAL = re.compile(r"""\bt\(\s*"([^"]+)"\s*[,)]""")
TEMPLATE = re.compile(r"""\bt\(\s*f"([^"]+)"\s*[,)]""")
PHRASE = re.compile(r"""\bp(?:hrase)?\(\s*['"]([a-z_]+)['"]\s*[,)]""")


def _load(lang: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((locales.LOCALES_DIR / f"{lang}.json").read_text("utf-8"))
    return data


def _used() -> tuple[set[str], set[str]]:
    literal: set[str] = set()
    templates: set[str] = set()
    for path in (GAME / "ui").rglob("*.py"):
        source = path.read_text("utf-8")
        literal |= set(LITERAL.findall(source))
        templates |= set(TEMPLATE.findall(source))
    return literal, templates


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_game_speaks_english_and_french() -> None:
    assert {"en", "fr"} <= set(spoken())


@pytest.mark.parametrize("lang", spoken())
def test_every_language_has_every_key(lang: str) -> None:
    en, other = _load("en"), _load(lang)
    assert sorted(set(en) - set(other)) == []
    assert sorted(set(other) - set(en)) == []


@pytest.mark.parametrize("lang", spoken())
def test_translations_use_the_same_placeholders(lang: str) -> None:
    en, other = _load("en"), _load(lang)
    different = {k: (_fields(en[k]), _fields(other[k])) for k in en
                 if _fields(en[k]) != _fields(other.get(k, ""))}
    assert different == {}


def test_every_key_used_in_the_interface_exists() -> None:
    en = _load("en")
    literal, templates = _used()
    assert len(literal) > 50  # the scan does find the calls
    assert sorted(k for k in literal if k not in en) == []
    for template in templates:
        shape = re.sub(r"\\\{[^}]*\\\}", "[a-z0-9_]+", re.escape(template))
        pattern = re.compile(f"^{shape}$")
        assert any(pattern.match(k) for k in en), f"no key matches t(f\"{template}\")"


def test_every_walkthrough_phrase_used_exists_in_every_language() -> None:
    sources = [GAME / "check" / "walkthrough.py", *(GAME / "check" / "solutions").glob("*.py")]
    used = {key for path in sources for key in PHRASE.findall(path.read_text("utf-8"))}
    assert {"go", "take", "then", "struck", "escaped", "title", "none"} <= used
    for lang in spoken():
        catalogue = _load(lang)
        assert sorted(k for k in used if f"walkthrough.{k}" not in catalogue) == [], lang


@pytest.mark.parametrize("lang", spoken())
def test_no_key_is_left_empty(lang: str) -> None:
    assert [k for k, v in _load(lang).items() if not v.strip()] == []


def test_say_takes_the_language_formats_and_falls_back() -> None:
    assert say("fr", "quiz.progress", n=2, total=5) == "Question 2 sur 5"
    assert say("en", "quiz.progress", n=2, total=5) == "Question 2 of 5"
    assert say("fr-CA", "quiz.progress", n=2, total=5) == "Question 2 sur 5"
    assert say("de", "quiz.progress", n=2, total=5) == "Question 2 of 5"  # English stands in
    assert say("fr", "no.such.key") == "no.such.key"
    assert say("fr", "walkthrough.wait", seconds=3) == "Attendre 3 secondes"


def test_the_interface_follows_the_settings_language(make_pilot: object) -> None:
    pilot = make_pilot()  # type: ignore[operator]
    app = pilot.app
    app.apply_settings(app.settings.with_(language="fr"))
    assert app.lang == "fr" and app.t("quiz.progress", n=2, total=5) == "Question 2 sur 5"
    app.apply_settings(app.settings.with_(language="en"))
    assert app.t("quiz.progress", n=2, total=5) == "Question 2 of 5"


@pytest.mark.parametrize(("lang", "joined"), [
    ("en", "Fires caused by electrical faults; Accidents on two wheels"),
    ("fr", "Incendies d’origine électrique\u00a0; Accidents à deux-roues"),
])
def test_a_potions_exclusions_are_listed_as_the_language_writes_a_list(lang: str,
                                                                       joined: str) -> None:
    """French puts a space before a semicolon (non-breaking, so that the semicolon never
    starts a line of the comparison table)."""
    from escape_game.commands.play import campaign_or_problems
    from escape_game.ui.scenes.comparison import facts
    from escape_game.ui.texts import LevelTexts

    level, problems = campaign_or_problems(Path(__file__).resolve().parents[2] / "levels"
                                           / "risk_academy")
    assert problems == [], problems
    campaign = level.campaign
    potion = next(p for room in campaign.rooms for p in room.shop if p.id == "megashield")
    rows = dict(facts(LevelTexts(campaign, lambda: lang), potion))
    assert rows[say(lang, "shop.exclusions")] == joined
