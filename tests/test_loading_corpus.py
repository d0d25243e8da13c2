"""The broken-level corpus: every teacher mistake gets one plain sentence at the right spot.

Each folder under tests/fixtures/broken/ is a level with one mistake and an expected.yaml
naming the file, line, column, severity and words of the problem it must produce.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from escape_game.loading import LevelError, Limits, Problem, load_campaign

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.yaml").is_file())


def _copy_case(name: str, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    level = tmp_path / "level"
    shutil.copytree(BROKEN / name, level, symlinks=True)
    expected: dict[str, Any] = yaml.safe_load((level / "expected.yaml").read_text("utf-8"))
    link = expected.get("symlink")
    if link:
        outside = tmp_path / link["to_outside"]
        outside.write_bytes(b"\x89PNG\r\n\x1a\n")
        (level / link["link"]).parent.mkdir(parents=True, exist_ok=True)
        (level / link["link"]).symlink_to(outside)
    return level, expected


def _problems(level: Path) -> list[Problem]:
    try:
        loaded = load_campaign(level)
    except LevelError as exc:
        return exc.problems
    return loaded.warnings


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", CASES)
def test_broken_level_gives_located_plain_problem(name: str, tmp_path: Path) -> None:
    level, expected = _copy_case(name, tmp_path)
    problems = _problems(level)
    wanted = (expected["file"], expected["line"], expected["column"], expected["severity"])
    spots = [(p.file.name if p.file.parent == level else p.file.relative_to(level).as_posix(),
              p.line, p.column, p.severity) for p in problems]
    matching = [p for p, spot in zip(problems, spots, strict=True)
                if spot == wanted and expected["message"] in p.message]
    assert matching, (f"expected {wanted} with {expected['message']!r}, got:\n"
                      + "\n".join(p.format() for p in problems))
    if "count" in expected:
        assert len(problems) == expected["count"], "\n".join(p.format() for p in problems)
    for problem in problems:
        assert "Traceback" not in problem.message and "pydantic" not in problem.message
        assert "Input should" not in problem.message, problem.message
    if expected["severity"] == "error":
        with pytest.raises(LevelError):
            load_campaign(level)


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    level = tmp_path / "campaign.yaml"
    filler = "# " + "x" * 98 + "\n"
    level.write_text("format: 1\n" + filler * (2 * 1024 * 1024 // len(filler) + 10), "utf-8")
    with pytest.raises(LevelError) as info:
        load_campaign(level)
    (problem,) = info.value.problems
    assert (problem.line, problem.column, problem.code) == (1, 1, "too_large")
    assert "too large" in problem.message and "include" in problem.message


def test_the_size_limit_is_configurable(tmp_path: Path) -> None:
    level = tmp_path / "campaign.yaml"
    shutil.copy(BROKEN / "unused_item" / "campaign.yaml", level)
    with pytest.raises(LevelError) as info:
        load_campaign(level, Limits(max_file_bytes=50))
    assert info.value.problems[0].code == "too_large"


def test_yaml_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    with pytest.raises(LevelError) as info:
        load_campaign(BROKEN / "yaml_bomb")
    assert time.perf_counter() - start < 0.5
    assert info.value.problems[0].code == "alias_bomb"


_NESTED = [
    "[" * 100_000 + "]" * 100_000,
    "[" * 1_500,
    "- " * 20_000 + "x",
    "{a: " * 5_000 + "1" + "}" * 5_000,
]

_REPORT_DEPTH = """
import json, sys
import yaml
if sys.argv[1] == "pure":
    for name in ("CSafeLoader", "CLoader", "CParser"):
        yaml.__dict__.pop(name, None)
from escape_game.loading import LevelError, load_campaign
try:
    load_campaign(sys.argv[2])
except LevelError as error:
    p = error.problems[0]
    print(json.dumps([p.code, p.line, p.column, p.message]))
"""


def _write_nested(nested: str, folder: Path) -> Path:
    level = folder / "campaign.yaml"
    level.write_text("format: 1\ntheme: " + ("\n" if nested.startswith("-") else "") + nested,
                     "utf-8")
    return level


@pytest.mark.parametrize("nested", _NESTED)
def test_extreme_nesting_is_refused_without_crashing(nested: str, tmp_path: Path) -> None:
    with pytest.raises(LevelError) as info:
        load_campaign(_write_nested(nested, tmp_path))
    problem = info.value.problems[0]
    assert problem.code == "too_deep"
    assert "nested more than 64 levels deep" in problem.message


@pytest.mark.parametrize("nested", _NESTED)
def test_nesting_answer_does_not_depend_on_the_yaml_parser(nested: str, tmp_path: Path) -> None:
    """libyaml (with or without its own nesting limit) and pure-Python PyYAML agree exactly."""
    level = _write_nested(nested, tmp_path)
    answers = []
    for parser in ("c", "pure"):
        run = subprocess.run([sys.executable, "-c", _REPORT_DEPTH, parser, str(level)],
                             capture_output=True, text=True, timeout=120, check=False)
        assert run.returncode == 0, run.stderr[-2000:]
        answers.append(json.loads(run.stdout))
    assert answers[0] == answers[1]
    assert answers[0][0] == "too_deep"


def test_yaml_1_1_words_stay_strings(tmp_path: Path) -> None:
    level = tmp_path / "campaign.yaml"
    level.write_text(
        "format: 1\nid: demo\ntitle: {en: Demo, no: Demo}\nlanguages: [en, no]\n"
        "start: {room: hall, money: 0}\nrooms:\n  - id: hall\n"
        "    title: {en: 'on', no: yes}\n    description: {en: off, no: n}\n", "utf-8")
    loaded = load_campaign(level)
    room = loaded.campaign.rooms[0]
    assert loaded.campaign.languages == ("en", "no")
    assert room.title == {"en": "on", "no": "yes"}
    assert room.description == {"en": "off", "no": "n"}


@pytest.mark.parametrize("data", [
    {"include": ["\x00"]},
    {"include": ["é" * 300]},
    {"include": ["a/" * 3000]},
    {"rooms": [{"id": "h", "title": "t", "description": "d", "background": "é" * 200}]},
    {"rooms": [{"id": "h", "title": "t", "description": "d", "background": "a\x00b"}]},
])
def test_unopenable_paths_are_problems_not_crashes(data: dict[str, Any], tmp_path: Path) -> None:
    base = {"format": 1, "id": "x", "title": "T", "languages": ["en"],
            "start": {"room": "h", "money": 0}}
    (tmp_path / "campaign.yaml").write_text(yaml.safe_dump({**base, **data}), "utf-8")
    with pytest.raises(LevelError) as info:
        load_campaign(tmp_path)
    assert all(p.code.startswith(("include", "asset", "unknown")) for p in info.value.problems)
