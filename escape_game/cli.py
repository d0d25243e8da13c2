"""The `escape-game` command: each subcommand lives in its own module of escape_game.commands."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from escape_game import __version__, commands

USAGE_ERROR = 2
#: libraries of the `research` extra: the game installs without them
RESEARCH_LIBRARIES = frozenset(
    {"duckdb", "pyarrow", "pandas", "scipy", "matplotlib", "tqdm", "requests"})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="escape-game",
        description="Play, check and study financial-literacy escape rooms.",
    )
    parser.add_argument("--version", action="version", version=f"escape-game {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Each subcommand module's register() adds a parser whose `handler` returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # What was typed, for the provenance a research report states.
    args.command_line = ["escape-game", *(sys.argv[1:] if argv is None else argv)]
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return USAGE_ERROR
    try:
        code: int = handler(args)
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in RESEARCH_LIBRARIES:
            raise
        print(f"error: this command needs the research tools ({error.name} is missing); "
              "install them with: pip install -e '.[research]'", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:
        # the reader of our output went away (e.g. `| head`): stop quietly, as Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code


if __name__ == "__main__":
    raise SystemExit(main())
