"""`escape-game run LEVEL --actions FILE`: play an action file headless and print what happened."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from escape_game.resources import level_path


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "run", help="play a list of actions headless and print the events"
    )
    parser.add_argument("level", type=level_path, help="level folder or root YAML file")
    parser.add_argument("--actions", type=Path, required=True, help="YAML or JSON action list")
    parser.add_argument(
        "--seed", type=int, default=None, help="random seed (default: the file's, or 0)"
    )
    parser.add_argument("--no-timers", action="store_true", help="play with timers off")
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a log")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from escape_game.core import ACTION_ADAPTER, new_game, step
    from escape_game.loading import LevelError
    from escape_game.runner.levels import load_level
    from escape_game.runner.log import describe_action, describe_event
    from escape_game.runner.script import ActionFileError, load_script

    try:
        level = load_level(args.level)
    except LevelError as exc:
        print(f"error: cannot load level {args.level}:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem.format()}", file=sys.stderr)
        return 1
    try:
        script = load_script(args.actions)
    except ActionFileError as exc:
        print(f"error: invalid action file\n{exc}", file=sys.stderr)
        return 1
    seed = args.seed if args.seed is not None else (script.seed or 0)
    timers = False if args.no_timers else (True if script.timers is None else script.timers)
    result = new_game(level, seed, timers=timers)
    state = result.state
    out = sys.stdout
    dump = ACTION_ADAPTER.dump_python

    def emit(index: int, action: Any, events: Any) -> None:
        if args.json:
            record = {
                "step": index,
                "action": None if action is None else dump(action, mode="json"),
                "events": [{"name": e.name, "data": e.model_dump(mode="json")} for e in events],
            }
            out.write(json.dumps(record) + "\n")
        else:
            out.write(f"[{index}] {'start' if action is None else describe_action(action)}\n")
            for event in events:
                out.write(f"    {describe_event(event)}\n")

    emit(0, None, result.events)
    for index, action in enumerate(script.actions, start=1):
        result = step(level, state, action)
        state = result.state
        emit(index, action, result.events)
    summary = {
        "outcome": state.outcome,
        "score": state.score,
        "money": str(state.money),
        "debt": str(state.debt),
        "wellbeing": state.wellbeing,
        "elapsed_ms": state.elapsed_ms,
    }
    if args.json:
        out.write(json.dumps({"result": summary}) + "\n")
    else:
        out.write(
            f"outcome: {state.outcome or 'still playing'}  score: {state.score}  "
            f"money: {state.money}  debt: {state.debt}  wellbeing: {state.wellbeing}\n"
        )
    return 0
