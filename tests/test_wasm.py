"""The engine's pure layers run in WebAssembly and compute exactly what they compute natively.

Under pyodide in Node, with PyYAML's pure-Python parser (no libyaml, as in a browser), both
shipped campaigns load with the same content hashes, the walkthroughs end in the same states
through the same events, and the solvability search gives the same answers as on CPython.
The user interface is left out of the engine sent to pyodide, so an import of it (or of
pygame) from the pure layers fails here.

Offline: ``python tools/wasm/prepare.py`` fetches pyodide and the wheels once, while online;
without them (or without node) the test is skipped and says why.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from locations import LEVELS, ROOT

pytestmark = [pytest.mark.wasm, pytest.mark.slow]

TOOLS = ROOT / "tools" / "wasm"
#: Levels whose solvability search is also run on both sides (every shipped one).
CHECKED = ("risk_academy", "tutorial")
#: What the engine reads besides its own code: the levels and the engine's shared assets.
DATA = ("levels", "assets")


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"wasm_{name}", TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


prepare = _tool("prepare")
probe = _tool("probe")


def _prepared() -> dict[str, Any]:
    """The manifest of a prepared cache matching today's pins, or a skip saying what to do."""
    if shutil.which("node") is None:
        pytest.skip("node is not on PATH: install Node.js 18 or newer to run the engine in "
                    "WebAssembly")
    again = "run `python tools/wasm/prepare.py` once, while online"
    if not prepare.MANIFEST.is_file():
        pytest.skip(f"pyodide and the wheels are not fetched (no {prepare.MANIFEST}): {again}")
    manifest: dict[str, Any] = json.loads(prepare.MANIFEST.read_text(encoding="utf-8"))
    if manifest.get("pins") != prepare.pins() or manifest.get("pyodide") != prepare.pyodide_pin():
        pytest.skip(f"{prepare.CACHE} holds other versions than the lock and "
                    f"tools/wasm/package.json pin: {again}")
    missing = [name for name in manifest["wheels"]
               if not (prepare.CACHE / "wheels" / name).is_file()]
    if missing or not (prepare.CACHE / "node_modules" / "pyodide").is_dir():
        pytest.skip(f"{prepare.CACHE} is incomplete: {again}")
    return manifest


def _engine_zip(target: Path) -> Path:
    """The engine without its user interface, its levels and assets, and the probe."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((ROOT / "escape_game").rglob("*")):
            relative = path.relative_to(ROOT)
            if path.is_file() and relative.parts[1] != "ui" and "__pycache__" not in path.parts:
                archive.write(path, relative.as_posix())
        for folder in DATA:
            for path in sorted((ROOT / folder).rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(ROOT).as_posix())
        archive.write(TOOLS / "probe.py", "probe.py")
    return target


def test_the_engine_computes_the_same_in_webassembly(tmp_path: Path) -> None:
    manifest = _prepared()
    engine = _engine_zip(tmp_path / "engine.zip")
    run = subprocess.run(
        ["node", str(TOOLS / "run_probe.cjs"), str(prepare.CACHE), str(engine),
         LEVELS.name, *CHECKED],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert run.returncode == 0, f"pyodide run failed:\n{run.stderr[-4000:]}"
    wasm = json.loads(run.stdout)
    native = probe.probe(LEVELS, check=frozenset(CHECKED))

    runtime = wasm["environment"]
    assert runtime["platform"] == "emscripten", runtime
    assert runtime["python"].startswith(manifest["runtime"]["python"]), runtime
    assert runtime["libyaml"] is False, "the browser has no libyaml; the run must not use it"
    assert runtime["pygame_imported"] is False, runtime

    shipped = sorted(p.name for p in LEVELS.iterdir() if (p / "campaign.yaml").is_file())
    assert set(CHECKED) <= set(shipped)
    assert sorted(wasm["levels"]) == shipped
    careful = native["risk_academy"]["walkthroughs"]["careful"]
    assert careful["outcome"] == careful["expect"]["outcome"] == "escaped", careful
    for name in shipped:
        assert wasm["levels"][name] == native[name], name

