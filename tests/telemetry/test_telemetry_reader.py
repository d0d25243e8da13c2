"""Reading back: torn tails are skipped with a warning, damage elsewhere is reported by line."""

from __future__ import annotations

from pathlib import Path

from telemetry_helpers import HASH, make_header, sample_turns

from telemetry.reader import iter_sessions, read_session
from telemetry.recorder import open_recorder


def _session(folder: Path, close: bool = True) -> Path:
    header = make_header()
    rec = open_recorder(folder, header, consent=True)
    for t, (action, events) in enumerate(sample_turns()):
        rec.action(action, t)  # type: ignore[arg-type]
        rec.events(events, t)
    if close:
        rec.close("escaped", 99)
    else:
        rec.flush()  # type: ignore[attr-defined]
    return folder / f"{header.session_id}.jsonl"


def test_a_torn_last_line_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = _session(tmp_path, close=False)
    whole = read_session(path)
    with path.open("ab") as handle:
        handle.write(b'{"record": "event", "seq": 9, "t_m')
    torn = read_session(path)
    assert torn.errors == []
    assert [p.reason for p in torn.warnings if p.line] == [
        "torn last line skipped (the game stopped mid-write)"]
    assert torn.records == whole.records
    assert any("did not close cleanly" in p.reason for p in torn.warnings)


def test_a_complete_last_line_without_newline_is_kept(tmp_path: Path) -> None:
    path = _session(tmp_path)
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    session = read_session(path)
    assert session.problems == [] and session.footer is not None


def test_a_corrupt_line_in_the_middle_is_reported_not_dropped(tmp_path: Path) -> None:
    path = _session(tmp_path)
    lines = path.read_bytes().split(b"\n")
    lines[3] = b'{"record": "event", "seq": 3, "t_ms": 2, "name": "has space"}'
    path.write_bytes(b"\n".join(lines))
    session = read_session(path)
    assert [p.line for p in session.errors] == [4, 5]  # the bad line, then the gap it leaves
    assert "name" in session.errors[0].reason
    assert "records are missing" in session.errors[1].reason
    assert not session.ok


def test_garbage_is_reported_with_its_line(tmp_path: Path) -> None:
    path = _session(tmp_path)
    lines = path.read_bytes().split(b"\n")
    lines.insert(2, b"\xff\xfe not json")
    path.write_bytes(b"\n".join(lines))
    errors = read_session(path).errors
    assert errors[0].line == 3


def test_another_campaign_version_is_detected_by_content_hash(tmp_path: Path) -> None:
    path = _session(tmp_path)
    assert read_session(path, expected_hash=HASH).ok
    other = read_session(path, expected_hash="cd" * 32)
    assert not other.ok and "another version" in other.errors[0].reason


def test_a_file_without_header_or_empty_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    nothing = read_session(empty)
    assert nothing.errors == [] and not nothing.ok  # a crash right after creating the file
    assert "before anything was recorded" in nothing.warnings[0].reason
    path = _session(tmp_path)
    path.write_bytes(b"\n".join(path.read_bytes().split(b"\n")[1:]))
    session = read_session(path)
    assert session.header is None
    assert "not a header" in session.errors[0].reason


def test_iter_sessions_reads_every_file(tmp_path: Path) -> None:
    paths = {_session(tmp_path) for _ in range(3)}
    (tmp_path / "tombstones.txt").write_text("")
    found = list(iter_sessions(tmp_path))
    assert {s.path for s in found} == paths and all(s.ok for s in found)


def test_header_round_trips_exactly(tmp_path: Path) -> None:
    header = make_header(player="FOX-123")
    rec = open_recorder(tmp_path, header, consent=True)
    rec.close("quit", 0)
    assert read_session(tmp_path / f"{header.session_id}.jsonl").header == header
