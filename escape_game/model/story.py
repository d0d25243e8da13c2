"""The story frame of a level: who the player is, the guide who speaks, how each ending reads.

A level without a story still plays; the story only frames the rooms: an intro before the
first room, a guide whose name and face come with the hints, and one ending per outcome
before the debrief.
"""

from __future__ import annotations

from pydantic import Field

from escape_game.model.base import AssetPath, Model, Text

#: Longest story text, in characters per language: it must fit one screen at the largest
#: text size, since players read it before anything else happens.
STORY_TEXT_LIMIT = 600


class Guide(Model):
    """The character who welcomes the player and speaks the hints."""

    name: Text = Field(description="the guide's name, shown beside what they say")
    image: AssetPath | None = Field(
        default=None, description="a portrait of the guide (a level file or an engine asset)")


class Endings(Model):
    """The closing text for each way a game can end; a missing one uses the engine's words."""

    escaped: Text | None = Field(default=None, description="the player got out")
    out_of_time: Text | None = Field(default=None, description="the time limit ran out")
    exhausted: Text | None = Field(default=None, description="wellbeing fell to zero")


class Story(Model):
    """The frame around the rooms: an intro, a guide, and the endings."""

    intro: Text = Field(
        description="shown before the first room: who the player is and why they must get out")
    guide: Guide | None = Field(default=None, description="the character who speaks the hints")
    endings: Endings = Field(default_factory=Endings,
                             description="what the player reads when the game ends, by outcome")
