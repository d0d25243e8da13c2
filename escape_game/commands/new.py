"""`escape-game new NAME`: a small, valid, commented level folder to start from."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from escape_game.resources import SCHEMA

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
SCHEMA_DIR = SCHEMA
LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
#: Words that YAML 1.1 tools (some editors) read as true/false: quote them as keys.
YAML11_WORDS = {"y", "n", "yes", "no", "on", "off"}
PLACEHOLDER = re.compile(r"\$\{(t:)?(\w+)\}")
#: A whole line "key: ${t:name}" can take a block of one line per language.
TEXT_LINE = re.compile(r"^(?P<indent> *)(?P<key>[\w-]+): \$\{t:(?P<name>\w+)\}$")
LONG_TEXT = 50


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "new",
        help="create a new level folder to start from",
        description="Create DIR/NAME: a small level that validates, with comments explaining "
        "each part (a room with an object, a code lock, a shop of two potions, a threat, "
        "a pre and post quiz, two concepts).",
    )
    parser.add_argument("name", help="the level's name, e.g. 'Budget Basics'")
    parser.add_argument("--dir", type=Path, default=Path("."),
                        help="where to create the level folder (default: here)")
    parser.add_argument("--lang", action="append", dest="langs", metavar="LANG",
                        help="a language of the level; repeat for several "
                        "(default: --lang en --lang fr)")
    parser.set_defaults(handler=run)


def slug(name: str) -> str:
    """A folder name and level id from what the teacher typed."""
    text = re.sub(r"[^a-z0-9_.-]+", "_", name.strip().lower())
    return re.sub(r"^[^a-z0-9]+", "", text).strip("_")[:64]


def _yaml_key(lang: str) -> str:
    return f'"{lang}"' if lang.lower() in YAML11_WORDS else lang


def _text(versions: dict[str, str], langs: list[str]) -> str:
    def one(lang: str) -> str:
        text = versions.get(lang) or f"[{lang}] {versions['en']}"
        return json.dumps(text, ensure_ascii=False)

    if len(langs) == 1:
        return one(langs[0])
    return "{" + ", ".join(f"{_yaml_key(lang)}: {one(lang)}" for lang in langs) + "}"


def render(template: str, values: dict[str, str], texts: dict[str, dict[str, str]],
           langs: list[str]) -> str:
    """Fill the placeholders; long texts in several languages get one line per language."""

    def fill(match: re.Match[str]) -> str:
        if match.group(1):
            return _text(texts[match.group(2)], langs)
        return values[match.group(2)]

    lines = []
    for line in template.splitlines():
        block = TEXT_LINE.match(line)
        if block and len(langs) > 1 and len(_text(texts[block["name"]], langs)) > LONG_TEXT:
            indent, versions = block["indent"], texts[block["name"]]
            lines.append(f"{indent}{block['key']}:")
            lines.extend(f"{indent}  {_yaml_key(lang)}: {_text(versions, [lang])}"
                         for lang in langs)
        else:
            lines.append(PLACEHOLDER.sub(fill, line))
    return "\n".join(lines) + "\n"


def _schema_dir(folder: Path, level: Path) -> str:
    """Relative to the engine's schemas inside the project (the level moves with it), else
    relative to the level's own copy (written by create), so the level can move anywhere."""
    folder = folder.resolve()
    if folder.is_relative_to(SCHEMA_DIR.parent):
        return Path(os.path.relpath(SCHEMA_DIR, folder)).as_posix()
    return Path(os.path.relpath(level.resolve() / "schema", folder)).as_posix()


def create(name: str, parent: Path, langs: list[str]) -> Path:
    """Write the new level; raises FileExistsError rather than overwrite anything."""
    from escape_game.loading.safe_yaml import Limits, read_yaml

    level_id = slug(name)
    target = parent / level_id
    if target.exists():
        raise FileExistsError(target)
    parsed = read_yaml(TEMPLATES / "new_texts.yaml", Limits())
    texts: dict[str, dict[str, str]] = parsed.data
    (target / "rooms").mkdir(parents=True)
    values = {
        "id": level_id,
        "title": name.strip(),
        "title_text": json.dumps(name.strip(), ensure_ascii=False),
        "languages": ", ".join(_yaml_key(lang) for lang in langs),
        "folder": target.as_posix(),
    }
    for template, out in (("new_campaign.yaml", target / "campaign.yaml"),
                          ("new_rooms.yaml", target / "rooms" / "hall.yaml")):
        text = (TEMPLATES / template).read_text(encoding="utf-8")
        filled = render(text, {**values, "schema_dir": _schema_dir(out.parent, target)}, texts,
                        langs)
        out.write_text(filled, encoding="utf-8")
    if not target.resolve().is_relative_to(SCHEMA_DIR.parent):
        from escape_game.commands._editor_setup import set_up

        set_up(target)
    return target


def run(args: argparse.Namespace) -> int:
    from escape_game.loading import LevelError, load_campaign

    langs: list[str] = list(dict.fromkeys(args.langs or ["en", "fr"]))
    bad = [lang for lang in langs if not LANG.match(lang)]
    if bad:
        print(f"escape-game new: {', '.join(bad)}: not a language code such as en, fr or pt-BR",
              file=sys.stderr)
        return 2
    if not slug(args.name):
        print("escape-game new: the name needs at least one letter or digit", file=sys.stderr)
        return 2
    if not args.dir.is_dir():
        print(f"escape-game new: {args.dir}: no such folder", file=sys.stderr)
        return 2
    try:
        target = create(args.name, args.dir, langs)
    except FileExistsError as exc:
        print(f"escape-game new: {exc.args[0]} already exists; choose another name or --dir "
              "(nothing was changed)", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"escape-game new: cannot write the level: {exc}", file=sys.stderr)
        return 2
    try:
        load_campaign(target)
    except LevelError as exc:  # the scaffold itself is wrong: say so plainly
        for problem in exc.problems:
            print(problem.format(), file=sys.stderr)
        return 1
    print(f"Created {target}/ (campaign.yaml and rooms/hall.yaml).")
    print(f"Next: edit the files, then run  escape-game validate {target}")
    print(f"      and try it with           escape-game play {target}")
    return 0
