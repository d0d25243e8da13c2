"""Warnings about a level that needs no search: misleading quiz titles, room and shop layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from escape_game.check.layout_lint import lint_room, lint_shop, png_size
from escape_game.check.quiz_titles import misleading_titles

if TYPE_CHECKING:
    from escape_game.loading import LoadedCampaign, Problem

_LISTS = {"object": "objects", "puzzle": "puzzles", "exit": "exits", "potion": "shop"}


def lint(loaded: LoadedCampaign) -> list[Problem]:
    from escape_game.loading import LevelError, Problem

    campaign = loaded.campaign
    out: list[Problem] = []

    def at(path: tuple[str | int, ...], message: str, code: str) -> None:
        try:
            where = loaded.locate(path)
            file, line, column = where.file, where.line, where.column
        except (KeyError, IndexError, ValueError):
            file, line, column = loaded.files[0], 1, 1
        out.append(Problem(file, line, column, "warning", message, code))

    for index, field, message in misleading_titles(campaign):
        at(("quiz_forms", index, field), message, "quiz_title_names_time")

    def image_size(ref: str) -> tuple[int, int] | None:
        try:
            return png_size(loaded.resolve_asset(ref))
        except (LevelError, OSError):
            return None

    for r, room in enumerate(campaign.rooms):
        found = [*lint_room(room, campaign, image_size), *lint_shop(room, campaign)]
        for kind, entity, key, message in found:
            if kind == "shop":
                at(("rooms", r, "shop"), message, "layout")
                continue
            members = getattr(room, _LISTS[kind])
            j = next(i for i, m in enumerate(members) if m.id == entity)
            at(("rooms", r, _LISTS[kind], j, key), message, "layout")
    return out
