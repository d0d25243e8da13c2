"""Screenshots of each screen compared with reference images (UPDATE_SCREENSHOTS=1 rewrites them).

A missing reference is written on a developer's machine, but fails when the CI variable is
set: a reference must be generated deliberately and looked at, never made up by the run that
checks against it.

A screen matches when fewer than 1% of its pixels differ by more than a small per-channel
threshold, so font hinting or scaling noise does not fail the test but a moved panel does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest
from scenes_tour import tour
from ui_fixtures import fixture_level

from escape_game.ui.app import PlayOptions
from escape_game.ui.pilot import Pilot

pytestmark = pytest.mark.ui

REFERENCE = Path(__file__).resolve().parent / "screenshots"
THRESHOLD = 24  # per channel, out of 255
MAX_DIFFERENT = 0.01
EXPECTED = {"title", "settings", "consent", "quiz", "room", "puzzle", "shop", "threat",
            "threat_paused", "threat_result", "pause", "object"}


def different_fraction(a: pygame.Surface, b: pygame.Surface) -> float:
    if a.get_size() != b.get_size():
        return 1.0
    import numpy as np

    pa = pygame.surfarray.array3d(a).astype(np.int16)
    pb = pygame.surfarray.array3d(b).astype(np.int16)
    differs = (np.abs(pa - pb) > THRESHOLD).any(axis=2)
    return float(differs.mean())


def compare_with_references(shots: dict[str, pygame.Surface], folder: Path, tmp_path: Path,
                            *, write_missing: bool | None = None) -> None:
    """Compare each screenshot with ``folder/NAME.png``; one rule for every screenshot test.

    UPDATE_SCREENSHOTS=1 writes them all. A missing reference is written outside CI (unless
    ``write_missing`` is False) and fails in CI, so a reference is never made unseen there.
    A differing screenshot is saved beside the test's files for a look.
    """
    update = os.environ.get("UPDATE_SCREENSHOTS") == "1"
    if write_missing is None:
        write_missing = not os.environ.get("CI")
    failures = []
    for name, surface in shots.items():
        path = folder / f"{name}.png"
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            pygame.image.save(surface, str(path))
            continue
        if not path.exists():
            if write_missing:
                path.parent.mkdir(parents=True, exist_ok=True)
                pygame.image.save(surface, str(path))
            else:
                failures.append(f"{name}: no reference screenshot {folder.name}/{path.name} "
                                "(generate it with UPDATE_SCREENSHOTS=1 and look at it)")
            continue
        fraction = different_fraction(surface, pygame.image.load(str(path)))
        if fraction >= MAX_DIFFERENT:
            pygame.image.save(surface, str(tmp_path / f"{folder.name}-{name}-actual.png"))
            failures.append(f"{name}: {fraction:.1%} of pixels differ")
    assert failures == [], failures


def _shots(tmp_path: Path, variant: str) -> dict[str, pygame.Surface]:
    from escape_game.ui.settings import Settings, save_settings

    settings_path = tmp_path / f"{variant}.json"
    settings = {"default": Settings(language="en", text_speed="instant"),
                "high_contrast_fr": Settings(language="fr", high_contrast=True, text_size=1,
                                             text_speed="instant"),
                "dyslexic_colour_blind": Settings(language="en", dyslexic_font=True,
                                                  colour_blind=True, text_speed="instant")}
    save_settings(settings[variant], settings_path)
    pilot = Pilot(PlayOptions(level=fixture_level(), data_dir=tmp_path / "data", seed=3,
                              settings_path=settings_path, telemetry=False,
                              start_room="market"))
    return {name: pilot.screenshot() for name in tour(pilot, "compare")}


@pytest.mark.parametrize("variant", ["default", "high_contrast_fr", "dyslexic_colour_blind"])
def test_screens_match_their_reference(tmp_path: Path, variant: str) -> None:
    pytest.importorskip("numpy")
    shots = _shots(tmp_path, variant)
    assert set(shots) >= EXPECTED, sorted(shots)
    compare_with_references(shots, REFERENCE / variant, tmp_path)


def test_the_comparison_notices_a_moved_panel() -> None:
    pygame.display.init()
    a = pygame.Surface((200, 100))
    a.fill((10, 20, 30))
    b = a.copy()
    assert different_fraction(a, b) == 0.0
    pygame.draw.rect(b, (250, 250, 250), pygame.Rect(0, 0, 40, 40))
    assert different_fraction(a, b) > MAX_DIFFERENT
    c = a.copy()
    c.fill((12, 22, 32))  # within the per-channel threshold
    assert different_fraction(a, c) == 0.0




def test_a_missing_reference_fails_in_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule above, checked on an empty reference folder."""
    pytest.importorskip("numpy")
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("UPDATE_SCREENSHOTS", raising=False)
    global REFERENCE
    saved, REFERENCE = REFERENCE, tmp_path / "none"
    try:
        with pytest.raises(AssertionError, match="no reference screenshot"):
            test_screens_match_their_reference(tmp_path, "default")
    finally:
        REFERENCE = saved
    assert not (tmp_path / "none").exists()  # nothing was written
