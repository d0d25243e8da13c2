"""Synthetic classrooms shared by the research tests (generated once per test session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from telemetry.research import synthetic


@pytest.fixture(scope="session")
def messy_classroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, synthetic.Truth]:
    """Attrition, torn files, identical and conflicting copies, two erased players."""
    folder = tmp_path_factory.mktemp("messy")
    truth = synthetic.generate(folder, synthetic.Classroom(
        participants=120, seed=7, attrition=0.15, torn=0.05, duplicates=5,
        conflicting_duplicates=1, erase=2, conditions=("control", "pause")))
    return folder, truth


@pytest.fixture(scope="session")
def clean_classroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, synthetic.Truth]:
    folder = tmp_path_factory.mktemp("clean")
    truth = synthetic.generate(folder, synthetic.Classroom(participants=600, seed=2026))
    return folder, truth


@pytest.fixture(scope="session")
def small_messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, synthetic.Truth]:
    """Like messy_classroom, small enough to validate every xAPI statement quickly."""
    folder = tmp_path_factory.mktemp("small")
    truth = synthetic.generate(folder, synthetic.Classroom(
        participants=30, seed=11, attrition=0.2, torn=0.1, duplicates=3,
        conflicting_duplicates=1, erase=1, conditions=("control", "pause")))
    return folder, truth
