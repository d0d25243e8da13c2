"""The scripted player can answer every registered puzzle kind through its dialog."""

from __future__ import annotations

from walk import FILLERS

from escape_game.model.puzzles import PUZZLE_KINDS


def test_the_scripted_player_knows_how_to_answer_every_kind() -> None:
    assert sorted(FILLERS) == sorted(PUZZLE_KINDS)
