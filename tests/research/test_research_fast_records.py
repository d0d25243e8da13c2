"""The fast decoder of events and quiz answers never accepts what the pydantic models refuse.

Lines are built around valid records, then fields are replaced by arbitrary JSON values
(free text with spaces, newlines, quotes and accents; floats for ints; booleans; huge ints),
dropped, duplicated or joined by unknown keys, and raw bytes are inserted. Whatever the fast
path accepts, pydantic must accept with the same values, types included; and
:func:`decode_line`, which falls back to pydantic, must accept exactly what pydantic accepts.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, StringConstraints, ValidationError

from telemetry.records import RECORD_ADAPTER, EventRecord, QuizAnswerRecord, Record
from telemetry.research import fast_records
from telemetry.research.fast_records import FastAnswer, FastEvent, decode_line, tokens_only, twin

EVENT = {"record": "event", "seq": 3, "t_ms": 1200, "name": "PotionBought",
         "data": {"potion": "p-1", "best_value": True, "price": "12.50", "n": 2,
                  "rooms": ["hall", 1, None], "where": {"room": "hall", "x": 1.5}}}
ANSWER = {"record": "quiz_answer", "seq": 5, "t_ms": 46739, "phase": "pre", "form": "A",
          "item": "A-deductible-2", "concept": "deductible", "choice": "a", "correct": True,
          "latency_ms": 14537, "confidence": 4}

_CHARS = st.sampled_from([*"aZ09_.:+-", " ", ",", '"', "\\", "\n", "\r", "\t", "é", "{", "}",
                          "\x00", "\u2028"])
TEXT = st.text(_CHARS, max_size=70)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                    st.floats(allow_nan=False), st.integers(-3, 3).map(float), TEXT,
                    st.sampled_from(["pre", "post", "event", "quiz_answer", "header", "5"]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(TEXT, inner, max_size=3), max_leaves=6)


def _pydantic(line: bytes) -> Any | None:
    try:
        return RECORD_ADAPTER.validate_json(line)
    except ValidationError:
        return None


def _fast(line: bytes) -> Any | None:
    if not tokens_only(line):
        return None
    try:
        return fast_records.FAST_DECODE(line)
    except msgspec.DecodeError:
        return None


def _same(fast: Any, model: BaseModel) -> bool:
    """Same fields with the same values and types (1, 1.0 and true all differ in JSON)."""
    fields = msgspec.structs.asdict(fast)
    if set(fields) != set(model.model_dump()) - {"record"}:
        return False
    encode = msgspec.json.encode
    return all(encode(value) == encode(getattr(model, name)) for name, value in fields.items())


def _check(line: bytes) -> None:
    fast, model = _fast(line), _pydantic(line)
    if fast is not None:
        assert model is not None, line
        assert _same(fast, model), (line, fast, model)
    via = None
    try:
        via = decode_line(line)
    except ValidationError:
        assert model is None, line
    else:
        assert model is not None, line
        if isinstance(via, BaseModel):
            assert via == model
        else:
            assert _same(via, model)


@st.composite
def edited_records(draw: st.DrawFn) -> bytes:
    record = dict(draw(st.sampled_from([EVENT, ANSWER])))
    for key in draw(st.lists(st.sampled_from([*sorted(record), "extra"]), max_size=3)):
        if draw(st.booleans()):
            record[key] = draw(VALUES)
        else:
            record.pop(key, None)
    text = json.dumps(record, ensure_ascii=draw(st.booleans()), separators=(",", ":"))
    if draw(st.booleans()):  # a repeated key: the last one counts, in both decoders
        key = draw(st.sampled_from(sorted(record) or ["seq"]))
        text = text[:-1] + ("," if record else "") + json.dumps(key) + ":" + json.dumps(
            draw(VALUES)) + "}"
    return text.encode()


@settings(max_examples=1500, deadline=None)
@given(edited_records())
def test_the_fast_path_accepts_a_subset_with_the_same_values(line: bytes) -> None:
    _check(line)


@settings(max_examples=800, deadline=None)
@given(st.sampled_from([EVENT, ANSWER]), st.integers(0, 400),
       st.binary(min_size=1, max_size=3))
def test_raw_byte_damage_is_judged_like_pydantic(record: dict[str, Any], at: int,
                                                 junk: bytes) -> None:
    line = json.dumps(record, separators=(",", ":")).encode()
    at %= len(line) + 1
    _check(line[:at] + junk + line[at:])


@pytest.mark.parametrize("line", [
    b'{"record":"event","seq":1,"t_ms":0,"name":"abc\\n"}',  # `$` before a final newline
    b'{"record":"event","seq":1,"t_ms":0,"name":"a b"}',
    b'{"record":"event","seq":1,"t_ms":0,"name":"\\u0041"}',  # an escape: pydantic decides
    b'{"record":"event","seq":1.0,"t_ms":0,"name":"a"}',  # lax int: pydantic accepts
    b'{"record":"event","seq":"1","t_ms":0,"name":"a"}',
    b'{"record":"quiz_answer","seq":1,"t_ms":0,"phase":"pre","form":"A","item":"q",'
    b'"choice":true,"correct":1,"latency_ms":0}',
    b'{"seq":1,"t_ms":0,"name":"a"}',  # no tag
    b'{"record":"event","seq":0,"t_ms":0,"name":"a"}',
    b'{"record":"event","seq":1,"t_ms":0,"name":"' + b"a" * 65 + b'"}',
    b'{"record":"event","seq":1,"t_ms":0,"name":"a","data":{"x":1e400}}',
    b'{"record":"event","seq":1,"t_ms":0,"name":"a","data":{"k y":1}}',
    b'{"record":"event","seq":1,"t_ms":0,"name":"a","data":{"x":{"y":[1]}}}',
    b'{"record":"event","seq":1,"t_ms":0,"name":"a","note":"hi"}',
    b'{"record":"event","seq":1,"t_ms":0,"name":"a","record":"footer"}',
    b'{"record":"event","seq":1,"t_ms":0,"name":"a"} {"record":"event"}',
])
def test_tricky_lines(line: bytes) -> None:
    _check(line)


def test_tokens_only_reads_every_string_of_a_line() -> None:
    assert tokens_only(b'{"a":"b","c":["d",1,""],"e":{"f":"g:h+i-j.k_l"}}')
    for bad in (b'{"a":"b c"}', b'{"a":"b,c"}', b'{"a":"b\\"c"}', b'{"a":"\\u0041"}',
                '{"a":"é"}'.encode(), b'{"a":"b}"}', b'{"a b":1}', b'{"a":"b\n"}'):
        assert not tokens_only(bad), bad


def test_the_twins_are_the_models_fields() -> None:
    assert set(FastEvent.__struct_fields__) == set(EventRecord.model_fields) - {"record"}
    assert set(FastAnswer.__struct_fields__) == set(QuizAnswerRecord.model_fields) - {"record"}
    assert _same(fast_records.FAST_DECODE(json.dumps(EVENT).encode()),
                 RECORD_ADAPTER.validate_json(json.dumps(EVENT)))


def test_a_constraint_without_a_translation_is_refused() -> None:
    class Other(Record):
        record: Literal["other"] = "other"
        code: Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]

    class Multiple(Record):
        record: Literal["multiple"] = "multiple"
        n: int = Field(multiple_of=2)

    class Loose(BaseModel):
        record: Literal["loose"] = "loose"

    for model in (Other, Multiple, Loose):
        with pytest.raises(TypeError):
            twin(model)


def _lines(*records: dict[str, Any]) -> list[bytes]:
    return [json.dumps(r, separators=(",", ":")).encode() for r in records]


def test_a_block_is_decoded_only_when_each_line_holds_one_record() -> None:
    lines = _lines(EVENT, ANSWER, EVENT)
    block = b"".join(line + b"\n" for line in lines)
    decoded = fast_records.decode_block(block)
    assert decoded == [fast_records.FAST_DECODE(line) for line in lines]
    # A record broken over two lines, then two records on one line: three lines, three
    # records, which msgspec's decode_lines alone would take.
    broken = lines[0].replace(b',"t_ms"', b'\n,"t_ms"', 1)
    tampered = broken + b"\n" + lines[1] + b" " + lines[2] + b"\n"
    assert len(fast_records.FAST_LINES(tampered)) == 3 == tampered.count(b"\n")
    for bad in (tampered, block.replace(b"}\n", b"} \n", 1), block[:-1], block + b"\n",
                b" " + block):
        assert fast_records.decode_block(bad) is None, bad


def test_a_block_is_read_in_place_within_its_range() -> None:
    """The range bounds every check: what lies around it is neither decoded nor looked at,
    and a range that does not hold whole lines is refused."""
    lines = _lines(EVENT, ANSWER, EVENT)
    block = b"".join(line + b"\n" for line in lines)
    header = _lines({"record": "header", "free": "text around the block"})[0] + b"\n"
    data = header + block + lines[1] + b"\n"
    start, end = len(header), len(header) + len(block)
    assert fast_records.decode_block(data, start, end) == fast_records.decode_block(block)
    assert fast_records.decode_block(data, start, end - 1) is None  # no final newline
    assert fast_records.decode_block(data, start + 1, end) is None  # not at a line start
    assert fast_records.decode_block(data, start, start) is None  # no line at all
    assert fast_records.decode_block(data, 0, end) is None  # the header is not a record
    inner = data[start:end].index(b"\n") + start + 1
    tail = [fast_records.FAST_DECODE(line) for line in lines[1:]]
    assert fast_records.decode_block(data, inner, end) == tail
