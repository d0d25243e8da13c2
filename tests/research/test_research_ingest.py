"""From a folder of session files to clean tables: problems reported, erasures honoured."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from telemetry.research import analysis, behaviour, ingest, synthetic, tables


def test_messy_folder_reports_every_problem(messy_classroom: tuple[Path, synthetic.Truth]
                                            ) -> None:
    folder, truth = messy_classroom
    ds = ingest.ingest(folder)
    kinds = [p.kind for p in ds.problems]
    assert kinds.count("conflicting_duplicate") == 1
    assert kinds.count("duplicate_merged") == 3  # 5 copies, 2 of them of erased players
    assert "torn_line" in kinds
    assert ds.erased_sessions == 2
    assert len(ds.sessions) == truth.sessions_written - 2
    assert ds.sessions["session_id"].is_unique
    incomplete = {p.file for p in ds.problems if p.kind == "incomplete"}
    assert incomplete == set(ds.sessions.loc[~ds.sessions["has_footer"]
                                             | ~ds.sessions["has_post"], "file"])


def test_a_record_over_two_lines_and_two_records_on_one_are_both_errors(tmp_path: Path
                                                                       ) -> None:
    """The fast path decodes a file's events in one call; it must still judge each line."""
    synthetic.generate(tmp_path, synthetic.Classroom(participants=4, seed=1))
    path = sorted(tmp_path.rglob("*.jsonl"))[0]
    lines = path.read_text().splitlines()
    first, rest = lines[3].split(',"t_ms"', 1)
    lines[3:4] = [first, ',"t_ms"' + rest]  # lines 4 and 5
    lines[6:8] = [lines[6] + " " + lines[7]]  # line 7
    path.write_text("\n".join(lines) + "\n")
    ds = ingest.ingest(tmp_path)
    corrupt = sorted(p.line for p in ds.problems
                     if p.kind == "corrupt_line" and path.name in p.file)
    assert corrupt == [4, 5, 7]


def test_corrupt_line_is_reported_with_its_line_number(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, synthetic.Classroom(participants=4, seed=1))
    path = sorted(tmp_path.rglob("*.jsonl"))[0]
    lines = path.read_text().splitlines()
    lines[3] = lines[3].replace('"record":', '"recrod":')
    lines.insert(5, "{not json")
    path.write_text("\n".join(lines) + "\n")
    ds = ingest.ingest(tmp_path)
    corrupt = sorted(p.line for p in ds.problems if p.kind == "corrupt_line")
    assert corrupt == [4, 6]
    assert all(p.severity == "error" for p in ds.problems if p.kind == "corrupt_line")
    assert len(ds.sessions) == 4


def test_file_without_header_is_skipped_and_reported(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, synthetic.Classroom(participants=3, seed=1))
    path = sorted(tmp_path.rglob("*.jsonl"))[0]
    path.write_text("\n".join(path.read_text().splitlines()[1:]) + "\n")
    ds = ingest.ingest(tmp_path)
    assert [p.kind for p in ds.problems if p.file.endswith(path.name)][-1] == "no_header"
    assert len(ds.sessions) == 2


def test_mixed_versions_are_refused_unless_allowed(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, synthetic.Classroom(participants=10, other_version=3))
    with pytest.raises(ingest.MixedVersionsError, match="--allow-mixed"):
        ingest.ingest(tmp_path)
    ds = ingest.ingest(tmp_path, allow_mixed=True)
    assert sorted(ds.versions.values()) == [3, 7]
    people = tables.participants(ds)
    assert people["version"].nunique() == 2


def test_tombstones_accept_comments_and_case(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, synthetic.Classroom(participants=5))
    code = synthetic.player_code(3)
    (tmp_path / "machine-01" / "tombstones.txt").write_text(
        f"# erased on request\n  {ingest.player_hash(code).upper()}  # parent asked\n\n")
    ds = ingest.ingest(tmp_path)
    assert code not in set(ds.sessions["player"])
    assert ds.erased_sessions == 1


def test_funnel_counts_attrition(messy_classroom: tuple[Path, synthetic.Truth]) -> None:
    folder, _ = messy_classroom
    ds = ingest.ingest(folder)
    funnel = behaviour.funnel(ds)
    counts = funnel["participants"].tolist()
    assert funnel["step"].tolist()[0] == "started"
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == len(ds.sessions)
    assert counts[-1] == int(ds.sessions["has_post"].sum())
    assert counts[-1] < counts[0]


