"""The story frame: shipped levels carry one; the loader checks it like any other part."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from escape_game.loading import LevelError, load_campaign
from escape_game.model import STORY_TEXT_LIMIT, text_in

ROOT = Path(__file__).resolve().parent.parent
LEVELS = [ROOT / "levels" / "tutorial", ROOT / "levels" / "risk_academy"]
OUTCOMES = ("escaped", "out_of_time", "exhausted")


@pytest.mark.parametrize("level", LEVELS, ids=lambda p: p.name)
def test_shipped_levels_tell_a_story_in_every_language(level: Path) -> None:
    loaded = load_campaign(level)
    story = loaded.campaign.story
    assert story is not None and story.guide is not None
    assert loaded.resolve_asset(story.guide.image).is_file()
    for lang in loaded.campaign.languages:
        texts = [text_in(story.intro, lang), text_in(story.guide.name, lang)]
        texts += [text_in(getattr(story.endings, o), lang) for o in OUTCOMES]
        assert all(texts), lang
        assert all(len(t) <= STORY_TEXT_LIMIT for t in texts)


def test_french_story_spaces_its_punctuation() -> None:
    story = load_campaign(LEVELS[1]).campaign.story
    assert story is not None
    for text in [story.intro, *(getattr(story.endings, o) for o in OUTCOMES)]:
        french = text_in(text, "fr")
        for mark in ":;!?»":
            assert f" {mark}" not in french, (mark, french)
        assert "« " not in french


def _level_with_story(tmp_path: Path, story: str) -> Path:
    copy = tmp_path / "tutorial"
    shutil.copytree(LEVELS[0], copy)
    campaign = copy / "campaign.yaml"
    text = campaign.read_text(encoding="utf-8")
    text = text[: text.index("\n# The story frame")] + "\n" + story
    campaign.write_text(text, encoding="utf-8")
    return copy


def test_a_story_is_optional(tmp_path: Path) -> None:
    level = _level_with_story(tmp_path, "")
    assert load_campaign(level).campaign.story is None


def test_a_long_story_text_is_a_warning_at_its_line(tmp_path: Path) -> None:
    long = "word " * (STORY_TEXT_LIMIT // 5 + 10)
    level = _level_with_story(tmp_path, f"story:\n  intro:\n    en: Short.\n    fr: {long}\n")
    loaded = load_campaign(level)
    [warning] = [w for w in loaded.warnings if w.code == "story_too_long"]
    assert warning.severity == "warning"
    assert "fits one screen" in warning.message
    assert loaded.file_line(warning).strip().startswith("fr: word")


def test_a_misspelt_ending_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    level = _level_with_story(tmp_path, "story:\n  intro: {en: Hi., fr: Salut.}\n"
                                        "  endings:\n    escapd: {en: Out., fr: Dehors.}\n")
    with pytest.raises(LevelError) as info:
        load_campaign(level)
    messages = " ".join(p.message for p in info.value.problems)
    assert "escapd" in messages and "escaped" in messages


def test_a_story_text_missing_a_language_is_an_error(tmp_path: Path) -> None:
    level = _level_with_story(tmp_path, "story:\n  intro: {en: Hi.}\n")
    with pytest.raises(LevelError) as info:
        load_campaign(level)
    assert any(p.code == "missing_language" for p in info.value.problems)


def test_a_missing_guide_portrait_is_an_error(tmp_path: Path) -> None:
    level = _level_with_story(tmp_path, "story:\n  intro: Hi.\n  guide:\n    name: Pip\n"
                                        "    image: pip.png\n")
    with pytest.raises(LevelError) as info:
        load_campaign(level)
    assert any(p.code == "asset_missing" for p in info.value.problems)
