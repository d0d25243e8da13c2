"""A map laid out as boxes, paths and labels, which the SVG writer and the PNG painter draw.

Rooms stand in columns by how many exits separate them from the start; each exit's arrow
leaves its own line in the room box, so a teacher can follow it. Status is shown by colour
and by words (for readers who do not see the colours).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from escape_game.levelmap.facts import MapFacts, RoomFacts
from escape_game.text_metrics import text_width, wrap

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
TEXT_SIZE = 13
TITLE_SIZE = 15
HEADING_SIZE = 20
LINE_H = 18
BOX_W = 360
PAD = 10
COLUMN_GAP = 110
ROW_GAP = 36
MARGIN = 30
CURVE_POINTS = 24
#: columns side by side before the map continues in a band below (long levels stay readable)
BAND_COLUMNS = 3
BAND_GAP = 70

Point = tuple[float, float]
#: status -> (fill, stroke, text colour, word)
COLOURS: dict[str, tuple[str, str, str, str]] = {
    "ok": ("#e8f5e9", "#2e7d32", "#1b1b1b", ""),
    "warning": ("#fff6d5", "#b07d00", "#6d4c00", "warning"),
    "dead_end": ("#ffe5e5", "#c62828", "#b71c1c", "dead end"),
    "unreachable": ("#ececec", "#6b6b6b", "#5a5a5a", "unreachable"),
    "unknown": ("#f3f5f7", "#455a64", "#1b1b1b", ""),
}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str
    width: float = 1.5
    dash: bool = False
    tooltip: str = ""


@dataclass(frozen=True)
class Path:
    points: tuple[Point, ...]
    stroke: str
    width: float = 1.6
    dash: bool = False
    arrow: bool = True


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    """Top of the text line."""
    text: str
    size: float = TEXT_SIZE
    colour: str = "#1b1b1b"
    bold: bool = False
    tooltip: str = ""

    @property
    def font(self) -> str:
        return BOLD if self.bold else FONT


@dataclass
class Drawing:
    width: float
    height: float
    background: str = "#ffffff"
    items: list[Box | Path | Label] = field(default_factory=list)


@dataclass
class _Placed:
    room: RoomFacts
    x: float
    y: float
    h: float
    lines: list[tuple[float, str, str, str]]  # (y, text, colour, tooltip)
    exit_y: dict[str, float]
    head: list[tuple[str, bool]]  # (text, is the tag line)


def _head_lines(room: RoomFacts, has_report: bool) -> list[tuple[str, bool]]:
    """The title, wrapped, then a line of tags (start, escape, status) when there are any."""
    title = wrap(f"{room.id} · {room.title}", BOLD, TITLE_SIZE, BOX_W - 2 * PAD)
    status = room.status if has_report else "unknown"
    tags = [t for t, on in (("START", room.start), ("★ ESCAPE", room.escape)) if on]
    word = COLOURS[status][3]
    if word:
        tags.append(word.upper())
    return [(t, False) for t in title] + ([("  ·  ".join(tags), True)] if tags else [])


def _room_lines(room: RoomFacts, has_report: bool) -> tuple[list[tuple[str, str, str]],
                                                            list[int]]:
    """(text, status, tooltip) of each wrapped line, and where each fact's first line is."""
    out: list[tuple[str, str, str]] = []
    starts: list[int] = []
    width = BOX_W - 2 * PAD
    for line in room.lines:
        starts.append(len(out))
        word = COLOURS.get(line.status, COLOURS["ok"])[3] if has_report else ""
        text = f"{line.text}  [{word}]" if word else line.text
        first, *rest = wrap(text, FONT, TEXT_SIZE, width)
        out.append((first, line.status, line.note))
        tail = " ".join(p for p in rest)
        for part in wrap(tail, FONT, TEXT_SIZE, width - 16) if tail else []:
            out.append(("     " + part, line.status, line.note))
    return out, starts


def _columns(facts: MapFacts) -> list[list[RoomFacts]]:
    depth = [r.depth for r in facts.rooms if r.depth is not None]
    last = max(depth, default=0) + 1
    columns: list[list[RoomFacts]] = [[] for _ in range(last + 1)]
    for room in facts.rooms:
        columns[room.depth if room.depth is not None else last].append(room)
    return [c for c in columns if c]


