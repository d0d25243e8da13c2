"""The puzzle dialog's part for each puzzle kind, one module each.

``PANELS`` is the registry, keyed by the kind's name; shared pieces (option buttons) live in
``choices``.
"""

from __future__ import annotations

from typing import Any

from escape_game.model.puzzles import kind_of
from escape_game.ui.scenes.puzzles.base import Panel
from escape_game.ui.scenes.puzzles.budget import BudgetPanel
from escape_game.ui.scenes.puzzles.code_lock import CodeLockPanel
from escape_game.ui.scenes.puzzles.matching import MatchingPanel
from escape_game.ui.scenes.puzzles.multiple_choice import MultipleChoicePanel
from escape_game.ui.scenes.puzzles.ordering import OrderingPanel
from escape_game.ui.scenes.puzzles.product_comparison import ProductComparisonPanel
from escape_game.ui.scenes.puzzles.single_choice import SingleChoicePanel

#: Kind name -> its part of the dialog.
PANELS: dict[str, Panel[Any]] = {
    kind_of(panel.model): panel
    for panel in (CodeLockPanel(), SingleChoicePanel(), MultipleChoicePanel(), OrderingPanel(),
                  MatchingPanel(), BudgetPanel(), ProductComparisonPanel())
}

__all__ = ["PANELS", "Panel"]
