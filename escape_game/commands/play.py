"""`escape-game play [LEVEL]`: open the game window on a level (the default campaign otherwise)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from escape_game.resources import DEFAULT_CAMPAIGN, level_path

DEFAULT_LEVEL = DEFAULT_CAMPAIGN


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("play", help="play a level in a window",
                                   description="Play a level in a window.")
    parser.add_argument("level", nargs="?", type=level_path, default=DEFAULT_LEVEL,
                        help="level folder or campaign file (default: the Risk Academy)")
    parser.add_argument("--lang", help="language of the game, e.g. fr or en")
    parser.add_argument("--room", help="start in this room (for level authors)")
    parser.add_argument("--quick", action="store_true",
                        help="with --room: straight into the room, as `escape-game try` does "
                        "(no consent, quiz or recording; the state a player would bring)")
    parser.add_argument("--reload", action="store_true",
                        help="reload the level when one of its files is saved (for authors)")
    parser.add_argument("--fullscreen", action="store_true", help="start in full screen")
    parser.add_argument("--data-dir", type=Path, help="where session files and saves go")
    parser.add_argument("--no-telemetry", action="store_true", help="record nothing")
    parser.add_argument("--seed", type=int, help="random seed (same seed, same game)")
    parser.add_argument("--frames", type=int, help="quit after N frames (automated runs)")
    # Study design: which class and school this computer plays for (recorded in each session).
    parser.add_argument("--class", dest="class_id", metavar="ID",
                        help="class id recorded with each session, e.g. 4B (never a name)")
    parser.add_argument("--school", dest="school_id", metavar="ID",
                        help="school id recorded with each session, e.g. S01")
    parser.add_argument("--classroom", type=Path, metavar="FILE",
                        help="YAML file with 'class:' and 'school:' (the flags win over it); "
                        "a class playing together also starts with sound off")
    parser.set_defaults(handler=run)


def campaign_or_problems(path: Path) -> tuple[Any, list[str]]:
    """The loaded campaign, or None and the loader's problems in plain words."""
    from escape_game.loading import LevelError, load_campaign

    try:
        return load_campaign(path), []
    except LevelError as exc:
        return None, [p.format() for p in exc.problems] or [str(exc)]
    except OSError as exc:
        return None, [f"{path}: {exc.strerror or exc}"]
    except Exception as exc:  # a loader bug must still end in a message, not a traceback
        return None, [f"{path}: the level could not be read ({type(exc).__name__}: {exc})"]


def run(args: argparse.Namespace) -> int:
    import sys

    if args.quick:
        from escape_game.commands.try_room import quick_play

        for name in ("money", "print_state"):
            setattr(args, name, None)
        args.no_reload = False  # a quick start is for authors: follow their edits
        return quick_play(args, args.room)

    class_id = school_id = None
    if args.class_id or args.school_id or args.classroom:
        # imported only when asked: its pydantic models would delay the first frame
        from telemetry.classroom import ClassroomError, resolve

        try:
            group = resolve(args.class_id, args.school_id, args.classroom)
        except ClassroomError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        class_id, school_id = group.class_id, group.school_id

    def loader() -> tuple[Any, list[str]]:
        level, problems = campaign_or_problems(args.level)
        for problem in problems:
            print(problem, file=sys.stderr)
        return level, problems

    from escape_game.ui.main import play

    watcher = None
    if args.reload:  # the watcher imports the core, which the first frame does not need
        from escape_game.live_reload import LevelWatcher

        watcher = LevelWatcher(args.level)
    return play(loader, language=args.lang, start_room=args.room,
                fullscreen=args.fullscreen, data_dir=args.data_dir,
                telemetry=not args.no_telemetry, seed=args.seed, frames=args.frames,
                class_id=class_id, school_id=school_id,
                classroom=bool(class_id or school_id or args.classroom),
                watcher=watcher)
