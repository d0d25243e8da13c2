"""Ingest and report on ~1,000,000 synthetic events; compare the aggregates with plain pandas.

Run: ``python benchmarks/bench_ingest.py [--events 1000000] [--keep DIR] [--reuse]``

Prints the time to generate, to ingest (read + validate every line with the records models)
in one process and in a pool of ``--workers`` processes (checked equal), to copy the tables
into DuckDB, to compute the aggregates with DuckDB, the same aggregates in plain pandas from
the same in-memory tables (checked equal), and the full report. The ratios are one process /
pool and pandas / DuckDB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from telemetry.research import behaviour, ingest, synthetic, tables  # noqa: E402
from telemetry.research.report import write_report  # noqa: E402


def duckdb_aggregates(ds: ingest.Dataset) -> dict[str, pd.DataFrame]:
    return {"scores": tables.scores(ds), "counts": ds.connect().execute(behaviour.COUNTS).df(),
            "rooms": behaviour.room_times(ds), "decisions": behaviour.decisions(ds)}


def pandas_aggregates(ds: ingest.Dataset) -> dict[str, pd.DataFrame]:
    """The same numbers with pandas only, starting from the same tables."""
    ev = ds.events.select(["session_id", "seq", "t_ms", "name", "line"]).to_pandas()
    data = [json.loads(line)["data"] for line in ev["line"]]
    ev = ev.drop(columns="line")
    ev["room"] = [d.get("room") for d in data]
    ev["protected"] = [d.get("protected") for d in data]
    ev["best_value"] = [d.get("best_value") for d in data]
    ev["potion"] = [d.get("potion") for d in data]
    ev = ev.sort_values(["session_id", "seq"], kind="stable")

    a = ds.answers[ds.answers["correct"].notna()].sort_values("seq")
    a = a.drop_duplicates(["session_id", "phase", "item"], keep="last")
    a = a.assign(correct_f=a["correct"].astype(float), concept=a["concept"].fillna(""))
    by_concept = a.groupby(["session_id", "phase", "concept"]).agg(
        n=("correct_f", "size"), n_correct=("correct_f", "sum"), score=("correct_f", "mean"))
    overall = a.groupby(["session_id", "phase"]).agg(
        n=("correct_f", "size"), n_correct=("correct_f", "sum"), score=("correct_f", "mean"))
    overall["concept"] = ""
    scores = pd.concat([by_concept.reset_index(),
                        overall.reset_index()]).sort_values(["session_id", "phase", "concept"])

    g = ev.groupby("session_id")
    name = ev["name"]
    counts = pd.DataFrame({
        "hints": (name == "HintTaken").groupby(ev["session_id"]).sum(),
        "puzzles_solved": (name == "PuzzleSolved").groupby(ev["session_id"]).sum(),
        "rooms_entered": ev[name == "RoomEntered"].groupby("session_id")["room"].nunique(),
        "threats_met": (name == "ThreatStruck").groupby(ev["session_id"]).sum(),
        "threats_protected": ((name == "ThreatStruck") & (ev["protected"] == True))  # noqa: E712
        .groupby(ev["session_id"]).sum(),
        "potions_bought": (name == "PotionBought").groupby(ev["session_id"]).sum(),
        "best_value_bought": ((name == "PotionBought") & (ev["best_value"] == True))  # noqa: E712
        .groupby(ev["session_id"]).sum(),
        "pauses": (name == "ThreatPaused").groupby(ev["session_id"]).sum(),
        "last_event_ms": g["t_ms"].max(),
    }).fillna(0).reset_index()

    marks = ev[name.isin(["RoomEntered", "RoomLeft", "GameEnded"])].copy()
    marks["next_t"] = marks.groupby("session_id")["t_ms"].shift(-1)
    marks["span"] = marks["next_t"].fillna(marks["t_ms"]) - marks["t_ms"]
    entered = marks[marks["name"] == "RoomEntered"]
    rooms = entered.groupby(["session_id", "room"]).agg(
        visits=("span", "size"), ms=("span", "sum")).reset_index()

    d = ev[name.isin(["RoomEntered", "ThreatWarned", "PotionOffered", "ThreatPaused",
                      "PotionBought", "PotionDeclined"])].copy()
    d["boundary"] = d["name"].isin(["RoomEntered", "PotionBought", "PotionDeclined"]).astype(int)
    d["segment"] = d.groupby("session_id")["boundary"].cumsum() - d["boundary"]
    inside = d[d["boundary"] == 0]
    opened = inside[inside["name"].isin(["ThreatWarned", "PotionOffered"])].groupby(
        ["session_id", "segment"])["t_ms"].min().rename("opened")
    paused = (inside["name"] == "ThreatPaused").groupby(
        [inside["session_id"], inside["segment"]]).any().rename("paused")
    dec = d[d["name"].isin(["PotionBought", "PotionDeclined"])]
    dec = dec.join(opened, on=["session_id", "segment"]).join(paused, on=["session_id",
                                                                          "segment"])
    decisions = pd.DataFrame({
        "session_id": dec["session_id"], "seq": dec["seq"], "t_ms": dec["t_ms"],
        "decision": np.where(dec["name"] == "PotionBought", "bought", "declined"),
        "potion": dec["potion"], "best_value": dec["best_value"],
        "latency_ms": dec["t_ms"] - dec["opened"],
        "paused": dec["paused"].fillna(False).astype(bool)})
    return {"scores": scores, "counts": counts, "rooms": rooms, "decisions": decisions}


def _same(duck: dict[str, pd.DataFrame], plain: dict[str, pd.DataFrame]) -> None:
    keys = {"scores": ["session_id", "phase", "concept"], "counts": ["session_id"],
            "rooms": ["session_id", "room"], "decisions": ["session_id", "seq"]}
    for name, key in keys.items():
        a = duck[name].sort_values(key).reset_index(drop=True)
        b = plain[name].sort_values(key).reset_index(drop=True)[list(a.columns)]
        for column in a.columns:
            x, y = a[column], b[column]
            if pd.api.types.is_numeric_dtype(x) and not pd.api.types.is_bool_dtype(x):
                assert np.allclose(x.astype(float), y.astype(float), equal_nan=True), (name,
                                                                                     column)
            else:
                def text(v: object) -> str:
                    return "" if v is None or v is pd.NA or v != v else str(v)
                assert list(map(text, x)) == list(map(text, y)), (name, column)


def _timed(label: str, fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn(*args)
    seconds = time.perf_counter() - start
    print(f"{label:<42} {seconds:8.2f} s", flush=True)
    return value, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    parser.add_argument("--reuse", action="store_true",
                        help="read the sessions already in --keep instead of generating them")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    per_room = 40
    # ~ (per_room + 10) events per room, 4 rooms, + GameEnded.
    participants = max(10, args.events // (4 * (per_room + 10) + 1))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    sessions = folder / "sessions"
    try:
        if not (args.reuse and sessions.is_dir()):
            truth, _ = _timed(f"generate {participants} sessions", synthetic.generate,
                              sessions, synthetic.Classroom(
                                  participants=participants, seed=1, events_per_room=per_room,
                                  machines=20))
            print(f"{'events written':<42} {truth.events_written:8d}")
        ds, t_ingest = _timed("ingest (read + validate every line)", ingest.ingest, sessions)
        pooled, t_pool = _timed(f"ingest in {args.workers} processes",
                                lambda: ingest.ingest(sessions, workers=args.workers))
        assert pooled.events.equals(ds.events) and pooled.answers.equals(ds.answers)
        assert [str(p) for p in pooled.problems] == [str(p) for p in ds.problems]
        del pooled
        print(f"{'ingest: 1 process / pool':<42} {t_ingest / t_pool:8.2f} x  (results equal)")
        _, t_connect = _timed("copy into DuckDB (connect)", ds.connect)
        duck, t_duck = _timed("aggregates with DuckDB", duckdb_aggregates, ds)
        plain, t_pandas = _timed("same aggregates with plain pandas", pandas_aggregates, ds)
        _same(duck, plain)
        print(f"{'aggregates: pandas / DuckDB':<42} {t_pandas / t_duck:8.1f} x  (results equal)")
        _, t_report = _timed("full report (analysis, figures, CSVs)", write_report, ds,
                             folder / "report")
        best = min(t_ingest, t_pool)
        total = best + t_connect + t_report
        print(f"{'ingest (best) + connect + report':<42} {total:8.2f} s for "
              f"{ds.events.num_rows} events")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
