"""The session file format: one JSON object per line, versioned, holding no free text.

A session file is ``<session uuid>.jsonl``: a ``header`` line, then ``action``, ``event`` and
``quiz_answer`` lines in order of ``seq``, then a ``footer`` line if the game closed cleanly.
Every string a record can hold is either an id of the level, a pseudonymous player code, a
hash, or a short token (``^[A-Za-z0-9_.:+-]*$``, at most 64 characters): there is nowhere a
typed sentence or a name could go.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Union
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION: Literal[1] = 1

Token = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.:+\-]*$", max_length=64)]
#: Pseudonyms only: capital letters and digits in dash-separated groups, e.g. ``OWL-427``.
PlayerCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z0-9]{2,12}(-[A-Z0-9]{2,12}){0,3}$", max_length=40)
]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Scalar = Token | int | float | bool | None
Value = Scalar | list[Scalar] | dict[Token, Scalar]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Consent(Record):
    given: Literal[True]
    at: datetime


class SessionHeader(Record):
    record: Literal["header"] = "header"
    schema_version: Literal[1] = SCHEMA_VERSION
    session_id: UUID
    player: PlayerCode
    campaign_id: Token
    content_hash: Sha256
    engine_version: Token
    seed: int = Field(ge=0, lt=2**64)
    language: Token
    condition: Token | None = None
    pre_form: Token | None = None
    post_form: Token | None = None
    consent: Consent
    started_at: datetime


class _Timed(Record):
    seq: int = Field(ge=1)
    t_ms: int = Field(ge=0, description="monotonic milliseconds since the session started")


class ActionRecord(_Timed):
    """An action the player took, exactly as the core received it (for replay)."""

    record: Literal["action"] = "action"
    action: dict[Token, Value]


class EventRecord(_Timed):
    """A domain event of the core (past tense, e.g. ``PuzzleSolved``) with its fields."""

    record: Literal["event"] = "event"
    name: Token
    data: dict[Token, Value] = {}


class QuizAnswerRecord(_Timed):
    record: Literal["quiz_answer"] = "quiz_answer"
    phase: Literal["pre", "post"]
    form: Token
    item: Token
    concept: Token | None = None
    choice: Token | int
    correct: bool | None = None
    latency_ms: int = Field(ge=0)
    confidence: int | None = None


class SessionFooter(_Timed):
    record: Literal["footer"] = "footer"
    outcome: Token
    ended_at: datetime


SessionRecord = Annotated[
    Union[SessionHeader, ActionRecord, EventRecord, QuizAnswerRecord, SessionFooter],  # noqa: UP007
    Field(discriminator="record"),
]
