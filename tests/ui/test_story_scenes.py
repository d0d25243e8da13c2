"""The intro and ending pages: every word shown at every size, pages turned by keyboard."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest

from escape_game.loading import load_campaign
from escape_game.model import text_in
from escape_game.ui.scenes.intro import IntroScene, intro_scene
from escape_game.ui.scenes.outcome import outcome_scene
from escape_game.ui.scenes.storybook import TEXT_ROLE, GuideView, StoryPage, guide_says

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]
LEVELS = {name: load_campaign(ROOT / "levels" / name) for name in ("tutorial", "risk_academy")}
SUMMARY = "Score 120 · money €700 · wellbeing 78/100"


def _pages_of(pilot, scene: StoryPage) -> list[list[str]]:
    pilot.app.scenes.replace(scene)
    pilot.frame()
    return scene.last_layout.pages


def _check_page(pilot, scene: StoryPage) -> None:
    """Everything on the page lies inside the panel and the window, and nothing overlaps."""
    box = scene.last_layout
    screen = pilot.app.screen.get_rect()
    assert screen.contains(box.panel)
    parts = [box.heading, box.text, box.buttons]
    parts += [r for r in (box.portrait, box.name) if r is not None]
    assert all(box.panel.contains(r) for r in parts)
    p = pilot.app.painter(pilot.app.screen)
    assert len(box.pages[scene.page]) * p.line_height(TEXT_ROLE) <= box.text.height
    assert box.text.bottom <= box.buttons.top
    for a, b in itertools.combinations([box.heading, box.text, box.buttons, box.portrait,
                                        box.name], 2):
        if a is not None and b is not None:
            assert not a.colliderect(b), (a, b)
    widgets = pilot.widgets()
    assert all(box.buttons.contains(w.rect) for w in widgets)
    for a, b in itertools.combinations(widgets, 2):
        assert not a.rect.colliderect(b.rect)
    for w in widgets:  # labels are whole, never cut with an ellipsis
        font = p.fonts.for_text(w.label, p.size("body"), w.style == "primary")
        assert font.size(w.label)[0] < w.rect.width - p.px(40)


@pytest.mark.parametrize("size", [(1280, 720), (800, 600), (480, 320)])
@pytest.mark.parametrize("level", sorted(LEVELS))
def test_every_word_of_the_story_is_shown_at_every_text_size(make_pilot, level, size):
    loaded = LEVELS[level]
    pilot = make_pilot(loaded, size=size)
    app = pilot.app
    for lang, text_size in itertools.product(("en", "fr"), range(4)):
        app.apply_settings(app.settings.with_(language=lang, text_size=text_size))
        story = loaded.campaign.story
        scenes = [(intro_scene(app, loaded.campaign, app.flow.tr, lambda: None),
                   text_in(story.intro, lang))]
        for outcome in ("escaped", "out_of_time", "exhausted"):
            ending = text_in(getattr(story.endings, outcome), lang)
            scenes.append((outcome_scene(app, loaded.campaign, app.flow.tr, outcome, SUMMARY,
                                         lambda: None), f"{ending} {SUMMARY}"))
        for scene, text in scenes:
            pages = _pages_of(pilot, scene)
            shown = " ".join(line for page in pages for line in page if line)
            assert shown.split() == text.split(), (level, lang, text_size)
            for _ in pages:
                _check_page(pilot, scene)
                if pilot.has("next"):
                    pilot.press(pygame.K_RETURN)


def test_keyboard_turns_pages_and_goes_on(make_pilot):
    loaded = LEVELS["risk_academy"]
    pilot = make_pilot(loaded)
    app = pilot.app
    app.apply_settings(app.settings.with_(language="fr", text_size=3))
    done: list[str] = []
    scene = intro_scene(app, loaded.campaign, app.flow.tr, lambda: done.append("done"))
    assert isinstance(scene, IntroScene)
    pages = _pages_of(pilot, scene)
    assert len(pages) == 2, "the largest text needs two pages at 1280×720"
    assert pilot.focused == "next"
    pilot.press(pygame.K_RETURN)
    assert scene.page == 1 and pilot.focused == "done" and pilot.has("previous")
    pilot.press(pygame.K_ESCAPE)
    assert scene.page == 0 and not done
    pilot.press(pygame.K_RETURN)
    pilot.press(pygame.K_RETURN)
    assert done == ["done"]


def test_mouse_reaches_the_end_too(make_pilot):
    loaded = LEVELS["tutorial"]
    pilot = make_pilot(loaded)
    done: list[str] = []
    scene = outcome_scene(pilot.app, loaded.campaign, pilot.app.flow.tr, "escaped", SUMMARY,
                          lambda: done.append("done"))
    _pages_of(pilot, scene)
    pilot.click_on("done")
    assert done == ["done"]


def test_a_level_without_a_story_has_no_intro_and_a_plain_ending(make_pilot):
    pilot = make_pilot()
    campaign = pilot.app.flow.campaign
    assert campaign.story is None
    assert intro_scene(pilot.app, campaign, pilot.app.flow.tr, lambda: None) is None
    scene = outcome_scene(pilot.app, campaign, pilot.app.flow.tr, "out_of_time", SUMMARY,
                          lambda: None)
    pages = _pages_of(pilot, scene)
    assert scene.guide is None
    assert " ".join(pages[0]) == SUMMARY
    _check_page(pilot, scene)


@pytest.mark.parametrize("guide", [None, GuideView("Noa, the Academy’s caretaker",
                                                   "assets:guides/noa")])
def test_the_guide_speaks_a_hint_in_full(make_pilot, guide):
    pilot = make_pilot()
    surface = pygame.Surface((600, 400))
    p = pilot.app.painter(surface)
    text = "Compare what each potion covers before its price. " * 3
    rect = pygame.Rect(10, 10, 400, 380)
    used = guide_says(p, guide, text, rect)
    side = p.line_height("body") * 2 if guide else p.px(28)
    text_width = rect.width - side - p.px(10)
    expected = p.measure(text, text_width) + (p.line_height("small") if guide else 0)
    assert used == max(side, expected)
    assert pygame.Rect(rect.left, rect.top, rect.width, used).bottom <= rect.bottom
    drawn = pygame.mask.from_threshold(surface, (0, 0, 0), (1, 1, 1, 255))
    drawn.invert()
    assert max(r.bottom for r in drawn.get_bounding_rects()) <= rect.top + used + 1


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_the_endings_summary_is_never_split_across_two_pages(make_pilot, size):
    """At every text size, in both languages: the game's result reads whole on one page,
    never "Score 120 · money €700 · wellbeing" on one page and "78/100" alone on the next."""
    loaded = LEVELS["risk_academy"]
    pilot = make_pilot(loaded, size=size)
    app = pilot.app
    split = []
    for lang, text_size in itertools.product(("en", "fr"), range(4)):
        app.apply_settings(app.settings.with_(language=lang, text_size=text_size))
        for outcome in ("escaped", "out_of_time", "exhausted"):
            pages = _pages_of(pilot, outcome_scene(app, loaded.campaign, app.flow.tr, outcome,
                                                  SUMMARY, lambda: None))
            words = [" ".join(line for line in page if line).split() for page in pages]
            summary = SUMMARY.split()
            whole = [n for n, page in enumerate(words) if page[-len(summary):] == summary]
            if not whole:
                split.append((lang, text_size, outcome, pages))
    assert split == []
