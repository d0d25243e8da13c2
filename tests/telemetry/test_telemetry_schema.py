"""No record field can hold typed free text: every field of every model is walked and probed.

The walk is generic (model_fields, recursively into nested models, lists and dicts), so a
field added later is probed too; a record model without a baseline fails the first test.
"""

from __future__ import annotations

import re
import typing
import uuid
from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from telemetry_helpers import make_header

from escape_game.core import events as core_events
from telemetry.records import (
    RECORD_MODELS,
    TOKEN_PATTERN,
    ActionRecord,
    EventRecord,
    QuizAnswerRecord,
    ResumeRecord,
    SessionFooter,
    event_data,
)

NOW = datetime(2026, 1, 1, tzinfo=UTC)
BASELINES: dict[type[BaseModel], dict[str, Any]] = {
    type(make_header()): make_header().model_dump(),
    ActionRecord: {"seq": 1, "t_ms": 0, "action": {"type": "wait", "ms": 16}},
    EventRecord: {"seq": 1, "t_ms": 0, "name": "RoomEntered", "data": {"room": "hall"}},
    QuizAnswerRecord: {
        "seq": 1, "t_ms": 0, "phase": "pre", "form": "A", "item": "q1", "concept": "premium",
        "choice": "b", "correct": True, "latency_ms": 10, "confidence": 3,
    },
    SessionFooter: {"seq": 1, "t_ms": 0, "outcome": "quit", "ended_at": NOW},
    ResumeRecord: {"seq": 1, "t_ms": 0, "seed": 3, "timers": True, "start_room": "hall",
                   "actions": [{"type": "wait", "ms": 16}], "state_sha256": "0" * 64},
}
TOKEN = re.compile(TOKEN_PATTERN)
# Free text: something a player could type that is not a token (a space, punctuation, accents).
free_text = st.text(min_size=1, max_size=40).filter(lambda s: not TOKEN.fullmatch(s))


def _strings(value: Any) -> list[str]:
    """Every string stored in a dumped record, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _probes(annotation: Any, text: str) -> list[Any]:
    """Values that put ``text`` wherever this annotation could hold a string."""
    probes: list[Any] = [text, [text], {text: 1}, {"k": text}, {"k": [text]}]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [text]
    return probes


def _paths(model: type[BaseModel], base: dict[str, Any]) -> list[tuple[list[str], Any]]:
    """(path to a field, its annotation) for every field, nested models included."""
    found: list[tuple[list[str], Any]] = []
    for name, info in model.model_fields.items():
        found.append(([name], info.annotation))
        nested = [a for a in (info.annotation, *typing.get_args(info.annotation))
                  if isinstance(a, type) and issubclass(a, BaseModel)]
        for sub in nested:
            sub_base = base.get(name) or {}
            for path, annotation in _paths(sub, sub_base):
                found.append(([name, *path], annotation))
    return found


def _with(base: dict[str, Any], path: list[str], value: Any) -> dict[str, Any]:
    out = dict(base)
    if len(path) == 1:
        out[path[0]] = value
    else:
        out[path[0]] = _with(dict(base[path[0]]), path[1:], value)
    return out


def test_every_record_model_has_a_valid_baseline() -> None:
    assert set(RECORD_MODELS) == set(BASELINES)
    for model, base in BASELINES.items():
        model.model_validate(base)


@settings(max_examples=60, deadline=None)
@given(text=free_text)
def test_no_field_of_any_record_accepts_free_text(text: str) -> None:
    for model, base in BASELINES.items():
        for path, annotation in _paths(model, base):
            for probe in _probes(annotation, text):
                try:
                    record = model.model_validate(_with(base, path, probe))
                except ValidationError:
                    continue
                # Accepted only if it did not stay text (e.g. a date string became a datetime).
                stored = _strings(record.model_dump(mode="python"))
                assert all(TOKEN.fullmatch(s) for s in stored if not _is_uuid(s)), (
                    f"{model.__name__}.{'.'.join(path)} kept free text {text!r}"
                )


def _is_uuid(s: str) -> bool:
    try:
        uuid.UUID(s)
    except ValueError:
        return False
    return True


def test_the_walk_reaches_nested_and_container_fields() -> None:
    paths = {".".join(p) for p, _ in _paths(type(make_header()), make_header().model_dump())}
    assert {"consent.at", "player", "campaign_id"} <= paths
    with_text = _with(BASELINES[EventRecord], ["data"], {"k": ["a b"]})
    try:
        EventRecord.model_validate(with_text)
    except ValidationError:
        pass
    else:
        raise AssertionError("a list inside event data accepted free text")


def _event_classes() -> list[type[core_events.Event]]:
    base = core_events.Event
    return [c for c in vars(core_events).values()
            if isinstance(c, type) and issubclass(c, base) and c is not base]


def test_every_core_event_fits_an_event_record_even_with_text_in_it() -> None:
    """Each event gets a sentence in every string field it accepts one in: nothing leaks."""
    classes = _event_classes()
    assert len(classes) > 20
    for cls in classes:
        event = _instance(cls)
        record = EventRecord(seq=1, t_ms=0, name=event.name, data=event_data(event))
        assert all(TOKEN.fullmatch(s) for s in _strings(record.model_dump())), cls.__name__


SENTENCE = "Some sentence, typed by someone é"


def _safe(annotation: Any) -> Any:
    from decimal import Decimal

    args = typing.get_args(annotation)
    if annotation is bool:
        return True
    if annotation is int:
        return 3
    if annotation is Decimal:
        return Decimal("1.5")
    if typing.get_origin(annotation) is tuple:
        return ("a1", "b2")
    if typing.get_origin(annotation) is typing.Literal:
        return args[0]
    return "id1"


def _instance(cls: type[core_events.Event]) -> core_events.Event:
    """A valid instance, then a sentence put in every field that accepts one."""
    values = {name: _safe(info.annotation) for name, info in cls.model_fields.items()}
    cls.model_validate(values)
    for name in cls.model_fields:
        try:
            cls.model_validate({**values, name: SENTENCE})
        except ValidationError:
            continue
        values[name] = SENTENCE
    return cls.model_validate(values)
