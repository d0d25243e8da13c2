"""Quiz form titles that speak of before or after, while the forms are counterbalanced.

With ``counterbalance: true`` half of the players take the "post" form first, so a form titled
"Before you play" is shown after the game to them, silently. Neutral titles ("Quiz A") fit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from escape_game.locales import say
from escape_game.model import Campaign


def time_word(text: str, lang: str) -> str | None:
    pattern = say(lang, "quiz.time_words")  # words that place a form in time
    found = re.search(rf"(?<![\w-])({pattern})(?![\w-])", text, re.IGNORECASE)
    return found.group(1) if found else None


def misleading_titles(campaign: Campaign) -> Iterator[tuple[int, str, str]]:
    """(index of the quiz form, field, message) for each title or intro that names a time."""
    plan = campaign.quizzes
    if plan is None or not plan.counterbalance or plan.pre == plan.post:
        return
    for index, form in enumerate(campaign.quiz_forms):
        if form.id not in (plan.pre, plan.post):
            continue
        for field in ("title", "intro"):
            text = getattr(form, field)
            if text is None:
                continue
            texts = text.items() if isinstance(text, dict) else [(campaign.languages[0], text)]
            for lang, words in texts:
                word = time_word(str(words), str(lang))
                if word is None:
                    continue
                other = plan.post if form.id == plan.pre else plan.pre
                yield (index, field,
                       f"the {field} of quiz form '{form.id}' says “{word}” ({lang}), but with "
                       f"'counterbalance: true' half of the players take it after '{other}' "
                       "instead of before it, or the other way round; give both forms neutral "
                       "titles (e.g. “Quiz A”, “Quiz B”) or set 'counterbalance: false'")
                break
