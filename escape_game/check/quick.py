"""The proof plain `validate` runs: the checker on a small budget, so that a level that cannot
be won, or has an unreachable room or a potion nobody can afford, never passes in silence.

Small levels are searched to the end in well under a second and get every finding of
`validate --deep`; a level too big for the budget gets a note to run `check` instead of a
guess, since findings about a partly explored graph could be wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from escape_game.check.checker import check_level, locator

if TYPE_CHECKING:
    from escape_game.loading import LoadedCampaign, Problem

#: design advice left to `check` and `validate --deep`: a level with it still plays as meant
ADVICE = frozenset({"threat_off_shortest_way", "object_off_shortest_way"})
#: distinct states the quick proof explores (about a millisecond each on the shipped levels)
QUICK_BUDGET = 3_000


@dataclass
class QuickProof:
    problems: list[Problem] = field(default_factory=list)
    note: str = ""
    """One line for the teacher: what was proved, or what is left for `check`."""


def quick_proof(loaded: LoadedCampaign, *, budget: int = QUICK_BUDGET) -> QuickProof:
    from escape_game.core import Level
    from escape_game.loading import Problem

    level = Level.from_campaign(loaded.campaign)
    report = check_level(level, budget=budget)
    name = loaded.campaign.id
    if not report.complete:
        if report.winnable:
            note = (f"{name}: can be won (proved within {budget} states); dead ends and "
                    f"unreachable content not searched: run `escape-game check` for the rest")
        else:
            note = (f"{name}: winnability not proved within {budget} states: run "
                    f"`escape-game check` for the rest")
        return QuickProof([], note)
    located = report.located(locator(loaded))
    problems = [Problem(file, line, column, f.severity, f.message, f.code)
                for file, line, column, f in located if f.code not in ADVICE]
    advice = sum(f.code in ADVICE for *_, f in located)
    verdict = "can be won" if report.winnable else "cannot be won"
    more = (f"; run `escape-game check` for {advice} design note{'s' * (advice != 1)}"
            if advice else "")
    return QuickProof(problems, f"{name}: {verdict} (all {report.states} states searched){more}")
