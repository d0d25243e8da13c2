"""The teacher docs cover what a teacher meets, and their examples run."""

from __future__ import annotations

from pathlib import Path

import pytest

from escape_game.cli import main
from escape_game.commands.schema import FIELD_HELP

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def test_the_action_file_example_plays_to_the_end(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    text = (DOCS / "checking-levels.md").read_text("utf-8")
    block = text.split("# tutorial_win.yaml")[1].split("```")[0].split("\n", 1)[1]
    actions = tmp_path / "tutorial_win.yaml"
    actions.write_text(block, "utf-8")
    assert main(["run", str(ROOT / "levels" / "tutorial"), "--actions", str(actions)]) == 0
    assert "outcome: escaped" in capsys.readouterr().out


@pytest.mark.parametrize(("doc", "needle"), [
    ("level-format.md", "| `details` |"),
    ("level-format.md", "position: {x: 0.9, y: 0.5}        # where its door sits"),
    ("level-format.md", "there\nis no `glossary` key"),
    ("checking-levels.md", "| `wait` | `ms` |"),
    ("checking-levels.md", "![Map of the Risk Academy](maps/risk_academy.png)"),
    ("editor-setup.md", "escape-game schema --editor"),
])
def test_the_docs_say_it(doc: str, needle: str) -> None:
    assert needle in (DOCS / doc).read_text("utf-8")


def test_the_maps_shown_in_the_docs_exist() -> None:
    for name in ("tutorial", "risk_academy"):
        for suffix in ("svg", "png"):
            assert (DOCS / "maps" / f"{name}.{suffix}").stat().st_size > 1000


def test_details_and_position_have_hover_help() -> None:
    assert "threat" in FIELD_HELP["details"] and "picture" in FIELD_HELP["position"]
