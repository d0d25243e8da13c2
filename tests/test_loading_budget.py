"""One budget of bytes and values for all the files of a level keeps loading's memory bounded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from locations import LEVELS

from escape_game.loading import LevelError, Limits, load_campaign
from escape_game.loading.budget import Budget, values_bound
from escape_game.loading.messages import MAX_PROBLEMS
from escape_game.loading.safe_yaml import LevelLoader

PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HEAD = """\
format: 1
id: big
title: Big
languages: [en]
start: {room: a, money: 1}
rooms:
  - {id: a, title: A, description: A}
"""


def room_file(count: int, start: int = 0) -> str:
    return "rooms:\n" + "".join(f"  - {{id: r{start + i}, title: T, description: D}}\n"
                                for i in range(count))


def test_the_budget_counts_values_across_includes(tmp_path: Path) -> None:
    (tmp_path / "campaign.yaml").write_text(HEAD + "include: [a.yaml, b.yaml]\n")
    (tmp_path / "a.yaml").write_text(room_file(100))
    (tmp_path / "b.yaml").write_text(room_file(100, 100))
    assert load_campaign(tmp_path, Limits(max_total_values=1_500))  # 1,432 values
    with pytest.raises(LevelError) as info:
        load_campaign(tmp_path, Limits(max_total_values=1_000))
    [problem] = info.value.problems
    assert problem.code == "too_many_values" and problem.file.name == "b.yaml"
    assert problem.line > 1  # where the budget ran out, not the top of the file


def test_the_budget_counts_bytes_across_includes_and_stops_reading(tmp_path: Path) -> None:
    names = [f"f{i}.yaml" for i in range(6)]
    (tmp_path / "campaign.yaml").write_text(HEAD + f"include: [{', '.join(names)}]\n")
    for i, name in enumerate(names):
        (tmp_path / name).write_text(room_file(50, 50 * i))
    size = (tmp_path / "f0.yaml").stat().st_size
    with pytest.raises(LevelError) as info:
        load_campaign(tmp_path, Limits(max_total_bytes=3 * size))
    refused = [p for p in info.value.problems if p.code == "too_large_total"]
    assert [p.file.name for p in refused] == ["f2.yaml", "f3.yaml", "f4.yaml", "f5.yaml"]


def test_the_shipped_levels_fit_the_default_budget_many_times() -> None:
    limits = Limits()
    for level in sorted(LEVELS.glob("*/campaign.yaml")):
        texts = [p.read_text(encoding="utf-8") for p in level.parent.rglob("*.yaml")]
        values = sum(isinstance(e, yaml.ScalarEvent | yaml.CollectionStartEvent)
                     for text in texts for e in yaml.parse(text, Loader=PARSER))
        assert 40 * values < limits.max_total_values
        assert 40 * sum(len(t.encode()) for t in texts) < limits.max_total_bytes
        assert load_campaign(level.parent)


def test_a_file_with_thousands_of_mistakes_lists_the_first_ones(tmp_path: Path) -> None:
    (tmp_path / "campaign.yaml").write_text(HEAD + "".join(f"  - {{id: r{i}}}\n"
                                                           for i in range(1_500)))
    with pytest.raises(LevelError) as info:
        load_campaign(tmp_path)
    assert len(info.value.problems) == MAX_PROBLEMS + 1
    more = [p for p in info.value.problems if p.code == "too_many_problems"]
    assert more and "2000 more problems" in more[0].message


YAMLISH = st.text(alphabet=st.sampled_from(list("ab :-[]{},?&*!|>'\"\n#0.")), max_size=200)


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_the_cheap_bound_is_never_below_the_real_count(text: str) -> None:
    try:
        events = list(yaml.parse(text, Loader=PARSER))
    except yaml.YAMLError:
        return
    real = sum(isinstance(e, yaml.ScalarEvent | yaml.CollectionStartEvent) for e in events)
    assert values_bound(text.encode()) >= real


def test_a_copied_tutorial_still_loads_with_the_budget(tmp_path: Path) -> None:
    shutil.copytree(LEVELS / "tutorial", tmp_path / "t")
    assert load_campaign(tmp_path / "t").campaign.id == "tutorial"


def _rooms(count: int, description: str = "D") -> str:
    return "rooms:\n" + "".join(f"  - {{id: r{i}, title: T, description: '{description}'}}\n"
                                for i in range(count))


def _values(folder: Path) -> int:
    """The level's values as the parser counts them: one per scalar or collection event."""
    return sum(isinstance(e, yaml.ScalarEvent | yaml.CollectionStartEvent)
               for path in folder.glob("*.yaml")
               for e in yaml.parse(path.read_text(), Loader=LevelLoader))


def test_exclamation_marks_in_text_do_not_refuse_a_level_that_fits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every '!' might be a tag the resolver never sees, so the cap while composing is
    # lowered by their count; a file that passes it is counted exactly and still loads.
    (tmp_path / "campaign.yaml").write_text(HEAD + "include: [more.yaml]\n")
    (tmp_path / "more.yaml").write_text(_rooms(100, "Smoke!!! Run!!!"))  # 600 '!'
    total = _values(tmp_path)
    counted: list[int] = []
    exact = Budget.over_values

    def spy(self: Budget, text: str, raw: bytes, loader: type[yaml.SafeLoader]
            ) -> tuple[int, int] | None:
        counted.append(len(raw))
        return exact(self, text, raw, loader)

    monkeypatch.setattr(Budget, "over_values", spy)
    assert len(load_campaign(tmp_path, Limits(max_total_values=total)).campaign.rooms) == 101
    assert len(counted) == 1  # the cap was passed, the exact count said it fits
    with pytest.raises(LevelError) as info:
        load_campaign(tmp_path, Limits(max_total_values=total - 1))
    [problem] = info.value.problems
    assert problem.code == "too_many_values" and problem.file.name == "more.yaml"


def test_tagged_values_count_against_the_budget(tmp_path: Path) -> None:
    # Values with an explicit tag never reach the resolver: the exact count still sees them.
    (tmp_path / "campaign.yaml").write_text(HEAD + "include: [more.yaml]\n")
    tagged = "rooms:\n" + "".join(
        f"  - {{id: !!str r{i}, title: !!str T, description: !!str D}}\n" for i in range(100))
    (tmp_path / "more.yaml").write_text(tagged)
    total = _values(tmp_path)
    assert len(load_campaign(tmp_path, Limits(max_total_values=total)).campaign.rooms) == 101
    with pytest.raises(LevelError) as info:
        load_campaign(tmp_path, Limits(max_total_values=total - 1))
    [problem] = info.value.problems
    assert problem.code == "too_many_values" and problem.line > 1
