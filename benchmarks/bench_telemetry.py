"""Telemetry capture: throughput with the durability settings, and what the frame loop pays.

Prints, from one run on this machine, at two rates of room changes (each one an fsync): a
play-like rate (a room change a minute: 3,600 frames at 60 fps) and a stress rate (one
every 20 frames), each in interleaved rounds, min/median/max over the rounds:
- records per second written by the recorder (validated, one os.write per call, fsync at
  every room change on a thread) against a baseline of plain buffered writes of the very
  same lines;
- the caller's cost per call and per frame (p50/p99, microseconds): what a frame pays;
- frame busy time with no recording, with the recorder, and with the design not taken (a
  queue feeding a writer thread), in alternating rounds.
The load average is printed at the start and the end: the machine may be shared.

Usage: python benchmarks/bench_telemetry.py [--frames N] [--rounds R] [--room-every N]
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from timing import load_average

from escape_game.core.actions import Action, AdvanceTime, Answer, Examine, GoThrough
from escape_game.core.events import (
    Event,
    MoneyChanged,
    ObjectExamined,
    PuzzleAttempted,
    RoomEntered,
    RoomLeft,
    ThreatWarned,
)
from telemetry.recorder import NullRecorder, Recorder, open_recorder
from telemetry.records import (
    ActionRecord,
    Consent,
    EventRecord,
    SessionHeader,
    action_data,
    event_data,
)

Frame = tuple[Action, list[Event]]


def header() -> SessionHeader:
    now = datetime.now(UTC)
    return SessionHeader(
        session_id=uuid.uuid4(), player="OWL-427", campaign_id="bench", content_hash="0" * 64,
        engine_version="0.1.0", seed=1, language="en", consent=Consent(given=True, at=now),
        started_at=now,
    )


def frames(count: int, room_every: int = 20) -> list[Frame]:
    """A busy stream: most frames only pass time; a room change (an fsync) every few frames."""
    out: list[Frame] = []
    for i in range(count):
        if i % room_every == 0:
            out.append((GoThrough(exit="north"), [
                RoomLeft(room="hall", seconds_in_room=30), RoomEntered(room="vault", via="north"),
            ]))
        elif i % 5 == 0:
            out.append((Answer(puzzle="safe", code="0042"), [
                PuzzleAttempted(puzzle="safe", kind="code_lock", correct=True, attempt=1),
                MoneyChanged(delta=Decimal("50"), balance=Decimal("150.00"),
                             debt=Decimal("0"), reason="puzzle"),
            ]))
        elif i % 3 == 0:
            out.append((Examine(object="desk"), [
                ObjectExamined(object="desk", room="hall"),
                ThreatWarned(threat="spark", category="fire", seconds=10),
            ]))
        else:
            out.append((AdvanceTime(ms=16), []))
    return out


def lines_of(stream: list[Frame]) -> list[bytes]:
    """The exact lines the recorder writes, serialized up front for the baseline."""
    out: list[bytes] = []
    seq = 0
    for t, (action, events) in enumerate(stream):
        seq += 1
        record = ActionRecord(seq=seq, t_ms=t, action=action_data(action))
        out.append(record.model_dump_json().encode() + b"\n")
        for event in events:
            seq += 1
            ev = EventRecord(seq=seq, t_ms=t, name=event.name, data=event_data(event))
            out.append(ev.model_dump_json().encode() + b"\n")
    return out


def bench_baseline(folder: Path, lines: list[bytes]) -> float:
    start = time.perf_counter()
    with (folder / "baseline.jsonl").open("wb") as handle:
        for line in lines:
            handle.write(line)
    return time.perf_counter() - start


def bench_recorder(folder: Path, stream: list[Frame]) -> tuple[float, list[int], list[int]]:
    """Wall time to durable close; per-call and per-frame caller costs (ns)."""
    calls: list[int] = []
    per_frame: list[int] = []
    clock = time.perf_counter_ns
    start = time.perf_counter()
    rec = open_recorder(folder, header(), consent=True)
    for t, (action, events) in enumerate(stream):
        t0 = clock()
        rec.action(action, t)
        t1 = clock()
        rec.events(events, t)
        t2 = clock()
        calls += [t1 - t0, t2 - t1]
        per_frame.append(t2 - t0)
    rec.close("quit", len(stream))
    elapsed = time.perf_counter() - start
    assert rec.problem is None, rec.problem
    return elapsed, calls, per_frame


class QueueWriter:
    """The design not taken, for comparison: calls only enqueue; a thread validates and writes.

    Its calls are nearly free, but the thread wakes at every frame and competes with the
    frame loop for the interpreter lock and the CPU.
    """

    def __init__(self, folder: Path) -> None:
        self.fd = os.open(folder / f"queue-{uuid.uuid4()}.jsonl",
                          os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND)
        self.queue: queue.SimpleQueue[tuple[int, Action | None, list[Event]]] = \
            queue.SimpleQueue()
        self.seq = 0
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def action(self, action: Action, t_ms: int) -> None:
        self.queue.put((t_ms, action, []))

    def events(self, events: list[Event], t_ms: int) -> None:
        self.queue.put((t_ms, None, list(events)))

    def close(self, outcome: str, t_ms: int) -> None:
        self.queue.put((-1, None, []))
        self.thread.join()
        os.close(self.fd)

    def run(self) -> None:
        while True:
            t, action, events = self.queue.get()
            if t < 0:
                return
            lines = []
            if action is not None:
                self.seq += 1
                record = ActionRecord(seq=self.seq, t_ms=t, action=action_data(action))
                lines.append(record.model_dump_json().encode() + b"\n")
            for event in events:
                self.seq += 1
                ev = EventRecord(seq=self.seq, t_ms=t, name=event.name, data=event_data(event))
                lines.append(ev.model_dump_json().encode() + b"\n")
            os.write(self.fd, b"".join(lines))
            if any(e.name == "RoomEntered" for e in events):
                os.fsync(self.fd)


def busy(microseconds: int) -> None:
    """Stand-in for a frame's own Python work (update and draw), to expose GIL contention."""
    end = time.perf_counter_ns() + microseconds * 1000
    while time.perf_counter_ns() < end:
        pass


