"""Settings survive between runs; a damaged file is kept as .bak and defaults are used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from escape_game.ui.settings import Settings, load_settings, save_settings

pytestmark = pytest.mark.ui


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.json"
    chosen = Settings(language="fr", text_size=3, high_contrast=True, dyslexic_font=True,
                      no_timers=True, text_speed="instant")
    assert save_settings(chosen, path) is None
    loaded, problem = load_settings(path)
    assert problem is None
    assert loaded == chosen


def test_sound_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert save_settings(Settings(sound="off", volume=35), path) is None
    loaded, problem = load_settings(path)
    assert problem is None
    assert (loaded.sound, loaded.volume, loaded.volume_fraction) == ("off", 35, 0.35)


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.json") == (Settings(), None)


@pytest.mark.parametrize("content", [
    "{not json", "[1, 2]", '{"text_size": 9}', '{"high_contrast": "yes"}',
    '{"text_speed": "warp"}', '{"text_size": true}', "\xff\xfe", '{"sound": "loud"}',
    '{"volume": 101}', '{"volume": -1}', '{"volume": 0.5}'])
def test_a_damaged_file_is_reported_kept_and_replaced_by_defaults(tmp_path: Path,
                                                                 content: str) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content.encode("latin-1"))
    settings, problem = load_settings(path)
    assert settings == Settings()
    assert problem is not None and "settings.json" in problem
    backup = tmp_path / "settings.json.bak"
    assert backup.read_bytes() == content.encode("latin-1")
    assert not path.exists()


def test_unknown_keys_from_a_newer_version_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"text_size": 2, "future_option": 1}))
    settings, problem = load_settings(path)
    assert problem is None and settings.text_size == 2


def test_text_scale_grows_with_each_step() -> None:
    scales = [Settings(text_size=i).text_scale for i in range(4)]
    assert scales == sorted(scales) and len(set(scales)) == 4