def _write(path: Path, records: list[dict[str, object]]) -> None:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")


def test_decision_latency_and_room_time_definitions(tmp_path: Path) -> None:
    synthetic.generate(tmp_path, synthetic.Classroom(participants=1))
    path = next(tmp_path.rglob("*.jsonl"))
    header = json.loads(path.read_text().splitlines()[0])
    path.unlink()

    def ev(seq: int, t: int, name: str, **data: object) -> dict[str, object]:
        return {"record": "event", "seq": seq, "t_ms": t, "name": name, "data": data}

    _write(tmp_path / "one.jsonl", [
        header,
        ev(1, 1000, "RoomEntered", room="hall"),
        ev(2, 2000, "ThreatWarned", threat="t", category="theft", seconds=10),
        ev(3, 2500, "ThreatPaused", threat="t", remaining_ms=100),
        ev(4, 3000, "PotionOffered", room="hall", potions=["a", "b"]),
        ev(5, 9000, "PotionBought", potion="a", premium="1.00", alternatives=["b"],
           best_value=True),
        ev(6, 10000, "PotionOffered", room="hall", potions=["a", "b"]),
        ev(7, 11500, "PotionDeclined", potion="b"),
        ev(8, 12000, "RoomEntered", room="vault"),
        ev(9, 20000, "GameEnded", outcome="escaped", score=1, money="1.00", wellbeing=1,
           elapsed_ms=20000),
    ])
    ds = ingest.ingest(tmp_path)
    d = behaviour.decisions(ds)
    assert d["latency_ms"].tolist() == [7000, 1500]
    assert d["paused"].tolist() == [True, False]
    assert d["decision"].tolist() == ["bought", "declined"]
    rooms = behaviour.room_times(ds).set_index("room")["ms"]
    assert rooms.to_dict() == {"hall": 11000, "vault": 8000}


def test_planted_effects_are_recovered(clean_classroom: tuple[Path, synthetic.Truth]) -> None:
    folder, truth = clean_classroom
    result = analysis.analyse(ingest.ingest(folder))
    table = result.concept_table().set_index("concept")
    for concept, expected in truth.expected_diff.items():
        row = table.loc[concept]
        assert row["ci_low"] <= expected <= row["ci_high"], (concept, expected, row.to_dict())
    # The null concept is not significant; the largest planted gain is the largest estimate.
    assert table.loc["exclusion", "ci_low"] < 0 < table.loc["exclusion", "ci_high"]
    assert table["diff"].idxmax() == max(truth.gains, key=truth.gains.__getitem__)
    assert result.order is not None and result.order.ci_low < 0 < result.order.ci_high


def test_condition_effect_is_detected(tmp_path: Path) -> None:
    shutil.rmtree(tmp_path)
    synthetic.generate(tmp_path, synthetic.Classroom(
        participants=400, seed=5, conditions=("control", "pause"), condition_boost=1.0))
    result = analysis.analyse(ingest.ingest(tmp_path))
    welch = result.conditions[("pause", "control")]
    assert welch.ci_low > 0


def test_tombstones_written_by_telemetry_delete_are_honoured(tmp_path: Path) -> None:
    from telemetry.privacy import add_tombstone, code_hash

    synthetic.generate(tmp_path, synthetic.Classroom(participants=6))
    code = synthetic.player_code(4)
    add_tombstone(tmp_path, code_hash(code))  # "<sha256>\t<time>" after a header comment
    (tmp_path / "machine-02").mkdir(exist_ok=True)
    add_tombstone(tmp_path / "machine-02", code_hash(synthetic.player_code(5)))
    ds = ingest.ingest(tmp_path)
    assert ds.erased_sessions == 2
    assert not {code, synthetic.player_code(5)} & set(ds.sessions["player"])
    assert len(ds.sessions) == 4


