"""The HTML report: self-contained, accessible, consistent with its CSVs, free of erased players."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from escape_game.cli import main
from telemetry.research import analysis, behaviour, ingest, synthetic
from telemetry.research.report import write_report


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.external: list[str] = []
        self.header_cells: list[dict[str, str | None]] = []
        self.tables = 0
        self.captions = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("src", "href"):
            value = found.get(key) or ""
            if value and not value.startswith("data:"):
                self.external.append(value)
        if tag in ("link", "script", "iframe"):
            self.external.append(tag)
        if tag == "img":
            self.images.append(found)
        if tag == "th":
            self.header_cells.append(found)
        self.tables += tag == "table"
        self.captions += tag == "caption"


@pytest.fixture(scope="module")
def report(messy_classroom: tuple[Path, synthetic.Truth],
           tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, _ = messy_classroom
    out = tmp_path_factory.mktemp("report")
    assert main(["telemetry", "report", str(folder), "-o", str(out), "--quiet"]) == 0
    return out


def test_report_is_self_contained_and_accessible(report: Path) -> None:
    audit = _Audit()
    audit.feed((report / "report.html").read_text(encoding="utf-8"))
    assert audit.external == []
    assert len(audit.images) == 4
    assert all(len(img.get("alt") or "") > 40 for img in audit.images)
    assert all((img.get("src") or "").startswith("data:image/png;base64,")
               for img in audit.images)
    assert audit.tables >= 8 and audit.captions == audit.tables
    assert all(cell.get("scope") in ("col", "row") for cell in audit.header_cells)


def test_report_numbers_match_the_analysis(report: Path,
                                           messy_classroom: tuple[Path, synthetic.Truth]
                                           ) -> None:
    folder, _ = messy_classroom
    expected = analysis.analyse(ingest.ingest(folder)).concept_table()
    written = pd.read_csv(report / "concept_stats.csv")
    pd.testing.assert_frame_equal(written, expected, check_exact=False, rtol=1e-12)
    html = (report / "report.html").read_text(encoding="utf-8")
    for row in expected.itertuples():
        assert f"{row.ci_low:.3f}" in html and f"{row.ci_high:.3f}" in html


def test_erased_players_appear_in_no_report_file(report: Path,
                                                 messy_classroom: tuple[Path, synthetic.Truth]
                                                 ) -> None:
    _, truth = messy_classroom
    texts = [p.read_text(encoding="utf-8") for p in sorted(report.iterdir())]
    assert len(texts) > 10
    assert any(synthetic.player_code(len(truth.erased_players)) in t for t in texts)
    for code in truth.erased_players:
        for needle in (code, ingest.player_hash(code)):
            assert not any(needle in t for t in texts), needle


def test_report_of_an_empty_folder_is_a_clear_error(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["telemetry", "report", str(tmp_path), "--quiet"]) == 1
    assert "no readable session" in capsys.readouterr().err


def test_the_events_the_report_keeps_give_the_same_report(tmp_path: Path) -> None:
    """The report stores only behaviour.EVENTS_READ; every table must equal the one written
    from a dataset holding every event (an event name the analysis reads but the set lacks
    would change a count, a time or a funnel step)."""
    folder = tmp_path / "sessions"
    synthetic.generate(folder, synthetic.Classroom(
        participants=60, seed=5, attrition=0.2, torn=0.1, duplicates=3,
        conflicting_duplicates=1, erase=1, conditions=("control", "pause"),
        classes=("4A", "4B"), likert=True, cancel_worse=True))
    full = ingest.ingest(folder)
    kept = ingest.ingest(folder, events=behaviour.EVENTS_READ)
    assert kept.n_events == full.n_events
    names = {str(r[0]) for r in full.connect().execute("SELECT DISTINCT name FROM events")
             .fetchall()}
    assert names > behaviour.EVENTS_READ  # each read name occurs; some others are left out
    with pytest.raises(ValueError):
        kept.events  # noqa: B018
    write_report(full, tmp_path / "full")
    write_report(kept, tmp_path / "kept")
    written = sorted(p.name for p in (tmp_path / "full").glob("*.csv"))
    assert len(written) > 20
    for name in written:
        if name != "provenance.csv":  # holds the time of writing
            assert ((tmp_path / "full" / name).read_bytes()
                    == (tmp_path / "kept" / name).read_bytes()), name
