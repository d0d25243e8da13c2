"""Reading session files back: every line validated, every problem reported with its line.

A torn last line (the game was killed mid-write) is expected after a crash and is skipped with
a warning; a bad line anywhere else means the file was damaged or edited, and is reported as an
error, never dropped silently. A file recorded with another version of the campaign is told
apart by its content hash.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from telemetry.records import (
    RECORD_ADAPTER,
    ActionRecord,
    EventRecord,
    QuizAnswerRecord,
    ResumeRecord,
    SessionFooter,
    SessionHeader,
    SessionRecord,
)

Severity = Literal["warning", "error"]
Body = ActionRecord | EventRecord | QuizAnswerRecord | ResumeRecord


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    reason: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"line {self.line}: {self.severity}: {self.reason}"


@dataclass(slots=True)
class SessionFile:
    path: Path
    header: SessionHeader | None
    records: list[Body] = field(default_factory=list)
    footer: SessionFooter | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Readable and whole enough to analyse: a header and no errors (warnings allowed)."""
        return self.header is not None and not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else str(first["msg"])
    return str(error)


def _parse(raw: bytes) -> SessionRecord:
    return RECORD_ADAPTER.validate_python(json.loads(raw.decode("utf-8")))


def read_session(path: Path, expected_hash: str | None = None) -> SessionFile:
    """Read one session file; ``expected_hash`` flags a file from another campaign version."""
    result = SessionFile(path=path, header=None)
    try:
        data = path.read_bytes()
    except OSError as error:
        result.problems.append(Problem(0, f"cannot read the file: {error.strerror or error}"))
        return result
    lines = data.split(b"\n")
    torn_tail = lines.pop()  # bytes after the last newline: empty unless the last write tore
    last_seq = 0
    for number, raw in enumerate(lines, start=1):
        try:
            record = _parse(raw)
        except (ValueError, ValidationError) as error:
            result.problems.append(Problem(number, _reason(error)))
            continue
        _accept(result, record, number, last_seq)
        if not isinstance(record, SessionHeader):
            last_seq = record.seq
    if torn_tail:
        tail_line = len(lines) + 1
        try:
            record = _parse(torn_tail)
        except (ValueError, ValidationError):
            result.problems.append(
                Problem(tail_line, "torn last line skipped (the game stopped mid-write)", "warning")
            )
        else:
            # Complete but without its newline: keep it, the data is whole.
            _accept(result, record, tail_line, last_seq)
    _check_whole(result, expected_hash, complete_lines=len(lines))
    return result


def _accept(result: SessionFile, record: SessionRecord, number: int, last_seq: int) -> None:
    if isinstance(record, SessionHeader):
        if number != 1 or result.header is not None:
            result.problems.append(Problem(number, "a header can only be the first line"))
        else:
            result.header = record
        return
    if number == 1:
        result.problems.append(Problem(1, "the first line is not a header"))
    if result.footer is not None:
        result.problems.append(Problem(number, "a record after the footer"))
    if record.seq != last_seq + 1:
        result.problems.append(
            Problem(number, f"seq {record.seq} follows {last_seq}: records are missing")
        )
    if isinstance(record, SessionFooter):
        result.footer = record
    else:
        result.records.append(record)


def _check_whole(result: SessionFile, expected_hash: str | None, complete_lines: int) -> None:
    if result.header is None:
        if complete_lines == 0:
            # Created, then stopped before its header was down: a crash, not damage.
            result.problems.append(Problem(
                1, "no header: the game stopped before anything was recorded", "warning"))
        elif not any(p.line == 1 for p in result.problems):
            result.problems.append(Problem(1, "no header"))
        return
    if expected_hash is not None and result.header.content_hash != expected_hash:
        result.problems.append(
            Problem(
                1,
                f"recorded with another version of campaign {result.header.campaign_id!r} "
                f"(content hash {result.header.content_hash[:12]}..., "
                f"expected {expected_hash[:12]}...)",
            )
        )
    if result.footer is None:
        result.problems.append(
            Problem(0, "no footer: the session did not close cleanly", "warning")
        )


def read_header(path: Path) -> SessionHeader | None:
    """Just the first line, cheaply (for finding a player's files); None if unreadable."""
    try:
        with path.open("rb") as handle:
            first = handle.readline()
        record = _parse(first.rstrip(b"\n"))
    except (OSError, ValueError, ValidationError):
        return None
    return record if isinstance(record, SessionHeader) else None


def session_paths(folder: Path) -> list[Path]:
    """Every session file (``*.jsonl``) anywhere under ``folder``, sorted by path.

    The one walk every tool shares: ingest, export, delete and the readers see the same files,
    so a session copied into a per-machine sub-folder is analysed, exported and erased alike.
    """
    return sorted(p for p in folder.rglob("*.jsonl") if p.is_file())


def iter_sessions(folder: Path, expected_hash: str | None = None) -> Iterator[SessionFile]:
    """Every session file under ``folder`` (see :func:`session_paths`), read and checked."""
    for path in session_paths(folder):
        yield read_session(path, expected_hash)
