"""Durations in the words a player reads, in the player's language ("30 minutes", "1 h 30 min").

Levels count game time in seconds; a player should never have to convert "1800 s".
"""

from __future__ import annotations

from escape_game.locales import say


def duration(seconds: int, lang: str) -> str:
    """``seconds`` as days, hours, minutes and seconds, largest units first, zeros left out."""
    seconds = max(0, int(seconds))
    parts: list[str] = []
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(say(lang, f"unit.{unit}" if count == 1 else f"unit.{unit}s", n=count))
    if not parts:
        return say(lang, "unit.seconds", n=0)
    return say(lang, "unit.join").join(parts) if len(parts) > 1 else parts[0]
