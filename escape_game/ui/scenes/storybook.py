"""A page of the story: a heading, the guide's portrait and name, and text that never gets cut.

The intro and the endings share this layout. Text is wrapped for the space left by the
portrait; when it is too long for one screen (large text, a small window) it is split into
pages with "Next" and "Back" rather than cut. On a narrow window the portrait moves above the
text so the lines stay long enough to read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from escape_game.model import Campaign, Room, Text
from escape_game.ui.draw import Painter
from escape_game.ui.scene import Scene
from escape_game.ui.scenes.layout import button_height
from escape_game.ui.widgets import Widget

TEXT_ROLE = "large"
NARROW_PX = 760  # below this panel width (at scale 1) the portrait goes above the text


@dataclass(frozen=True)
class GuideView:
    """The guide as the player sees it: a name in their language and a portrait reference."""

    name: str
    image: str | None = None


def guide_of(campaign: Campaign | None, tr: Callable[[Text | None], str]) -> GuideView | None:
    """The level's guide in the player's language, or None when the level has no story guide."""
    story = campaign.story if campaign is not None else None
    if story is None or story.guide is None:
        return None
    return GuideView(tr(story.guide.name), story.guide.image)


def guide_says(p: Painter, guide: GuideView | None, text: str, rect: pygame.Rect,
               role: str = "body") -> int:
    """A line spoken by the guide (a hint): small portrait, name, then the whole text.

    Without a guide it is the hint bulb and the text. Returns the height used, so the
    caller can stack lines; the text is wrapped, never cut.
    """
    side = p.line_height(role) * 2 if guide is not None else p.px(28)
    text_left = rect.left + side + p.px(10)
    width = max(20, rect.right - text_left)
    y = rect.top
    if guide is not None:
        p.image(guide.image, pygame.Rect(rect.left, rect.top, side, side), guide.name)
        y += p.paragraph(guide.name, pygame.Rect(text_left, y, width, 10**6), "small",
                         p.theme.accent, bold=True)
    else:
        p.image("ui/hint", pygame.Rect(rect.left, rect.top, side, side))
    height = p.measure(text, width, role)
    p.paragraph(text, pygame.Rect(text_left, y, width, height), role, p.theme.text)
    return max(side, y + height - rect.top)


@dataclass(frozen=True)
class PageLayout:
    """Where each part of a story page goes, for one window size, text size and text."""

    panel: pygame.Rect
    heading: pygame.Rect
    portrait: pygame.Rect | None
    name: pygame.Rect | None
    text: pygame.Rect
    buttons: pygame.Rect
    pages: list[list[str]]


def _wrapped(p: Painter, text: str, width: int, role: str = TEXT_ROLE,
             bold: bool = False) -> list[str]:
    return p.fonts.wrapped(text, p.size(role), bold, max(20, width))


def _paged(lines: list[str], per_page: int) -> list[list[str]]:
    """Lines grouped by page; a page never starts with the blank line between paragraphs,
    and a paragraph that fits on one page is never split across two: it starts the next
    page instead (the ending's "Score · money left · wellbeing" once left "70/100" alone
    on a page of its own)."""
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    pages: list[list[str]] = [[]]
    for paragraph in (para for para in paragraphs if para):
        page = pages[-1]
        gap = [""] if page else []
        if page and len(page) + len(gap) + len(paragraph) > per_page \
                and len(paragraph) <= per_page:
            pages.append([])
            gap = []
        for line in gap + paragraph:
            if len(pages[-1]) == per_page:
                pages.append([])
            if line or pages[-1]:
                pages[-1].append(line)
    return [page for page in pages if page] or [[]]


def layout(p: Painter, text: str, guide_name: str | None, heading: str = "",
           icon: bool = False) -> PageLayout:
    """The page's parts, choosing whichever arrangement needs fewest pages for the text.

    With a guide, the portrait sits beside the text (long lines for the text, the name
    under the portrait) or above it (the name to its right); a narrow window or large text
    often reads better with the portrait above.
    """
    w, h = p.view_w, p.view_h
    margin, pad, gap = p.px(20), p.px(24), p.px(14)
    width = min(w - 2 * margin, p.px(1100))
    inner_w = width - 2 * pad
    head_line = p.line_height("heading")
    # the heading wraps (beside its icon), never cut: a long title or a large size
    head_w = inner_w - (head_line + p.px(12) if icon else 0)
    head_h = head_line * max(1, len(_wrapped(p, heading, head_w, "heading", True)))
    bh = button_height(p)
    body_max = h - 2 * margin - 2 * pad - head_h - bh - 2 * gap
    line_h = p.line_height(TEXT_ROLE)
    per_page = max(1, body_max // line_h)
    name_line = p.line_height("small")
    # (pages, portrait size, name box, text box), all relative to the body's top-left corner
    options: list[tuple[list[list[str]], pygame.Rect | None, pygame.Rect | None,
                        pygame.Rect]] = []
    if guide_name is None:
        lines = _wrapped(p, text, inner_w)
        options.append((_paged(lines, per_page), None, None,
                        pygame.Rect(0, 0, inner_w, min(len(lines), per_page) * line_h)))
    else:
        column = p.px(190)
        name_h = len(_wrapped(p, guide_name, column, "small", True)) * name_line
        side = max(p.px(48), min(p.px(170), body_max - name_h - p.px(6)))
        text_w = inner_w - column - p.px(24)
        if text_w >= p.px(360) and side + p.px(6) + name_h <= body_max:
            lines = _wrapped(p, text, text_w)
            text_h = min(len(lines), per_page) * line_h
            options.append((_paged(lines, per_page),
                            pygame.Rect((column - side) // 2, 0, side, side),
                            pygame.Rect(0, side + p.px(6), column, name_h),
                            pygame.Rect(column + p.px(24), 0, text_w, text_h)))
        small = max(p.px(48), min(p.px(96), body_max // 4))
        name_w = inner_w - small - p.px(12)
        name_h = max(small, len(_wrapped(p, guide_name, name_w, "small", True)) * name_line)
        top = name_h + p.px(12)
        per_page_below = max(1, (body_max - top) // line_h)
        lines = _wrapped(p, text, inner_w)
        options.append((_paged(lines, per_page_below), pygame.Rect(0, 0, small, small),
                        pygame.Rect(small + p.px(12), 0, name_w, name_h),
                        pygame.Rect(0, top, inner_w,
                                    min(len(lines), per_page_below) * line_h)))
    split, portrait, name, text_box = min(options, key=lambda o: len(o[0]))
    parts = [r for r in (portrait, name, text_box) if r is not None]
    body_h = min(body_max, max(r.bottom for r in parts))
    height = 2 * pad + head_h + gap + body_h + gap + bh
    panel = pygame.Rect((w - width) // 2, max(margin, (h - height) // 2), width, height)
    left, top = panel.left + pad, panel.top + pad
    body_top = top + head_h + gap

    def placed(r: pygame.Rect | None) -> pygame.Rect | None:
        return None if r is None else r.move(left, body_top)

    text_rect = placed(text_box)
    assert text_rect is not None
    return PageLayout(panel, pygame.Rect(left, top, inner_w, head_h), placed(portrait),
                      placed(name), text_rect,
                      pygame.Rect(left, panel.bottom - pad - bh, inner_w, bh), split)


def _button_width(p: Painter, label: str, bold: bool) -> int:
    """A button wide enough for its icon and its whole label (see Painter.widget)."""
    font = p.fonts.for_text(label, p.size("body"), bold)
    icon = min(button_height(p) - p.px(10), p.px(34))
    return p.px(12) + icon + p.px(8) + font.size(label)[0] + p.px(10) + p.px(12)


class StoryPage(Scene):
    """One story text with the guide beside it, paged, and one button to go on."""

    def __init__(self, app: object, heading: str, text: str, guide: GuideView | None,
                 done_label: str, on_done: Callable[[], None], icon: str | None = None,
                 room: Room | None = None) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        #: the room seen, dimmed, behind the page: where the story happens
        self.room = room
        self.heading = heading
        self.text = text
        self.guide = guide
        self.done_label = done_label
        self.on_done = on_done
        self.icon = icon
        self.page = 0
        self.page_count = 1
        self.last_layout: PageLayout | None = None
        self.focus.key = "done"

    # --- logic --------------------------------------------------------------------------
    def next_page(self) -> None:
        self.page = min(self.page + 1, self.page_count - 1)
        self.focus.key = "done" if self.page == self.page_count - 1 else "next"

    def previous_page(self) -> None:
        self.page = max(0, self.page - 1)
        self.focus.key = "next"

    def back(self) -> None:
        """Esc turns back a page, or goes on from the first one: nothing here can be lost."""
        if self.page > 0:
            self.previous_page()
        else:
            self.finish()

    def finish(self) -> None:
        self.on_done()

    # --- drawing ------------------------------------------------------------------------
    def draw(self, p: Painter) -> None:
        p.surface.fill(p.theme.background)
        self._scenery(p)
        box = layout(p, self.text, self.guide.name if self.guide is not None else None,
                     self.heading, icon=self.icon is not None)
        self.last_layout = box
        p.panel(box.panel)
        self._heading(p, box.heading)
        if self.guide is not None and box.portrait is not None and box.name is not None:
            p.image(self.guide.image, box.portrait, self.guide.name)
            beside = box.name.left >= box.portrait.right
            p.paragraph(self.guide.name, box.name, "small", p.theme.muted, bold=True,
                        align="left" if beside else "center")
        self.page_count = len(box.pages)
        self.page = min(self.page, self.page_count - 1)
        y = box.text.top
        for line in box.pages[self.page]:
            if line:
                p.text(line, (box.text.left, y), TEXT_ROLE, p.theme.text)
            y += p.line_height(TEXT_ROLE)
        self._buttons(p, box.buttons)

    def _scenery(self, p: Painter) -> None:
        """The room's picture (or its generated one) filling the window, dimmed."""
        if self.room is None:
            return
        w, h = p.view_w, p.view_h
        picture: pygame.Surface | None = None
        if self.room.background:
            raw = p.images.raw(self.room.background)
            if raw is not None:
                scale = max(w / raw.get_width(), h / raw.get_height())
                size = (max(1, round(raw.get_width() * scale)),
                        max(1, round(raw.get_height() * scale)))
                picture = p.images.get(self.room.background, size, fit=False)
        else:
            backdrops = getattr(self.app, "backdrops", None)
            if backdrops is not None:
                base = backdrops.get(self.room.theme, self.room.id, (w, h))
                scale = max(w / base.get_width(), h / base.get_height())
                picture = backdrops.get(self.room.theme, self.room.id,
                                        (round(base.get_width() * scale),
                                         round(base.get_height() * scale)))
        if picture is not None:
            p.surface.blit(picture, picture.get_rect(center=(w // 2, h // 2)))
            p.dim()

    def _heading(self, p: Painter, rect: pygame.Rect) -> None:
        x = rect.left
        if self.icon:
            side = p.line_height("heading")
            p.image(self.icon, pygame.Rect(x, rect.top, side, side))
            x += side + p.px(12)
        p.paragraph(self.heading, pygame.Rect(x, rect.top, rect.right - x, rect.height),
                    "heading", p.theme.accent, bold=True)

    def _buttons(self, p: Painter, rect: pygame.Rect) -> None:
        last = self.page == self.page_count - 1
        label = self.done_label if last else self.app.t("story.next", page=self.page + 1,
                                                        pages=self.page_count)
        back = self.app.t("story.previous")
        back_w = _button_width(p, back, bold=False) if self.page > 0 else 0
        width = min(rect.width - (back_w + p.px(16) if back_w else 0),
                    max(p.px(320), _button_width(p, label, bold=True)))
        main = pygame.Rect(rect.right - width, rect.top, width, rect.height)
        key, action = ("done", self.finish) if last else ("next", self.next_page)
        self.add(Widget(key, label, main, action, style="primary", icon="ui/forward"))
        if back_w:
            self.add(Widget("previous", back,
                            pygame.Rect(rect.left, rect.top, back_w, rect.height),
                            self.previous_page, style="quiet", icon="ui/back"))
        if self.focus.key not in {w.key for w in self.widgets}:
            self.focus.key = key
