"""The map as SVG text: no library, so the game installs without one."""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from escape_game.levelmap.drawing import Box, Drawing, Label, Path

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
#: the baseline sits this far below the top of a line, in em (DejaVu Sans' ascent)
ASCENT = 0.93


def _title(tooltip: str) -> str:
    return f"<title>{escape(tooltip)}</title>" if tooltip else ""


def arrow_head(points: tuple[tuple[float, float], ...], size: float = 9.0) -> list[
        tuple[float, float]]:
    """The three corners of an arrow head at the end of a path."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    angle = math.atan2(y1 - y0, x1 - x0)
    left = (x1 - size * math.cos(angle - 0.4), y1 - size * math.sin(angle - 0.4))
    right = (x1 - size * math.cos(angle + 0.4), y1 - size * math.sin(angle + 0.4))
    return [(x1, y1), left, right]


def to_svg(drawing: Drawing) -> str:
    w, h = math.ceil(drawing.width), math.ceil(drawing.height)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           f'viewBox="0 0 {w} {h}" font-family={quoteattr(FONT_FAMILY)}>',
           f'<rect width="100%" height="100%" fill="{drawing.background}"/>']
    for item in drawing.items:
        if isinstance(item, Box):
            dash = ' stroke-dasharray="6 4"' if item.dash else ""
            out.append(f'<rect x="{item.x:.1f}" y="{item.y:.1f}" width="{item.w:.1f}" '
                       f'height="{item.h:.1f}" rx="6" fill="{item.fill}" stroke="{item.stroke}" '
                       f'stroke-width="{item.width}"{dash}>{_title(item.tooltip)}</rect>')
        elif isinstance(item, Path):
            dash = ' stroke-dasharray="7 5"' if item.dash else ""
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in item.points)
            out.append(f'<polyline points="{points}" fill="none" stroke="{item.stroke}" '
                       f'stroke-width="{item.width}"{dash}/>')
            if item.arrow and len(item.points) >= 2:
                head = " ".join(f"{x:.1f},{y:.1f}" for x, y in arrow_head(item.points))
                out.append(f'<polygon points="{head}" fill="{item.stroke}"/>')
        elif isinstance(item, Label):
            weight = ' font-weight="bold"' if item.bold else ""
            out.append(f'<text x="{item.x:.1f}" y="{item.y + item.size * ASCENT:.1f}" '
                       f'font-size="{item.size}" fill="{item.colour}"{weight} '
                       f'xml:space="preserve">{escape(item.text)}{_title(item.tooltip)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
