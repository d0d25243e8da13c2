"""The layout audit: every screen, checked from its widget tree and what it drew.

``tour_every_scene`` puts each scene of a level on top of the app in turn (title, consent,
settings, every quiz page, every room, the shop, every puzzle with feedback shown, every threat
before and after it strikes, every object, the bag and each item in it, pause, ending,
debrief); ``audit`` then checks the frame:

- every interactive element lies inside the window, or inside the scene's scrollable page
  (which the player can scroll to), and clear of the scrollbar; on a screen whose choices
  must stay in view (a warning counting down: ``choices_in_view``), inside the window as it
  opens, unscrolled;
- no two interactive elements overlap;
- no text was cut (ellipsis, dropped lines), went past the window's sides, or lies under an
  interactive element it does not belong to;
- no word of a button's label is broken by letters across two lines;
- every fact of every product of a comparison table was drawn, whole, and each product's
  buttons lie in its own column or card;
- the messages' band never covers the scene.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pygame

from escape_game.core.events import GameEnded, ThreatStruck
from escape_game.core.state import PendingWarning
from escape_game.ui.pilot import Pilot

#: texts drawn in the last frame, for painters that do not keep a record themselves
SHIM_TEXTS: list[Any] = []


def record_texts_without_painter_records() -> None:
    """For a painter that keeps no record of what it drew (an older one): record its texts,
    ellipses and dropped lines here, so the same audit can be run against it."""
    from dataclasses import dataclass

    from escape_game.ui import draw

    if hasattr(draw, "TextRecord"):
        return

    @dataclass
    class Shown:
        text: str
        rect: pygame.Rect
        cut: bool = False
        owner: str | None = None

    text, fit, paragraph = draw.Painter.text, draw.Painter.fit_text, draw.Painter.paragraph
    widget = draw.Painter.widget
    owner: list[str | None] = [None]

    def widget_(self: Any, w: Any, *args: Any, **kwargs: Any) -> None:
        owner[0] = w.key
        try:
            widget(self, w, *args, **kwargs)
        finally:
            owner[0] = None

    def text_(self: Any, value: str, *args: Any, **kwargs: Any) -> pygame.Rect:
        rect = text(self, value, *args, **kwargs)
        SHIM_TEXTS.append(Shown(value, rect, owner=owner[0]))
        return rect

    def fit_(self: Any, value: str, width: int, *args: Any, **kwargs: Any) -> str:
        fitted = fit(self, value, width, *args, **kwargs)
        if fitted != value:
            SHIM_TEXTS.append(Shown(value, pygame.Rect(0, 0, width, 0), cut=True))
        return str(fitted)

    def paragraph_(self: Any, value: str, rect: pygame.Rect, role: str = "body",
                   *args: Any, **kwargs: Any) -> int:
        used = int(paragraph(self, value, rect, role, *args, **kwargs))
        bold = bool(kwargs.get("bold", args[1] if len(args) > 1 else False))
        lines = self.fonts.wrapped(value, self.size(role), bold, max(20, rect.width))
        if used < len(lines) * self.line_height(role):
            SHIM_TEXTS.append(Shown(value, rect, cut=True))
        return used

    draw.Painter.widget = widget_  # type: ignore[method-assign]
    draw.Painter.text = text_  # type: ignore[method-assign]
    draw.Painter.fit_text = fit_  # type: ignore[method-assign]
    draw.Painter.paragraph = paragraph_  # type: ignore[method-assign]


def _words(text: str) -> str:
    return " ".join(text.split())


def audit(pilot: Pilot, name: str, potions: list[Any] | None = None) -> list[str]:
    """What is wrong with the frame on screen (an empty list when nothing is)."""
    scene = pilot.scene
    app = pilot.app
    before = [(x.key, tuple(x.rect)) for x in scene.widgets]
    SHIM_TEXTS.clear()
    pilot.frame(ms=0)
    if pilot.scene is scene and [(x.key, tuple(x.rect)) for x in scene.widgets] != before:
        return [f"{name}: the layout moves from one frame to the next"]
    w, h = app.screen.get_size()
    viewport = getattr(scene, "viewport", None) or pygame.Rect(0, 0, w, h)
    page_h = max(getattr(scene, "page_h", 0) or 0, viewport.height)
    track = scene.scrollbar_rect() if hasattr(scene, "scrollbar_rect") else None
    right_edge = viewport.width - (track.width if track is not None else 0)
    usable = [x for x in scene.widgets if x.enabled and x.action is not None]
    rects = {x.key: (getattr(x, "page_rect", None) or x.rect) for x in usable}
    # a widget in a dialog's scrolling region is reached by scrolling the region: the
    # region must be reachable, the widget as wide as it at most; what it covers is the
    # part that shows
    regions = {x.key: x.extra["clip"] for x in usable
               if isinstance(getattr(x, "extra", {}).get("clip"), pygame.Rect)}
    where = f"{name} [{type(scene).__name__}]"
    problems: list[str] = []
    for key, region in regions.items():
        r = rects[key]
        if r.left < region.left or r.right > region.right:
            problems.append(f"{where}: {key!r} at {tuple(r)} is wider than its scrolling "
                            f"region {tuple(region)}")
    reach = {key: regions.get(key, r) for key, r in rects.items()}
    for key, r in reach.items():
        if r.left < 0 or r.top < 0 or r.right > right_edge or r.bottom > page_h:
            problems.append(f"{where}: {key!r} at {tuple(r)} cannot be reached "
                            f"(window {w}x{h}, page height {page_h})")
    if getattr(scene, "choices_in_view", False):
        for key, r in reach.items():
            if not pygame.Rect(0, 0, right_edge, viewport.height).contains(r):
                problems.append(f"{where}: {key!r} at {tuple(r)} is out of view "
                                f"(window {w}x{h}); this screen's choices must stay in view")
    for key, region in regions.items():
        shown = rects[key].clip(region)
        if shown.width and shown.height:
            rects[key] = shown
        else:
            del rects[key]  # scrolled out of view: it covers nothing
    keys = list(rects)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if rects[a].colliderect(rects[b]):
                problems.append(f"{where}: {a!r} {tuple(rects[a])} overlaps {b!r} "
                                f"{tuple(rects[b])}")
    texts = list(getattr(scene, "texts", None) or SHIM_TEXTS)
    labels = {x.key: set(_label(x).split()) for x in scene.widgets}
    for text in texts:
        if getattr(text, "cut", False):
            problems.append(f"{where}: text cut: {text.text[:70]!r}")
            continue
        owner = getattr(text, "owner", None)
        broken = [word for word in text.text.split() if word not in labels.get(owner, {word})]
        if broken:
            problems.append(f"{where}: a word of {owner!r}'s label is broken across lines: "
                            f"{broken[0]!r}")
        r = text.rect
        if r.left < 0 or r.right > viewport.width:
            problems.append(f"{where}: text past the window's side: {text.text[:70]!r}")
        for key, wr in rects.items():
            if getattr(text, "owner", None) != key and r.colliderect(wr):
                problems.append(f"{where}: text {text.text[:50]!r} lies under {key!r}")
    problems += _buttons_with_their_product(where, scene, usable)
    if potions:
        problems += _tables(where, app, potions, texts + _scrolled_through(pilot))
    for rect in getattr(app, "toast_rects", []):
        if rect.colliderect(viewport):
            problems.append(f"{where}: a message covers the scene")
    return problems


def _label(widget: Any) -> str:
    """A widget's label as drawn (after its number key), or its plain label."""
    from escape_game.ui import draw

    label_of = getattr(draw.Painter, "label_of", None)
    return str(label_of(widget)[0]) if label_of is not None else str(widget.label)


