"""Write docs/screenshots/*.png from the default campaign (run this file with python)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pygame
import yaml
from scenes_tour import tour
from walk import Player

from escape_game.commands.play import campaign_or_problems
from escape_game.ui.app import PlayOptions
from escape_game.ui.pilot import Pilot
from escape_game.ui.settings import Settings, save_settings

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
WANTED = {"title", "consent", "quiz", "intro", "room", "puzzle", "shop", "threat_paused",
          "threat_result", "settings"}
#: from the Risk Academy tour of the screenshot tests
ACADEMY = {"strike", "pause_and_think", "ending_escaped", "ending_out_of_time"}


def pilot_for(tmp: Path, name: str, settings: Settings, level_name: str = "risk_academy",
              size: tuple[int, int] = (1280, 720)) -> Pilot:
    level, problems = campaign_or_problems(ROOT / "levels" / level_name)
    assert level is not None, problems
    path = tmp / f"{name}.json"
    save_settings(settings, path)
    return Pilot(PlayOptions(level=level, data_dir=tmp / name, seed=1, settings_path=path,
                             telemetry=False), size=size)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pilot = pilot_for(tmp, "en", Settings(language="en", text_speed="instant"))
        for name in tour(pilot, "home_comparison"):
            if name in WANTED:
                pygame.image.save(pilot.screenshot(), str(OUT / f"{name}.png"))
        pilot = pilot_for(tmp, "hc", Settings(language="fr", high_contrast=True, text_size=1,
                                              text_speed="instant"))
        for name in tour(pilot, "home_comparison"):
            if name == "room":
                pygame.image.save(pilot.screenshot(), str(OUT / "room_high_contrast_fr.png"))
        # the Largest text size: the shop's products become cards, the page scrolls
        pilot = pilot_for(tmp, "largest", Settings(language="en", text_size=3,
                                                   text_speed="instant"))
        for name in tour(pilot, "home_comparison"):
            if name in ("shop", "room"):
                pygame.image.save(pilot.screenshot(), str(OUT / f"{name}_largest.png"))
        # the tutorial's sticky note, opened from the bag
        pilot = pilot_for(tmp, "bag", Settings(language="en", text_speed="instant"),
                          level_name="tutorial")
        player = Player(pilot, "mouse")
        player.do("play")
        player.do("refuse")
        player.answer_quiz()
        player.read_story()  # the tutorial's intro
        pilot.frame_ms = 0
        player.play({"type": "take", "object": "mirror"})
        player.do("item_note")
        pygame.image.save(pilot.screenshot(), str(OUT / "bag_item.png"))
        # the debrief, after the careful walkthrough
        script = yaml.safe_load((ROOT / "levels/risk_academy/walkthroughs/careful.yaml")
                                .read_text("utf-8"))
        pilot = pilot_for(tmp, "debrief", Settings(language="en", text_speed="instant"))
        player = Player(pilot, "mouse")
        player.do("play")
        player.do("refuse")
        player.answer_quiz()
        pilot.frame_ms = 0
        player.to_room()
        for action in script["actions"]:
            player.play(action)
        player.read_story()  # the story's ending
        player.answer_quiz(pick="right")
        pilot.frame()
        pygame.image.save(pilot.screenshot(), str(OUT / "debrief.png"))
        # the story's moments: thinking, a strike, the endings
        from test_academy_screenshots import screens

        pilot = pilot_for(tmp, "academy", Settings(language="en", text_speed="instant"))
        for name in screens(pilot):
            if name in ACADEMY:
                pygame.image.save(pilot.screenshot(), str(OUT / f"{name}.png"))


if __name__ == "__main__":
    main()
