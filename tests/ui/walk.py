"""Play a walkthrough's actions through the UI, as a player would: with keys or the mouse.

Each scripted action becomes the widget presses that send it (open the object, press
"Try the puzzle", type the code...). Input frames last 0 ms of game time so that only the
script's ``wait`` actions move the clock, and the game ends exactly as the script expects.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pygame

from escape_game.ui.pilot import Pilot
from escape_game.ui.scenes.dialogs import MessageScene
from escape_game.ui.scenes.ending import EndingScene
from escape_game.ui.scenes.intro import IntroScene
from escape_game.ui.scenes.outcome import OutcomeScene
from escape_game.ui.scenes.purchase import ConfirmBuyScene
from escape_game.ui.scenes.puzzle import PuzzleScene
from escape_game.ui.scenes.quiz import QuizScene
from escape_game.ui.scenes.room import RoomScene
from escape_game.ui.scenes.shop import ShopScene
from escape_game.ui.scenes.threat import ThreatScene


class Player:
    def __init__(self, pilot: Pilot, mode: str) -> None:
        self.pilot = pilot
        self.mode = mode

    # --- one widget -------------------------------------------------------------------
    def do(self, key: str) -> None:
        if self.mode == "keyboard":
            self.pilot.activate(key)
        else:
            self.pilot.click_on(key)

    def close(self) -> None:
        """Esc with the keyboard; the Close/Leave/OK button with the mouse."""
        if self.mode == "keyboard":
            self.pilot.press(pygame.K_ESCAPE)
            return
        for key in ("close", "ok"):
            if self.pilot.has(key):
                self.pilot.click_on(key)
                return
        self.pilot.press(pygame.K_ESCAPE)

    @property
    def scene(self) -> Any:
        return self.pilot.scene

    def settle(self) -> None:
        """Read and dismiss the level's messages and finished threats."""
        for _ in range(50):
            scene = self.scene
            if isinstance(scene, MessageScene) or (
                    isinstance(scene, ThreatScene) and scene.result is not None):
                self.do("ok")
            else:
                return

    def read_story(self) -> int:
        """Turn a story page's pages with its buttons, then go on; the pages read."""
        scene = self.scene
        assert isinstance(scene, IntroScene | OutcomeScene), type(scene).__name__
        pages = 1
        while self.pilot.has("next"):
            self.do("next")
            pages += 1
        self.do("done")
        return pages

    def to_room(self) -> None:
        self.settle()
        if isinstance(self.scene, IntroScene):
            self.read_story()
        for _ in range(10):
            if isinstance(self.scene, RoomScene | EndingScene | OutcomeScene):
                return
            self.close()
            self.settle()
        raise AssertionError(f"stuck on {type(self.scene).__name__}")

    # --- quizzes ----------------------------------------------------------------------
    def answer_quiz(self, pick: str = "first") -> None:
        while isinstance(self.scene, QuizScene):
            scene = self.scene
            if scene.intro:
                self.do("start")
                continue
            item = scene.item
            if item.kind == "choice":
                option = item.answer if pick == "right" else item.options[0].id
                if self.mode == "keyboard":
                    index = [o.id for o in item.options].index(option) + 1
                    self.pilot.press(getattr(pygame, f"K_{index}"))
                else:
                    self.do(f"option_{option}")
            elif self.mode == "keyboard":
                self.pilot.press(pygame.K_3)
            else:
                self.do("scale_3")
            self.do("next")

    # --- game actions -----------------------------------------------------------------
    def threat_scene(self, threat: str) -> None:
        scene = self.scene
        if isinstance(scene, ThreatScene) and scene.threat_id == threat:
            return
        self.to_room()
        self.do(f"threat_{threat}")

    def shop(self) -> None:
        if not isinstance(self.scene, ShopScene):
            self.to_room()
            self.do("shop")

    def use(self, item: str, target: str) -> None:
        """Pick the item in the bag ("Use it on…"), then choose the object: it offers the
        item held."""
        self.to_room()
        self.do(f"item_{item}")
        self.do("choose")
        assert isinstance(self.scene, RoomScene) and self.scene.selected_item == item
        self.do(f"object_{target}")
        self.do(f"use_{item}")

    def buy(self, potion: str) -> None:
        """Press the potion's Buy button, then confirm in the dialog that shows the sums."""
        self.do(f"buy_{potion}")
        assert isinstance(self.scene, ConfirmBuyScene), type(self.scene).__name__
        self.do("confirm")

    def open_puzzle(self, puzzle: str) -> None:
        self.to_room()
        level = self.pilot.session().level
        holder = level.puzzle_object.get(puzzle)
        if holder is not None:
            self.do(f"object_{holder}")
            self.do("puzzle")
        else:
            self.do(f"puzzle_{puzzle}")
        assert isinstance(self.scene, PuzzleScene), type(self.scene).__name__

    def fill_answer(self, action: dict[str, Any]) -> None:
        scene = self.scene
        FILLERS[scene.puzzle.kind](self, scene, action)
        self.do("submit")

    def play(self, action: dict[str, Any]) -> None:
        kind = action["type"]
        if kind == "wait":
            self.pilot.wait(int(action["ms"]), step=1000)
        elif kind == "examine":
            self.to_room()
            self.do(f"object_{action['object']}")
            self.close()
        elif kind == "take":
            self.to_room()
            self.do(f"object_{action['object']}")
            self.do("take")
        elif kind == "pause":
            self.threat_scene(action["threat"])
            self.do("think")
        elif kind == "face":
            self.threat_scene(action["threat"])
            self.do("face")
        elif kind == "use":
            self.use(action["item"], action["target"])
        elif kind == "buy":
            self.shop()
            self.buy(action["potion"])
        elif kind in ("decline", "cancel"):
            self.shop()
            self.do(f"{kind}_{action['potion']}")
        elif kind == "go":
            self.to_room()
            self.do(f"exit_{action['exit']}")
        elif kind == "answer":
            self.open_puzzle(action["puzzle"])
            self.fill_answer(action)
        elif kind == "hint":
            self.open_puzzle(action["puzzle"])
            self.do("hint")
        else:
            raise AssertionError(f"no UI for {kind}")
        self.settle()


