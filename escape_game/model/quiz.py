"""Pre and post quizzes: parallel forms whose items are tagged with the concept they measure."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from escape_game.model.base import Entity, Id, Model, Text
from escape_game.model.puzzles import Option


class KnowledgeItem(Entity):
    """A scored multiple-choice item."""

    kind: Literal["choice"]
    prompt: Text
    options: tuple[Option, ...] = Field(min_length=2)
    answer: Id
    concept: Id
    explanation: Text | None = None
    source: str | None = None


class LikertItem(Entity):
    """A confidence item: not scored, reported beside the knowledge score."""

    kind: Literal["likert"]
    prompt: Text
    concept: Id | None = None
    scale: int = Field(default=5, ge=3, le=7)
    low_label: Text | None = None
    high_label: Text | None = None
    source: str | None = None


QuizItem = Annotated[Union[KnowledgeItem, LikertItem], Field(discriminator="kind")]  # noqa: UP007


class QuizForm(Entity):
    title: Text
    intro: Text | None = None
    items: tuple[QuizItem, ...] = Field(min_length=1)


class QuizPlan(Model):
    """Which forms are given before and after; counterbalanced forms swap for half the players."""

    pre: Id
    post: Id
    counterbalance: bool = True
