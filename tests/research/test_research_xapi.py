"""xAPI statements validate against ralph's independent models and never name a player."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from ralph.models.xapi.base.statements import BaseXapiStatement

from escape_game.cli import main
from telemetry.research import behaviour, ingest, synthetic, xapi


def _export(folder: Path, out: Path, *extra: str) -> list[dict[str, object]]:
    assert main(["telemetry", "xapi", str(folder), "-o", str(out), "--quiet", *extra]) == 0
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_every_statement_validates_with_ralph(small_messy: tuple[Path, synthetic.Truth],
                                              tmp_path: Path) -> None:
    folder, _ = small_messy
    found = _export(folder, tmp_path / "s.jsonl")
    for statement in found:
        BaseXapiStatement(**statement)
    verbs = Counter(s["verb"]["id"] for s in found)  # type: ignore[index]
    for verb in ("initialized", "completed", "progressed", "accessed", "selected",
                 "interacted", "used", "answered", "skipped"):
        assert verbs[xapi.VERBS[verb]] > 0, verb
    assert len({s["id"] for s in found}) == len(found)


def test_a_cancelled_purchase_is_a_valid_cancel_statement(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "in", synthetic.Classroom(participants=6, seed=3,
                                                            cancel_worse=True))
    ds = ingest.ingest(tmp_path / "in")
    cancelled_events = ds.connect().execute(
        "SELECT count(*) FROM events WHERE name = 'PurchaseCancelled'").fetchone()[0]
    assert cancelled_events > 0
    found = list(xapi.statements(ds))
    cancels = [s for s in found if s["verb"]["id"] == xapi.VERBS["cancelled"]]
    assert len(cancels) == cancelled_events
    for s in cancels:
        BaseXapiStatement(**s)
        assert s["object"]["definition"]["type"] == xapi.TYPES["menu"]
        assert s["result"]["response"].endswith("-potion-b")
    counts = behaviour.per_participant(ds)
    assert int(counts["purchases_cancelled"].sum()) == cancelled_events


def test_statements_follow_the_profile(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "in", synthetic.Classroom(participants=4, seed=3))
    ds = ingest.ingest(tmp_path / "in")
    found = list(xapi.statements(ds, xapi.XapiOptions(home_page="https://school.example")))
    sessions = ds.sessions.set_index("session_id")
    for s in found:
        reg = s["context"]["registration"]
        assert reg in sessions.index
        assert s["context"]["revision"] == sessions.loc[reg, "content_hash"]
        assert s["actor"]["account"] == {"homePage": "https://school.example",
                                         "name": sessions.loc[reg, "player_hash"]}
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", s["timestamp"])
        duration = s.get("result", {}).get("duration")
        assert duration is None or re.fullmatch(r"PT\d+(\.\d+)?S", duration)
    answered = [s for s in found if s["verb"]["id"] == xapi.VERBS["answered"]]
    assert len(answered) == len(ds.answers)
    definition = answered[0]["object"]["definition"]
    assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert definition["interactionType"] == "choice"
    assert definition["correctResponsesPattern"]
    progressed = [s for s in found if s["verb"]["id"] == xapi.VERBS["progressed"]]
    values = [s["result"]["extensions"][xapi.PROGRESS] for s in progressed]
    assert values and max(values) == 1.0 and min(values) > 0
    games = [s for s in found if s["object"]["definition"]["type"] == xapi.TYPES["serious-game"]]
    assert {s["verb"]["id"] for s in games} >= {xapi.VERBS["initialized"],
                                                xapi.VERBS["completed"]}


def test_ids_are_deterministic_and_erased_players_absent(
        small_messy: tuple[Path, synthetic.Truth], tmp_path: Path) -> None:
    folder, truth = small_messy
    first = (tmp_path / "a.jsonl")
    _export(folder, first, "--actor-name", "code")
    second = tmp_path / "b.jsonl"
    _export(folder, second, "--actor-name", "code")
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text()
    assert synthetic.player_code(len(truth.erased_players)) in text
    for code in truth.erased_players:
        assert code not in text
        assert ingest.player_hash(code) not in text


def test_duration_format() -> None:
    assert xapi.iso_duration(12345) == "PT12.345S"
    assert xapi.iso_duration(2000) == "PT2S"
    assert xapi.iso_duration(0) == "PT0S"
