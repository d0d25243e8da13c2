"""Composing a level file once: the loader's resolver and builder agree with PyYAML's own.

`LevelLoader.resolve` is PyYAML's `BaseResolver.resolve` written out for the level's
resolvers (and counting values against the budget); the builder skips the bookkeeping of
shared nodes when the text has no anchor. Both must give exactly what the general code
gives.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from locations import LEVELS
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from escape_game.loading import load_campaign
from escape_game.loading.builder import Builder, Refused
from escape_game.loading.campaign import _Files, _merge
from escape_game.loading.safe_yaml import LevelLoader, _holds_nothing
from escape_game.loading.walk import all_models
from escape_game.model import Campaign

SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "~", "null", "Null", "NULL", "true", "False", "TRUE", "yes", "no",
                     "on", "y", "0", "-12", "+7", "0o17", "0x1F", "1.5", "-.5", "1e3", ".inf",
                     "-.Inf", ".NaN", "<<", "12:30", "1_000", "0b101", "=", "!x"]),
)


@settings(max_examples=400, deadline=None)
@given(SCALARS, st.booleans(), st.booleans())
def test_the_resolver_gives_pyyamls_tag(value: str, plain: bool, quoted: bool) -> None:
    loader = LevelLoader("a: 1")
    try:
        general: Callable[..., str] = yaml.resolver.BaseResolver.resolve
        for kind, text in ((ScalarNode, value), (SequenceNode, None), (MappingNode, None)):
            assert loader.resolve(kind, text, (plain, quoted)) == \
                general(loader, kind, text, (plain, quoted))
    finally:
        loader.dispose()
    assert not LevelLoader.yaml_path_resolvers  # what the written-out resolver relies on


WORDS = st.sampled_from(["a", "b", "id", "on_use", "effects", "x y", "1", "true", "~"])
DATA = st.recursive(
    st.one_of(WORDS, st.integers(-5, 5), st.booleans(), st.none()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(WORDS, inner, max_size=4),
    max_leaves=25,
)


def _build(text: str, anchors: bool) -> tuple[object, int, list[tuple[int, str]]]:
    loader = LevelLoader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    builder = Builder(64, 1000, frozenset({"on_use", "effects"}), anchors=anchors)
    data = builder.build(root, 1)
    return data, builder.values, [(n.start_mark.index, k) for n, k in builder.duplicates]


@settings(max_examples=200, deadline=None)
@given(DATA, st.booleans())
def test_building_without_anchor_bookkeeping_gives_the_same_data(data: object,
                                                                 flow: bool) -> None:
    text = yaml.safe_dump({"root": data}, default_flow_style=flow, allow_unicode=True)
    assert "&" not in text
    assert _build(text, anchors=False) == _build(text, anchors=True)
    # What the budget counts: every scalar and collection event of the parser.
    events = yaml.parse(text, Loader=LevelLoader)
    count = sum(isinstance(e, yaml.ScalarEvent | yaml.CollectionStartEvent) for e in events)
    assert _build(text, anchors=False)[1] == count


def test_duplicate_keys_and_depth_are_refused_without_anchor_bookkeeping() -> None:
    _, _, duplicates = _build("a: 1\nb: 2\na: 3\n", anchors=False)
    assert [key for _, key in duplicates] == ["a"]
    deep = "x: " + "[" * 70 + "]" * 70 + "\n"
    loader = LevelLoader(deep)
    root = loader.get_single_node()
    loader.dispose()
    with pytest.raises(Refused) as info:
        Builder(64, 1000, anchors=False).build(root, 1)
    assert info.value.code == "too_deep"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x85\u2028#a-:")), max_size=40))
def test_an_empty_file_is_told_apart_the_way_every_line_would_tell_it(text: str) -> None:
    every_line = not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())
    assert _holds_nothing(text) == every_line


def _one_file(level: Path) -> dict[str, Any]:
    """A shipped level's files merged into the data of one file."""
    data: dict[str, Any] = yaml.safe_load((level / "campaign.yaml").read_text("utf-8"))
    for name in data.pop("include", []):
        part = yaml.safe_load((level / name).read_text("utf-8"))
        for key, entries in part.items():
            data[key] = [*data.get(key, []), *entries]
    return data


@pytest.mark.parametrize("name", ["tutorial", "risk_academy"])
def test_a_level_without_includes_is_walked_as_its_root_file(name: str, tmp_path: Path) -> None:
    # The loader takes the merged level's walk from the root file's: the same models at
    # the same paths, under the new top.
    campaign = Campaign.model_validate(_one_file(LEVELS / name))
    merged = _merge(campaign, [], _Files())
    walked = all_models(merged)
    reused = [((), merged), *all_models(campaign)[1:]]
    assert [path for path, _ in walked] == [path for path, _ in reused]
    assert all(a is b for (_, a), (_, b) in zip(walked, reused, strict=True))
    # And the level in one file loads as it does in several.
    (tmp_path / "campaign.yaml").write_text(yaml.safe_dump(_one_file(LEVELS / name),
                                                           allow_unicode=True), "utf-8")
    if (LEVELS / name / "assets").is_dir():
        shutil.copytree(LEVELS / name / "assets", tmp_path / "assets")
    one, several = load_campaign(tmp_path).campaign, load_campaign(LEVELS / name).campaign
    assert one == several.model_copy(update={"include": ()})
