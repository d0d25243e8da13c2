"""The window shows before the core's models are built: the first frame imports no core."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from escape_game.cli import main
code = main(["play", "--frames", "1", "--no-telemetry", "--data-dir", sys.argv[1]])
heavy = sorted(m for m in sys.modules
               if m.startswith(("escape_game.core", "escape_game.model", "pydantic")))
print("CODE", code)
print("HEAVY", " ".join(heavy))
"""


def test_first_frame_builds_no_model(tmp_path: Path) -> None:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_DATA_HOME=str(tmp_path / "share"))
    out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "data")], env=env,
                         capture_output=True, text=True, check=True, timeout=120).stdout
    lines = dict(line.split(" ", 1) if " " in line else (line, "") for line in out.splitlines())
    assert lines["CODE"] == "0"
    assert lines["HEAVY"] == "", f"imported before the first frame: {lines['HEAVY']}"
