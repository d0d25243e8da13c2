"""A fast decoder for the records that make up nearly every line: events and quiz answers.

A folder of a classroom holds about a million ``event`` and ``quiz_answer`` lines; validating
each with pydantic costs more than parsing it with ``json.loads``. msgspec decodes and checks
them about five times faster, but two schemas would drift apart, so there is still only one:
the msgspec types here are *generated* from the pydantic models of :mod:`telemetry.records`
at import time, field by field, constraint by constraint (a constraint the generator does not
know is an error, never skipped).

The token pattern is the one constraint checked another way: msgspec would run Python's
``re`` on every string (slower than pydantic itself), so :func:`tokens_only` checks every
string of the line at once, with two byte operations in C (the twins keep the length limit).
It is stricter than the pattern (it applies to every string of the line, field names and
literals included), never looser.

msgspec is strict where pydantic is lax (``"5"`` or ``5.0`` for an int, ``1`` for a bool), so
the fast path accepts a subset of what the models accept and, on that subset, gives the same
values (``tests/research/test_research_fast_records.py`` checks both, with hypothesis). A
line it refuses is not an error yet: :func:`decode_line` hands it to pydantic, whose answer
(a record, or the error message naming the field) is the one that counts. The models stay
the definition of a valid line.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
import msgspec
from pydantic import BaseModel, StringConstraints

from telemetry.records import RECORD_ADAPTER, TOKEN_PATTERN, EventRecord, QuizAnswerRecord

_SCALARS = (str, int, float, bool, type(None))
#: The characters of a token, from the one pattern of :mod:`telemetry.records`.
_TOKEN_CLASS = re.fullmatch(r"\^\[(.*)\]\*\$", TOKEN_PATTERN)
if _TOKEN_CLASS is None:  # pragma: no cover - the records module changed its pattern
    raise TypeError(f"token pattern {TOKEN_PATTERN!r} is not ^[class]*$")
TOKEN_BYTES = bytes(c for c in range(128)
                    if re.fullmatch(f"[{_TOKEN_CLASS.group(1)}]", chr(c)))


def tokens_only(text: bytes) -> bool:
    """True when every JSON string in ``text`` (one line, or whole lines) holds only token
    characters, without escapes.

    Deleting the token characters leaves each such string as ``""``; a string holding
    anything else (a space, a comma, an escape, a non-ASCII byte) keeps a quote once the
    ``""`` pairs are gone. A raw newline is never a token character, so on a whole file this
    is true exactly when it is true of every line."""
    skeleton = text.translate(None, TOKEN_BYTES)
    # Every quote pairs with its neighbour: what replace(b'""', b"") would leave no quote of.
    return skeleton.count(b'"') == 2 * skeleton.count(b'""')


def _pattern(pattern: str) -> None:
    if pattern != TOKEN_PATTERN:
        raise TypeError(f"pattern {pattern!r}: only the token pattern has a fast check")


def _meta(metadata: tuple[Any, ...]) -> msgspec.Meta | None:
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, StringConstraints):
            if item.pattern is not None:
                # Checked by tokens_only on the whole line, not per string.
                pattern = item.pattern
                _pattern(pattern if isinstance(pattern, str) else pattern.pattern)
            lengths = {"max_length": item.max_length, "min_length": item.min_length}
            others = {"strip_whitespace": item.strip_whitespace, "to_upper": item.to_upper,
                      "to_lower": item.to_lower, "strict": item.strict}
            if any(v is not None for v in others.values()):
                raise TypeError(f"unsupported string constraint {item!r}")
            found.update((key, value) for key, value in lengths.items() if value is not None)
        elif isinstance(item, (annotated_types.Ge, annotated_types.Gt, annotated_types.Le,
                               annotated_types.Lt)):
            key = type(item).__name__.lower()
            found[key] = getattr(item, key)
        else:
            raise TypeError(f"unsupported constraint {item!r}")
    return msgspec.Meta(**found) if found else None


def msgspec_type(annotation: Any, metadata: tuple[Any, ...] = ()) -> Any:
    """The msgspec type accepting what ``annotation`` (with its constraints) accepts in
    strict mode; TypeError for anything it cannot translate exactly."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return msgspec_type(base, (*extra, *metadata))
    meta = _meta(metadata)
    if origin is Union or origin is types.UnionType:
        if meta is not None:
            raise TypeError(f"constraints on a union: {annotation!r}")
        return Union[tuple(msgspec_type(arg) for arg in get_args(annotation))]  # noqa: UP007
    if origin is Literal:
        converted: Any = annotation
    elif origin is dict:
        key, value = get_args(annotation)
        converted = dict[msgspec_type(key), msgspec_type(value)]  # type: ignore[misc]
    elif origin is list:
        (item,) = get_args(annotation)
        converted = list[msgspec_type(item)]  # type: ignore[misc]
    elif annotation in _SCALARS:
        converted = annotation
    else:
        raise TypeError(f"no msgspec twin for {annotation!r}")
    return Annotated[converted, meta] if meta is not None else converted


