"""Imports point one way: model <- loading <- core <- runner <- check <- ui/cli; telemetry listens.

The rules are checked on the source (with ast), so a new module cannot quietly break them.
The headless layers (model, loading, core, check, runner) must also stay free of pygame when
actually imported: they are what runs in WebAssembly, where pygame is not available.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("escape_game", "telemetry")
#: Everything a browser build runs without the user interface (see docs/web.md).
HEADLESS = ("escape_game.model", "escape_game.loading", "escape_game.core", "escape_game.check",
            "escape_game.runner")
RESEARCH_LIBS = {"duckdb", "pyarrow", "pandas", "scipy", "matplotlib", "tqdm", "pingouin"}
# The core is a pure function of data: no clock, no I/O, no global randomness.
IMPURE = {"time", "datetime", "random", "os", "io", "pathlib", "socket", "threading", "secrets",
          "subprocess", "shutil", "tempfile", "sys"}


def _modules() -> Iterator[tuple[str, Path]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def _imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Absolute names of modules a file imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _roots(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


MODULES = list(_modules())


def test_there_are_modules_to_check() -> None:
    names = {name for name, _ in MODULES}
    assert "escape_game.model.campaign" in names
    assert "escape_game.core.actions" in names


@pytest.mark.parametrize(("name", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_import_rules(name: str, path: Path) -> None:
    imported = _imports(path)
    problems: list[str] = []
    if not _within(name, "escape_game.ui") and "pygame" in _roots(imported):
        problems.append("only escape_game.ui may import pygame")
    if _within(name, "telemetry") and any(_within(i, "escape_game.ui") for i in imported):
        problems.append("telemetry must not import the user interface")
    if _within(name, "escape_game.model"):
        bad = {i for i in imported if i.startswith("escape_game.")
               and not _within(i, "escape_game.model")}
        if bad:
            problems.append(f"the model imports {sorted(bad)}")
    if _within(name, "escape_game.core"):
        bad = {i for i in imported if i.startswith(("escape_game.", "telemetry"))
               and not (_within(i, "escape_game.core") or _within(i, "escape_game.model"))}
        impure = _roots(imported) & IMPURE
        if bad:
            problems.append(f"the core imports {sorted(bad)}")
        if impure:
            problems.append(f"the core imports impure modules {sorted(impure)}")
    if any(_within(name, h) for h in HEADLESS) and any(
        _within(i, "escape_game.ui") for i in imported
    ):
        problems.append("the headless layers must not import the user interface")
    if _within(name, "escape_game.runner") and any(
        _within(i, "escape_game.check") for i in imported
    ):
        problems.append("the runner must not import the checker (check may use the runner)")
    if _within(name, "escape_game.loading"):
        bad = {i for i in imported if any(_within(i, p) for p in (
            "escape_game.core", "escape_game.ui", "escape_game.check", "telemetry"))}
        if bad:
            problems.append(f"the loader imports {sorted(bad)}")
    if not _within(name, "telemetry.research"):
        heavy = _roots(_imports(path, top_level_only=True)) & RESEARCH_LIBS
        if heavy:
            problems.append(f"research libraries imported at module level: {sorted(heavy)}")
    assert not problems, f"{path.relative_to(ROOT)}: " + "; ".join(problems)


def test_importing_the_headless_layers_loads_no_pygame() -> None:
    """Every module of the headless layers, imported for real in a fresh interpreter."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"for top in {HEADLESS!r}:\n"
        "    package = importlib.import_module(top)\n"
        "    for info in pkgutil.walk_packages(package.__path__, top + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "loaded = [m for m in sys.modules if m.startswith('escape_game.')]\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'pygame'"
        " or m.startswith('escape_game.ui')]\n"
        "print(len(loaded), sorted(bad))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    count, bad = run.stdout.strip().split(" ", 1)
    assert int(count) >= 40, f"only {count} modules imported: the walk found too little"
    assert bad == "[]", f"importing the headless layers loaded {bad}"
