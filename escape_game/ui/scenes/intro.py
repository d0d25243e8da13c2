"""The story's intro: who the player is and why they must get out, told by the guide."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from escape_game.model import Campaign, Text
from escape_game.ui.scenes.storybook import StoryPage, guide_of

if TYPE_CHECKING:
    from escape_game.ui.app import App


class IntroScene(StoryPage):
    """Shown once, after the pre-quiz and before the first room."""


def intro_scene(app: App, campaign: Campaign | None, tr: Callable[[Text | None], str],
                on_done: Callable[[], None]) -> IntroScene | None:
    """The intro of the level's story, or None for a level that has no story."""
    story = campaign.story if campaign is not None else None
    if campaign is None or story is None:
        return None
    start = next((r for r in campaign.rooms if r.id == campaign.start.room), None)
    return IntroScene(app, tr(campaign.title), tr(story.intro), guide_of(campaign, tr),
                      app.t("story.begin"), on_done, icon="items/door", room=start)
