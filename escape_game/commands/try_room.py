"""`escape-game try LEVEL ROOM`: play one room at once, with the state a player would bring.

No title, consent, quiz or recording: an author changes a room and tries it in seconds. The
state on arrival comes from the careful walkthrough or the checker (see check.arrival), and
``--money``, ``--item``, ``--flag`` and ``--solved`` change it.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

from escape_game.resources import level_path

OK, PROBLEMS, USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "try", help="play one room straight away (for level authors)",
        description="Open the game directly in a room, skipping the title, consent and "
        "quizzes, with nothing recorded. The player arrives with the money, items and solved "
        "puzzles the careful walkthrough (or else the shortest play) has on arriving there. "
        "Saving a YAML file of the level reloads it in the running game (errors are shown "
        "in the game and the last good version goes on). Exit status: 0 "
        "played, 1 the level has errors, 2 unusable call (e.g. an unknown room).")
    parser.add_argument("level", type=level_path,
                        help="level folder, campaign.yaml, or a shipped campaign's name")
    parser.add_argument("room", help="id of the room to start in")
    add_state_options(parser)
    parser.add_argument("--lang", help="language of the game, e.g. fr or en")
    parser.add_argument("--seed", type=int, help="random seed (same seed, same game)")
    parser.add_argument("--frames", type=int, help="quit after N frames (automated runs)")
    parser.add_argument("--no-reload", action="store_true",
                        help="do not reload the level when one of its files is saved")
    parser.add_argument("--print-state", action="store_true",
                        help="print the state on arrival and stop (no window)")
    parser.set_defaults(handler=run)


def add_state_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--money", help="money on arrival, e.g. 250 or 12.50")
    parser.add_argument("--item", action="append", default=[], metavar="ID",
                        help="an item in the bag on arrival (repeat for more)")
    parser.add_argument("--flag", action="append", default=[], metavar="ID",
                        help="a flag set on arrival (repeat for more)")
    parser.add_argument("--solved", action="append", default=[], metavar="ID",
                        help="a puzzle already solved on arrival (repeat for more)")


def _money(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"--money must be an amount such as 250 or 12.50, not {text!r}") \
            from None
    if not value.is_finite() or value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError(f"--money must be an amount with at most 2 decimals, not {text!r}")
    return value.quantize(Decimal("0.01"))


def arrival_for(args: argparse.Namespace, level: Any, room: str) -> Any:
    """The state on arrival with the command line's changes; ArrivalError/ValueError if bad."""
    from escape_game.check.arrival import arrival, find_walkthrough, with_changes

    money = _money(getattr(args, "money", None))
    found = arrival(level, room, walkthrough=find_walkthrough(args.level))
    state = with_changes(level, found.state, money=money, items=getattr(args, "item", []),
                         flags=getattr(args, "flag", []), solved=getattr(args, "solved", []))
    return found.source, state


def run(args: argparse.Namespace) -> int:
    return quick_play(args, args.room)


def quick_play(args: argparse.Namespace, room: str | None) -> int:
    from escape_game.check.arrival import ArrivalError
    from escape_game.commands.play import campaign_or_problems
    from escape_game.core import Level

    loaded, problems = campaign_or_problems(args.level)
    if loaded is None:
        print("\n".join(problems), file=sys.stderr)
        return PROBLEMS
    level = Level.from_campaign(loaded.campaign)
    room = room or level.campaign.start.room
    try:
        source, state = arrival_for(args, level, room)
    except (ArrivalError, ValueError) as exc:
        print(f"escape-game try: {exc}", file=sys.stderr)
        return USAGE
    print(f"{room}: state on arrival from {source}: money {state.money}, "
          f"items [{', '.join(state.inventory)}], solved [{', '.join(state.solved)}]",
          file=sys.stderr)
    if getattr(args, "print_state", False):
        import json

        print(json.dumps(state.to_dict(), indent=2, ensure_ascii=False))
        return OK
    return _play(args, loaded, state)


def _play(args: argparse.Namespace, loaded: Any, state: Any) -> int:
    from escape_game.ui.main import play

    def loader() -> tuple[Any, list[str]]:
        return loaded, []

    from escape_game.live_reload import LevelWatcher

    watcher = None if getattr(args, "no_reload", False) else LevelWatcher(args.level)
    return play(loader, language=args.lang, start_room=state.room, telemetry=False,
                seed=args.seed, frames=args.frames, start_state=state, watcher=watcher)
