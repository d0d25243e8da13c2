"""`escape-game schema`: the JSON Schema of the level format, for editors that autocomplete."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from escape_game.resources import SCHEMA

#: Where the committed schemas live; levels point their editor modeline here.
SCHEMA_DIR = SCHEMA
FILES = {"campaign": "level.schema.json", "fragment": "fragment.schema.json"}


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "schema",
        help="write the JSON Schema of level files (for editor autocompletion)",
        description="Write the JSON Schema of the root campaign.yaml (default) or of an "
        "included file (--fragment). See docs/editor-setup.md.",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE instead of standard output")
    target.add_argument("--dir", type=Path, metavar="DIR",
                        help=f"write both schemas into DIR as {' and '.join(FILES.values())}")
    parser.add_argument("--fragment", action="store_true",
                        help="the schema of included files (rooms, items, quizzes...)")
    parser.set_defaults(handler=run)


#: Hover help for fields whose models carry no description (shown by editors).
FIELD_HELP = {
    "id": "A stable id: letters, digits, '_', '.' or '-'. Never change it once players have "
          "played: translations, saves and research data refer to it.",
    "title": "A text: one string, or one string per language (en: ..., fr: ...).",
    "name": "A text: one string, or one string per language (en: ..., fr: ...).",
    "description": "A text: one string, or one string per language (en: ..., fr: ...).",
    "languages": "Language codes of this level, e.g. [en, fr]; every language map must "
                 "give each of them.",
    "format": "The version of the level format; write 1.",
    "include": "Other files of this level, relative to campaign.yaml, e.g. rooms/hall.yaml.",
    "image": "A picture: a path inside the level folder, or assets:images/... for an "
             "image shipped with the engine.",
    "background": "The room picture: a path inside the level folder, or assets:images/... "
                  "for an image shipped with the engine.",
    "code": "The code to type, in quotes so leading zeros survive: code: \"0042\".",
    "kind": "Which kind of puzzle or quiz item this is.",
    "when": "What starts the threat: enter, actions (count), timer (seconds) or effect.",
    "to": "The id of the room this exit leads to.",
    "take": "The id of the item the player takes from this object.",
    "puzzle": "The id of the puzzle this object opens.",
    "covers": "Ids of the risk categories this potion (insurance) covers.",
    "premium": "The price of the potion, paid when it is bought.",
    "deductible": "The part of each loss the player pays before the potion pays.",
    "limit": "The most the potion pays for one loss.",
    "waiting_period": "Game seconds after purchase during which the potion does not pay yet.",
    "category": "The id of the risk category this threat belongs to.",
    "loss": "Money lost when the threat strikes (before any potion pays).",
    "likelihood": "Chance (0 to 1) that the threat strikes once triggered; 1 means always.",
    "concepts": "Ids of the concepts this teaches (see the concepts list).",
    "concept": "The id of the concept this quiz item measures.",
    "answer": "The id of the correct option (or list of ids, or mapping, by puzzle kind).",
    "on_success": "Effects when the puzzle is solved, e.g. - unlock_exit: door.",
    "on_enter": "Effects when the player enters the room.",
    "visible_if": "A condition; the thing is shown only while it holds.",
    "condition": "A condition such as has_item: key, flag: door_open, all: [...].",
    "money": "Money at the start, e.g. 100 or 99.50.",
}


def _add_help(schema: dict[str, Any]) -> None:
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for key, prop in definition.get("properties", {}).items():
            if key in FIELD_HELP and "description" not in prop:
                prop["description"] = FIELD_HELP[key]


def schema_text(kind: str) -> str:
    """The schema as stable, diff-friendly JSON text.

    Declared as draft-07, the newest draft most editor plugins understand; pydantic's output
    uses only draft-07 keywords (its `$defs` are reached by plain JSON pointers).
    """
    import json

    from escape_game.model import Campaign, Fragment

    model = Campaign if kind == "campaign" else Fragment
    body = model.model_json_schema(by_alias=True, mode="validation")
    head: dict[str, Any] = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"https://escape-game.invalid/schema/{FILES[kind]}",
        "title": ("escape-game level: the root campaign.yaml" if kind == "campaign"
                  else "escape-game level: a file included by campaign.yaml"),
    }
    body.pop("title", None)
    _add_help(body)
    return json.dumps({**head, **body}, indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    if args.dir is not None:
        try:
            args.dir.mkdir(parents=True, exist_ok=True)
            for kind, name in FILES.items():
                (args.dir / name).write_text(schema_text(kind), encoding="utf-8")
        except OSError as exc:
            print(f"escape-game schema: {args.dir}: {exc.strerror}", file=sys.stderr)
            return 2
        return 0
    text = schema_text("fragment" if args.fragment else "campaign")
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"escape-game schema: {args.output}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0
