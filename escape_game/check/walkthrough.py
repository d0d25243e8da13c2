"""The shortest solution in words a teacher can read aloud, in the level's languages."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from escape_game.check.moves import Move, apply_move
from escape_game.check.solutions import said
from escape_game.core import actions as act
from escape_game.core import events as ev
from escape_game.core.level import Level
from escape_game.core.rules import new_game
from escape_game.locales import format_money, say
from escape_game.model import Puzzle, Text, text_in


class Describer:
    """Turns moves into sentences using the level's own names, in one language."""

    def __init__(self, level: Level, lang: str) -> None:
        self.level = level
        self.lang = lang
        self.fallback = level.campaign.languages[0]

    def phrase(self, key: str, **params: object) -> str:
        """The walkthrough's own words (the game's catalogues, under ``walkthrough.``)."""
        return say(self.lang, f"walkthrough.{key}", **params)

    def text(self, text: Text | None, default: str) -> str:
        return text_in(text, self.lang, self.fallback) if text is not None else default

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.level.campaign.currency, self.lang)

    def answer(self, puzzle: Puzzle | None, a: act.Answer) -> str:
        """The answer in words, by the puzzle kind's own phrasing (check.solutions)."""
        return "?" if puzzle is None else said(puzzle, a, self)

    def potion(self, potion_id: str) -> str:
        potion = self.level.potions.get(potion_id)
        if potion is None:
            return potion_id
        return f"{self.text(potion.brand, potion_id)} “{self.text(potion.name, potion_id)}”"

    def move(self, move: Move) -> str:
        lv, p = self.level, self.phrase
        a = move.main
        if isinstance(a, act.GoThrough):
            ex = lv.exits.get(a.exit)
            room = lv.rooms.get(ex.to) if ex else None
            return p(
                "go",
                exit=self.text(ex.label if ex else None, a.exit),
                room=self.text(room.title if room else None, a.exit),
            )
        if isinstance(a, act.Examine | act.Take):
            obj = lv.objects.get(a.object)
            name = self.text(obj.name if obj else None, a.object)
            if isinstance(a, act.Take) and obj is not None and obj.take is not None:
                item = lv.items.get(obj.take)
                return p(
                    "take", item=self.text(item.name if item else None, obj.take), object=name
                )
            return p("again" if move.again else "examine", object=name)
        if isinstance(a, act.UseItem):
            item = lv.items.get(a.item)
            obj = lv.objects.get(a.target)
            return p(
                "use",
                item=self.text(item.name if item else None, a.item),
                object=self.text(obj.name if obj else None, a.target),
            )
        if isinstance(a, act.Answer):
            puzzle = lv.puzzles.get(a.puzzle)
            return p(
                "wrong" if move.wrong else "answer",
                puzzle=self.text(puzzle.title if puzzle else None, a.puzzle),
                answer=self.answer(puzzle, a),
            )
        if isinstance(a, act.BuyPotion | act.DeclinePotion | act.CancelPurchase):
            potion = lv.potions.get(a.potion)
            price = self.money(potion.premium) if potion else "?"
            return p(str(a.type), potion=self.potion(a.potion), price=price)
        if isinstance(a, act.FaceThreat):
            threat = lv.threats.get(a.threat)
            return p(
                move.chance or "face", threat=self.text(threat.name if threat else None, a.threat)
            )
        if isinstance(a, act.AdvanceTime):
            return p("wait", seconds=round(a.ms / 1000))
        return str(a.type)


def walkthrough_lines(level: Level, path: Sequence[Move] | None, lang: str, why: str = "") -> (
    list[str]
):
    """Numbered steps ending with the escape, or one line saying there is no way out."""
    d = Describer(level, lang)
    p = d.phrase
    title = d.text(level.campaign.title, level.id)
    if path is None:
        return [p("none", why=why)]
    lines = [p("title", level=title, count=len(path)), p("timers"), ""]
    width = len(str(len(path)))
    state = new_game(level, 0, timers=False).state
    for i, move in enumerate(path, start=1):
        line = f"{i:>{width}}. {d.move(move)}"
        result = apply_move(level, state, move)
        if result is not None:
            state = result.state
            for e in result.events:
                if isinstance(e, ev.ThreatStruck):
                    line += p(
                        "struck", loss=d.money(e.loss), payout=d.money(e.payout),
                        paid=d.money(e.out_of_pocket),
                    )
        lines.append(line)
    lines.append(f"{'':>{width}}  {p('escaped')}")
    return lines