def bench_frames(rec: Recorder | QueueWriter, stream: list[Frame], work_us: int) -> list[int]:
    """Busy time of each frame (work + recording calls), then an idle wait as clock.tick does.

    The writer thread competes with the frame for the interpreter lock and the CPU, so this
    is where its cost on the frame loop would show.
    """
    times: list[int] = []
    for t, (action, events) in enumerate(stream):
        t0 = time.perf_counter_ns()
        busy(work_us)
        rec.action(action, t)
        rec.events(events, t)
        times.append(time.perf_counter_ns() - t0)
        time.sleep(work_us / 1e6)
    rec.close("quit", len(stream))
    return times


def pct(values: list[int], q: float) -> float:
    return statistics.quantiles(values, n=1000)[int(q * 10) - 1] / 1000 if len(values) > 1 \
        else values[0] / 1000


def spread(values: list[float], fmt: str = "{:,.0f}") -> str:
    return " / ".join(fmt.format(v) for v in (min(values), statistics.median(values),
                                              max(values)))


#: frames between room changes: a minute at 60 fps (play), and a stress test
RATES = {"play-like": 3600, "stress": 20}


def throughput(folder: Path, label: str, room_every: int, count: int, rounds: int) -> None:
    """Recorder against the baseline of the same lines, in interleaved rounds."""
    stream = frames(count, room_every)
    lines = lines_of(stream)
    records = len(lines)
    syncs = sum(1 for _, events in stream for e in events if e.name == "RoomEntered")
    base_rate: list[float] = []
    rec_rate: list[float] = []
    ratio: list[float] = []
    calls: list[int] = []
    per_frame: list[int] = []
    call_p99: list[float] = []
    frame_p99: list[float] = []
    for n in range(rounds):
        run = folder / f"{label}-{n}"
        run.mkdir()
        base = bench_baseline(run, lines)
        elapsed, round_calls, round_frames = bench_recorder(run, stream)
        written = sum(1 for p in run.glob("*.jsonl") if p.name != "baseline.jsonl"
                      for _ in p.open("rb"))
        assert written == records + 2, written  # header and end record besides
        shutil.rmtree(run)
        base_rate.append(records / base)
        rec_rate.append(records / elapsed)
        ratio.append(base / elapsed)
        calls += round_calls
        per_frame += round_frames
        call_p99.append(pct(round_calls, 99))
        frame_p99.append(pct(round_frames, 99))
    print(f"\n{label}: a room change every {room_every} frames; {count} frames, {records} "
          f"records, {syncs} fsyncs a round; {rounds} rounds, min / median / max")
    print(f"  baseline, buffered writes of the same lines : {spread(base_rate)} records/s")
    print(f"  recorder, validated + os.write + fsync      : {spread(rec_rate)} records/s"
          f"  ({spread(ratio, '{:.3f}')}x the baseline; includes building each record)")
    print(f"  caller cost per call   p50 {pct(calls, 50):6.2f} us   p99 {pct(calls, 99):6.2f} us"
          f"   (p99 per round {spread(call_p99, '{:.1f}')})")
    print(f"  caller cost per frame  p50 {pct(per_frame, 50):6.2f} us   "
          f"p99 {pct(per_frame, 99):6.2f} us   (p99 per round {spread(frame_p99, '{:.1f}')}; "
          "target p99 < 500 us)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--frames", type=int, default=20_000, help="frames per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--room-every", type=int, default=None,
                        help="frames between room changes, each one fsync (default: both "
                        f"{RATES['play-like']}, a minute at 60 fps, and {RATES['stress']}, a "
                        "stress test)")
    args = parser.parse_args()
    rates = (RATES if args.room_every is None
             else {f"every {args.room_every} frames": args.room_every})
    print(load_average(), "at the start;", os.cpu_count(), "cores")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for label, every in rates.items():
            throughput(folder, label, every, args.frames, args.rounds)
        # Alternate short blocks with and without recording, so machine noise hits both alike.
        short = frames(500, min(rates.values()))
        work = 1000
        arms: dict[str, Callable[[], Recorder | QueueWriter]] = {
            "no recording": NullRecorder,
            "recorder": lambda: open_recorder(folder, header(), consent=True),
            "queue + writer thread": lambda: QueueWriter(folder),
        }
        times: dict[str, list[list[int]]] = {label: [] for label in arms}
        for _ in range(args.rounds):
            for label, make in arms.items():
                times[label].append(bench_frames(make(), short, work))
        written = sum(1 for p in folder.glob("*.jsonl") if not p.name.startswith("queue-")
                      for _ in p.open("rb"))
    assert written == args.rounds * (len(lines_of(short)) + 2), written
    print(f"\nframes of {work} us work + {work} us idle, {len(short)} a round, busy time "
          f"(a room change every {min(rates.values())} frames; rounds alternate, so machine "
          "noise hits each arm alike; p99 per round min / median / max):")
    for label, rounds in times.items():
        pooled = [t for r in rounds for t in r]
        each = spread([pct(r, 99) for r in rounds], "{:.1f}")
        print(f"  {label:<22} p50 {pct(pooled, 50):7.1f} us   p95 {pct(pooled, 95):7.1f} us"
              f"   p99 {pct(pooled, 99):7.1f} us   ({each})")
    print(load_average(), "at the end")


if __name__ == "__main__":
    main()
