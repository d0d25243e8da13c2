"""Renamed keys: an old level loads the same, warns where it is old, and upgrades in place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from escape_game.check import check_level
from escape_game.cli import main
from escape_game.core import Level
from escape_game.core.rules import new_game, step
from escape_game.loading import LevelError, LoadedCampaign, load_campaign
from escape_game.loading.spelling import OLD_KEY, respell
from escape_game.model.base import old_spellings

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "tests" / "fixtures" / "old_keys"
#: Every level of the tree that loads: shipped levels and the fixtures that are levels.
LOADABLE = [
    ROOT / "levels" / "tutorial",
    ROOT / "levels" / "risk_academy",
    ROOT / "tests" / "fixtures" / "core" / "levels" / "mini",
    ROOT / "tests" / "fixtures" / "telemetry" / "vault",
    ROOT / "tests" / "ui" / "fixtures" / "mini",
    ROOT / "tests" / "fixtures" / "unsolvable" / "key_behind_door",
    ROOT / "tests" / "fixtures" / "unsolvable" / "unreachable_puzzle",
]


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def _files(level: Path) -> dict[str, bytes]:
    return {p.relative_to(level).as_posix(): p.read_bytes()
            for p in sorted(level.rglob("*.yaml"))}


def _old_key_warnings(loaded: LoadedCampaign) -> list[tuple[str, int, int, str]]:
    return [(p.file.name, p.line, p.column, p.message) for p in loaded.warnings
            if p.code == OLD_KEY]


def test_the_fixture_writes_every_old_key_of_the_format() -> None:
    loaded = load_campaign(OLD)
    written = {s.written for _, _, spellings in loaded.spellings() for s in spellings}
    every_old = {old for olds in old_spellings().values() for old in olds}
    assert every_old and every_old <= written


def test_an_old_key_is_a_located_warning_that_names_the_new_key_and_the_command() -> None:
    loaded = load_campaign(OLD)
    warnings = _old_key_warnings(loaded)
    assert len(warnings) == 10
    assert [p.severity for p in loaded.warnings if p.code == OLD_KEY] == ["warning"] * 10
    flag = next(w for w in warnings if w[1] == 26)
    assert flag[:3] == ("campaign.yaml", 26, 22)
    assert "'flag' is the old name of 'has_flag'" in flag[3]
    assert f"run `escape-game upgrade {OLD / 'campaign.yaml'}`" in flag[3]
    lines = (OLD / "campaign.yaml").read_text("utf-8").splitlines()
    for name, line, column, message in warnings:
        text = lines if name == "campaign.yaml" else \
            (OLD / "rooms" / name).read_text("utf-8").splitlines()
        old = re.search(r"'(\w+)' is the old name", message)
        assert old is not None
        at = text[line - 1][column - 1:]
        assert re.match(r"['\"]?" + old.group(1) + r"['\"]?:", at), (line, at)


def test_old_and_new_spelling_load_to_the_same_level_and_hash(tmp_path: Path) -> None:
    old = load_campaign(OLD)
    level = _copy(OLD, tmp_path)
    assert main(["upgrade", str(level)]) == 0
    new = load_campaign(level)
    assert _old_key_warnings(new) == []
    assert new.content_hash == old.content_hash
    assert new.campaign == old.campaign
    assert _played(new) == _played(old)
    assert new.warnings == []


def _played(loaded: LoadedCampaign) -> tuple[object, ...]:
    """What the checker proves and what playing its shortest way out does, event by event."""
    level = Level.from_campaign(loaded.campaign)
    report = check_level(level)
    assert report.winnable and report.shortest
    result = new_game(level, seed=7)
    events = list(result.events)
    state = result.state
    for move in report.shortest:
        for action in move.actions:
            result = step(level, state, action)
            state = result.state
            events.extend(result.events)
    assert state.outcome == "escaped"
    assert {"FlagSet", "ItemUsed", "ExitUnlocked", "ThreatStruck"} <= {
        type(e).__name__ for e in events}
    return report.states, report.findings, state, events


def test_upgrade_changes_only_the_old_key_tokens(tmp_path: Path) -> None:
    level = _copy(OLD, tmp_path)
    before = _files(level)
    assert main(["upgrade", str(level)]) == 0
    after = _files(level)
    assert before.keys() == after.keys()
    renames = {old: new for new, olds in old_spellings().items() for old in olds}
    changed = 0
    for name in before:
        old_lines = before[name].decode().split("\n")
        new_lines = after[name].decode().split("\n")
        assert len(old_lines) == len(new_lines)
        for was, now in zip(old_lines, new_lines, strict=True):
            if "#" in was:
                assert was.split("#", 1)[1] == now.split("#", 1)[1]  # comments kept
            if was != now:
                changed += 1
                before_words = re.findall(r"\w+|\W+", was)
                after_words = re.findall(r"\w+|\W+", now)
                differ = [(a, b) for a, b in zip(before_words, after_words, strict=True)
                          if a != b]
                assert len(differ) == 1 and renames[differ[0][0]] == differ[0][1], (was, now)
    assert changed == 10  # one line per old key
    text = after["campaign.yaml"].decode()
    assert '"incorrect_message": Wrong.        # old, with its key in quotes' in text
    assert "{id: b, text: B, 'message': 'Yes.'}" in text
    assert "- id: feedback                    # an id that reads like an old key stays" in text
    assert "answer: {flag: feedback, effects: message}" in after["rooms/vault.yaml"].decode()


def test_upgrading_twice_changes_nothing_and_check_says_so(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    level = _copy(OLD, tmp_path)
    assert main(["upgrade", "--check", str(level)]) == 1
    assert _files(level) == _files(OLD)  # --check writes nothing
    out = capsys.readouterr().out
    assert "would rename 8 old keys" in out and "would rename 2 old keys" in out
    assert main(["upgrade", str(level)]) == 0
    once = _files(level)
    assert main(["upgrade", str(level)]) == 0
    assert _files(level) == once
    assert main(["upgrade", "--check", str(level)]) == 0
    assert "up to date (no old keys)" in capsys.readouterr().out
    assert not list(level.rglob(".*.upgrading"))


def test_upgrade_keeps_a_byte_order_mark_and_windows_line_ends(tmp_path: Path) -> None:
    level = _copy(OLD, tmp_path)
    root = level / "campaign.yaml"
    original = root.read_bytes().replace(b"\n", b"\r\n")
    root.write_bytes(b"\xef\xbb\xbf" + original)
    old_hash = load_campaign(level).content_hash
    assert main(["upgrade", str(level)]) == 0
    upgraded = root.read_bytes()
    assert upgraded.startswith(b"\xef\xbb\xbf") and upgraded.count(b"\r\n") == \
        original.count(b"\r\n") and b"\n" not in upgraded.replace(b"\r\n", b"")
    assert b"visible_if: {has_flag: lights}          # old: the condition 'flag'\r\n" in upgraded
    again = load_campaign(level)
    assert again.content_hash == old_hash and _old_key_warnings(again) == []


def test_upgrade_works_on_a_folder_of_levels(tmp_path: Path) -> None:
    _copy(OLD, tmp_path)
    shutil.copytree(ROOT / "levels" / "tutorial", tmp_path / "tutorial")
    tutorial = _files(tmp_path / "tutorial")
    assert main(["upgrade", "--check", str(tmp_path)]) == 1
    assert main(["upgrade", str(tmp_path)]) == 0
    assert _old_key_warnings(load_campaign(tmp_path / "old_keys")) == []
    assert _files(tmp_path / "tutorial") == tutorial
    assert main(["upgrade", "--check", str(tmp_path)]) == 0


def test_upgrade_refuses_a_level_that_does_not_load(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    level = _copy(OLD, tmp_path)
    root = level / "campaign.yaml"
    broken = root.read_text("utf-8").replace("to: vault", "to: vaullt")
    root.write_text(broken, "utf-8")
    before = _files(level)
    assert main(["upgrade", str(level)]) == 1
    assert _files(level) == before
    err = capsys.readouterr().err
    assert "unknown room 'vaullt'" in err
    assert "not upgraded: the level does not load" in err
    assert main(["upgrade", str(tmp_path / "nowhere")]) == 2


def test_an_old_and_a_new_key_together_are_an_error_at_the_old_one(tmp_path: Path) -> None:
    level = _copy(OLD, tmp_path)
    root = level / "campaign.yaml"
    text = root.read_text("utf-8").replace("correct_feedback: Right.",
                                           "correct_feedback: Right.\n        correct_message: R.")
    root.write_text(text, "utf-8")
    with pytest.raises(LevelError) as caught:
        load_campaign(level)
    [error] = caught.value.errors
    assert (error.line, error.column) == (44, 9)
    assert "'correct_feedback' is the old name of 'correct_message', which is written here " \
           "too; keep only 'correct_message'" in error.message


def test_a_mistake_under_an_old_key_is_located_under_it(tmp_path: Path) -> None:
    level = _copy(OLD, tmp_path)
    root = level / "campaign.yaml"
    root.write_text(root.read_text("utf-8").replace("- unlock_exit: to_vault",
                                                    "- unlock_exit: to_vaullt"), "utf-8")
    with pytest.raises(LevelError) as caught:
        load_campaign(level)
    [error] = caught.value.errors
    assert (error.file.name, error.line) == ("campaign.yaml", 32)
    assert "to_vaullt" in error.message


@pytest.mark.parametrize("level", LOADABLE, ids=lambda p: p.name)
def test_every_level_hashes_the_same_written_the_old_way(level: Path, tmp_path: Path) -> None:
    """The levels were upgraded with their hashes kept: writing them back is the proof."""
    loaded = load_campaign(level)
    assert _old_key_warnings(loaded) == []
    copy = _copy(level, tmp_path)
    for path, text, spellings in loaded.spellings():
        target = copy / path.resolve().relative_to(level.resolve())
        target.write_text(respell(text, spellings, "old"), "utf-8")
    old = load_campaign(copy)
    renamed = sum(len(s) for _, _, s in loaded.spellings())
    assert len(_old_key_warnings(old)) == renamed
    assert old.content_hash == loaded.content_hash
    assert old.campaign == loaded.campaign


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_mix_of_spellings_is_the_same_level(tmp_path_factory: pytest.TempPathFactory,
                                                data: st.DataObject) -> None:
    reference = load_campaign(OLD)
    level = _copy(OLD, tmp_path_factory.mktemp("mix"))
    expected_old = 0
    for path, text, spellings in reference.spellings():
        chosen = [s for s in spellings if data.draw(st.booleans(), label=f"{s.spot}")]
        expected_old += len(spellings) - len(chosen)
        target = level / path.resolve().relative_to(OLD.resolve())
        target.write_text(respell(text, chosen, "new"), "utf-8")
    mixed = load_campaign(level)
    assert mixed.content_hash == reference.content_hash
    assert mixed.campaign == reference.campaign
    assert len(_old_key_warnings(mixed)) == expected_old
    assert main(["upgrade", str(level)]) == 0
    upgraded = load_campaign(level)
    assert _old_key_warnings(upgraded) == [] and upgraded.content_hash == reference.content_hash


_LF_LINES = (OLD / "campaign.yaml").read_text("utf-8").split("\n")


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endings=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(_LF_LINES) - 1,
                        max_size=len(_LF_LINES) - 1),
       bom=st.booleans())
def test_upgrade_keeps_every_line_ending_as_it_was(tmp_path_factory: pytest.TempPathFactory,
                                                   endings: list[str], bom: bool) -> None:
    upgraded_lf = tmp_path_factory.mktemp("lf")
    _copy(OLD, upgraded_lf)
    assert main(["upgrade", str(upgraded_lf / OLD.name)]) == 0
    new_lines = (upgraded_lf / OLD.name / "campaign.yaml").read_text("utf-8").split("\n")

    def joined(lines: list[str]) -> str:
        return ("\ufeff" if bom else "") + "".join(
            line + end for line, end in zip(lines, [*endings, ""], strict=True))

    level = _copy(OLD, tmp_path_factory.mktemp("mixed"))
    (level / "campaign.yaml").write_bytes(joined(_LF_LINES).encode("utf-8"))
    assert main(["upgrade", str(level)]) == 0
    assert (level / "campaign.yaml").read_bytes() == joined(new_lines).encode("utf-8")


_SHARED = """\
format: 1
id: shared
title: &word flag
languages: [en]
start: {room: a, money: 0}
rooms:
  - id: a
    title: A
    description: A
    on_enter: [{set_flag: x}]
    exits:
      - {id: e, to: a, label: E, condition: {*word : x}}
    objects:
      - {id: o, name: O, description: O, puzzle: p1}
    puzzles:
      - &base {id: p1, kind: code_lock, title: P, prompt: P, code: "1",
               correct_feedback: Yes., on_success: [{escape: true}]}
      - {<<: *base, id: p2}
"""


def test_keys_shared_through_anchors_are_renamed_where_written(tmp_path: Path) -> None:
    """`<<: *base` copies a key written once; a key spelled through an alias is not a token
    to replace (renaming it would rename the title it borrows), so it is left as it is."""
    level = tmp_path / "shared"
    level.mkdir()
    (level / "campaign.yaml").write_text(_SHARED, "utf-8")
    before = load_campaign(level)
    assert [(p.line, p.column) for p in before.warnings if p.code == OLD_KEY] == [(17, 16)]
    assert main(["upgrade", str(level)]) == 0
    after = load_campaign(level)
    assert after.warnings == []
    assert after.campaign == before.campaign and after.content_hash == before.content_hash
    assert (level / "campaign.yaml").read_text("utf-8") == _SHARED.replace(
        "correct_feedback: Yes.", "correct_message: Yes.")
