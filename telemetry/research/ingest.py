"""Read a folder tree of session files from many machines into one clean, de-duplicated dataset.

Each line is validated against the pydantic models of :mod:`telemetry.records` (events and
quiz answers first by their generated msgspec twins, see
:mod:`telemetry.research.fast_records`; whatever those refuse, by the models themselves, whose
verdict and message count). Nothing is dropped in silence: a torn last line (a crash while
writing) is a warning, any other bad line an error with its file and line number, a session
copied twice is merged when identical and reported when the copies disagree, and a player
listed in ``tombstones.txt`` is removed before anything else sees the data.

The files are streamed: each one is parsed, and its events and answers go in batches into a
DuckDB database kept in a temporary file, where the aggregates run. Only a small summary of
each session stays in Python, so memory does not grow with the number of events (the
database spills to its file beyond :data:`DUCKDB_MEMORY`). A caller that reads only some
events (the report) names them, and only those are stored; every line is validated anyway.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
import weakref
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from pathlib import Path
from typing import Any, Literal

import duckdb
import pandas as pd
import pyarrow as pa
from pydantic import ValidationError

from telemetry.privacy import code_hash
from telemetry.privacy import read_tombstones as read_privacy_tombstones
from telemetry.reader import session_paths
from telemetry.records import (
    RECORD_ADAPTER,
    EventRecord,
    QuizAnswerRecord,
    ResumeRecord,
    SessionFooter,
    SessionHeader,
)
from telemetry.research.fast_records import (
    FastAnswer,
    FastEvent,
    decode_block,
    decode_line,
    tokens_only,
)
from telemetry.research.fast_records import encode as encode_data

#: Below this many files a process pool costs more than it saves.
POOL_MIN_FILES = 200
#: The records adapter's own validator, called directly: the same check without a Python
#: wrapper call per line (a million lines, a million calls).
_VALIDATE = RECORD_ADAPTER.validator.validate_json
_EVENTS = frozenset({EventRecord, FastEvent})
_ANSWERS = frozenset({QuizAnswerRecord, FastAnswer})

Severity = Literal["info", "warning", "error"]

_ANSWER_FIELDS = ("seq", "t_ms", "phase", "form", "item", "concept", "choice", "correct",
                  "latency_ms", "confidence")
_ANSWER_TYPES = (pa.string(), pa.int64(), pa.int64(), pa.string(), pa.string(), pa.string(),
                 pa.string(), pa.string(), pa.bool_(), pa.int64(), pa.int64())
_ANSWER_ROW = attrgetter(*_ANSWER_FIELDS)
_SEQ, _T_MS, _NAME, _DATA = (attrgetter(name) for name in ("seq", "t_ms", "name", "data"))
_PHASE = _ANSWER_FIELDS.index("phase")
_CHOICE = _ANSWER_FIELDS.index("choice")


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
    #: Event columns (seq, t_ms, name, data as JSON), kept apart so Arrow takes them whole.
    #: ``data`` is written from the validated values, never cut out of the raw line (where a
    #: repeated key could hide a second, unchecked value).
    ev_seq: list[int] = field(default_factory=list)
    ev_t_ms: list[int] = field(default_factory=list)
    ev_name: list[str] = field(default_factory=list)
    ev_data: list[bytes] = field(default_factory=list)
    #: Quiz answers as columns, one list per field of ``_ANSWER_FIELDS``: Arrow takes them
    #: whole, with no row tuples to build and transpose.
    answers: list[list[Any]] = field(default_factory=lambda: [[] for _ in _ANSWER_FIELDS])
    #: ``seq`` of each ``resume`` record: after one, events restart from a saved state.
    resumes: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    records: int = 0
    digest: str = ""
    #: Every valid event of the file, kept in the columns or not (see ``keep``), and the
    #: time of the last one.
    n_events: int = 0
    last_event_ms: int | None = None


def _split(data: bytes) -> tuple[list[bytes], bool]:
    lines = data.split(b"\n")
    ends_cleanly = lines[-1] == b""
    if ends_cleanly:
        lines.pop()
    return lines, ends_cleanly


#: Which events go into the events table: their names, or None for every event.
Keep = frozenset[str] | None


def _answer_columns(answers: list[Any]) -> list[list[Any]]:
    """Quiz answers (models or fast twins) as one list per field of ``_ANSWER_FIELDS``; the
    choice as text (a letter, or a Likert number)."""
    if not answers:
        return [[] for _ in _ANSWER_FIELDS]
    # One tuple per answer, then transposed: two passes in C instead of one per field.
    columns = [list(column) for column in zip(*map(_ANSWER_ROW, answers), strict=True)]
    columns[_CHOICE] = list(map(str, columns[_CHOICE]))
    return columns


def _keep(parsed: _ParsedFile, record: Any, keep: Keep) -> None:
    """File a validated record after the header (the header itself is set by the caller).

    ``record`` is a pydantic model or its fast twin (:mod:`telemetry.research.fast_records`):
    both have the same fields."""
    cls = type(record)
    if cls in _EVENTS:
        parsed.n_events += 1
        last = parsed.last_event_ms
        parsed.last_event_ms = record.t_ms if last is None else max(last, record.t_ms)
        if keep is not None and record.name not in keep:
            return
        parsed.ev_seq.append(record.seq)
        parsed.ev_t_ms.append(record.t_ms)
        parsed.ev_name.append(record.name)
        parsed.ev_data.append(encode_data(record.data))
    elif cls in _ANSWERS:
        for column, values in zip(parsed.answers, _answer_columns([record]), strict=True):
            column.extend(values)
    elif cls is SessionFooter:
        parsed.footer = record
    elif cls is ResumeRecord:
        parsed.resumes.append(record.seq)


def _parse_lines(path: Path, shown: str, lines: list[bytes], ends_cleanly: bool,
                 keep: Keep) -> _ParsedFile:
    """Each line validated on its own by the records models, so each problem has its line."""
    parsed = _ParsedFile(path)
    sha = hashlib.sha256()
    last = len(lines)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = decode_line(line)
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
            _keep(parsed, record, keep)
        sha.update(line)
        sha.update(b"\n")
        parsed.records += 1
    parsed.digest = sha.hexdigest()
    return parsed


def _decode_body(data: bytes, start: int) -> list[Any]:
    """The records after the header (the lines of ``data`` from ``start``, which ends with a
    newline), each validated (see :mod:`telemetry.research.fast_records`).

    Most files are events and answers then a footer, all in plain tokens: those lines go
    through msgspec in one call (:func:`decode_block`), read in place. Anything else, line
    by line, with pydantic wherever msgspec says no; pydantic's ValidationError means some
    line is not valid."""
    if start >= len(data):
        return []
    last = data.rfind(b"\n", start, len(data) - 1) + 1  # where the last line starts
    if last > start and tokens_only(data):
        records = decode_block(data, start, last)
        if records is not None:
            records.append(decode_line(data[last:-1]))
            return records
    return [decode_line(line) for line in data[start:-1].split(b"\n")]


def _parse_clean(path: Path, shown: str, data: bytes, keep: Keep = None) -> _ParsedFile:
    """:func:`_parse_lines`, with the digest of the whole file at once when every line is a
    valid record (it is then the digest of the records): most files, and a third faster.

    The file is cut into lines only when the careful pass is needed: the header is the
    text up to the first newline, the body is decoded in place."""
    parsed = _ParsedFile(path)
    first = data.find(b"\n")
    try:
        if first < 0 or not data.endswith(b"\n"):
            raise ValueError("not clean")
        header = _VALIDATE(data[:first])
        if not isinstance(header, SessionHeader):
            raise ValueError("not clean")
        records = _decode_body(data, first + 1)
    except (ValueError, ValidationError):
        # Some line is blank, torn, damaged or out of place: the careful pass says which.
        return _parse_lines(path, shown, *_split(data), keep)
    events = [r for r in records if type(r) in _EVENTS]
    if len(events) < len(records):
        others = [r for r in records if type(r) not in _EVENTS]
        if any(type(r) is SessionHeader for r in others):
            return _parse_lines(path, shown, *_split(data), keep)
        parsed.answers = _answer_columns([r for r in others if type(r) in _ANSWERS])
        for record in others:
            if type(record) not in _ANSWERS:
                _keep(parsed, record, keep)
    # Events are most lines: filed column by column, without a call per line.
    parsed.header = header
    parsed.n_events = len(events)
    if events:
        parsed.last_event_ms = max(map(_T_MS, events))
    if keep is not None:
        events = [e for e in events if e.name in keep]
    parsed.ev_seq = list(map(_SEQ, events))
    parsed.ev_t_ms = list(map(_T_MS, events))
    parsed.ev_name = list(map(_NAME, events))
    parsed.ev_data = list(map(encode_data, map(_DATA, events)))
    parsed.records = len(records) + 1  # and the header
    parsed.digest = hashlib.sha256(data).hexdigest()
    return parsed


def _parse_file(path: Path, shown: str, keep: Keep = None) -> _ParsedFile:
    return _parse_clean(path, shown, path.read_bytes(), keep)


def _parse_chunk(job: tuple[list[Path], Path, Keep]) -> list[_ParsedFile]:
    paths, root, keep = job
    return [_parse_file(p, str(p.relative_to(root)), keep) for p in paths]


def _parse_files(paths: list[Path], root: Path, workers: int,
                 keep: Keep = None) -> Iterable[_ParsedFile]:
    """Parsed files in the order of ``paths``; with ``workers`` > 1, in a process pool.

    The workers are forked where the system can (they only read files and run pydantic;
    a fresh interpreter would spend a second or two importing pandas and DuckDB first)."""
    if workers <= 1 or len(paths) < POOL_MIN_FILES:
        for path in paths:
            yield _parse_file(path, str(path.relative_to(root)), keep)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(200, len(paths) // (workers * 8)))
    jobs = [(paths[k:k + size], root, keep) for k in range(0, len(paths), size)]
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


#: DuckDB's memory before it spills to its temporary file: keeps a big folder's report small.
DUCKDB_MEMORY = "200MB"
#: Events held in Python before they go to DuckDB in one insert.
BATCH_EVENTS = 100_000

_EVENTS_DDL = ("CREATE TABLE events (session_id VARCHAR, seq BIGINT, t_ms BIGINT, "
               "name VARCHAR, data JSON)")
_ANSWERS_DDL = ("CREATE TABLE answers (session_id VARCHAR, seq BIGINT, t_ms BIGINT, "
                "phase VARCHAR, form VARCHAR, item VARCHAR, concept VARCHAR, choice VARCHAR, "
                "correct BOOLEAN, latency_ms BIGINT, confidence BIGINT)")


def _open_database() -> tuple[Any, Path]:
    """A DuckDB database in a fresh temporary folder (removed when the Dataset goes)."""
    folder = Path(tempfile.mkdtemp(prefix="escape-game-ingest-"))
    con = duckdb.connect(str(folder / "dataset.duckdb"))
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
    con.execute(f"SET temp_directory = '{folder / 'spill'}'")
    con.execute("SET preserve_insertion_order = false")
    # The file is removed with its folder when the Dataset goes: writing the tables into it
    # on close would be work thrown away.
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    con.execute(_EVENTS_DDL)
    con.execute(_ANSWERS_DDL)
    return con, folder


def _close_database(con: Any, folder: Path) -> None:
    try:
        con.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass
class Dataset:
    """Sessions, events and quiz answers of a folder, plus everything that went wrong.

    ``sessions`` is a small pandas table (one row per session); the events and the answers
    live in DuckDB (:meth:`connect`), and :attr:`events` and :attr:`answers` copy them out
    only when asked."""

    folder: Path
    sessions: pd.DataFrame
    problems: list[Problem]
    erased_sessions: int
    versions: dict[str, int]
    n_events: int
    n_answers: int
    _con: Any = None
    _answers: pd.DataFrame | None = None
    #: The names of the events in the ``events`` table, or None when it holds every event.
    event_names: frozenset[str] | None = None

    def connect(self) -> Any:
        """The DuckDB connection holding ``sessions``, ``events`` (with each event's ``data``
        as JSON; only those of :attr:`event_names` when set), ``answers`` and
        ``session_events`` (every valid event's count and last time, per session)."""
        return self._con

    @property
    def events(self) -> pa.Table:
        """Every event as an Arrow table (session_id, seq, t_ms, name, data as JSON text), in
        session and record order. Big: the report never asks for it."""
        if self.event_names is not None:
            raise ValueError("this dataset keeps only some events (event_names); ingest "
                             "the folder with events=None for all of them")
        table: pa.Table = self._con.sql(
            "SELECT session_id, seq, t_ms, name, CAST(data AS VARCHAR) AS data FROM events "
            "ORDER BY session_id, seq").to_arrow_table()
        return table

    @property
    def answers(self) -> pd.DataFrame:
        """Every quiz answer (one row each), in session and record order."""
        if self._answers is None:
            frame: pd.DataFrame = self._con.execute(
                "SELECT * FROM answers ORDER BY session_id, seq").df()
            frame["correct"] = frame["correct"].astype("boolean")
            frame["confidence"] = frame["confidence"].astype("Int64")
            self._answers = frame
        return self._answers


@dataclass(frozen=True, slots=True)
class _Head:
    """The header fields the tables use: a third of the memory of the header model, which
    counts when a folder holds tens of thousands of sessions."""

    session_id: str
    player: str
    campaign_id: str
    content_hash: str
    engine_version: str
    language: str
    condition: str | None
    class_id: str | None
    school_id: str | None
    pre_form: str | None
    post_form: str | None
    started_at: datetime

    @classmethod
    def of(cls, h: SessionHeader) -> _Head:
        return cls(str(h.session_id), h.player, h.campaign_id, h.content_hash,
                   h.engine_version, h.language, h.condition, h.class_id, h.school_id,
                   h.pre_form, h.post_form, h.started_at)


@dataclass(slots=True)
class _Copy:
    """What stays in memory of one file once its records are in DuckDB."""

    path: Path
    header: _Head
    ended_at: datetime | None
    outcome: str | None
    has_footer: bool
    problems: list[Problem]
    records: int
    digest: str
    n_events: int
    phases: frozenset[str]
    resumes: list[int]
    last_event_ms: int | None

    @property
    def rank(self) -> tuple[bool, int, int]:
        """The fullest copy wins: a footer, then more records, then fewer problems."""
        return (self.has_footer, self.records, -len(self.problems))


class _Loader:
    """Streams parsed files into DuckDB, keeping the best copy of each session."""

    def __init__(self, con: Any, root: Path) -> None:
        self.con = con
        self.root = root
        self.copies: dict[str, list[_Copy]] = {}
        self.best: dict[str, _Copy] = {}
        self._ev: tuple[list[str], list[int], list[int], list[str], list[bytes]] = (
            [], [], [], [], [])
        #: Answer columns (see ``_ParsedFile.answers``) and their session ids.
        self._ans: list[list[Any]] = [[] for _ in _ANSWER_FIELDS]
        self._ans_ids: list[str] = []

    def add(self, parsed: _ParsedFile) -> None:
        header = parsed.header
        assert header is not None
        sid = str(header.session_id)
        footer = parsed.footer
        copy = _Copy(parsed.path, _Head.of(header), footer.ended_at if footer else None,
                     footer.outcome if footer else None, footer is not None, parsed.problems,
                     parsed.records, parsed.digest, parsed.n_events,
                     frozenset(parsed.answers[_PHASE]), parsed.resumes,
                     parsed.last_event_ms)
        seen = self.copies.setdefault(sid, [])
        seen.append(copy)
        if seen[:-1]:
            if copy.rank <= self.best[sid].rank:
                return
            self.flush()  # the earlier copy's rows must be in DuckDB to be replaced
            self.con.execute("DELETE FROM events WHERE session_id = ?", [sid])
            self.con.execute("DELETE FROM answers WHERE session_id = ?", [sid])
        self.best[sid] = copy
        ids, seqs, times, names, data = self._ev
        ids.extend([sid] * len(parsed.ev_seq))
        seqs.extend(parsed.ev_seq)
        times.extend(parsed.ev_t_ms)
        names.extend(parsed.ev_name)
        data.extend(parsed.ev_data)
        for column, values in zip(self._ans, parsed.answers, strict=True):
            column.extend(values)
        self._ans_ids.extend([sid] * len(parsed.answers[0]))
        if len(ids) >= BATCH_EVENTS:
            self.flush()

    def flush(self) -> None:
        ids, seqs, times, names, data = self._ev
        if ids:
            batch = pa.table({
                "session_id": pa.array(ids, pa.string()),
                "seq": pa.array(seqs, pa.int64()), "t_ms": pa.array(times, pa.int64()),
                "name": pa.array(names, pa.string()),
                # JSON written by msgspec: valid UTF-8 (Arrow checks again). The type is
                # left to infer: pa.array(data, pa.binary()) can be far slower.
                "data": pa.array(data).cast(pa.string())})
            self.con.register("event_batch", batch)
            self.con.execute("INSERT INTO events SELECT session_id, seq, t_ms, name, "
                             "CAST(data AS JSON) FROM event_batch")
            self.con.unregister("event_batch")
            for column in self._ev:
                column.clear()
        if self._ans_ids:
            columns = [self._ans_ids, *self._ans]
            batch = pa.table({
                name: pa.array(values, kind) for name, values, kind in zip(
                    ("session_id", *_ANSWER_FIELDS), columns, _ANSWER_TYPES, strict=True)})
            self.con.register("answer_batch", batch)
            self.con.execute("INSERT INTO answers SELECT * FROM answer_batch")
            self.con.unregister("answer_batch")
            for column in self._ans:
                column.clear()
            self._ans_ids.clear()

    def problems(self) -> list[Problem]:
        """Duplicate copies (merged or conflicting), then the kept copy's own problems, per
        session in the order first seen."""
        found: list[Problem] = []
        for sid, copies in self.copies.items():
            best = self.best[sid]
            a = str(best.path.relative_to(self.root))
            for other in copies:
                if other is best:
                    continue
                b = str(other.path.relative_to(self.root))
                if other.digest == best.digest:
                    found.append(Problem("info", "duplicate_merged", b, None,
                                         f"identical copy of {a} (merged)"))
                else:
                    found.append(Problem("error", "conflicting_duplicate", b, None,
                                         f"same session id as {a} but different records; "
                                         f"kept {a}"))
            found.extend(best.problems)
        return found


def ingest(folder: Path, *, allow_mixed: bool = False, quiet: bool = True,
           workers: int = 1, events: frozenset[str] | None = None) -> Dataset:
    """Read every ``*.jsonl`` under ``folder`` (see module docstring for what is checked).

    ``workers`` > 1 reads the files in that many processes, with the same result: on two
    cores it saves about a fifth of the time (see ``benchmarks/bench_ingest.py``).
    ``events`` names the events to keep in the events table (None: all). Every line is
    validated either way, and the counts cover every event; the report keeps only the
    events its analysis reads (most events of a classroom are objects examined), which
    spares storing four in five of them."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder of session files")
    erased = read_tombstones(folder)
    problems: list[Problem] = []
    erased_ids: set[str] = set()
    con, tmp = _open_database()
    try:
        loader = _Loader(con, folder)
        paths = session_files(folder)
        parsed_files = _parse_files(paths, folder, workers, events)
        for path, parsed in zip(_progress(paths, quiet), parsed_files, strict=True):
            if parsed.header is None:
                problems.extend(parsed.problems)
                problems.append(Problem("error", "no_header", str(path.relative_to(folder)),
                                        None, "no valid header line: file skipped"))
                continue
            if player_hash(parsed.header.player) in erased:
                erased_ids.add(str(parsed.header.session_id))
                continue
            loader.add(parsed)
        loader.flush()
        problems.extend(loader.problems())
        kept = sorted(loader.best.values(),
                      key=lambda c: (c.header.started_at, c.header.session_id))
        versions: dict[str, int] = defaultdict(int)
        for copy in kept:
            versions[copy.header.content_hash] += 1
        if len(versions) > 1 and not allow_mixed:
            listing = ", ".join(f"{h[:12]} ({n} sessions)" for h, n in versions.items())
            raise MixedVersionsError(
                f"the sessions come from {len(versions)} versions of the level content: "
                f"{listing}. Scores from different versions are not comparable; analyse each "
                "version in its own folder, or pass --allow-mixed to keep them together with "
                "a version column.")
        sessions = _sessions_frame(kept, folder)
        con.register("sessions_df", sessions)
        con.execute("CREATE TABLE sessions AS SELECT * FROM sessions_df")
        con.unregister("sessions_df")
        per_session = pa.table({
            "session_id": pa.array([str(c.header.session_id) for c in kept], pa.string()),
            "n_events": pa.array([c.n_events for c in kept], pa.int64()),
            "last_event_ms": pa.array([c.last_event_ms for c in kept], pa.int64())})
        con.register("session_events_df", per_session)
        con.execute("CREATE TABLE session_events AS SELECT * FROM session_events_df")
        con.unregister("session_events_df")
        # fetchall, not fetchone: a result left unfinished blocks the connection.
        counts = con.execute("SELECT (SELECT sum(n_events) FROM session_events), "
                             "(SELECT count(*) FROM answers)").fetchall()[0]
    except BaseException:
        _close_database(con, tmp)
        raise
    # Three columns, not whole rows: itertuples would box every field of every session.
    for file, has_footer, has_post in zip(sessions["file"], sessions["has_footer"],
                                          sessions["has_post"], strict=True):
        if not has_footer:
            problems.append(Problem("warning", "incomplete", file, None,
                                    "no footer: the game did not close cleanly"))
        if not has_post:
            problems.append(Problem("warning", "incomplete", file, None,
                                    "no post-quiz answers"))
    ds = Dataset(folder=folder, sessions=sessions, problems=problems,
                 erased_sessions=len(erased_ids), versions=dict(versions),
                 n_events=int(counts[0] or 0), n_answers=int(counts[1] or 0), _con=con,
                 event_names=events)
    weakref.finalize(ds, _close_database, con, tmp)
    return ds


def _sessions_frame(kept: list[_Copy], root: Path) -> pd.DataFrame:
    rows = []
    for p in kept:
        h = p.header
        rows.append({
            "session_id": h.session_id, "player": h.player,
            "player_hash": player_hash(h.player), "campaign_id": h.campaign_id,
            "content_hash": h.content_hash, "version": h.content_hash[:12],
            "engine_version": h.engine_version, "language": h.language,
            "condition": h.condition, "class_id": h.class_id, "school_id": h.school_id,
            "pre_form": h.pre_form, "post_form": h.post_form,
            "started_at": pd.Timestamp(h.started_at),
            "ended_at": pd.Timestamp(p.ended_at) if p.ended_at is not None else pd.NaT,
            "outcome": p.outcome,
            "has_footer": p.has_footer,
            "has_pre": "pre" in p.phases,
            "has_post": "post" in p.phases,
            "n_events": p.n_events,
            "n_resumes": len(p.resumes),
            "last_resume_seq": p.resumes[-1] if p.resumes else None,
            "file": str(p.path.relative_to(root)),
        })
    columns = ["session_id", "player", "player_hash", "campaign_id", "content_hash", "version",
               "engine_version", "language", "condition", "class_id", "school_id", "pre_form",
               "post_form", "started_at", "ended_at", "outcome", "has_footer", "has_pre",
               "has_post", "n_events", "n_resumes", "last_resume_seq", "file"]
    return pd.DataFrame(rows, columns=columns)
