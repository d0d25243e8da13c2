"""A picture of a level: rooms, exits and their conditions, puzzles, items, threats and the
shop, coloured by what the checker proved. SVG is written here; PNG by escape_game.ui.map_png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from escape_game.levelmap.drawing import Drawing, layout
from escape_game.levelmap.facts import MapFacts, gather
from escape_game.levelmap.svg import to_svg

__all__ = ["Drawing", "MapFacts", "gather", "layout", "map_drawing", "to_svg", "write_map"]


def map_drawing(campaign: Any, report: Any = None, lang: str | None = None) -> Drawing:
    return layout(gather(campaign, report, lang), has_report=report is not None)


def write_map(drawing: Drawing, path: Path, scale: float = 1.0) -> None:
    """SVG or PNG by the file's suffix (ValueError for any other)."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        path.write_text(to_svg(drawing), encoding="utf-8")
    elif suffix == ".png":
        from escape_game.ui.map_png import save_png

        save_png(drawing, path, scale)
    else:
        raise ValueError(f"a map is written as .svg or .png, not {suffix or 'no suffix'!r}")