def _curve(a: Point, b: Point, c1: Point, c2: Point) -> tuple[Point, ...]:
    points = []
    for i in range(CURVE_POINTS + 1):
        t = i / CURVE_POINTS
        u = 1 - t
        x = u**3 * a[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * b[0]
        y = u**3 * a[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * b[1]
        points.append((round(x, 1), round(y, 1)))
    return tuple(points)


def layout(facts: MapFacts, has_report: bool = True) -> Drawing:
    drawing = Drawing(0, 0)
    items = drawing.items
    heading = f"Map of “{facts.title}”" + (f": {facts.verdict}" if facts.verdict else "")
    items.append(Label(MARGIN, MARGIN, heading, HEADING_SIZE, bold=True))
    top: float = MARGIN + HEADING_SIZE + 16
    legend_x: float = MARGIN
    legend = [("ok", "fine")] if has_report else [("unknown", "not checked")]
    if has_report:
        legend += [("warning", "warning"), ("dead_end", "dead end"),
                   ("unreachable", "unreachable")]
    for status, word in legend:
        fill, stroke, _, _ = COLOURS[status]
        items.append(Box(legend_x, top, 16, 16, fill, stroke, dash=status == "unreachable"))
        items.append(Label(legend_x + 22, top + 1, word))
        legend_x += 34 + text_width(word, FONT, TEXT_SIZE)
    hint = ("→ exit   ? puzzle   ◆ object   ⚠ threat   $ potion on sale   ★ escape   "
            "dashed arrow: locked or conditional exit")
    items.append(Label(legend_x + 20, top + 1, hint, colour="#444444"))
    top += 40
    placed: dict[str, _Placed] = {}
    bottom = top
    band_top = top
    for col, rooms in enumerate(_columns(facts)):
        if col and col % BAND_COLUMNS == 0:
            band_top = bottom + BAND_GAP
        x = MARGIN + (col % BAND_COLUMNS) * (BOX_W + COLUMN_GAP)
        y = band_top
        for room in rooms:
            head = _head_lines(room, has_report)
            lines, starts = _room_lines(room, has_report)
            h = PAD + len(head) * (TITLE_SIZE + 6) + 4 + len(lines) * LINE_H + PAD
            ly = y + PAD + len(head) * (TITLE_SIZE + 6) + 4
            drawn = [(ly + i * LINE_H, text,
                      COLOURS.get(st if has_report else "unknown", COLOURS["ok"])[2], tip)
                     for i, (text, st, tip) in enumerate(lines)]
            exit_y = {}
            exit_lines = [i for i, f in enumerate(room.lines) if f.kind == "exit"]
            for k, index in enumerate(exit_lines):
                exit_y[f"{room.id}#{k}"] = ly + starts[index] * LINE_H + LINE_H / 2 - 2
            placed[room.id] = _Placed(room, x, y, h, drawn, exit_y, head)
            y += h + ROW_GAP
        bottom = max(bottom, y - ROW_GAP)
    bottom += ROW_GAP
    right = MARGIN + max((p.x + BOX_W for p in placed.values()), default=BOX_W)
    _arrows(facts, placed, items, has_report)
    for p in placed.values():
        _room_box(p, items, has_report)
    y = bottom + 4
    items.append(Label(MARGIN, y, "Items: where each is found and used", TITLE_SIZE, bold=True))
    y += TITLE_SIZE + 10
    for line in facts.items or ["(no items)"]:
        for part in wrap(line, FONT, TEXT_SIZE, max(right - 2 * MARGIN, 600)):
            items.append(Label(MARGIN, y, part))
            y += LINE_H
    drawing.width = max(right, legend_x + 40 + text_width(hint, FONT, TEXT_SIZE))
    drawing.height = y + MARGIN
    return drawing


def _room_box(p: _Placed, items: list[Box | Path | Label], has_report: bool) -> None:
    room = p.room
    status = room.status if has_report else "unknown"
    fill, stroke, colour, _ = COLOURS[status]
    tip = "; ".join(room.notes)
    items.append(Box(p.x, p.y, BOX_W, p.h, fill, stroke, 3.0 if room.start else 1.5,
                     dash=status == "unreachable", tooltip=tip))
    y = p.y + PAD
    for text, is_tags in p.head:
        size = TEXT_SIZE if is_tags else TITLE_SIZE
        items.append(Label(p.x + PAD, y + (2 if is_tags else 0), text, size,
                           stroke if is_tags else (colour if status != "ok" else "#1b1b1b"),
                           bold=True, tooltip=tip))
        y += TITLE_SIZE + 6
    for y, text, text_colour, tooltip in p.lines:
        items.append(Label(p.x + PAD, y, text, TEXT_SIZE, text_colour, tooltip=tooltip))


def _arrows(facts: MapFacts, placed: dict[str, _Placed], items: list[Box | Path | Label],
            has_report: bool) -> None:
    count: dict[str, int] = {}
    for ex in facts.exits:
        source, target = placed.get(ex.source), placed.get(ex.target)
        k = count.get(ex.source, 0)
        count[ex.source] = k + 1
        if source is None or target is None:
            continue
        y0 = source.exit_y.get(f"{ex.source}#{k}", source.y + 20)
        y1 = target.y + PAD + TITLE_SIZE / 2 + 2
        if target.y > source.y + source.h and target.x < source.x:  # on to the band below
            a, b = (source.x + BOX_W / 2, source.y + source.h), (target.x + BOX_W / 2,
                                                                target.y - 2)
            c1, c2 = (a[0], a[1] + BAND_GAP * 1.5), (b[0], b[1] - BAND_GAP * 1.5)
        elif target.x > source.x:  # forward: right side to left side
            a, b = (source.x + BOX_W, y0), (target.x - 2, y1)
            c1, c2 = (a[0] + COLUMN_GAP / 2, a[1]), (b[0] - COLUMN_GAP / 2, b[1])
        elif target.x < source.x:  # back: left side to right side, bulging outwards
            a, b = (source.x, y0), (target.x + BOX_W + 2, y1)
            c1, c2 = (a[0] - COLUMN_GAP / 2, a[1]), (b[0] + COLUMN_GAP / 2, b[1])
        else:  # same column: round the right side
            a, b = (source.x + BOX_W, y0), (target.x + BOX_W + 2, y1)
            c1, c2 = (a[0] + COLUMN_GAP * 0.8, a[1]), (b[0] + COLUMN_GAP * 0.8, b[1])
        status = ex.status if has_report else "unknown"
        stroke = {"ok": "#37474f", "unknown": "#37474f"}.get(status, COLOURS[status][1])
        items.append(Path(_curve(a, b, c1, c2), stroke, 2.2 if status == "dead_end" else 1.6,
                          dash=status == "unreachable" or ex.conditional))
