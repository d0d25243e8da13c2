"""The vendored assets: every manifest entry exists, loads in pygame and is credited."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import json
from pathlib import Path

import pygame
import pytest

ASSETS = Path(__file__).resolve().parent.parent / "assets"
MANIFEST = json.loads((ASSETS / "manifest.json").read_text(encoding="utf-8"))
CREDITS = (ASSETS / "CREDITS.md").read_text(encoding="utf-8")

FRENCH = "Équipe été « garanti » 123 €"
GREEK = "Ασφάλιση κινδύνου"
CYRILLIC = "Страхование рисков"
ARABIC = "تأمين"

ICON_SIZE = (128, 128)
ROOM_SIZE = (512, 288)
APP_ICON_SIZE = (64, 64)
REQUIRED_FONT_ROLES = {"ui", "ui_bold", "dyslexic", "dyslexic_bold", "fallback"}
_REQUIRED = {
    "threats": "illness accident fire theft job_loss scam flood storm",
    "items": (
        "key old_key note magnifier coin money_bag piggy_bank lock unlocked door safe calendar"
        " phone chart hourglass scroll envelope id_card receipt clipboard books briefcase"
        " hospital house car bicycle smartphone warning check_mark cross_mark light_bulb"
        " question information star trophy clock pause scales globe thinking party_popper"
    ),
    "rooms": "protection fine_print risk_matrix scam time hall",
    "ui": "app_icon heart coin hint pause settings speaker back language",
}
REQUIRED_IMAGES = {
    f"{folder}/{name}" for folder, names in _REQUIRED.items() for name in names.split()
}
MAX_TOTAL_BYTES = 6 * 1024 * 1024


def _is_unlisted_allowed(rel: Path) -> bool:
    name = rel.name.upper()
    return (
        rel.as_posix() in {"CREDITS.md", "manifest.json"}
        or rel.parts[0] == "tools"
        or name.startswith(("LICENSE", "OFL", "COPYING"))
    )


def _expected_size(key: str) -> tuple[int, int]:
    if key.startswith("rooms/"):
        return ROOM_SIZE
    if key == "ui/app_icon":
        return APP_ICON_SIZE
    return ICON_SIZE


@pytest.fixture(scope="module", autouse=True)
def _pygame():
    pygame.init()
    yield
    pygame.quit()


def _all_manifest_paths() -> list[str]:
    return [
        *MANIFEST["fonts"].values(),
        *MANIFEST["images"].values(),
        *MANIFEST.get("sounds", {}).values(),
        *MANIFEST.get("licenses", {}).values(),
    ]


def test_manifest_lists_the_required_roles_and_images():
    assert set(MANIFEST["fonts"]) >= REQUIRED_FONT_ROLES
    missing = REQUIRED_IMAGES - set(MANIFEST["images"])
    assert not missing, f"manifest lacks {sorted(missing)}"
    assert sum(k.startswith("potions/") for k in MANIFEST["images"]) >= 6


def test_every_manifest_entry_exists():
    missing = [p for p in _all_manifest_paths() if not (ASSETS / p).is_file()]
    assert not missing, f"manifest points at missing files: {missing}"


def test_image_keys_match_their_paths():
    for key, rel in MANIFEST["images"].items():
        assert rel == f"images/{key}.png", (key, rel)


def test_no_asset_file_is_missing_from_the_manifest():
    listed = set(_all_manifest_paths())
    unlisted = [
        rel.as_posix()
        for rel in (p.relative_to(ASSETS) for p in ASSETS.rglob("*") if p.is_file())
        if rel.as_posix() not in listed
        and not _is_unlisted_allowed(rel)
        and "__pycache__" not in rel.parts
    ]
    assert not unlisted, f"files in assets/ without a manifest entry: {unlisted}"


@pytest.mark.parametrize("key", sorted(MANIFEST["images"]))
def test_image_loads_with_the_expected_size(key):
    surface = pygame.image.load(str(ASSETS / MANIFEST["images"][key]))
    assert surface.get_size() == _expected_size(key)
    if not key.startswith("rooms/"):
        # icons have a transparent background: the corner pixel is fully transparent
        assert surface.get_flags() & pygame.SRCALPHA or surface.get_alpha() is not None
        assert surface.get_at((0, 0)).a == 0, f"{key} has an opaque corner"
        # and they are not blank
        assert pygame.mask.from_surface(surface).count() > 0.01 * surface.get_width() ** 2


def _has_glyph(font: pygame.font.Font, char: str) -> bool:
    """A glyph counts as present when it does not render like an unassigned code point."""

    def pixels(text: str) -> bytes:
        return pygame.image.tobytes(font.render(text, True, (0, 0, 0), (255, 255, 255)), "RGB")

    return pixels(char) != pixels("\U0010fffd")


@pytest.mark.parametrize("role", sorted(MANIFEST["fonts"]))
def test_font_renders_accented_french(role):
    font = pygame.font.Font(str(ASSETS / MANIFEST["fonts"][role]), 24)
    surface = font.render(FRENCH, True, (0, 0, 0))
    assert surface.get_width() > 100 and surface.get_height() > 10
    missing = [c for c in "Éé«»€" if not _has_glyph(font, c)]
    assert not missing, f"{role} font lacks {missing}"


@pytest.mark.parametrize("role", sorted(r for r in MANIFEST["fonts"] if r.startswith("fallback")))
def test_fallback_font_covers_greek_cyrillic_and_arabic(role):
    font = pygame.font.Font(str(ASSETS / MANIFEST["fonts"][role]), 24)
    for text in (GREEK, CYRILLIC, ARABIC):
        assert font.render(text, True, (0, 0, 0)).get_width() > 0
        missing = [c for c in text if c != " " and not _has_glyph(font, c)]
        assert not missing, f"{role} font lacks {missing}"


def test_glyph_check_can_tell_a_missing_glyph():
    # Atkinson Hyperlegible has no Cyrillic: the check above must notice that.
    font = pygame.font.Font(str(ASSETS / MANIFEST["fonts"]["ui"]), 24)
    assert _has_glyph(font, "é")
    assert not _has_glyph(font, "Ж")


def test_credits_mention_every_source_folder_and_licence():
    folders = [p.name for p in ASSETS.iterdir() if p.is_dir() and p.name != "tools"]
    folders += [f"images/{p.name}" for p in (ASSETS / "images").iterdir() if p.is_dir()]
    folders += [f"sounds/{p.name}" for p in (ASSETS / "sounds").iterdir() if p.is_dir()]
    for folder in folders:
        assert f"{folder}/" in CREDITS, f"CREDITS.md does not mention {folder}/"
    for rel in MANIFEST["fonts"].values():
        assert rel in CREDITS, f"CREDITS.md does not mention {rel}"
    for rel in MANIFEST.get("licenses", {}).values():
        assert rel in CREDITS, f"CREDITS.md does not mention {rel}"
    for licence in ("SIL Open Font License", "CC BY 3.0", "Bitstream Vera", "CC BY-SA 4.0"):
        assert licence in CREDITS
    assert "Using these assets in a level" in CREDITS


def test_assets_stay_small():
    total = sum(p.stat().st_size for p in ASSETS.rglob("*") if p.is_file())
    assert total < MAX_TOTAL_BYTES, f"assets/ is {total} bytes"
