"""The level's words in the player's language: texts, money and the campaign they come from.

One small collaborator that every scene showing level content receives, so that no scene
reaches through the flow for them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from escape_game.locales import format_money
from escape_game.model import Campaign, Text, text_in


class LevelTexts:
    def __init__(self, campaign: Campaign, language: Callable[[], str]) -> None:
        self.campaign = campaign
        self._language = language

    @property
    def lang(self) -> str:
        return self._language()

    def tr(self, text: Text | None) -> str:
        """A level text in the player's language (the campaign's first language otherwise)."""
        return text_in(text, self.lang, self.campaign.languages[0])

    def money(self, amount: Decimal | int | float) -> str:
        return format_money(amount, self.campaign.currency, self.lang)
