"""Headless play: run action scripts, save and resume games, replay sessions exactly."""

from escape_game.runner.play import RunResult, play_script, replay
from escape_game.runner.saves import SaveError, SaveGame, load_save, save_game
from escape_game.runner.script import ActionFileError, Script, load_actions, load_script

__all__ = [
    "ActionFileError",
    "RunResult",
    "SaveError",
    "SaveGame",
    "Script",
    "load_actions",
    "load_save",
    "load_script",
    "play_script",
    "replay",
    "save_game",
]
