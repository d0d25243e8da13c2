"""Readable one-line descriptions of events for the headless runner's log."""

from __future__ import annotations

from typing import Any

from escape_game.core import Action, Event
from escape_game.model import text_in


def _value(value: Any, lang: str) -> str:
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        return repr(text_in(value, lang))
    if isinstance(value, tuple | list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def describe_event(event: Event, lang: str = "en") -> str:
    fields = event.model_dump()
    parts = [f"{k}={_value(v, lang)}" for k, v in fields.items() if v is not None]
    return f"{event.name} " + " ".join(parts) if parts else event.name


def describe_action(action: Action) -> str:
    fields = action.model_dump(exclude_none=True)
    kind = fields.pop("type")
    return f"{kind} " + " ".join(f"{k}={v}" for k, v in fields.items()) if fields else str(kind)
