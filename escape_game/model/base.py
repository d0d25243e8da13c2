"""Shared building blocks of the level format: ids, texts, money, the frozen model base."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

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


class Model(BaseModel):
    """Level data is frozen after loading and refuses unknown keys (typos are errors)."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        str_strip_whitespace=False,
        validate_default=False,
    )


class Renamed(Model):
    """A model some of whose keys the format renamed: a level written with the old key still
    loads, and means exactly what it means with the new one.

    ``old_keys`` maps each old key to its new one. The loader warns where an old key is
    written (escape_game/loading/spelling.py), ``escape-game upgrade`` rewrites it, the schema
    lists it as deprecated, and the content hash reads the new key as the old one, so a
    renamed key never changes a level's hash. To rename a key: rename the field, and add the
    old name here (the format's first spelling first).
    """

    old_keys: ClassVar[dict[str, str]] = {}

    @model_validator(mode="before")
    @classmethod
    def _read_old_keys(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not any(old in data for old in cls.old_keys):
            return data
        renamed: dict[Any, Any] = {}
        for key, value in data.items():
            new = cls.old_keys.get(key) if isinstance(key, str) else None
            if new is None:
                renamed[key] = value
            elif new in data:
                raise PydanticCustomError(
                    "old_and_new_key", "'{old}' is the old name of '{new}', which is written "
                    "here too; keep only '{new}'", {"old": key, "new": new})
            else:
                renamed[new] = value
        return renamed


def renamed_models() -> list[type[Renamed]]:
    """Every model class that declares renamed keys (subclasses inherit their parent's)."""
    found: list[type[Renamed]] = []
    stack: list[type[Renamed]] = list(Renamed.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.old_keys and cls not in found:
            found.append(cls)
    return sorted(found, key=lambda c: c.__name__)


def old_spellings() -> dict[str, tuple[str, ...]]:
    """Every renamed key of the format: new key -> its old spellings."""
    found: dict[str, set[str]] = {}
    for cls in renamed_models():
        for old, new in cls.old_keys.items():
            found.setdefault(new, set()).add(old)
    return {new: tuple(sorted(olds)) for new, olds in sorted(found.items())}


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
