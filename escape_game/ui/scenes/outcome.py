"""The story's ending for the way the game ended (escaped, out of time, exhausted).

It comes before the debrief, which then reads as the epilogue. A level whose story has no
text for this outcome gets the engine's heading alone, so every game still ends on a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from escape_game.model import Campaign, Room, Text
from escape_game.ui.scenes.storybook import StoryPage, guide_of

if TYPE_CHECKING:
    from escape_game.ui.app import App

#: A picture for each outcome, beside the heading: the words say the same.
OUTCOME_ICONS = {"escaped": "items/trophy", "out_of_time": "items/hourglass_done",
                 "exhausted": "ui/heart", "quit": "items/door"}


class OutcomeScene(StoryPage):
    """The ending of the story, with the guide's last words and the game's result."""


def outcome_scene(app: App, campaign: Campaign | None, tr: Callable[[Text | None], str],
                  outcome: str, summary: str, on_done: Callable[[], None],
                  room: Room | None = None) -> OutcomeScene:
    """The ending page: the story's text for ``outcome`` if any, then ``summary``.

    ``room`` is where the game ended, seen behind the page.
    """
    story = campaign.story if campaign is not None else None
    ending = getattr(story.endings, outcome, None) if story is not None else None
    text = f"{tr(ending)}\n\n{summary}" if ending is not None else summary
    return OutcomeScene(app, app.t(f"ending.{outcome}"), text, guide_of(campaign, tr),
                        app.t("ending.continue"), on_done, icon=OUTCOME_ICONS.get(outcome),
                        room=room)
