"""The player's entry point: `python main.py` plays the default campaign."""

import sys

from escape_game.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["play", *sys.argv[1:]]))
