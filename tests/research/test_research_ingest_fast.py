"""Reading session files in a process pool gives exactly what reading them in one process does.

Random damage is done to real synthetic session files; both ways must then give the same
tables and the same problems, line numbers included, in the same order.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from telemetry.research import ingest, synthetic
from telemetry.research.behaviour import EVENTS_READ


@pytest.fixture(scope="module")
def many_files() -> Iterator[None]:
    """Use the pool even for the few files of these tests."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest, "POOL_MIN_FILES", 2)
        yield


@pytest.fixture(scope="module")
def pristine() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="ingest-fast-"))
    synthetic.generate(folder, synthetic.Classroom(participants=4, seed=3, machines=1,
                                                   attrition=0.3))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _damage(lines: list[bytes], how: str, at: int, header: bytes) -> tuple[list[bytes], bool]:
    """One kind of damage at line index ``at``; returns the lines and whether the file ends
    with a newline."""
    at %= len(lines)
    lines = list(lines)
    if how == "garbage":
        lines[at] = b"{not json"
    elif how == "bad_field":
        lines[at] = lines[at].replace(b'"seq":', b'"sequence":', 1)
    elif how == "free_text":
        lines[at] = lines[at].replace(b'"record":"event"', b'"record":"event","note":"hi"')
        lines[at] = lines[at].replace(b'"room":"', b'"room":"my name is ', 1)
    elif how == "torn":
        lines[-1] = lines[-1][: max(1, len(lines[-1]) // 2)]
        return lines, False
    elif how == "no_final_newline":
        return lines, False
    elif how == "blank_lines":
        lines.insert(at, b"   ")
        lines.insert(at, b"")
    elif how == "carriage_return":
        lines[at] = lines[at] + b"\r"
    elif how == "second_header":
        lines.insert(max(1, at), header)
    elif how == "header_late":
        lines.insert(max(1, at), lines.pop(0))
    elif how == "two_records_one_line":
        # Two records split across two lines at a different place: ``{A},{B-start`` then
        # ``B-end``: joined with a comma, two valid records; read per line, two errors.
        nxt = (at + 1) % len(lines)
        if nxt != at and len(lines[nxt]) > 10:
            cut = lines[nxt].index(b",") + 1
            first, rest = lines[nxt][:cut], lines[nxt][cut:]
            lines[at] = lines[at] + b"," + first
            lines[nxt] = rest
    elif how == "drop_header":
        lines.pop(0)
    return lines, True


DAMAGE = ["garbage", "bad_field", "free_text", "torn", "no_final_newline", "blank_lines",
          "carriage_return", "second_header", "header_late", "two_records_one_line",
          "drop_header", "none"]


def _same(a: ingest.Dataset, b: ingest.Dataset) -> None:
    assert [str(p) for p in a.problems] == [str(p) for p in b.problems]
    assert a.sessions.equals(b.sessions)
    assert a.answers.equals(b.answers)
    assert a.events.equals(b.events)
    assert a.versions == b.versions and a.erased_sessions == b.erased_sessions


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@pytest.mark.slow
@given(damage=st.lists(st.tuples(st.integers(0, 3), st.sampled_from(DAMAGE),
                                 st.integers(0, 10_000)), max_size=4))
def test_pool_reads_what_one_process_reads(
        pristine: Path, damage: list[tuple[int, str, int]], many_files: None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sessions"
        shutil.copytree(pristine, folder)
        files = sorted(folder.rglob("*.jsonl"))
        header = files[0].read_bytes().split(b"\n", 1)[0]
        for which, how, at in damage:
            path = files[which % len(files)]
            lines, newline = _damage(path.read_bytes().split(b"\n")[:-1], how, at, header)
            if not lines:
                continue
            path.write_bytes(b"\n".join(lines) + (b"\n" if newline else b""))
        _same(ingest.ingest(folder, workers=2), ingest.ingest(folder))


RESUME = (b'{"record":"resume","seq":999,"t_ms":10,"seed":1,"timers":true,'
          b'"start_room":null,"actions":[],"state_sha256":null}')


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.lists(st.tuples(st.sampled_from([*DAMAGE, "resume"]),
                                 st.integers(0, 10_000)), max_size=3),
       which=st.integers(0, 3), keep=st.sampled_from([None, EVENTS_READ]))
def test_the_whole_file_path_reads_what_the_line_by_line_path_reads(
        pristine: Path, damage: list[tuple[str, int]], which: int,
        keep: frozenset[str] | None) -> None:
    """The whole-file path (header cut off, body decoded in place, digest of the file) gives
    the very record of the line-by-line path, for clean and damaged files alike."""
    files = sorted(pristine.rglob("*.jsonl"))
    path = files[which % len(files)]
    data = path.read_bytes()
    header = data.split(b"\n", 1)[0]
    lines, newline = data.split(b"\n")[:-1], True
    for how, at in damage:
        if how == "resume":
            lines.insert(max(1, at % len(lines)), RESUME)
            continue
        lines, newline = _damage(lines, how, at, header)
        if not lines or not newline:
            break
    data = b"\n".join(lines) + (b"\n" if newline and lines else b"")
    careful = ingest._parse_lines(path, "x", *ingest._split(data), keep)
    assert ingest._parse_clean(path, "x", data, keep) == careful


def test_records_split_across_lines_are_errors(pristine: Path, tmp_path: Path,
                                              many_files: None) -> None:
    folder = tmp_path / "sessions"
    shutil.copytree(pristine, folder)
    path = sorted(folder.rglob("*.jsonl"))[0]
    lines = path.read_bytes().split(b"\n")[:-1]
    cut = lines[3].index(b",") + 1
    lines[2], lines[3] = lines[2] + b"," + lines[3][:cut], lines[3][cut:]
    path.write_bytes(b"\n".join(lines) + b"\n")
    pooled = ingest.ingest(folder, workers=2)
    bad = [p.line for p in pooled.problems if p.kind == "corrupt_line"]
    assert bad == [3, 4]
    _same(pooled, ingest.ingest(folder))


def test_process_pool_gives_the_same_dataset(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, synthetic.Classroom(participants=220, seed=4, torn=0.1,
                                                     duplicates=3, erase=1))
    path = sorted(tmp_path.rglob("*.jsonl"))[5]
    path.write_bytes(path.read_bytes().replace(b'"seq":3,', b'"seq":0,', 1))
    pooled = ingest.ingest(tmp_path, workers=2)
    assert any(p.kind == "corrupt_line" for p in pooled.problems)
    _same(pooled, ingest.ingest(tmp_path))


def test_a_loaded_save_is_counted_in_the_sessions_table(tmp_path: Path) -> None:
    import json
    import uuid
    from datetime import UTC, datetime

    from telemetry.records import Consent, SessionHeader
    from telemetry.research.ingest import ingest

    now = datetime.now(UTC)
    header = SessionHeader(session_id=uuid.uuid4(), player="OWL-427", campaign_id="demo",
                           content_hash="a" * 64, engine_version="0.1.0", seed=1,
                           language="en", consent=Consent(given=True, at=now), started_at=now)
    lines = [header.model_dump_json(),
             json.dumps({"record": "event", "seq": 1, "t_ms": 0, "name": "RoomEntered",
                         "data": {"room": "hall"}}),
             json.dumps({"record": "resume", "seq": 2, "t_ms": 10, "seed": 1, "timers": True,
                         "start_room": None, "actions": [], "state_sha256": None}),
             json.dumps({"record": "event", "seq": 3, "t_ms": 20, "name": "RoomEntered",
                         "data": {"room": "hall"}})]
    (tmp_path / f"{header.session_id}.jsonl").write_text("\n".join(lines) + "\n")
    data = ingest(tmp_path)
    row = data.sessions.iloc[0]
    assert (row["n_resumes"], row["last_resume_seq"], row["n_events"]) == (1, 2, 2)
    assert not [p for p in data.problems if p.severity == "error"]