def test_sessions_written_by_the_recorder_flow_through_the_pipeline(tmp_path: Path) -> None:
    """A session written by telemetry.recorder from real core events, end to end."""
    from datetime import UTC, datetime
    from decimal import Decimal

    from ralph.models.xapi.base.statements import BaseXapiStatement

    from escape_game.core import events as ev
    from telemetry.recorder import SessionRecorder, new_header
    from telemetry.research import xapi

    header = new_header(player="OWL-427", campaign_id="city", content_hash="a" * 64, seed=3,
                        language="fr", consent_at=datetime.now(UTC), pre_form="A",
                        post_form="B")
    recorder = SessionRecorder(tmp_path, header)
    recorder.quiz_answer("pre", "A", "q1", "premium", "b", False, 4000, 2, t_ms=4000)
    recorder.events([ev.RoomEntered(room="hall")], t_ms=5000)
    recorder.events([ev.ThreatWarned(threat="fire", category="fire", seconds=10)], t_ms=6000)
    recorder.events([ev.ThreatPaused(threat="fire", remaining_ms=4000)], t_ms=7000)
    recorder.events([ev.PotionOffered(room="hall", potions=("shield", "glow"))], t_ms=7500)
    recorder.events([ev.PotionBought(potion="shield", premium=Decimal("12.5"),
                                     alternatives=("glow",), best_value=True)], t_ms=9000)
    recorder.events([ev.ThreatStruck(threat="fire", category="fire", protected=True,
                                     potion="shield", loss=Decimal(200), deductible=Decimal(50),
                                     payout=Decimal(150), out_of_pocket=Decimal(50))],
                    t_ms=10000)
    recorder.events([ev.MessageShown(source="hall", text={"fr": "Bravo"}),
                     ev.RoomLeft(room="hall", seconds_in_room=6)], t_ms=11000)
    recorder.events([ev.GameEnded(outcome="escaped", score=10, money=Decimal(1),
                                  wellbeing=90, elapsed_ms=11000)], t_ms=11000)
    recorder.quiz_answer("post", "B", "q2", "premium", "a", True, 3000, 4, t_ms=14000)
    recorder.close("escaped", t_ms=15000)

    ds = ingest.ingest(tmp_path)
    assert [p for p in ds.problems if p.severity == "error"] == []
    people = tables.participants(ds)
    row = people.iloc[0]
    assert (row["pre_score"], row["post_score"], row["threats_protected"]) == (0.0, 1.0, 1)
    decision = behaviour.decisions(ds).iloc[0]
    assert (decision["latency_ms"], bool(decision["paused"])) == (3000, True)
    statements = list(xapi.statements(ds))
    for statement in statements:
        BaseXapiStatement(**statement)
    assert {s["verb"]["id"] for s in statements} >= {xapi.VERBS["selected"],
                                                     xapi.VERBS["answered"]}


@settings(max_examples=25, deadline=None)
@given(garbage=st.lists(st.binary(min_size=1, max_size=80).filter(lambda b: b"\n" not in b),
                        min_size=1, max_size=4),
       torn=st.booleans())
def test_garbage_lines_are_reported_never_fatal(tmp_path_factory: pytest.TempPathFactory,
                                                garbage: list[bytes], torn: bool) -> None:
    folder = tmp_path_factory.mktemp("garbage")
    synthetic.generate(folder, synthetic.Classroom(participants=2, seed=9))
    path = sorted(folder.rglob("*.jsonl"))[0]
    lines = path.read_bytes().rstrip(b"\n").split(b"\n")
    body = lines[:3] + garbage + lines[3:]
    path.write_bytes(b"\n".join(body) + (b"" if torn else b"\n"))
    ds = ingest.ingest(folder)
    assert len(ds.sessions) == 2
    bad = [p for p in ds.problems if p.kind in ("corrupt_line", "torn_line")]
    # Every garbage line that is not blank is reported, with its line number.
    expected = [4 + k for k, g in enumerate(garbage) if g.strip()]
    assert sorted(p.line for p in bad if p.line is not None) == expected
    assert all(p.kind == "corrupt_line" for p in bad)


def test_a_repeated_key_cannot_slip_free_text_past_validation(tmp_path: Path) -> None:
    """JSON parsers disagree on repeated keys (the models keep the last, DuckDB's JSON
    functions the first): the stored data must be what was validated, never the raw line."""
    synthetic.generate(tmp_path, synthetic.Classroom(participants=2, seed=1, machines=1))
    path = sorted(tmp_path.rglob("*.jsonl"))[0]
    lines = path.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if b'"name":"RoomEntered"' in line)
    lines[at] = lines[at].replace(b'"data":{', b'"data":{"room":"my name is Anna"},"data":{',
                                  1)
    path.write_bytes(b"\n".join(lines))
    ds = ingest.ingest(tmp_path)
    stored = ds.connect().execute("SELECT CAST(data AS VARCHAR) FROM events").fetchall()
    assert not any("Anna" in row[0] for row in stored)
    assert ds.n_events == len(stored) > 0
