"""Read a folder tree of session files from many machines into one clean, de-duplicated dataset.

Each line is validated with the pydantic models of :mod:`telemetry.records`. Nothing is dropped
in silence: a torn last line (a crash while writing) is a warning, any other bad line an error
with its file and line number, a session copied twice is merged when identical and reported
when the copies disagree, and a player listed in ``tombstones.txt`` is removed before anything
else sees the data. The tables go to Arrow and DuckDB, where the aggregates run.
"""

from __future__ import annotations

import hashlib
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
from pydantic import TypeAdapter, ValidationError

from telemetry.privacy import code_hash
from telemetry.privacy import read_tombstones as read_privacy_tombstones
from telemetry.reader import session_paths
from telemetry.records import (
    EventRecord,
    QuizAnswerRecord,
    ResumeRecord,
    SessionFooter,
    SessionHeader,
    SessionRecord,
)

#: Below this many files a process pool costs more than it saves.
POOL_MIN_FILES = 200
_ADAPTER: TypeAdapter[SessionRecord] = TypeAdapter(SessionRecord)
#: The adapter's own validator, called directly: the same check without a Python wrapper call
#: per line (a million lines, a million calls).
_VALIDATE = _ADAPTER.validator.validate_json

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Problem:
    """Something a researcher must know about the data; ``line`` is 1-based when set."""

    severity: Severity
    kind: str
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{self.severity}: {where}: {self.message} [{self.kind}]"


class MixedVersionsError(ValueError):
    """The folder holds sessions of different level contents; comparing them needs consent."""


#: How a player appears in tombstones and in xAPI: the sha256 hex of the code.
player_hash = code_hash


def read_tombstones(folder: Path) -> set[str]:
    """Every ``tombstones.txt`` under the folder: a copy from any machine counts."""
    return read_privacy_tombstones(folder, anywhere=True)


@dataclass
class _ParsedFile:
    path: Path
    header: SessionHeader | None = None
    footer: SessionFooter | None = None
    #: Event columns (seq, t_ms, name, raw line), kept apart so Arrow takes them whole.
    ev_seq: list[int] = field(default_factory=list)
    ev_t_ms: list[int] = field(default_factory=list)
    ev_name: list[str] = field(default_factory=list)
    ev_line: list[bytes] = field(default_factory=list)
    #: Quiz answers as rows of ``_ANSWER_FIELDS`` (cheap to pass between processes).
    answers: list[tuple[Any, ...]] = field(default_factory=list)
    #: ``seq`` of each ``resume`` record: after one, events restart from a saved state.
    resumes: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    records: int = 0
    digest: str = ""


def _split(data: bytes) -> tuple[list[bytes], bool]:
    lines = data.split(b"\n")
    ends_cleanly = lines[-1] == b""
    if ends_cleanly:
        lines.pop()
    return lines, ends_cleanly


def _keep(parsed: _ParsedFile, record: SessionRecord, line: bytes) -> None:
    """File a validated record after the header (the header itself is set by the caller)."""
    cls = type(record)
    if cls is EventRecord:
        assert isinstance(record, EventRecord)
        parsed.ev_seq.append(record.seq)
        parsed.ev_t_ms.append(record.t_ms)
        parsed.ev_name.append(record.name)
        parsed.ev_line.append(line)
    elif cls is QuizAnswerRecord:
        assert isinstance(record, QuizAnswerRecord)
        parsed.answers.append((record.seq, record.t_ms, record.phase, record.form, record.item,
                               record.concept, str(record.choice), record.correct,
                               record.latency_ms, record.confidence))
    elif cls is SessionFooter:
        assert isinstance(record, SessionFooter)
        parsed.footer = record
    elif cls is ResumeRecord:
        assert isinstance(record, ResumeRecord)
        parsed.resumes.append(record.seq)


def _parse_lines(path: Path, shown: str, lines: list[bytes], ends_cleanly: bool) -> _ParsedFile:
    """Each line validated on its own by the records models, so each problem has its line."""
    parsed = _ParsedFile(path)
    sha = hashlib.sha256()
    last = len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = _VALIDATE(line)
        except ValidationError as error:
            if number == last and not ends_cleanly:
                parsed.problems.append(Problem("warning", "torn_line", shown, number,
                                               "last line is incomplete (skipped)"))
            else:
                first = error.errors()[0]
                loc = ".".join(str(x) for x in first.get("loc", ()))
                parsed.problems.append(Problem("error", "corrupt_line", shown, number,
                                               f"{first['msg']} at {loc or 'line'} (skipped)"))
            continue
        if isinstance(record, SessionHeader):
            if parsed.header is not None:
                parsed.problems.append(Problem("error", "corrupt_line", shown, number,
                                               "a second header (skipped)"))
                continue
            parsed.header = record
        elif parsed.header is None:
            parsed.problems.append(Problem("error", "corrupt_line", shown, number,
                                           "a record before the header (skipped)"))
            continue
        else:
            _keep(parsed, record, line)
        sha.update(line)
        sha.update(b"\n")
        parsed.records += 1
    parsed.digest = sha.hexdigest()
    return parsed