# --- the presses that build one kind's answer in the puzzle dialog ---------------------------
def _code(player: Player, scene: PuzzleScene, action: dict[str, Any]) -> None:
    for char in str(action["code"]):
        if player.mode == "keyboard":
            player.pilot.type(char)
        else:
            player.do(f"key_{char}")


def _choice(player: Player, scene: PuzzleScene, action: dict[str, Any]) -> None:
    player.do(f"option_{action['choice']}")


def _choices(player: Player, scene: PuzzleScene, action: dict[str, Any]) -> None:
    for choice in action["choices"]:
        player.do(f"option_{choice}")


def _order(player: Player, scene: PuzzleScene, action: dict[str, Any]) -> None:
    for target, item in enumerate(action["choices"]):
        while scene.order.index(item) > target:
            player.do(f"up_{item}")


def _pairs(player: Player, scene: PuzzleScene, action: dict[str, Any]) -> None:
    for left, right in action["pairs"].items():
        for _ in range(len(scene.puzzle.right) + 1):
            if scene.pairs.get(left) == right:
                break
            player.do(f"match_{left}")


def _amounts(player: Player, scene: PuzzleScene, action: dict[str, Any]) -> None:
    for category, amount in action["amounts"].items():
        want = Decimal(str(amount))
        for _ in range(500):
            have = scene.amounts[category]
            if have == want:
                break
            player.do(f"{'plus' if have < want else 'minus'}_{category}")
        assert scene.amounts[category] == want, (category, scene.amounts)


#: Puzzle kind -> how a player builds a scripted answer (tests/ui/test_puzzle_panels.py
#: checks that every registered kind is here).
FILLERS: dict[str, Callable[[Player, PuzzleScene, dict[str, Any]], None]] = {
    "code_lock": _code,
    "single_choice": _choice,
    "product_comparison": _choice,
    "multiple_choice": _choices,
    "ordering": _order,
    "matching": _pairs,
    "budget": _amounts,
}
