"""Walk a validated level: every model with its data path, and which fields hold texts."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from escape_game.model.base import PathPart

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


@dataclass(frozen=True)
class ClassPlan:
    """What the checks need to know about one model class, computed once."""

    children: tuple[tuple[str, str], ...]
    texts: tuple[tuple[str, str], ...]
    assets: tuple[str, ...]
    concept_tags: bool


@cache
def plan_of(cls: type[BaseModel]) -> ClassPlan:
    children, texts, assets = [], [], []
    for name, info in cls.model_fields.items():
        key = info.alias or name
        if _holds_models(info.annotation):
            children.append((name, key))
        if _is_text(info.annotation):
            texts.append((name, key))
        if name in ASSET_FIELDS:
            assets.append(name)
    concepts = cls.model_fields.get("concepts")
    tags = concepts is not None and not _holds_models(concepts.annotation)
    return ClassPlan(tuple(children), tuple(texts), tuple(assets), tags)


Located = tuple[tuple[PathPart, ...], BaseModel]


def all_models(root: BaseModel) -> list[Located]:
    """Every model in the tree in document order, with the data path that reaches it."""
    out: list[Located] = []
    stack: list[Located] = [((), root)]
    while stack:
        path, model = stack.pop()
        out.append((path, model))
        found: list[Located] = []
        for name, key in plan_of(type(model)).children:
            value = getattr(model, name)
            if isinstance(value, BaseModel):
                found.append(((*path, key), value))
            elif isinstance(value, tuple):
                for i, child in enumerate(value):
                    if isinstance(child, BaseModel):
                        found.append(((*path, key, i), child))
        stack.extend(reversed(found))
    return out


def iter_models(model: BaseModel) -> Iterator[Located]:
    """Every model in the tree with its data path (kept for callers outside the loader)."""
    return iter(all_models(model))


def texts_of(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """(YAML key, value) for every text field that is set."""
    for name, key in plan_of(type(model)).texts:
        value = getattr(model, name)
        if value is not None:
            yield key, value