def _scrolled_through(pilot: Pilot) -> list[Any]:
    """The texts a dialog's scrolling region shows as it is scrolled from top to bottom
    (a table in it is read that way); the region is left where it was."""
    scene = pilot.scene
    region = getattr(scene, "region", None)
    if region is None or not region.overflowing:
        return []
    kept, seen = region.offset, []
    region.offset = 0
    try:
        for _ in range(100):
            scene.remeasure = True
            pilot.frame(ms=0)
            seen += list(scene.texts)
            if not region.scroll_by(max(1, region.rect.height // 2)):
                break
    finally:
        region.offset = kept
        scene.remeasure = True
        pilot.frame(ms=0)
    return seen


def _buttons_with_their_product(where: str, scene: Any, usable: list[Any]) -> list[str]:
    """A product's buttons (``buy_ID``, ``option_ID``...) lie in the area its comparison
    drew it in (its column or its card): a button between two cards would be read as the
    next product's."""
    problems = []
    for table in getattr(scene, "tables", []):
        areas = getattr(table, "areas", {})
        for widget in usable:
            product = widget.key.split("_", 1)[-1]
            area = areas.get(product)
            rect = getattr(widget, "page_rect", None) or widget.rect
            if area is not None and "_" in widget.key and not area.contains(rect):
                problems.append(f"{where}: {widget.key!r} at {tuple(rect)} lies outside its "
                                f"product's {tuple(area)}")
    return problems


def _tables(where: str, app: Any, potions: list[Any], texts: list[Any]) -> list[str]:
    """Every (caption, value) of every product was drawn, whole (wrapped lines rejoined)."""
    from escape_game.ui.scenes.comparison import facts

    drawn = _words(" ".join(x.text for x in texts if not getattr(x, "cut", False)))
    problems = []
    for potion in potions:
        for caption, value in facts(app.flow.texts if hasattr(app.flow, "texts") else app.flow,
                                    potion):
            for piece in (caption, value):
                if _words(piece) not in drawn:
                    problems.append(f"{where}: {potion.id}: {caption} = {value!r} not shown")
    return problems


# --- putting every scene on top ---------------------------------------------------------
def _settle(pilot: Pilot) -> None:
    pilot.frame(ms=0)


def tour_every_scene(pilot: Pilot) -> Iterator[tuple[str, list[Any] | None]]:
    """Yield (name, potions compared or None) with each scene of the level on top."""
    from escape_game.ui.scenes.consent import ConsentScene
    from escape_game.ui.scenes.debrief import DebriefScene
    from escape_game.ui.scenes.ending import EndingScene
    from escape_game.ui.scenes.intro import intro_scene
    from escape_game.ui.scenes.object import ObjectScene
    from escape_game.ui.scenes.outcome import outcome_scene
    from escape_game.ui.scenes.pause import PauseScene
    from escape_game.ui.scenes.puzzle import PuzzleScene
    from escape_game.ui.scenes.quiz import QuizScene
    from escape_game.ui.scenes.settings import SettingsScene
    from escape_game.ui.scenes.shop import ShopScene
    from escape_game.ui.scenes.threat import ThreatScene

    app = pilot.app
    flow = app.flow
    campaign = flow.campaign
    pilot.frame_ms = 0
    _settle(pilot)
    yield "title", None
    app.scenes.push(SettingsScene(app))
    _settle(pilot)
    yield "settings", None
    app.scenes.replace(ConsentScene(app))
    _settle(pilot)
    yield "consent", None
    pilot.type("OWL-42")
    _settle(pilot)
    yield "consent with a code", None
    for form in campaign.quiz_forms:
        scene = QuizScene(app, "pre", form)
        app.scenes.replace(scene)
        _settle(pilot)
        yield f"quiz {form.id} intro", None
        scene.intro = False
        for index, item in enumerate(form.items):
            scene.index = index
            scene.choice = item.options[-1].id if hasattr(item, "options") else 1
            _settle(pilot)
            yield f"quiz {form.id} item {item.id}", None
    intro = intro_scene(app, campaign, flow.tr, lambda: None)
    if intro is not None:
        app.scenes.replace(intro)
        for page in range(8):  # every page of the story's intro
            intro.page = page
            _settle(pilot)
            yield f"intro page {page + 1}", None
            if intro.page >= intro.page_count - 1:
                break
    for room in campaign.rooms:
        app.options.start_room = room.id
        app.toasts.clear()
        flow.start_game()
        _settle(pilot)
        while len(app.scenes.stack) > 1:  # the room's opening messages
            yield f"room {room.id}: {type(pilot.scene).__name__}", None
            app.scenes.stack.pop()
            _settle(pilot)
        yield f"room {room.id}", None
        room_scene = pilot.scene
        session = flow.session
        level = session.level
        # every item in the bag, so that objects show every "Use ..." button they can
        session.state = dataclasses.replace(session.state, inventory=tuple(level.items))
        _settle(pilot)
        yield f"room {room.id} with a full bag", None
        for obj in room.objects:
            app.scenes.push(ObjectScene(app, obj.id))
            _settle(pilot)
            yield f"object {obj.id}", None
            del app.scenes.stack[1:]
        if room.shop:
            app.scenes.push(ShopScene(app))
            _settle(pilot)
            yield f"shop {room.id}", list(room.shop)
            del app.scenes.stack[1:]
        for puzzle in room.puzzles:
            scene = PuzzleScene(app, puzzle.id)
            app.scenes.push(scene)
            _settle(pilot)
            compared = getattr(puzzle, "products", None)  # a product comparison's table
            products = None if compared is None else [level.potions[x] for x in compared]
            yield f"puzzle {puzzle.id} ({puzzle.kind})", products
            wrong = (flow.tr(puzzle.incorrect_message) or "Not quite.")
            scene.feedback = (wrong, False)
            scene.code = "0042"  # shown by a code lock, ignored by the other kinds
            _settle(pilot)
            yield f"puzzle {puzzle.id} with feedback", products
            del app.scenes.stack[1:]
        for threat in room.threats:
            state = session.state
            session.state = dataclasses.replace(state, warnings=(
                PendingWarning(threat.id, 30000, paused=False),))
            scene = ThreatScene(app, threat.id)
            app.scenes.push(scene)
            _settle(pilot)
            yield f"threat {threat.id}", None
            session.state = dataclasses.replace(state, warnings=(
                PendingWarning(threat.id, 30000, paused=True),))
            _settle(pilot)
            yield f"threat {threat.id} paused", None
            session.state = state
            scene.struck(ThreatStruck(
                threat=threat.id, category=threat.category, protected=False, potion=None,
                loss=threat.loss, deductible=Decimal(0), payout=Decimal(0),
                out_of_pocket=threat.loss, not_covered_because="excluded", wellbeing_loss=10))
            _settle(pilot)
            yield f"threat {threat.id} struck", None
            scene.struck(ThreatStruck(
                threat=threat.id, category=threat.category, protected=True, potion=None,
                loss=threat.loss, deductible=Decimal(50), payout=threat.loss - Decimal(50),
                out_of_pocket=Decimal(50)))
            app.time_ms += 2000  # the animations are over (the game's clock has not moved)
            _settle(pilot)
            yield f"threat {threat.id} struck, covered", None
            del app.scenes.stack[1:]
        _ = room_scene
    # the bag, full of every item of the level, and each item opened
    session = flow.session
    session.state = dataclasses.replace(session.state, inventory=tuple(session.level.items))
    _settle(pilot)
    yield "room with a full bag", None
    room_scene = pilot.scene
    for item_id in session.level.items:
        if hasattr(room_scene, "open_item"):
            room_scene.open_item(item_id)
            _settle(pilot)
        yield f"item {item_id}", None
        del app.scenes.stack[1:]
    app.scenes.push(PauseScene(app))
    _settle(pilot)
    yield "pause", None
    flow.ended = GameEnded(outcome="escaped", score=120, money=Decimal(415), wellbeing=70,
                           elapsed_ms=600000)
    app.scenes.push(EndingScene(app))
    _settle(pilot)
    yield "ending", None
    summary = pilot.app.t("ending.summary", score=120, money=flow.money(Decimal(415)), wellbeing=70)
    for outcome in ("escaped", "out_of_time", "exhausted"):
        page = outcome_scene(app, campaign, flow.tr, outcome, summary, lambda: None,
                             room=flow.game.room)
        app.scenes.replace(page)
        for n in range(8):
            page.page = n
            _settle(pilot)
            yield f"ending page {outcome} {n + 1}", None
            if page.page >= page.page_count - 1:
                break
    flow.quiz_scores = {"pre": (3, 6), "post": (5, 6)}
    app.scenes.replace(DebriefScene(app))
    _settle(pilot)
    yield "debrief", None
    # the player's own decisions, timed: bought after a pause and not, struck and spared
    from escape_game.runner.decisions import Decisions, Purchase, Strike

    debrief = pilot.scene
    level = flow.game.level
    potion, other = list(level.potions)[:2]
    threat = next(iter(level.threats))
    debrief.decisions = Decisions(
        (Purchase(potion, 41.0, True, True, Decimal(60), Decimal(700)),
         Purchase(other, 3.0, False, False, Decimal(95), Decimal(0))),
        (Strike(threat, 12.0, False, False, Decimal(800), 20),
         Strike(threat, 30.0, True, True, Decimal(100), 0)))
    _settle(pilot)
    yield "debrief with timed decisions", None
