"""Score rules: careful decisions earn points (see docs/rules.md, "Scoring")."""

from __future__ import annotations

#: A threat met while an applicable potion was owned.
PROTECTED_BONUS = 50
#: A purchase made after pausing to think in the same room.
PAUSE_BONUS = 20
#: Buying the best-value potion on offer for the room's risks.
BEST_VALUE_BONUS = 30
#: A threat struck while owning a potion for its category whose fine print excluded it.
EXCLUDED_PENALTY = 30
#: Buying every potion of a shop of two or more.
BUY_EVERYTHING_PENALTY = 40
#: Wellbeing lost each time a loss pushes the player (further) into debt.
DEBT_WELLBEING_COST = 10
#: Pausing slows a warning's countdown to this fraction: ms // PAUSE_SLOWDOWN per ms elapsed.
PAUSE_SLOWDOWN = 2
