"""Fetch what the WebAssembly test needs, once, while online: pyodide and the engine's wheels.

Run from the checkout: ``python tools/wasm/prepare.py`` (needs node, npm and pip). It fills
the git-ignored folder ``.wasm/``:

- ``node_modules/pyodide``: the pyodide release pinned in tools/wasm/package.json and
  package-lock.json (``npm ci``). The npm package holds the interpreter and standard library
  only, no third-party packages.
- ``wheels/``: the engine's runtime dependencies at the versions of requirements.lock.
  pydantic-core is the ``pyemscripten`` build PyPI publishes for pyodide's Python and ABI
  (both read from the installed pyodide-lock.json); the others are pure Python. PyYAML
  publishes no WebAssembly wheel, so its pure-Python modules are taken from a PyPI wheel and
  repacked as ``py3-none-any`` (without the C extension, as a browser would run it).
- ``manifest.json``: what was fetched, so the test can tell a stale folder from a fresh one.

The test itself (tests/test_wasm.py) never touches the network.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tools" / "wasm"
CACHE = ROOT / ".wasm"
LOCK = ROOT / "requirements.lock"
MANIFEST = CACHE / "manifest.json"
#: The engine's pure layers import these (pydantic and its own dependencies, PyYAML).
WHEELS = ("pydantic", "pydantic-core", "annotated-types", "typing-extensions",
          "typing-inspection", "pyyaml")
#: Where the pure-Python PyYAML modules are taken from: any wheel holds the same yaml/*.py.
YAML_SOURCE_PLATFORM = ("manylinux_2_17_x86_64", "3.11", "cp311")


def pins(lock: Path = LOCK) -> dict[str, str]:
    """The locked versions of the wheels the browser needs (the lock is the one source)."""
    found: dict[str, str] = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        if match:
            name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
            if name in WHEELS:
                found[name] = match.group(2)
    missing = sorted(set(WHEELS) - set(found))
    if missing:
        raise SystemExit(f"{lock}: no pinned version for {', '.join(missing)}")
    return found


def pyodide_pin() -> str:
    package = json.loads((HERE / "package.json").read_text(encoding="utf-8"))
    return str(package["dependencies"]["pyodide"])


def _run(command: list[str], cwd: Path | None = None) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, cwd=cwd, check=True)


def _pip() -> list[str]:
    """pip of this interpreter, else of python3 on PATH (the shared venv may have no pip)."""
    probe = subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-m", "pip"]
    python3 = shutil.which("python3")
    if python3 is None:
        raise SystemExit("pip is needed: install it for this Python or put python3 on PATH")
    return [python3, "-m", "pip"]


def install_pyodide() -> dict[str, str]:
    """npm ci of the pinned pyodide; returns pyodide's Python version and wheel platform."""
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(HERE / name, CACHE / name)
    _run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=CACHE)
    lock = json.loads((CACHE / "node_modules" / "pyodide" / "pyodide-lock.json").read_text(
        encoding="utf-8"))
    info = lock["info"]
    python = ".".join(str(info["python"]).split(".")[:2])
    return {"python": python, "platform": f"pyemscripten_{info['abi_version']}_{info['arch']}"}


def download_wheels(versions: dict[str, str], runtime: dict[str, str], wheels: Path) -> None:
    pip = [*_pip(), "download", "--no-deps", "--only-binary=:all:", "--dest"]
    abi = "cp" + runtime["python"].replace(".", "")
    browser = [f"{name}=={versions[name]}" for name in WHEELS if name != "pyyaml"]
    _run([*pip, str(wheels), "--platform", runtime["platform"], "--python-version",
          runtime["python"], "--implementation", "cp", "--abi", abi, *browser])
    with tempfile.TemporaryDirectory() as scratch:
        platform, python, yaml_abi = YAML_SOURCE_PLATFORM
        _run([*pip, scratch, "--platform", platform, "--python-version", python,
              "--implementation", "cp", "--abi", yaml_abi, f"pyyaml=={versions['pyyaml']}"])
        source = next(Path(scratch).glob("*.whl"))
        repack_pure_yaml(source, wheels, versions["pyyaml"])


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\n"


def repack_pure_yaml(source: Path, wheels: Path, version: str) -> Path:
    """A ``py3-none-any`` PyYAML wheel holding only ``yaml/*.py`` from ``source``."""
    info = f"pyyaml-{version}.dist-info"
    files: dict[str, bytes] = {}
    with zipfile.ZipFile(source) as wheel:
        for name in sorted(wheel.namelist()):
            if name.startswith("yaml/") and name.endswith(".py"):
                files[name] = wheel.read(name)
    if "yaml/__init__.py" not in files:
        raise SystemExit(f"{source.name}: no yaml/__init__.py inside")
    files[f"{info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: PyYAML\nVersion: {version}\n"
        "Summary: PyYAML's pure-Python modules, without the libyaml extension\n"
        "License: MIT\n").encode()
    files[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: escape-game tools/wasm\n"
                              b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    files[f"{info}/top_level.txt"] = b"yaml\n"
    record = "".join(_record_line(name, data) for name, data in files.items())
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    target = wheels / f"pyyaml-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in files.items():
            out.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data)
    return target


def main() -> None:
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not on PATH; install Node.js 18 or newer")
    started = time.perf_counter()
    versions = pins()
    CACHE.mkdir(exist_ok=True)
    MANIFEST.unlink(missing_ok=True)
    runtime = install_pyodide()
    wheels = CACHE / "wheels"
    shutil.rmtree(wheels, ignore_errors=True)
    wheels.mkdir()
    download_wheels(versions, runtime, wheels)
    manifest = {
        "pyodide": pyodide_pin(),
        "runtime": runtime,
        "pins": versions,
        "wheels": sorted(p.name for p in wheels.glob("*.whl")),
    }
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"prepared {CACHE} in {time.perf_counter() - started:.1f} s: "
          f"pyodide {manifest['pyodide']} (Python {runtime['python']}, {runtime['platform']}), "
          f"{len(manifest['wheels'])} wheels")


if __name__ == "__main__":
    main()
