"""Durations read as a player says them, in each language."""

from __future__ import annotations

import pytest

from escape_game.ui.units import duration


@pytest.mark.parametrize(("lang", "seconds", "expected"), [
    ("en", 1800, "30 minutes"),
    ("fr", 1800, "30 minutes"),
    ("en", 60, "1 minute"),
    ("en", 45, "45 seconds"),
    ("fr", 1, "1 seconde"),
    ("en", 5400, "1 hour and 30 minutes"),
    ("fr", 7200, "2 heures"),
    ("fr", 90061, "1 jour et 1 heure et 1 minute et 1 seconde"),
    ("en", 0, "0 seconds"),
])
def test_durations_in_words(lang: str, seconds: int, expected: str) -> None:
    assert duration(seconds, lang) == expected