def twin(model: type[BaseModel]) -> type[msgspec.Struct]:
    """A frozen msgspec Struct with the model's fields, tagged by its ``record`` literal."""
    fields: list[tuple[str, Any, Any] | tuple[str, Any]] = []
    tag = None
    for name, info in model.model_fields.items():
        if name == "record":
            if get_origin(info.annotation) is not Literal or len(get_args(info.annotation)) != 1:
                raise TypeError(f"{model.__name__}.record is not a single literal")
            (tag,) = get_args(info.annotation)
            continue
        kind = msgspec_type(info.annotation, tuple(info.metadata))
        if info.is_required():
            fields.append((name, kind))
        elif info.default_factory is not None:
            raise TypeError(f"{model.__name__}.{name}: default factories are not translated")
        else:
            fields.append((name, kind, info.default))
    if model.model_config.get("extra") != "forbid" or tag is None:
        raise TypeError(f"{model.__name__}: a twin needs extra='forbid' and a record tag")
    struct: type[msgspec.Struct] = msgspec.defstruct(
        f"Fast{model.__name__}", fields, tag_field="record", tag=tag,
        forbid_unknown_fields=True, kw_only=True, frozen=True)
    return struct


FastEvent = twin(EventRecord)
FastAnswer = twin(QuizAnswerRecord)
#: Decodes one line into a FastEvent or a FastAnswer, or raises msgspec.DecodeError (its
#: subclass ValidationError included): the line then goes to pydantic.
DECODER: msgspec.json.Decoder[Any] = msgspec.json.Decoder(Union[FastEvent, FastAnswer])  # noqa: UP007
FAST_DECODE = DECODER.decode
FAST_LINES = DECODER.decode_lines
DecodeError = msgspec.DecodeError
_VALIDATE = RECORD_ADAPTER.validator.validate_json
#: An event's validated data back to JSON (whichever path validated it).
encode = msgspec.json.Encoder().encode


def decode_block(data: bytes, start: int = 0, end: int | None = None) -> list[Any] | None:
    """The lines of ``data[start:end]`` (each ending with a newline) as FastEvents and
    FastAnswers, one per line, in one call; None when the fast path cannot vouch for every
    line on its own (the caller then goes line by line).

    msgspec's ``decode_lines`` reads whitespace-separated values, so alone it would take a
    line holding two records, or a record broken over two lines, as long as the count came
    out right. It is only used when every line starts with ``{`` and ends with ``}``: a
    record cannot then go on to the next line (after a comma inside an object comes a key,
    never ``{``, and no list of the records holds objects), so each line holds whole
    records, at least one, and as many records as lines means one each.

    The range is read in place (no copy of a file's body): ``start`` and ``end`` bound every
    check and the decoding alike."""
    end = len(data) if end is None else end
    count = data.count(b"\n", start, end)
    if count < 1 or not data.startswith(b"{", start, end) or not data.endswith(
            b"}\n", start, end):
        return None
    if data.count(b"}\n{", start, end) != count - 1:
        return None
    try:
        records: list[Any] = FAST_LINES(memoryview(data)[start:end])
    except DecodeError:
        return None
    return records if len(records) == count else None


def decode_line(line: bytes) -> Any:
    """One line as a FastEvent, a FastAnswer, or (for every other record, and for anything the
    fast path refuses) the pydantic model; pydantic's ValidationError when it is not valid."""
    if tokens_only(line):
        try:
            return FAST_DECODE(line)
        except DecodeError:
            pass
    return _VALIDATE(line)
