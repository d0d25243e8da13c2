"""Proving levels: solvability search, dead ends, walkthroughs and playtest bots.

Everything here drives the real core (`escape_game.core.step`); nothing re-implements a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from escape_game.check.checker import check_level, locator
from escape_game.check.report import CheckReport, Finding
from escape_game.check.search import DEFAULT_BUDGET

if TYPE_CHECKING:
    from escape_game.loading import LoadedCampaign, Problem

__all__ = ["DEFAULT_BUDGET", "CheckReport", "Finding", "check_level", "deep_problems",
           "deep_report"]


def deep_problems(loaded: LoadedCampaign, *, budget: int = DEFAULT_BUDGET) -> list[Problem]:
    """`validate --deep`: what the search proved, as located problems like the loader's."""
    return deep_report(loaded, budget=budget)[0]


def deep_report(loaded: LoadedCampaign, *, budget: int = DEFAULT_BUDGET) -> tuple[
        list[Problem], CheckReport]:
    """The located problems and the report they come from (a map colours rooms by it)."""
    from escape_game.core import Level
    from escape_game.loading import Problem

    report = check_level(Level.from_campaign(loaded.campaign), budget=budget)
    problems = [
        Problem(file, line, column, f.severity, f.message, f.code)
        for file, line, column, f in report.located(locator(loaded))
    ]
    return problems, report
