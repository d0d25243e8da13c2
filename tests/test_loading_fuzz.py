"""Whatever a file holds, the loader answers with a level or a LevelError, never a crash."""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escape_game.check.explore import plausible_actions
from escape_game.core import GameState, Level, new_game, step
from escape_game.loading import LevelError, LoadedCampaign, load_campaign
from escape_game.model.numbers import MAX_DIGITS
from telemetry.records import action_data, event_data

TUTORIAL = Path(__file__).resolve().parent.parent / "levels" / "tutorial"
# LOADER_FUZZ_EXAMPLES=2000 runs a longer search before a release.
SETTINGS = settings(max_examples=int(os.environ.get("LOADER_FUZZ_EXAMPLES", "100")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _load_text(text: str | bytes, extra: dict[str, str] | None = None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "campaign.yaml"
        if isinstance(text, bytes):
            root.write_bytes(text)
        else:
            root.write_text(text, encoding="utf-8")
        for name, content in (extra or {}).items():
            (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / name).write_text(content, encoding="utf-8")
        _load(Path(tmp))


def _load(level: Path) -> None:
    try:
        loaded = load_campaign(level)
    except LevelError as exc:
        assert exc.problems, "a LevelError always lists its problems"
        for problem in exc.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message and len(problem.message) < 600
    else:
        assert isinstance(loaded, LoadedCampaign)
        _plays(loaded)


def _plays(loaded: LoadedCampaign) -> None:
    """What the loader accepts plays: a short session, its events as telemetry keeps them,
    and its state as a save keeps it."""
    level = Level.from_campaign(loaded.campaign)
    result = new_game(level, 7)
    for event in result.events:
        event_data(event)
    for _ in range(12):
        if result.state.over:
            break
        options = plausible_actions(level, result.state)
        action = options[(result.state.steps * 7) % len(options)]
        action_data(action)
        result = step(level, result.state, action)
        for event in result.events:
            event_data(event)
    assert GameState.from_json(result.state.to_json()) == result.state


YAMLISH = st.text(alphabet=st.one_of(st.sampled_from(list("abc :-[]{}&*!#|>'\"\n\t 0123,.%@`~?<=")),
                                     st.characters(codec="utf-8")), max_size=300)


@SETTINGS
@given(YAMLISH)
def test_random_yaml_text(text: str) -> None:
    _load_text(text)


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes(raw: bytes) -> None:
    _load_text(raw)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["hall", "en", "fr", "code_lock",
                                                           "enter", "0042", "1.5", "yes"]))
KEYS = st.one_of(st.text(max_size=10), st.sampled_from(
    ["id", "rooms", "format", "title", "languages", "start", "room", "money", "kind", "when",
     "include", "objects", "exits", "to", "items", "concepts", "code", "image", "<<"]))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)


@SETTINGS
@given(st.dictionaries(KEYS, DATA, max_size=8))
def test_random_nested_data(data: dict[str, Any]) -> None:
    _load_text(yaml.safe_dump(data, allow_unicode=True))


def _tutorial_data() -> dict[str, dict[str, Any]]:
    return {str(p.relative_to(TUTORIAL)): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(TUTORIAL.rglob("*.yaml"))}


TUTORIAL_DATA = _tutorial_data()


def value_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in nested YAML data (keys and indexes from the root), the root first."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(value_paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found.extend(value_paths(value, (*prefix, i)))
    return found


@st.composite
def mutated_tutorial(draw: st.DrawFn) -> dict[str, Any]:
    files = copy.deepcopy(TUTORIAL_DATA)
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(files)))
        paths = value_paths(files[name])[1:]
        if not paths:
            continue
        path = draw(st.sampled_from(paths))
        parent = files[name]
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "rename", "duplicate"]))
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(DATA)
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(KEYS)] = parent.pop(last)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
    return files


