"""Pseudonymous codes, counterbalancing, quiz scoring, and the export/delete commands."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from telemetry_helpers import make_header

from escape_game.cli import main
from escape_game.model import Campaign, KnowledgeItem, LikertItem
from escape_game.quiz import likert_value, score_item
from telemetry.assignment import assign
from telemetry.codes import generate_codes, is_valid_code, normalize_code
from telemetry.privacy import code_hash, read_tombstones
from telemetry.recorder import open_recorder
from telemetry.records import PlayerCode  # noqa: F401  (the header type the codes must fit)


def test_codes_are_distinct_valid_and_repeatable() -> None:
    codes = generate_codes(300, seed=5)
    assert len(set(codes)) == 300
    assert all(is_valid_code(c) for c in codes)
    assert generate_codes(30, seed=5) == generate_codes(30, seed=5)
    make_header(player=codes[0])  # fits the header's pseudonym field


def test_typos_and_names_are_not_valid_codes() -> None:
    code = generate_codes(1, seed=1)[0]
    word, digits = code.split("-")
    assert is_valid_code(code)
    wrong_digit = f"{word}-{digits[0]}{(int(digits[1]) + 1) % 10}{digits[2]}"
    assert not is_valid_code(wrong_digit)
    for name in ("ALICE-123", "Alice", "OWL 427", "", "owl-427x"):
        assert not is_valid_code(name)
    assert normalize_code(" owl 42 7 ") == "OWL-427"


def test_codes_command_prints_a_class_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["telemetry", "codes", "--count", "30", "--seed", "3", "--plain"]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == generate_codes(30, seed=3)


def _campaign(conditions: int = 2, counterbalance: bool = True) -> Campaign:
    return Campaign.model_validate({
        "format": 1, "id": "demo", "title": "Demo", "languages": ["en"],
        "start": {"room": "hall", "money": "10"},
        "quizzes": {"pre": "A", "post": "B", "counterbalance": counterbalance},
        "study": {"conditions": [{"id": f"c{i}"} for i in range(conditions)]},
    })


def test_about_half_take_the_forms_swapped_and_conditions_are_balanced() -> None:
    campaign = _campaign(conditions=2)
    results = [assign(campaign, "OWL-427", seed) for seed in range(2000)]
    swapped = sum(r.pre_form == "B" for r in results)
    assert 900 < swapped < 1100
    assert all({r.pre_form, r.post_form} == {"A", "B"} for r in results)
    in_c0 = sum(r.condition == "c0" for r in results)
    assert 900 < in_c0 < 1100
    assert assign(campaign, "OWL-427", 11) == assign(campaign, "OWL-427", 11)


def test_without_counterbalance_or_study_the_plan_is_kept() -> None:
    campaign = _campaign(conditions=0, counterbalance=False)
    assert {assign(campaign, "OWL-427", s).pre_form for s in range(50)} == {"A"}
    assert assign(campaign, "OWL-427", 1).condition is None


def test_score_item() -> None:
    item = KnowledgeItem.model_validate({
        "id": "q1", "kind": "choice", "prompt": "?", "answer": "b", "concept": "premium",
        "options": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
    })
    likert = LikertItem.model_validate({"id": "l1", "kind": "likert", "prompt": "?"})
    assert score_item(item, "b") is True
    assert score_item(item, "a") is False
    assert score_item(item, "zz") is False and score_item(item, None) is False
    assert score_item(likert, 4) is None
    assert likert_value(likert, 4) == 4 and likert_value(likert, 9) is None


def _record(folder: Path, player: str) -> Path:
    header = make_header(player=player)
    rec = open_recorder(folder, header, consent=True)
    rec.quiz_answer("pre", "A", "q1", None, "a", True, 10, None, 1)
    rec.close("quit", 2)
    return folder / f"{header.session_id}.jsonl"


def test_export_writes_every_record_of_that_player_only(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    data = tmp_path / "sessions"
    mine = [_record(data, "OWL-427") for _ in range(2)]
    _record(data, "FOX-123")
    out = tmp_path / "out.jsonl"
    assert main(["telemetry", "export", "--player", "owl-427", "--data", str(data),
                 "-o", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 6 and {r["player"] for r in lines if r["record"] == "header"} == {
        "OWL-427"}
    assert main(["telemetry", "export", "--player", "OWL-427", "--data", str(data),
                 "-o", str(out)]) == 1  # never overwrites
    archive = tmp_path / "owl.zip"
    assert main(["telemetry", "export", "--player", "OWL-427", "--data", str(data),
                 "-o", str(archive)]) == 0
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == sorted(p.name for p in mine)
    capsysbinary.readouterr()
    assert main(["telemetry", "export", "--player", "OWL-427", "--data", str(data)]) == 0
    assert capsysbinary.readouterr().out == out.read_bytes()


def test_delete_removes_files_and_tombstones_the_hash_not_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = [_record(tmp_path, "OWL-427") for _ in range(2)]
    theirs = _record(tmp_path, "FOX-123")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["telemetry", "delete", "--player", "OWL-427", "--data", str(tmp_path)]) == 1
    assert all(p.exists() for p in mine)
    assert main(["telemetry", "delete", "--player", "OWL-427", "--data", str(tmp_path),
                 "--yes"]) == 0
    assert not any(p.exists() for p in mine) and theirs.exists()
    text = (tmp_path / "tombstones.txt").read_text()
    assert "OWL-427" not in text
    digest = hashlib.sha256(b"OWL-427").hexdigest()
    assert read_tombstones(tmp_path) == {digest} == {code_hash("OWL-427")}
    assert main(["telemetry", "delete", "--player", "OWL-427", "--data", str(tmp_path),
                 "--yes"]) == 0
    assert read_tombstones(tmp_path) == {digest}  # idempotent: one line per code


def test_export_and_delete_walk_every_sub_folder(tmp_path: Path) -> None:
    """One folder per machine, and a USB copy of a machine inside another: every file of the
    player is exported and erased, and a later copy of the erased sessions is refused."""
    from telemetry.reader import session_paths
    from telemetry.research.ingest import ingest, session_files

    data = tmp_path / "class"
    top = _record(data, "OWL-427")
    deep = _record(data / "machine-01", "OWL-427")
    copy_dir = data / "machine-02" / "usb"
    copy_dir.mkdir(parents=True)
    copy = copy_dir / deep.name
    copy.write_bytes(deep.read_bytes())
    theirs = _record(data / "machine-02", "FOX-123")
    assert session_files(data) == session_paths(data)  # one walk for every tool
    elsewhere = tmp_path / "backup"
    elsewhere.mkdir()
    (elsewhere / deep.name).write_bytes(deep.read_bytes())

    archive = tmp_path / "owl.zip"
    assert main(["telemetry", "export", "--player", "OWL-427", "--data", str(data),
                 "-o", str(archive)]) == 0
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist()) == sorted(
            p.relative_to(data).as_posix() for p in (top, deep, copy))

    assert main(["telemetry", "delete", "--player", "OWL-427", "--data", str(data),
                 "--yes"]) == 0
    left = [p for p in data.rglob("*") if p.is_file() and p.suffix == ".jsonl"]
    assert left == [theirs]
    assert not any("OWL-427" in p.read_text() for p in data.rglob("*") if p.is_file())
    # The backup copied back under the folder is refused by the tombstone.
    (data / "restored").mkdir()
    (data / "restored" / deep.name).write_bytes((elsewhere / deep.name).read_bytes())
    ds = ingest(data)
    assert list(ds.sessions["player"]) == ["FOX-123"] and ds.erased_sessions == 1


def test_export_and_delete_name_the_files_whose_player_is_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _record(tmp_path, "OWL-427")
    (tmp_path / "broken.jsonl").write_text("{ not a header\n", encoding="utf-8")
    assert main(["telemetry", "export", "--player", "OWL-427", "--data", str(tmp_path),
                 "-o", str(tmp_path / "out.jsonl")]) == 0
    note = capsys.readouterr().err
    assert "1 file(s) have an unreadable header: broken.jsonl" in note
    assert main(["telemetry", "delete", "--player", "OWL-427", "--data", str(tmp_path),
                 "--yes"]) == 0
    warning = capsys.readouterr().err
    assert "1 file(s) have an unreadable header: broken.jsonl" in warning
    assert "may also belong to this player" in warning