def _parse_file(path: Path, shown: str) -> _ParsedFile:
    lines, ends_cleanly = _split(path.read_bytes())
    return _parse_lines(path, shown, lines, ends_cleanly)


def _parse_chunk(job: tuple[list[Path], Path]) -> list[_ParsedFile]:
    paths, root = job
    return [_parse_file(p, str(p.relative_to(root))) for p in paths]


def _parse_files(paths: list[Path], root: Path, workers: int) -> Iterable[_ParsedFile]:
    """Parsed files in the order of ``paths``; with ``workers`` > 1, in a process pool.

    The workers are forked where the system can (they only read files and run pydantic;
    a fresh interpreter would spend a second or two importing pandas and DuckDB first)."""
    if workers <= 1 or len(paths) < POOL_MIN_FILES:
        for path in paths:
            yield _parse_file(path, str(path.relative_to(root)))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(200, len(paths) // (workers * 8)))
    jobs = [(paths[k:k + size], root) for k in range(0, len(paths), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for chunk in pool.map(_parse_chunk, jobs):
            yield from chunk


#: The walk shared with the privacy commands: what is analysed is what is exported and erased.
session_files = session_paths


def _progress(items: list[Path], quiet: bool) -> Iterable[Path]:
    if quiet or not sys.stderr.isatty() or len(items) < 200:
        return items
    from tqdm import tqdm

    bar: Iterable[Path] = tqdm(items, desc="reading sessions", unit="file", file=sys.stderr)
    return bar


@dataclass
class Dataset:
    """Sessions, events and quiz answers of a folder, plus everything that went wrong."""

    folder: Path
    sessions: pd.DataFrame
    events: pa.Table
    answers: pd.DataFrame
    problems: list[Problem]
    erased_sessions: int
    versions: dict[str, int]
    _con: Any = None

    def connect(self) -> Any:
        """A DuckDB connection with ``sessions``, ``events`` and ``answers`` as tables.

        They are copied into DuckDB once, with each event's ``data`` parsed once: the report
        runs a dozen queries over them, and scanning pandas object columns or re-parsing a
        million JSON lines for each query cost more than the copy."""
        if self._con is None:
            con = duckdb.connect()
            con.register("sessions_df", self.sessions)
            con.register("answers_df", self.answers)
            con.register("events_raw", self.events)
            con.execute("CREATE TABLE sessions AS SELECT * FROM sessions_df")
            con.execute("CREATE TABLE answers AS SELECT * FROM answers_df")
            con.execute(
                "CREATE TABLE events AS SELECT session_id, seq, t_ms, name, "
                "json_extract(line, '$.data') AS data FROM events_raw"
            )
            con.unregister("sessions_df")
            con.unregister("answers_df")
            self._con = con
        return self._con


def _choose(copies: list[_ParsedFile], problems: list[Problem], root: Path) -> _ParsedFile:
    """Identical copies merge; disagreeing copies are reported and the fullest one is kept."""
    best = max(copies, key=lambda c: (c.footer is not None, c.records, -len(c.problems)))
    for other in copies:
        if other is best:
            continue
        a, b = str(best.path.relative_to(root)), str(other.path.relative_to(root))
        if other.digest == best.digest:
            problems.append(Problem("info", "duplicate_merged", b, None,
                                    f"identical copy of {a} (merged)"))
        else:
            problems.append(Problem("error", "conflicting_duplicate", b, None,
                                    f"same session id as {a} but different records; kept {a}"))
    return best


def ingest(folder: Path, *, allow_mixed: bool = False, quiet: bool = True,
           workers: int = 1) -> Dataset:
    """Read every ``*.jsonl`` under ``folder`` (see module docstring for what is checked).

    ``workers`` > 1 reads the files in that many processes, with the same result: on two
    cores it saves about a fifth of the time (see ``benchmarks/bench_ingest.py``)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder of session files")
    erased = read_tombstones(folder)
    problems: list[Problem] = []
    by_session: dict[str, list[_ParsedFile]] = defaultdict(list)
    paths = session_files(folder)
    for path, parsed in zip(_progress(paths, quiet),
                            _parse_files(paths, folder, workers),
                            strict=True):
        shown = str(path.relative_to(folder))
        if parsed.header is None:
            problems.extend(parsed.problems)
            problems.append(Problem("error", "no_header", shown, None,
                                    "no valid header line: file skipped"))
            continue
        by_session[str(parsed.header.session_id)].append(parsed)
    erased_sessions = 0
    kept: list[_ParsedFile] = []
    for copies in by_session.values():
        assert copies[0].header is not None
        if player_hash(copies[0].header.player) in erased:
            erased_sessions += 1
            continue
        chosen = _choose(copies, problems, folder) if len(copies) > 1 else copies[0]
        problems.extend(chosen.problems)
        kept.append(chosen)
    kept.sort(key=lambda p: (p.header.started_at, str(p.header.session_id)) if p.header else ())
    versions: dict[str, int] = defaultdict(int)
    for parsed in kept:
        assert parsed.header is not None
        versions[parsed.header.content_hash] += 1
    if len(versions) > 1 and not allow_mixed:
        listing = ", ".join(f"{h[:12]} ({n} sessions)" for h, n in versions.items())
        raise MixedVersionsError(
            f"the sessions come from {len(versions)} versions of the level content: {listing}. "
            "Scores from different versions are not comparable; analyse each version in its "
            "own folder, or pass --allow-mixed to keep them together with a version column."
        )
    sessions = _sessions_frame(kept, folder)
    for row in sessions.itertuples():
        if not row.has_footer:
            problems.append(Problem("warning", "incomplete", row.file, None,
                                    "no footer: the game did not close cleanly"))
        if not row.has_post:
            problems.append(Problem("warning", "incomplete", row.file, None,
                                    "no post-quiz answers"))
    return Dataset(folder=folder, sessions=sessions, events=_events_table(kept),
                   answers=_answers_frame(kept), problems=problems,
                   erased_sessions=erased_sessions, versions=dict(versions))


def _sessions_frame(kept: list[_ParsedFile], root: Path) -> pd.DataFrame:
    rows = []
    for p in kept:
        h = p.header
        assert h is not None
        rows.append({
            "session_id": str(h.session_id), "player": h.player,
            "player_hash": player_hash(h.player), "campaign_id": h.campaign_id,
            "content_hash": h.content_hash, "version": h.content_hash[:12],
            "engine_version": h.engine_version, "language": h.language,
            "condition": h.condition, "class_id": h.class_id, "school_id": h.school_id,
            "pre_form": h.pre_form, "post_form": h.post_form,
            "started_at": pd.Timestamp(h.started_at),
            "ended_at": pd.Timestamp(p.footer.ended_at) if p.footer else pd.NaT,
            "outcome": p.footer.outcome if p.footer else None,
            "has_footer": p.footer is not None,
            "has_pre": any(a[_PHASE] == "pre" for a in p.answers),
            "has_post": any(a[_PHASE] == "post" for a in p.answers),
            "n_events": len(p.ev_seq),
            "n_resumes": len(p.resumes),
            "last_resume_seq": p.resumes[-1] if p.resumes else None,
            "file": str(p.path.relative_to(root)),
        })
    columns = ["session_id", "player", "player_hash", "campaign_id", "content_hash", "version",
               "engine_version", "language", "condition", "class_id", "school_id", "pre_form",
               "post_form", "started_at", "ended_at", "outcome", "has_footer", "has_pre",
               "has_post", "n_events", "n_resumes", "last_resume_seq", "file"]
    return pd.DataFrame(rows, columns=columns)


def _events_table(kept: list[_ParsedFile]) -> pa.Table:
    seqs: list[int] = []
    times: list[int] = []
    names: list[str] = []
    lines: list[bytes] = []
    for p in kept:
        seqs.extend(p.ev_seq)
        times.extend(p.ev_t_ms)
        names.extend(p.ev_name)
        lines.extend(p.ev_line)
    # One id per session, repeated by Arrow (a Python list of a million ids is slow to build).
    ids = pa.array([str(p.header.session_id) if p.header else "" for p in kept], pa.string())
    repeat = np.repeat(np.arange(len(kept)), [len(p.ev_seq) for p in kept])
    return pa.table({
        "session_id": ids.take(pa.array(repeat, pa.int64())),
        "seq": pa.array(seqs, pa.int64()),
        "t_ms": pa.array(times, pa.int64()),
        "name": pa.array(names, pa.string()),
        # The lines passed pydantic's JSON parser, so they are valid UTF-8; Arrow checks again.
        "line": pa.array(lines, pa.binary()).cast(pa.string()),
    })


_ANSWER_FIELDS = ("seq", "t_ms", "phase", "form", "item", "concept", "choice", "correct",
                  "latency_ms", "confidence")
_PHASE = _ANSWER_FIELDS.index("phase")


def _answers_frame(kept: list[_ParsedFile]) -> pd.DataFrame:
    rows = [(str(p.header.session_id), *a) for p in kept if p.header for a in p.answers]
    frame = pd.DataFrame.from_records(rows, columns=["session_id", *_ANSWER_FIELDS])
    frame["correct"] = frame["correct"].astype("boolean")
    frame["confidence"] = frame["confidence"].astype("Int64")
    return frame
