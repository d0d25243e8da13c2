"""`escape-game upgrade LEVEL...`: rename a level's old keys to the format's new names.

Only the key tokens the parser located are replaced; comments, order, quoting, blank lines,
line endings and every other character stay as they were. Each file is replaced whole
(written beside it, then renamed over it), and the level is loaded again afterwards: if it
does not load to the same level and content hash without old keys, the original files are
put back.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from escape_game.commands import say_missing
from escape_game.resources import level_path

DONE, CHANGES, USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "upgrade",
        help="rename the old keys of levels to their new names, keeping everything else",
        description="Rewrite a level's old keys (e.g. 'flag:' in a condition) with their new "
        "names, in every file of the level, changing nothing else: comments, order, quotes "
        "and layout are kept, and the level keeps its content hash, so saves and research "
        "data still match it. A folder holding campaign.yaml is one level; a folder of level "
        "folders upgrades each. Exit status: 0 done (or nothing to do), 1 with --check when "
        "something would change or when a level does not load, 2 unusable call.",
    )
    parser.add_argument("paths", nargs="+", type=level_path, metavar="LEVEL",
                        help="a campaign.yaml, a level folder, or a folder of level folders")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; list what would change and exit 1 if anything "
                        "would (for continuous integration)")
    parser.set_defaults(handler=run)


class _Refused(Exception):
    """A level left as it was, with the reason in the teacher's words."""


def _file_text(path: Path, read: str) -> str:
    """The file as saved, which must still be what the loader read (a BOM and CRLF kept)."""
    saved = path.read_bytes().decode("utf-8")
    if saved.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n") != read:
        raise _Refused(f"{path}: the file changed while it was being upgraded; run the "
                       "command again")
    return saved


def _write_atomically(path: Path, text: str) -> None:
    target = path.resolve()  # a level file may be a link inside the folder: keep the link
    temporary = target.with_name(f".{target.name}.upgrading")
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        shutil.copymode(target, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _upgrade(level: Path, check: bool) -> list[str]:
    """What was (or, with check, would be) renamed in the level: one line per file."""
    from escape_game.loading import LevelError, load_campaign
    from escape_game.loading.spelling import OLD_KEY, in_file_text, respell

    try:
        loaded = load_campaign(level)
    except LevelError as exc:
        why = (f"{level}: not upgraded: the level does not load, so its keys cannot be told "
               "apart from its texts; correct the errors above first (escape-game validate "
               "shows them)")
        raise _Refused("\n".join([*(p.format() for p in exc.errors), why])) from None
    rewrites: list[tuple[Path, str, str]] = []
    report: list[str] = []
    for path, read, spellings in loaded.spellings():
        old = [s for s in spellings if s.is_old]
        if not old:
            continue
        saved = _file_text(path, read)
        rewrites.append((path, saved, respell(saved, in_file_text(saved, old), "new")))
        renamed = ", ".join(f"{s.written} -> {s.new} ({s.spot.line}:{s.spot.column})"
                            for s in old)
        verb = "would rename" if check else "renamed"
        report.append(f"{path}: {verb} {len(old)} old key{'s' * (len(old) != 1)}: {renamed}")
    if check or not rewrites:
        return report
    for path, _, new in rewrites:
        _write_atomically(path, new)
    try:
        again = load_campaign(level)
        left = [p for p in again.warnings if p.code == OLD_KEY]
        problem = (f"{len(left)} old keys are left" if left else
                   "its content hash changed" if again.content_hash != loaded.content_hash
                   else "it means something else" if again.campaign != loaded.campaign
                   else None)
    except LevelError as exc:
        problem = f"it no longer loads ({exc})"
    if problem is not None:
        for path, saved, _ in rewrites:
            _write_atomically(path, saved)
        raise _Refused(f"{level}: not upgraded: after renaming, {problem}; the files were put "
                       "back as they were (please report this)")
    return report


def run(args: argparse.Namespace) -> int:
    from escape_game.loading import find_levels

    if say_missing("upgrade", args.paths):
        return USAGE
    status = DONE
    for level in find_levels(args.paths):
        try:
            report = _upgrade(level, args.check)
        except _Refused as refused:
            print(refused, file=sys.stderr)
            status = CHANGES
            continue
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{level}: not upgraded: {exc}", file=sys.stderr)
            status = CHANGES
            continue
        for line in report:
            print(line)
        if not report:
            print(f"{level}: up to date (no old keys)")
        elif args.check:
            status = CHANGES
    return status
