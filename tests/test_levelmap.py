"""`escape-game map`: a picture of the level that shows everything and cuts nothing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from escape_game.check import check_level
from escape_game.cli import main
from escape_game.core import Level
from escape_game.levelmap import Drawing, map_drawing, to_svg
from escape_game.levelmap.drawing import PAD, Box, Label
from escape_game.loading import LoadedCampaign, load_campaign
from escape_game.text_metrics import text_width

ROOT = Path(__file__).resolve().parents[1]
LEVELS = [ROOT / "levels" / "tutorial", ROOT / "levels" / "risk_academy",
          *sorted((ROOT / "tests" / "fixtures" / "unsolvable").iterdir())]


def _drawing(path: Path) -> tuple[LoadedCampaign, Drawing]:
    loaded = load_campaign(path)
    report = check_level(Level.from_campaign(loaded.campaign))
    return loaded, map_drawing(loaded.campaign, report)


@pytest.mark.parametrize("path", LEVELS, ids=lambda p: p.name)
def test_every_room_is_drawn_and_no_text_leaves_its_box(path: Path) -> None:
    loaded, drawing = _drawing(path)
    boxes = [b for b in drawing.items if isinstance(b, Box) and b.w > 100]
    labels = [x for x in drawing.items if isinstance(x, Label)]
    titles = " ".join(x.text for x in labels)
    for room in loaded.campaign.rooms:
        assert f"{room.id} ·" in titles
    for label in labels:
        inside = [b for b in boxes if b.x <= label.x <= b.x + b.w and b.y <= label.y <= b.y + b.h]
        right = label.x + text_width(label.text, label.font, label.size)
        if inside:
            assert right <= inside[0].x + inside[0].w - PAD / 2, label.text
            assert label.y + label.size <= inside[0].y + inside[0].h, label.text
        assert right <= drawing.width


def test_the_svg_is_well_formed_and_marks_what_the_checker_proved() -> None:
    _, drawing = _drawing(ROOT / "tests" / "fixtures" / "unsolvable" / "key_behind_door")
    svg = to_svg(drawing)
    root = ET.fromstring(svg)
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "CANNOT be won" in texts
    assert "study · Study" in texts and "UNREACHABLE" in texts
    assert "key (Key): found at study/key_hook; used at hall/door_lock" in texts
    dashed = [r for r in root.iter("{http://www.w3.org/2000/svg}rect")
              if r.get("stroke-dasharray")]
    assert len(dashed) >= 3  # the legend's swatch and the two rooms no play reaches


def test_the_committed_maps_are_up_to_date() -> None:
    for name in ("tutorial", "risk_academy"):
        _, drawing = _drawing(ROOT / "levels" / name)
        committed = (ROOT / "docs" / "maps" / f"{name}.svg").read_text("utf-8")
        assert to_svg(drawing) == committed, (
            f"run: escape-game map levels/{name} -o docs/maps/{name}.svg (and .png)")


def test_the_command_writes_svg_and_png(tmp_path: Path) -> None:
    svg, png = tmp_path / "m.svg", tmp_path / "m.png"
    assert main(["map", str(ROOT / "levels" / "tutorial"), "-o", str(svg)]) == 0
    assert main(["map", str(ROOT / "levels" / "tutorial"), "-o", str(png), "--no-check"]) == 0
    assert svg.read_text("utf-8").startswith("<svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_calls_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    level = str(ROOT / "levels" / "tutorial")
    assert main(["map", level, "-o", str(tmp_path / "m.gif")]) == 2
    assert main(["map", level, "-o", str(tmp_path / "m.svg"), "--lang", "de"]) == 2
    assert main(["validate", "--map", str(tmp_path / "m.svg"), level]) == 2
    assert "--map needs --deep" in capsys.readouterr().err


def test_validate_deep_draws_the_map(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    assert main(["validate", "--deep", "--map", str(out), str(ROOT / "levels" / "tutorial")]) == 0
    assert "office · Office" in out.read_text("utf-8")
