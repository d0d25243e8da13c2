"""The campaign: the root of a level, possibly spread over several files."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from escape_game.model.base import Entity, Id, Lang, Model, NonNegativeMoney, Text
from escape_game.model.quiz import QuizForm, QuizPlan
from escape_game.model.story import Story
from escape_game.model.world import Item, Risk, Room

FORMAT_VERSION = 1


class Concept(Entity):
    """A concept tag: puzzles teach it, quiz items measure it, the debrief explains it."""

    name: Text
    definition: Text
    debrief: Text | None = None


class Start(Model):
    room: Id
    money: NonNegativeMoney
    wellbeing: int = Field(default=100, ge=1, le=100)
    items: tuple[Id, ...] = ()
    time_limit: int | None = Field(default=None, ge=1, description="game seconds")


class Debrief(Model):
    intro: Text | None = None
    outro: Text | None = None


class StudyCondition(Entity):
    """An experimental condition a study can assign, e.g. timers on or off."""

    description: Text | None = None
    timers: bool | None = None


class Study(Model):
    conditions: tuple[StudyCondition, ...] = ()


class Fragment(Model):
    """An included file: more rooms, items, risks, concepts or quiz forms."""

    rooms: tuple[Room, ...] = ()
    items: tuple[Item, ...] = ()
    risks: tuple[Risk, ...] = ()
    concepts: tuple[Concept, ...] = ()
    quiz_forms: tuple[QuizForm, ...] = ()


class Campaign(Fragment):
    """A complete level: what the root file says, with included fragments merged in."""

    format: Literal[1]
    id: Id
    title: Text
    description: Text | None = None
    languages: tuple[Lang, ...] = Field(min_length=1)
    currency: str = "€"
    start: Start
    include: tuple[str, ...] = ()
    quizzes: QuizPlan | None = None
    study: Study | None = None
    debrief: Debrief | None = None
    story: Story | None = Field(
        default=None, description="an intro, a guide who speaks the hints, and an ending text "
        "per outcome; a level without one plays without the frame")
