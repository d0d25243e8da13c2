"""Walk a validated level: every model with its data path, and which fields hold texts."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from escape_game.loading.locate import PathPart

ASSET_FIELDS = frozenset({"image", "background"})


def _members(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _members(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(tp) for m in _members(a)]
    return [tp]


def _is_text(tp: Any) -> bool:
    members = _members(tp)
    has_dict = any(typing.get_origin(m) is dict for m in members)
    has_str = any(m is str for m in members)
    return has_dict and has_str


def _holds_models(tp: Any) -> bool:
    for member in _members(tp):
        origin = typing.get_origin(member)
        if origin in (tuple, list):
            if any(_holds_models(a) for a in typing.get_args(member) if a is not Ellipsis):
                return True
        elif isinstance(member, type) and issubclass(member, BaseModel):
            return True
    return False


@cache
def field_plan(cls: type[BaseModel]) -> tuple[tuple[str, str, bool, bool], ...]:
    """(attribute, YAML key, is a text, may hold models) for each field of a model class."""
    plan = []
    for name, info in cls.model_fields.items():
        plan.append((name, info.alias or name, _is_text(info.annotation),
                     _holds_models(info.annotation)))
    return tuple(plan)


def iter_models(model: BaseModel, path: tuple[PathPart, ...] = ()
                ) -> Iterator[tuple[tuple[PathPart, ...], BaseModel]]:
    """Every model in the tree, depth first, with the data path that reaches it."""
    yield path, model
    for name, key, _text, holds in field_plan(type(model)):
        if not holds:
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from iter_models(value, (*path, key))
        elif isinstance(value, tuple):
            for i, child in enumerate(value):
                if isinstance(child, BaseModel):
                    yield from iter_models(child, (*path, key, i))


def texts_of(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """(YAML key, value) for every text field that is set."""
    for name, key, is_text, _holds in field_plan(type(model)):
        if is_text:
            value = getattr(model, name)
            if value is not None:
                yield key, value
