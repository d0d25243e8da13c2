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
from escape_game.model import Puzzle, Text, text_in

_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "go": "Go through “{exit}” to {room}",
        "examine": "Examine the {object}",
        "again": "Examine the {object} again (let a moment pass)",
        "take": "Take the {item} from the {object}",
        "use": "Use the {item} on the {object}",
        "answer": "Answer “{puzzle}” with {answer}",
        "wrong": "Answer “{puzzle}” wrongly with {answer}",
        "buy": "Buy {potion} for {price}",
        "decline": "Decline {potion}",
        "cancel": "Cancel the purchase of {potion} ({price} refunded)",
        "face": "Face the threat “{threat}”",
        "strikes": "Face the threat “{threat}” (it strikes)",
        "spared": "Face the threat “{threat}” (you are lucky: it is spared)",
        "wait": "Wait {seconds} seconds",
        "then": "then",
        "struck": " — it strikes: a loss of {loss}; insurance pays {payout}, you pay {paid}",
        "escaped": "You escape.",
        "title": "Walkthrough of “{level}”: {count} steps",
        "none": "No way out was found: this level cannot be finished ({why}).",
        "timers": "Played with timers off; threats are faced when they warn.",
    },
    "fr": {
        "go": "Passer par « {exit} » vers {room}",
        "examine": "Examiner : {object}",
        "again": "Examiner encore : {object} (laisser passer un moment)",
        "take": "Prendre {item} ({object})",
        "use": "Utiliser {item} sur {object}",
        "answer": "Répondre à « {puzzle} » : {answer}",
        "wrong": "Répondre faux à « {puzzle} » : {answer}",
        "buy": "Acheter {potion} pour {price}",
        "decline": "Refuser {potion}",
        "cancel": "Annuler l’achat de {potion} ({price} remboursés)",
        "face": "Affronter la menace « {threat} »",
        "strikes": "Affronter la menace « {threat} » (elle frappe)",
        "spared": "Affronter la menace « {threat} » (par chance, elle est épargnée)",
        "wait": "Attendre {seconds} secondes",
        "then": "puis",
        "struck": " — elle frappe : une perte de {loss} ; l’assurance paie {payout}, tu paies "
        "{paid}",
        "escaped": "Tu t’échappes.",
        "title": "Solution de « {level} » : {count} étapes",
        "none": "Aucune sortie trouvée : ce niveau ne peut pas être terminé ({why}).",
        "timers": "Joué sans minuteurs ; les menaces sont affrontées dès leur alerte.",
    },
}


def phrases(lang: str) -> dict[str, str]:
    return _PHRASES.get(lang.split("-")[0], _PHRASES["en"])


class Describer:
    """Turns moves into sentences using the level's own names, in one language."""

    def __init__(self, level: Level, lang: str) -> None:
        self.level = level
        self.lang = lang
        self.fallback = level.campaign.languages[0]
        self.p = phrases(lang)

    def text(self, text: Text | None, default: str) -> str:
        return text_in(text, self.lang, self.fallback) if text is not None else default

    def money(self, amount: Decimal) -> str:
        return f"{amount.normalize():f} {self.level.campaign.currency}"

    def answer(self, puzzle: Puzzle | None, a: act.Answer) -> str:
        """The answer in words, by the puzzle kind's own phrasing (check.solutions)."""
        return "?" if puzzle is None else said(puzzle, a, self)

    def potion(self, potion_id: str) -> str:
        potion = self.level.potions.get(potion_id)
        if potion is None:
            return potion_id
        return f"{self.text(potion.brand, potion_id)} “{self.text(potion.name, potion_id)}”"

    def move(self, move: Move) -> str:
        lv, p = self.level, self.p
        a = move.main
        if isinstance(a, act.GoThrough):
            ex = lv.exits.get(a.exit)
            room = lv.rooms.get(ex.to) if ex else None
            return p["go"].format(
                exit=self.text(ex.label if ex else None, a.exit),
                room=self.text(room.title if room else None, a.exit),
            )
        if isinstance(a, act.Examine | act.Take):
            obj = lv.objects.get(a.object)
            name = self.text(obj.name if obj else None, a.object)
            if isinstance(a, act.Take) and obj is not None and obj.take is not None:
                item = lv.items.get(obj.take)
                return p["take"].format(
                    item=self.text(item.name if item else None, obj.take), object=name
                )
            return p["again" if move.again else "examine"].format(object=name)
        if isinstance(a, act.UseItem):
            item = lv.items.get(a.item)
            obj = lv.objects.get(a.target)
            return p["use"].format(
                item=self.text(item.name if item else None, a.item),
                object=self.text(obj.name if obj else None, a.target),
            )
        if isinstance(a, act.Answer):
            puzzle = lv.puzzles.get(a.puzzle)
            return p["wrong" if move.wrong else "answer"].format(
                puzzle=self.text(puzzle.title if puzzle else None, a.puzzle),
                answer=self.answer(puzzle, a),
            )
        if isinstance(a, act.BuyPotion | act.DeclinePotion | act.CancelPurchase):
            potion = lv.potions.get(a.potion)
            price = self.money(potion.premium) if potion else "?"
            kind = str(a.type)
            return p[kind].format(potion=self.potion(a.potion), price=price)
        if isinstance(a, act.FaceThreat):
            threat = lv.threats.get(a.threat)
            return p[move.chance or "face"].format(
                threat=self.text(threat.name if threat else None, a.threat)
            )
        if isinstance(a, act.AdvanceTime):
            return p["wait"].format(seconds=round(a.ms / 1000))
        return str(a.type)


def walkthrough_lines(level: Level, path: Sequence[Move] | None, lang: str, why: str = "") -> (
    list[str]
):
    """Numbered steps ending with the escape, or one line saying there is no way out."""
    d = Describer(level, lang)
    p = d.p
    title = d.text(level.campaign.title, level.id)
    if path is None:
        return [p["none"].format(why=why)]
    lines = [p["title"].format(level=title, count=len(path)), p["timers"], ""]
    width = len(str(len(path)))
    state = new_game(level, 0, timers=False).state
    for i, move in enumerate(path, start=1):
        line = f"{i:>{width}}. {d.move(move)}"
        result = apply_move(level, state, move)
        if result is not None:
            state = result.state
            for e in result.events:
                if isinstance(e, ev.ThreatStruck):
                    line += p["struck"].format(
                        loss=d.money(e.loss), payout=d.money(e.payout),
                        paid=d.money(e.out_of_pocket),
                    )
        lines.append(line)
    lines.append(f"{'':>{width}}  {p['escaped']}")
    return lines
