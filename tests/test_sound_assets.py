"""The generated sounds: listed, loadable, short, quiet loops that join, and reproducible."""

import os

os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import array
import importlib.util
import io
import json
import sys
import wave
from pathlib import Path

import pygame
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
SOUNDS = json.loads((ASSETS / "manifest.json").read_text(encoding="utf-8"))["sounds"]
EFFECTS = {"click", "purchase", "warning_tick", "strike", "payout", "solved", "locked"}
MAX_SOUND_BYTES = 2 * 1024 * 1024


def _tool():
    path = ASSETS / "tools" / "make_sounds.py"
    spec = importlib.util.spec_from_file_location("make_sounds", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_sounds"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _samples(rel: str) -> tuple[array.array, int]:
    with wave.open(str(ASSETS / rel)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2), rel
        data = array.array("h", w.readframes(w.getnframes()))
        if sys.byteorder == "big":
            data.byteswap()
        return data, w.getframerate()


def _shipped_themes() -> set[str]:
    themes = set()
    for path in (ROOT / "levels").rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            themes.update(r["theme"] for r in data.get("rooms", []) if r.get("theme"))
    return themes


def test_every_effect_and_an_ambient_per_shipped_theme_are_listed():
    assert set(SOUNDS) >= EFFECTS
    themes = _shipped_themes()
    assert themes, "the shipped levels name room themes"
    missing = {f"ambient/{t}" for t in themes | {"default"}} - set(SOUNDS)
    assert not missing, f"no ambient loop for {sorted(missing)}"
    for key, rel in SOUNDS.items():
        assert rel == f"sounds/{key}.wav"


def test_shipped_files_are_exactly_what_the_script_writes():
    built = _tool().build()
    assert set(built) == {rel.removeprefix("sounds/") for rel in SOUNDS.values()}
    for rel, data in built.items():
        assert (ASSETS / "sounds" / rel).read_bytes() == data, f"{rel} differs from the script"


def test_effects_are_short_and_loops_are_quiet():
    for key, rel in SOUNDS.items():
        samples, rate = _samples(rel)
        peak = max(abs(s) for s in samples)
        if key.startswith("ambient/"):
            assert len(samples) / rate == pytest.approx(6.0)
            assert 0.05 * 32767 < peak <= 0.3 * 32767, key
        else:
            assert 0.02 < len(samples) / rate < 1.0, key
            assert 0.3 * 32767 < peak <= 0.8 * 32767, key


def _joins_smoothly(samples: array.array) -> bool:
    """The bend where the end meets the start is no sharper than 99 % of bends inside."""
    bends = sorted(abs(samples[i + 1] - 2 * samples[i] + samples[i - 1])
                   for i in range(1, len(samples) - 1))
    joint = abs(samples[0] - 2 * samples[-1] + samples[-2])
    return joint <= bends[int(len(bends) * 0.99)]


def test_ambient_loops_join_without_a_click():
    for key, rel in SOUNDS.items():
        if key.startswith("ambient/"):
            assert _joins_smoothly(_samples(rel)[0]), key


@pytest.mark.parametrize("extra", [37, 1001, 5000])
def test_the_join_check_can_tell_a_cut_loop(extra):
    tool = _tool()
    cut = tool.render_ambient(tool.AMBIENTS[0])[: 4 * tool.AMBIENT_RATE + extra]
    with wave.open(io.BytesIO(tool.wav_bytes(cut, tool.AMBIENT_RATE))) as w:
        samples = array.array("h", w.readframes(w.getnframes()))
    assert not _joins_smoothly(samples)


def test_sounds_load_in_the_mixer_and_stay_small():
    pygame.mixer.init()
    try:
        for rel in SOUNDS.values():
            assert pygame.mixer.Sound(str(ASSETS / rel)).get_length() > 0
    finally:
        pygame.mixer.quit()
    total = sum(p.stat().st_size for p in (ASSETS / "sounds").rglob("*") if p.is_file())
    assert total < MAX_SOUND_BYTES
