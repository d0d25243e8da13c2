"""The level's words in the player's language: texts, money and the campaign they come from.

One small collaborator that every scene showing level content receives, so that no scene
reaches through the flow for them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

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


def format_money(amount: Decimal | int | float, currency: str, lang: str) -> str:
    """The one way amounts are shown: whole amounts without cents, and a minus sign (U+2212)
    before the whole amount, so a debt reads "−€95" in English and "−95 €" in French, never
    "€-95"."""
    sign = "\u2212" if amount < 0 else ""
    value = f"{abs(amount):,.2f}"
    if value.endswith(".00"):
        value = value[:-3]
    if lang == "fr":
        # French groups thousands with a narrow no-break space and puts the symbol after
        value = value.replace(",", "\u202f").replace(".", ",")
        return f"{sign}{value}\u00a0{currency}"
    return f"{sign}{currency}{value}"
