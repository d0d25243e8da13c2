"""A research command keeps the libraries it loaded out of the cyclic collector's way, while
it runs and at exit, and still cleans up after itself: the report is written and its
temporary database removed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from telemetry.research import synthetic

ROOT = Path(__file__).resolve().parents[2]

# Registered before the command runs, so it runs after the command's own exit handlers.
PROGRAM = """
import atexit, gc, sys
atexit.register(lambda: print("frozen at exit:", gc.get_freeze_count(), file=sys.stderr))
from escape_game.cli import main
code = main(sys.argv[1:])
print("frozen before exit:", gc.get_freeze_count(), file=sys.stderr)
raise SystemExit(code)
"""


@pytest.mark.slow  # a fresh interpreter imports the research libraries
def test_a_report_freezes_its_libraries_and_still_removes_its_database(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    synthetic.generate(folder, synthetic.Classroom(participants=12, seed=5))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(scratch), "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, "telemetry", "report", str(folder), "-o",
         str(tmp_path / "report"), "--quiet"], env=env, capture_output=True, text=True,
        check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    during = int(done.stderr.split("frozen before exit:")[1].split()[0])
    frozen = int(done.stderr.split("frozen at exit:")[1].split()[0])
    assert during > 100_000  # pandas, SciPy, matplotlib...: frozen once loaded
    assert frozen > during  # and what the command made, at exit
    assert (tmp_path / "report" / "report.html").stat().st_size > 0
    assert not list(scratch.glob("escape-game-ingest-*"))  # the finalizer still ran
