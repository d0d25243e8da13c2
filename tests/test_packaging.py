"""The game as schools install it: a wheel in a fresh virtual environment, far from the checkout.

Levels, assets and schemas must travel inside the wheel; nothing may be found through the
checkout. The game's own dependencies are installed for real from the lock; the research
extra's heavy libraries are lent from this environment (a `.pth` file), after checking that
the wheel declares exactly the extra that pyproject.toml names.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from locations import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
         cwd=ROOT, env=dict(os.environ))
    (built,) = out.glob("escape_game-*.whl")
    return built


def test_the_wheel_carries_levels_assets_and_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("levels", "assets", "schema"):
        shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts}
        missing = {f for f in shipped if f"escape_game/_data/{f}" not in names}
        assert shipped and not missing, f"{folder}: {sorted(missing)[:5]}"
    metadata = zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    declared = {_canonical(line.split(": ", 1)[1]) for line in metadata.splitlines()
                if line.startswith("Requires-Dist: ")}
    for requirement in project["dependencies"]:
        assert _canonical(requirement) in declared
    for requirement in project["optional-dependencies"]["research"]:
        assert _canonical(f"{requirement}; extra == 'research'") in declared


def _canonical(text: str) -> str:
    requirement = Requirement(text)
    return f"{canonicalize_name(requirement.name)}{requirement.specifier};{requirement.marker}"


def test_a_fresh_environment_plays_checks_and_reports_from_the_wheel(
        wheel: Path, tmp_path: Path) -> None:
    away = tmp_path / "elsewhere"
    away.mkdir()
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PIP_NO_INPUT="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    base = getattr(sys, "_base_executable", sys.executable)
    _run([base, "-m", "venv", str(venv)], cwd=away, env=env)
    python, game = venv / "bin" / "python", venv / "bin" / "escape-game"
    _run([str(python), "-m", "pip", "install", "-q", "-c", str(ROOT / "requirements.lock"),
          str(wheel)], cwd=away, env=env, timeout=900)

    where = _run([str(python), "-c", "import escape_game.resources as r; print(r.DATA_ROOT)"],
                 cwd=away, env=env)
    assert Path(where.strip()).is_relative_to(venv), where
    _run([str(game), "validate", "risk_academy", "tutorial"], cwd=away, env=env)
    _run([str(game), "play", "--frames", "120", "--no-telemetry",
          "--data-dir", str(tmp_path / "data")], cwd=away, env=env)
    _run([str(game), "new", "My level", "--dir", str(away)], cwd=away, env=env)
    (level,) = (p for p in away.iterdir() if p.is_dir())
    _run([str(game), "validate", str(level)], cwd=away, env=env)
    assert "can be won" in _run([str(game), "check", str(level)], cwd=away, env=env)

    # The research extra: declared (checked above) and resolvable; its libraries lent.
    lent = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / \
        "site-packages" / "lent-research.pth"
    lent.write_text("\n".join([sysconfig.get_paths()["purelib"], *site.getsitepackages()]))
    _run([str(python), "-m", "pip", "install", "-q", "--dry-run", "--no-index",
          f"{wheel}[research]"], cwd=away, env=env)
    from telemetry.research import synthetic

    synthetic.generate(tmp_path / "sessions")
    _run([str(game), "telemetry", "report", str(tmp_path / "sessions"),
          "-o", str(tmp_path / "report")], cwd=away, env=env)
    assert (tmp_path / "report" / "report.html").is_file()
