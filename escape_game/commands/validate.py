"""`escape-game validate PATH...`: every problem of a level, one line each, at file:line:column."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from escape_game.commands import say_missing
from escape_game.resources import level_path

OK, PROBLEMS, USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "validate",
        help="check levels and explain every mistake",
        description="Check level files or folders. A folder holding campaign.yaml is one "
        "level; a folder of level folders checks each. Exit status: 0 no errors (warnings "
        "allowed), 1 errors found, 2 unusable call.",
    )
    parser.add_argument("paths", nargs="+", type=level_path, metavar="PATH",
                        help="a campaign.yaml, a level folder, or a folder of level folders")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text lines (default) or a JSON list for other tools")
    parser.add_argument("--strict", action="store_true", help="count warnings as errors")
    parser.add_argument("--deep", action="store_true",
                        help="prove that each level can be finished however big it is (without "
                        "it, a quick proof on a small budget runs and says what it leaves)")
    parser.add_argument("--no-proof", action="store_true",
                        help="skip the quick proof that each level can be won")
    parser.add_argument("--map", type=Path, metavar="FILE",
                        help="with --deep and one level: also draw the level as FILE (.svg or "
                        ".png), coloured by what the checker proved")
    context = parser.add_mutually_exclusive_group()
    context.add_argument("--context", dest="context", action="store_true", default=None,
                         help="quote the YAML line under each problem (default on a terminal)")
    context.add_argument("--no-context", dest="context", action="store_false")
    parser.set_defaults(handler=run)


def _deep_checker() -> Any:
    try:
        from escape_game import check
    except ImportError:
        return None
    return getattr(check, "deep_problems", None)


def _linter() -> Any:
    try:
        from escape_game.check.lints import lint
    except ImportError:
        return None
    return lint


def _quick_prover() -> Any:
    try:
        from escape_game.check.quick import quick_proof
    except ImportError:
        return None
    return quick_proof


def _quote(problem: Any, cache: dict[Path, list[str]]) -> str:
    if problem.file not in cache:
        try:
            text = problem.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        cache[problem.file] = text.splitlines()
    lines = cache[problem.file]
    if not 0 < problem.line <= len(lines):
        return ""
    line = lines[problem.line - 1].replace("\t", " ")
    return f"    {line}\n    {' ' * (problem.column - 1)}^\n"


def run(args: argparse.Namespace) -> int:
    import json

    from escape_game.loading import LevelError, Problem, find_levels, load_campaign

    if say_missing("validate", args.paths):
        return USAGE
    deep = _deep_checker() if args.deep else None
    if args.deep and deep is None:
        print("escape-game validate: deep checks are not available in this installation",
              file=sys.stderr)
        return USAGE
    if args.map is not None and (not args.deep or args.map.suffix.lower() not in (".svg",
                                                                                  ".png")):
        print("escape-game validate: --map needs --deep and a .svg or .png file",
              file=sys.stderr)
        return USAGE
    quick = None if deep is not None or args.no_proof else _quick_prover()
    lints = _linter()
    levels = find_levels(args.paths)
    problems: list[Problem] = []
    notes: list[str] = []
    for level in levels:
        try:
            loaded = load_campaign(level)
        except LevelError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(loaded.warnings)
        if lints is not None:
            problems.extend(lints(loaded))
        if deep is not None and args.map is not None:
            from escape_game.check import deep_report
            from escape_game.commands.map import write_level_map

            found, report = deep_report(loaded)
            problems.extend(found)
            if len(levels) > 1:
                print("escape-game validate: --map draws one level; give one level",
                      file=sys.stderr)
                return USAGE
            write_level_map(loaded, args.map, report=report)
            print(f"wrote {args.map}", file=sys.stderr)
        elif deep is not None:
            problems.extend(deep(loaded))
        elif quick is not None:
            proof = quick(loaded)
            problems.extend(proof.problems)
            notes.append(proof.note)
    problems.sort(key=Problem.sort_key)
    if args.strict:
        problems = [Problem(p.file, p.line, p.column, "error", p.message, p.code)
                    for p in problems]
    out: TextIO = sys.stdout
    if args.format == "json":
        json.dump([p.as_dict() for p in problems], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        show = args.context if args.context is not None else out.isatty()
        cache: dict[Path, list[str]] = {}
        for problem in problems:
            out.write(problem.format() + "\n")
            if show:
                out.write(_quote(problem, cache))
    for note in notes:
        print(note, file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    noun = "level" if len(levels) == 1 else "levels"
    print(f"{len(levels)} {noun} checked: {errors} error{'s' * (errors != 1)}, "
          f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)
    return PROBLEMS if errors else OK
