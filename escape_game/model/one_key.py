"""Conditions and effects are one-key mappings (``has_item: key``); the key says which one.

A condition or effect class declares its key once, as its only field; ``key`` and the tagged
union the loader validates with are derived from that field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, ClassVar, Union

from pydantic import Discriminator, Tag

from escape_game.model.base import Model


class OneKey(Model):
    key: ClassVar[str]

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        fields = list(cls.model_fields.items())
        if len(fields) > 1:
            raise TypeError(f"{cls.__name__} is written as one key: give it one field")
        if fields:  # a base class such as _Condition has none
            name, info = fields[0]
            cls.key = info.alias or name


def single_key(value: Any) -> str | None:
    """The key of a one-key mapping, or of a validated condition or effect; else None."""
    if isinstance(value, dict):
        return next(iter(value)) if len(value) == 1 else None
    key = getattr(type(value), "key", None)
    return key if isinstance(key, str) else None


def one_key_union(types: Sequence[type[OneKey]], error: str, message: str) -> Any:
    """The union of ``types``, told apart by their key; an unknown key gives ``error``."""
    members = tuple(Annotated[t, Tag(t.key)] for t in types)
    # a renamed key (see model.base.Renamed) is read as its new name
    renamed = {old: new for t in types for old, new in getattr(t, "old_keys", {}).items()}

    def key_of(value: Any) -> str | None:
        key = single_key(value)
        return renamed.get(key, key) if key is not None else None

    return Annotated[
        Union[members],  # noqa: UP007 - tagged members need the explicit Union form
        Discriminator(key_of, custom_error_type=error, custom_error_message=message),
    ]
