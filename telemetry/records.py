"""The session file format: one JSON object per line, versioned, holding no free text.

A session file is ``<session uuid>.jsonl``: a ``header`` line, then ``action``, ``event``,
``quiz_answer`` and ``resume`` lines in order of ``seq``, then a ``footer`` line if the game
closed cleanly. ``resume`` came later than the rest; files without it read as before.
Every string a record can hold is either an id of the level, a pseudonymous player code, a
hash, or a short token (``^[A-Za-z0-9_.:+-]*$``, at most 64 characters): there is nowhere a
typed sentence or a name could go.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from escape_game.model.numbers import MAX_DIGITS, amount_fits

if TYPE_CHECKING:
    from escape_game.core.actions import Action
    from escape_game.core.events import Event

SCHEMA_VERSION: Literal[1] = 1

TOKEN_PATTERN = r"^[A-Za-z0-9_.:+\-]*$"
Token = Annotated[str, StringConstraints(pattern=TOKEN_PATTERN, max_length=64)]
#: Pseudonyms only: capital letters and digits in dash-separated groups, e.g. ``OWL-427``.
PlayerCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z0-9]{2,12}(-[A-Z0-9]{2,12}){0,3}$", max_length=40)
]
#: A class or a school as the teacher sets it at the start (``4B``, ``S01``): a short id, no
#: room for a name or a sentence.
GroupId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$")]
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
    #: How the core was started, so replay can start it the same way (``new_game`` arguments).
    timers: bool = True
    start_room: Token | None = None
    #: The teacher's class and school ids, so a study can model pupils nested in classes.
    class_id: GroupId | None = None
    school_id: GroupId | None = None


class _Timed(Record):
    seq: int = Field(ge=1)
    t_ms: int = Field(ge=0, description="monotonic milliseconds since the session started")


class ActionRecord(_Timed):
    """An action the player took, as the core received it (for replay).

    One exception: a code-lock answer keeps no keypad string, only ``code_length`` (see
    :func:`action_data`); replay restores a code of the right correctness from the level.
    """

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


class ResumeRecord(_Timed):
    """The game went on from a save: replay restarts the core here, from this record alone.

    The core is started as ``new_game(seed, timers, start_room)`` and ``actions`` (the save's
    whole log, each in the form of ``ActionRecord.action``) are replayed on it. A code-lock
    answer keeps no keys: only ``code_length`` and ``code_correct`` (see
    :func:`resume_action_data`). ``state_sha256`` is the digest of the state the game went on
    from (``GameState.to_json``), so replay can tell a log that does not lead to it; None
    means the log is trusted.
    """

    record: Literal["resume"] = "resume"
    seed: int = Field(ge=0, lt=2**64)
    timers: bool = True
    start_room: Token | None = None
    actions: list[dict[Token, Value]]
    state_sha256: Sha256 | None = None


class SessionFooter(_Timed):
    record: Literal["footer"] = "footer"
    outcome: Token
    ended_at: datetime


SessionRecord = Annotated[
    Union[  # noqa: UP007
        SessionHeader, ActionRecord, EventRecord, QuizAnswerRecord, ResumeRecord, SessionFooter
    ],
    Field(discriminator="record"),
]

RECORD_ADAPTER: TypeAdapter[SessionRecord] = TypeAdapter(SessionRecord)
RECORD_MODELS: tuple[type[Record], ...] = (
    SessionHeader,
    ActionRecord,
    EventRecord,
    QuizAnswerRecord,
    ResumeRecord,
    SessionFooter,
)

_TOKEN_RE = re.compile(TOKEN_PATTERN)
#: What replaces a string field of an event that is not a token (it never should happen).
REDACTED = "redacted"


def money_token(amount: Decimal) -> str:
    """Money as a string token with cents, e.g. ``"12.50"``: exact, and never a float.

    Total, as the recorder must never raise: an amount past the bound on numbers (which no
    game produces) or not finite is kept in its short scientific form, e.g. ``"1E+26"``.
    """
    if not amount_fits(amount):
        return str(amount)
    with localcontext() as context:
        context.prec = 3 * MAX_DIGITS
        if amount == amount.quantize(Decimal("0.01")):
            return f"{amount:.2f}"
    return str(amount)


def _is_text(annotation: Any) -> bool:
    """True for the level's ``Text`` type (a string or a language map): sentences, not ids."""
    args = get_args(annotation)
    if get_origin(annotation) is Union or type(annotation).__name__ == "UnionType":
        return any(get_origin(arg) is dict for arg in args) and any(
            arg is str or get_origin(arg) is Annotated for arg in args
        )
    return False


def _scrub(value: Any) -> Any:
    """Decimals become money tokens; any string that is not a token becomes ``redacted``."""
    if isinstance(value, Decimal):
        return money_token(value)
    if isinstance(value, str):
        return value if len(value) <= 64 and _TOKEN_RE.match(value) else REDACTED
    if isinstance(value, (list, tuple)):
        return [_scrub(v) for v in value]
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    return value


def event_data(event: Event) -> dict[str, Any]:
    """The fields of a domain event as telemetry keeps them: ids, numbers, booleans, tokens.

    Fields typed as level text (e.g. ``MessageShown.text``) are dropped: the entity id that
    showed them (``source``) is enough to find the text in the level. Replay applies the same
    function to the events it reproduces, so recorded and replayed data compare equal.
    """
    fields = type(event).model_fields
    return {
        key: _scrub(getattr(event, key))
        for key, info in fields.items()
        if not _is_text(info.annotation)
    }


def action_data(action: Action) -> dict[str, Any]:
    """An action as telemetry keeps it: everything except the keys typed on a code lock.

    A keypad string is short and alphanumeric, but a player could still type a name on it,
    so only its length is kept; the following ``PuzzleAttempted`` event says if it was right.
    """
    data: dict[str, Any] = _scrub(action.model_dump(mode="python", exclude_none=True))
    code = getattr(action, "code", None)
    if code is not None:
        data.pop("code", None)
        data["code_length"] = len(code)
    return data


def resume_action_data(action: Action, code_correct: bool | None) -> dict[str, Any]:
    """An action of a resumed save's log: :func:`action_data`, and for a code-lock answer
    whether its code was right (no event follows it in the file to say so)."""
    data = action_data(action)
    if "code_length" in data and code_correct is not None:
        data["code_correct"] = code_correct
    return data
