"""Class and school ids: from play flags or a classroom file, checked, into the header."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from escape_game.cli import main
from telemetry.classroom import ClassroomError, check_id, resolve
from telemetry.recorder import new_header
from telemetry.records import SessionHeader

NOW = datetime(2026, 3, 2, tzinfo=UTC)


def _header(**fields: str | None) -> SessionHeader:
    return new_header(player="OWL-427", campaign_id="demo", content_hash="ab" * 32, seed=1,
                      language="en", consent_at=NOW, **fields)


def test_flags_win_over_the_classroom_file(tmp_path: Path) -> None:
    path = tmp_path / "classroom.yaml"
    path.write_text("class: 4A\nschool: S01\n", encoding="utf-8")
    assert resolve(None, None, path) == resolve("4A", "S01", None)
    both = resolve("4B", None, path)
    assert (both.class_id, both.school_id) == ("4B", "S01")
    header = _header(class_id=both.class_id, school_id=both.school_id)
    assert (header.class_id, header.school_id) == ("4B", "S01")
    assert _header().class_id is None


@pytest.mark.parametrize("text, where", [
    ("class: [4A\n", ":1:"), ("class: 4A\nteacher: Ms Smith\n", "teacher"),
    ("class: Anna Martin\n", "never a name")])
def test_a_bad_classroom_file_says_where_and_why(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "classroom.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClassroomError, match=where) as caught:
        resolve(None, None, path)
    assert str(path) in str(caught.value)


@given(st.text(min_size=1, max_size=40))
def test_no_sentence_fits_a_class_id(text: str) -> None:
    """Whatever is typed, an accepted id is one short token: no spaces, at most 16."""
    try:
        value = check_id(text, "class")
    except ClassroomError:
        return
    assert len(value) <= 16 and value.isascii() and " " not in value


def test_play_refuses_a_bad_class_before_opening_a_window(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--class", "Anna Martin", "--frames", "1"]) == 2
    assert "class id 'Anna Martin' is not usable" in capsys.readouterr().err


def test_the_risk_academy_assigns_timers_on_or_off_by_the_seeded_allocator() -> None:
    """The shipped experiment: both conditions, about half each, and each one sets timers."""
    from escape_game.commands.play import DEFAULT_LEVEL
    from escape_game.loading import load_campaign
    from telemetry.assignment import assign

    campaign = load_campaign(DEFAULT_LEVEL).campaign
    assert campaign.study is not None
    timers = {c.id: c.timers for c in campaign.study.conditions}
    assert timers == {"timers_on": True, "timers_off": False}
    drawn = [assign(campaign, "OWL-427", seed).condition for seed in range(400)]
    assert 150 < drawn.count("timers_off") < 250
    assert drawn == [assign(campaign, "OWL-427", seed).condition for seed in range(400)]
