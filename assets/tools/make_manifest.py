"""Rewrite assets/manifest.json from the files present under assets/.

Build tool only. Standard library only.

Usage:  python assets/tools/make_manifest.py

Keys under "images" are the PNG path relative to images/ without ".png"
(for example "threats/fire"), keys under "sounds" the WAV path relative to sounds/
without ".wav" (for example "strike" or "ambient/time"); values are paths relative to
assets/.
"""

from __future__ import annotations

import json
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1]

FONTS = {
    "ui": "fonts/AtkinsonHyperlegible-Regular.ttf",
    "ui_bold": "fonts/AtkinsonHyperlegible-Bold.ttf",
    "dyslexic": "fonts/OpenDyslexic-Regular.otf",
    "dyslexic_bold": "fonts/OpenDyslexic-Bold.otf",
    "fallback": "fonts/DejaVuSans.ttf",
    "fallback_bold": "fonts/DejaVuSans-Bold.ttf",
}

LICENSES = {
    "atkinson_hyperlegible": "fonts/OFL-AtkinsonHyperlegible.txt",
    "opendyslexic": "fonts/LICENSE-OpenDyslexic.txt",
    "dejavu": "fonts/LICENSE-DejaVu.txt",
    "openmoji": "images/LICENSE-OpenMoji.txt",
}


def build() -> dict[str, dict[str, str]]:
    root = ASSETS / "images"
    images = {
        p.relative_to(root).with_suffix("").as_posix(): p.relative_to(ASSETS).as_posix()
        for p in sorted(root.rglob("*.png"))
    }
    sound_root = ASSETS / "sounds"
    sounds = {
        p.relative_to(sound_root).with_suffix("").as_posix(): p.relative_to(ASSETS).as_posix()
        for p in sorted(sound_root.rglob("*.wav"))
    }
    for rel in [*FONTS.values(), *LICENSES.values()]:
        if not (ASSETS / rel).is_file():
            raise SystemExit(f"missing {rel}")
    return {"fonts": FONTS, "images": images, "sounds": sounds, "licenses": LICENSES}


def main() -> None:
    text = json.dumps(build(), indent=2, ensure_ascii=False) + "\n"
    (ASSETS / "manifest.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
