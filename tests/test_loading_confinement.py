"""The level is its folder: a root file linked out of it is never read or shown."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from locations import LEVELS

from escape_game.cli import main
from escape_game.loading import LevelError, load_campaign

SECRET = "root:x:0:0:SECRET-LINE:/root:/bin/bash\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


@pytest.mark.parametrize("given", ["folder", "file"])
def test_a_root_file_linked_out_of_the_folder_is_refused_unread(
    tmp_path: Path, outside: Path, capsys: pytest.CaptureFixture[str], given: str
) -> None:
    level = tmp_path / "level"
    level.mkdir()
    (level / "campaign.yaml").symlink_to(outside)
    path = level if given == "folder" else level / "campaign.yaml"
    with pytest.raises(LevelError) as info:
        load_campaign(path)
    [problem] = info.value.problems
    assert problem.code == "root_link" and "SECRET" not in problem.message
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "leads out of the level folder" in out
    assert "SECRET" not in out + err and "root:x" not in out + err


def test_a_root_file_linked_inside_its_folder_and_a_linked_level_folder_load(
    tmp_path: Path
) -> None:
    level = tmp_path / "tutorial"
    shutil.copytree(LEVELS / "tutorial", level)
    (level / "campaign.yaml").rename(level / "v2.yaml")
    (level / "campaign.yaml").symlink_to("v2.yaml")
    assert load_campaign(level).campaign.id
    linked = tmp_path / "linked"
    linked.symlink_to(level, target_is_directory=True)
    assert load_campaign(linked).campaign.id


def test_a_dangling_link_or_a_pipe_as_root_is_refused(tmp_path: Path) -> None:
    dangling = tmp_path / "a" / "campaign.yaml"
    dangling.parent.mkdir()
    dangling.symlink_to(tmp_path / "a" / "gone.yaml")
    with pytest.raises(LevelError):
        load_campaign(dangling)
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    with pytest.raises(LevelError) as info:
        load_campaign(pipe)  # would block forever if it were opened
    assert "not a plain file" in info.value.problems[0].message


def test_a_loop_of_links_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    level = tmp_path / "tutorial"
    shutil.copytree(LEVELS / "tutorial", level)
    hall = level / "rooms" / "hall.yaml"
    hall.unlink()
    hall.symlink_to(hall)
    with pytest.raises(LevelError) as info:
        load_campaign(level)
    assert any(p.code == "include_path" for p in info.value.problems)
    root = tmp_path / "loop" / "campaign.yaml"
    root.parent.mkdir()
    root.symlink_to(root)
    with pytest.raises(LevelError):
        load_campaign(root.parent)
    with pytest.raises(LevelError):
        load_campaign(root)