@pytest.mark.slow
@SETTINGS
@given(mutated_tutorial())
def test_mutations_of_the_tutorial(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        level = Path(tmp) / "tutorial"
        shutil.copytree(TUTORIAL, level)
        for name, data in files.items():
            (level / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        _load(level)


TUTORIAL_TEXTS = {str(p.relative_to(TUTORIAL)): p.read_text(encoding="utf-8")
                  for p in sorted(TUTORIAL.rglob("*.yaml"))}


@SETTINGS
@given(st.sampled_from(sorted(TUTORIAL_TEXTS)), st.data())
def test_text_edits_of_the_tutorial(name: str, data: st.DataObject) -> None:
    """Typing accidents: characters deleted, inserted or replaced anywhere in a file."""
    text = TUTORIAL_TEXTS[name]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 20))
        insert = data.draw(st.text(alphabet=st.sampled_from(list(" \t\n:-#'\"[]{}&*!|>?,x0é")),
                                   max_size=5))
        text = text[:at] + insert + text[at + cut:]
    with tempfile.TemporaryDirectory() as tmp:
        level = Path(tmp) / "tutorial"
        shutil.copytree(TUTORIAL, level)
        (level / name).write_text(text, encoding="utf-8")
        _load(level)


@st.composite
def long_numbers(draw: st.DrawFn) -> str:
    """A number as YAML writes it, around and far past the bound on digits."""
    digits = draw(st.one_of(st.integers(MAX_DIGITS - 2, MAX_DIGITS + 2), st.integers(1, 6_000)))
    form = draw(st.sampled_from(["dec", "hex", "oct", "float", "exp", "zeros", "quoted"]))
    body = "".join(draw(st.lists(st.sampled_from("123456789"), min_size=digits,
                                 max_size=digits)))
    sign = draw(st.sampled_from(["", "-", "+"]))
    octal = body.replace("9", "7").replace("8", "7")
    return {"dec": sign + body, "hex": f"{sign}0x{body}", "oct": f"{sign}0o{octal}",
            "float": f"{sign}{body[:len(body) // 2]}.{body[len(body) // 2:]}",
            "exp": f"{sign}1e{body[:8]}", "zeros": sign + "0" * digits + "5",
            "quoted": f'"{sign}{body}"'}[form]


@SETTINGS
@given(st.sampled_from(sorted(TUTORIAL_TEXTS)), st.data())
def test_long_numbers_anywhere_in_the_tutorial(name: str, data: st.DataObject) -> None:
    """Any value of a file replaced by a long number: refused where it is, or the level plays."""
    text = TUTORIAL_TEXTS[name]
    spots = [i for i, ch in enumerate(text) if ch == ":" and text[i + 1:i + 2] == " "]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.sampled_from(spots)) + 2
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if text[at:at + 1] in ("|", ">", ""):
            continue
        text = text[:at] + data.draw(long_numbers()) + text[end:]
    with tempfile.TemporaryDirectory() as tmp:
        level = Path(tmp) / "tutorial"
        shutil.copytree(TUTORIAL, level)
        (level / name).write_text(text, encoding="utf-8")
        _load(level)


LINK_TARGETS = ["outside", "inside", "dangling", "folder", "self", "outside_folder"]


@SETTINGS
@given(st.sampled_from(["campaign.yaml", "rooms/hall.yaml", "level"]),
       st.sampled_from(LINK_TARGETS), st.booleans())
def test_symlinked_roots_and_files(which: str, target: str, given_file: bool) -> None:
    """Links anywhere in a level: never followed out of it, never a crash, nothing shown."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        secret = base / "secret.yaml"
        secret.write_text("format: 1\nid: SECRET-CONTENT\n", encoding="utf-8")
        (base / "elsewhere").mkdir()
        (base / "elsewhere" / "campaign.yaml").write_text("SECRET-CONTENT: [\n")
        real = base / "real"
        shutil.copytree(TUTORIAL, real)
        level = base / "level"
        if which == "level":
            level.symlink_to(real if target != "outside_folder" else base / "elsewhere",
                             target_is_directory=True)
        else:
            level = real
            link = level / which
            link.unlink()
            link.symlink_to({"outside": secret, "inside": level / "rooms",
                             "dangling": level / "gone.yaml", "folder": level,
                             "self": link, "outside_folder": base / "elsewhere"}[target])
        path = level / "campaign.yaml" if given_file else level
        try:
            load_campaign(path)
        except LevelError as exc:
            assert exc.problems
            if which != "level":  # a linked level folder is the level the teacher named
                assert all("SECRET" not in p.message for p in exc.problems)
