"""Shared building blocks of the level format: ids, texts, money, the frozen model base."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: A stable identifier: translations, saves and telemetry refer to entities by it.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64),
]
#: A language code such as ``en``, ``fr`` or ``pt-BR``.
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
#: Every player-facing text: one string for a single-language level, or language -> string.
Text = NonEmpty | dict[Lang, NonEmpty]
#: Amounts of money: exact decimals, so accounts balance to the cent.
Money = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]
NonNegativeMoney = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
#: A path to an asset, relative to the file that names it (checked by the loader).
AssetPath = Annotated[str, StringConstraints(min_length=1, max_length=255)]
#: A position on the room picture, as fractions of its width and height (0..1).
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
#: One step of a path into the level data (a key, or a position in a list), as in messages.
PathPart = str | int


class Model(BaseModel):
    """Level data is frozen after loading and refuses unknown keys (typos are errors)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        str_strip_whitespace=False,
        validate_default=False,
    )


class Entity(Model):
    """Anything with a stable id."""

    kind_name: ClassVar[str] = "entity"
    id: Id


class Position(Model):
    """Where a hotspot sits on the room picture."""

    x: Fraction
    y: Fraction


def text_in(text: Text | None, lang: str, fallback: str | None = None) -> str:
    """The one way to pick a language from a text; falls back rather than failing mid-game."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if lang in text:
        return text[lang]
    if fallback is not None and fallback in text:
        return text[fallback]
    return next(iter(text.values()), "")
