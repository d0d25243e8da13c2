"""One bound on numbers for every input: refused before conversion, quoted short, and what
the loader accepts plays to the end (scores, times and amounts at the bound included)."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from escape_game.cli import main
from escape_game.core import Level, new_game, step
from escape_game.core import actions as act
from escape_game.loading import LevelError, load_campaign
from escape_game.model.numbers import MAX_DIGITS, NumberTooLong, amount_fits, whole_number
from telemetry.records import event_data

HEAD = """\
format: 1
id: big
title: Big
languages: [en]
start: {room: a, money: 10}
rooms:
  - id: a
    title: A
    description: A
"""


def level_with(tmp_path: Path, room_lines: str) -> Path:
    (tmp_path / "campaign.yaml").write_text(HEAD + room_lines, encoding="utf-8")
    return tmp_path


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(LevelError) as info:
        load_campaign(folder)
    return [p.format() for p in info.value.problems]


@pytest.mark.parametrize("number", ["0x" + "f" * 4000, "0o" + "7" * 5000, "9" * 4400,
                                    "-" + "1" * 21, "1." + "5" * 30, "1e123456"])
def test_a_number_past_the_bound_is_refused_where_it_is_written(tmp_path: Path,
                                                                 number: str) -> None:
    folder = level_with(tmp_path, f"    on_enter: [{{add_score: {number}}}]\n")
    [message] = problems_of(folder)
    assert message.startswith(f"{folder / 'campaign.yaml'}:10:28: error: the number ")
    assert "too large" in message and len(message) < len(str(folder)) + 220


def test_a_huge_octal_puzzle_kind_gives_a_plain_message(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    folder = level_with(tmp_path, "    puzzles:\n      - {id: p, kind: 0o" + "7" * 5000
                        + ", title: T, prompt: P}\n")
    assert main(["validate", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "unprintable" not in out + err
    assert "campaign.yaml:11:23: error: the number '0o777" in out
    assert max(len(line) for line in out.splitlines()) < 300


def test_two_million_hex_digits_are_refused_at_once_with_a_short_message(tmp_path: Path) -> None:
    folder = level_with(tmp_path, "    on_enter: [{add_money: 0x" + "f" * 2_093_000 + "}]\n")
    start = time.process_time()
    [message] = problems_of(folder)
    assert time.process_time() - start < 2.0
    assert len(message) < len(str(folder)) + 220


def test_a_long_value_is_quoted_in_at_most_eighty_characters(tmp_path: Path) -> None:
    folder = level_with(tmp_path, '    on_enter: [{add_money: "' + "9" * 100_000 + '"}]\n')
    [message] = problems_of(folder)
    quoted = message.split("got ", 1)[1]
    assert quoted.startswith("'999") and "(100000 characters)" in quoted
    assert len(quoted.split("'")[1]) <= 80


def test_numbers_at_the_bound_load_and_play(tmp_path: Path) -> None:
    big = "9" * MAX_DIGITS
    folder = level_with(tmp_path, f"""\
    on_enter: [{{add_score: {big}}}, {{add_score: {big}}}, {{trigger_threat: t}}]
    threats:
      - {{id: t, name: T, category: fire, description: D, loss: 5, trigger: {{when: effect}},
         warning: {{seconds: {big}}}}}
risks: [{{id: fire, name: Fire}}]
""")
    level = Level.from_campaign(load_campaign(folder).campaign)
    result = new_game(level, 0)
    assert result.state.score == 2 * int(big)
    later = step(level, result.state, act.AdvanceTime(ms=3_600_000))
    for event in (*result.events, *later.events):
        assert event_data(event)  # telemetry can write every event
    assert later.state.to_json()


def test_whole_numbers_are_measured_before_conversion() -> None:
    assert whole_number("0x" + "0" * 5000 + "ff") == 255
    assert whole_number("-" + "9" * MAX_DIGITS) == -int("9" * MAX_DIGITS)
    with pytest.raises(NumberTooLong):
        whole_number("1" + "0" * MAX_DIGITS)
    start = time.process_time()
    with pytest.raises(NumberTooLong):
        whole_number("1" * 2_000_000)
    assert time.process_time() - start < 0.5


def test_amounts_fit_only_within_the_bound() -> None:
    assert amount_fits(Decimal("12.50")) and amount_fits(Decimal("-3"))
    for wild in ("1e26", "1e-30", "NaN", "Infinity", "1e999999"):
        assert not amount_fits(Decimal(wild))


def test_file_text_quoted_by_a_yaml_problem_is_cut_short(tmp_path: Path) -> None:
    """A missing ':' after a long word: the message quotes the word, never all of it."""
    folder = level_with(tmp_path, "    concepts" + "x" * 5_000 + "\n      a: 1\n")
    messages = problems_of(folder)
    assert messages and all(len(m) < len(str(folder)) + 400 for m in messages)
