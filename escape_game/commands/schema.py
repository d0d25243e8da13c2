"""`escape-game schema`: the JSON Schema of the level format, for editors that autocomplete."""

from __future__ import annotations

import argparse
import re
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
    target.add_argument("--editor", type=Path, metavar="LEVEL",
                        help="set up completion for the level folder LEVEL wherever it is: "
                        "copy the schemas into LEVEL/schema, point each YAML file at them "
                        "with a relative first line, and write .vscode/settings.json")
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
    "condition": "A condition such as has_item: key, has_flag: door_open, all: [...].",
    "money": "Money at the start, e.g. 100 or 99.50.",
    # the campaign file
    "currency": "The money sign shown in the game, e.g. € or $.",
    "debrief": "Texts of the debrief shown after the game.",
    "items": "A list: of items the player can carry (in a campaign or included file), of "
             "item ids the player starts with (in start), of quiz items (in a quiz form), or "
             "of things to put in order (in an ordering puzzle).",
    "quiz_forms": "The quiz forms (parallel pre and post quizzes) of the level.",
    "quizzes": "Which quiz form is given before the game (pre) and after it (post).",
    "risks": "The risk categories of the level (fire, illness, theft...): potions cover "
             "them, threats belong to them.",
    "rooms": "The rooms of the level.",
    "start": "Where and how the player starts: room, money, items, wellbeing.",
    "study": "Study conditions (for research): e.g. a group that plays without timers.",
    "room": "The id of the room the player starts in.",
    "wellbeing": "Wellbeing at the start, 0 to 100 (default 100).",
    "conditions": "The study conditions players are assigned to.",
    "timers": "false: players in this condition play without time limits or countdowns.",
    # effects and conditions (each is a single 'key: value' pair)
    "add_money": "Effect: give (or, negative, take) this much money, e.g. add_money: 20.",
    "add_score": "Effect: add points to the score.",
    "add_wellbeing": "Effect: add (or, negative, remove) wellbeing points.",
    "give_item": "Effect: put this item in the player's bag.",
    "remove_item": "Effect: take this item out of the player's bag.",
    "set_flag": "Effect: set this flag (a name the level invents, tested with has_flag:).",
    "clear_flag": "Effect: clear this flag.",
    "unlock_exit": "Effect: open this locked exit.",
    "message": "A text shown to the player: after using an item, after picking an option, or "
               "as an effect (message: {en: ..., fr: ...}).",
    "go_to": "Effect: move the player to this room.",
    "trigger_threat": "Effect: start this threat (its trigger must be when: effect).",
    "escape": "Effect: the player escapes and wins the level; write escape: true.",
    "has_item": "Condition: the player carries this item.",
    "has_flag": "Condition: this flag is set (by a set_flag effect).",
    "solved": "Condition: this puzzle is solved.",
    "visited": "Condition: the player has been in this room.",
    "owns_potion": "Condition: the player bought this potion.",
    "money_at_least": "Condition: the player has at least this much money.",
    "wellbeing_at_least": "Condition: wellbeing is at least this much.",
    "all": "Condition: every condition of the list holds.",
    "any": "Condition: at least one condition of the list holds.",
    "not": "Condition: the condition given does not hold.",
    # threats
    "count": "How many actions in the room before the threat warns.",
    "seconds": "Game seconds: before the threat warns (trigger), or of the warning's "
               "countdown before it strikes (warning).",
    "details": "A longer explanation of the threat, shown when the player opens it (what "
               "happened, what it costs, how insurance works here).",
    "on_strike": "Effects when the threat strikes, e.g. - add_wellbeing: -10.",
    "protected_message": "Shown when the threat strikes and a potion pays.",
    "unprotected_message": "Shown when the threat strikes and nothing pays.",
    "trigger": "What starts the threat: {when: enter}, {when: actions, count: 3}, "
               "{when: timer, seconds: 60} or {when: effect}.",
    "warning": "The countdown between the first sign of the threat and its strike: seconds "
               "and a text.",
    "wellbeing_loss": "Wellbeing points lost when the threat strikes (0 to 100).",
    # puzzles
    "prompt": "The question or instruction shown to the player.",
    "hints": "Hints the player can ask for, in order; each may cost points (cost).",
    "correct_message": "Shown when the answer is right.",
    "incorrect_message": "Shown when the answer is wrong.",
    "max_attempts": "How many tries before the puzzle locks (none: unlimited). A locked "
                    "puzzle can make the level impossible: check it with escape-game check.",
    "on_failure": "Effects after a wrong answer, e.g. - add_money: -10.",
    "points": "Score for solving the puzzle (default 100).",
    "position": "Where the hotspot sits on the room picture: x and y from 0 (left/top) to "
                "1 (right/bottom). Without it the game places it along the bottom.",
    "x": "From 0 (left edge of the picture) to 1 (right edge).",
    "y": "From 0 (top edge of the picture) to 1 (bottom edge).",
    "case_sensitive": "true: capital letters must match too (default false).",
    "categories": "Budget categories (budget puzzle) or risk category ids (exclusion).",
    "total": "The amount to share out between the categories.",
    "min": "The least this category may get.",
    "max": "The most this category may get.",
    "text": "A text: one string, or one string per language (en: ..., fr: ...).",
    "options": "The choices shown; each has an id and a text.",
    "answers": "The ids of every right option (all must be picked, no others).",
    "left": "The left column of a matching puzzle: options with id and text.",
    "right": "The right column of a matching puzzle: options with id and text.",
    "need": "The risk the player must cover (a risk id): the comparison asks for the best "
            "value for it.",
    "products": "Ids of the potions to compare (they must be on sale in the room).",
    "cost": "Points taken from the score when this hint is used.",
    # objects, exits, items
    "on_examine": "Effects when the player examines the object.",
    "uses": "What happens when the player uses an item on this object.",
    "item": "The id of the item used.",
    "consume": "true: the item leaves the bag when used.",
    "on_use": "Effects of using the item here.",
    "label": "The text of the exit's hotspot, e.g. {en: Office, fr: Bureau}.",
    "locked": "true: the exit stays closed until an unlock_exit effect opens it.",
    "locked_message": "Shown when the player tries the exit while it is locked.",
    "exits": "Ways out of the room to other rooms.",
    "objects": "Hotspots of the room: things to examine, take, use items on, or that open "
               "puzzles.",
    "puzzles": "Puzzles of the room (code locks, choices, ordering, matching, budget, "
               "product comparison).",
    "shop": "Potions (insurance products) on sale in this room.",
    "threats": "Threats (life's risks) that may strike in this room.",
    "theme": "A colour theme for this room (optional).",
    # potions
    "brand": "The insurer's name, shown with the potion.",
    "exclusions": "Fine print: threats or risk categories this potion does not pay for.",
    "fine_print": "The small print players can read before buying.",
    "slogan": "An advertising line (tempting, maybe misleading).",
    "threats_excluded": "Ids of threats not covered.",
    # concepts and quizzes
    "definition": "The concept explained in one or two sentences (the glossary entry).",
    "intro": "Shown before the first item.",
    "outro": "Shown at the end of the debrief.",
    "counterbalance": "true: half of the players take the post form first and the pre form "
                      "after, so both forms are compared fairly. Keep titles neutral.",
    "pre": "The id of the quiz form given before the game.",
    "post": "The id of the quiz form given after the game.",
    "explanation": "Shown after the quiz: why the answer is right.",
    "source": "Where the item comes from (a study or a question bank).",
    "low_label": "The label of the lowest point of the scale.",
    "high_label": "The label of the highest point of the scale.",
    "scale": "How many points the scale has (3 to 7, default 5).",
}
#: hover help for a key that means different things in different places: (title, key)
PLACED_HELP = {
    ("exclusion", "threats"): "Ids of the threats this exclusion removes from cover.",
    ("exclusion", "text"): "The exclusion in words, as the fine print says it.",
    ("concept", "debrief"): "Shown in the debrief about this concept.",
    ("ordering puzzle", "items"): "The things to put in order; the list order is the right "
                                  "order (the game shuffles them).",
}


def _words(name: str) -> str:
    """'ProductComparison' -> 'product comparison'."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


#: schema titles teachers see in completion lists, instead of the engine's class names
TITLES = {"GameObject": "object", "KnowledgeItem": "choice quiz item",
          "LikertItem": "likert quiz item", "Potion": "potion (insurance product)",
          "QuizPlan": "quiz plan", "Start": "start", "Option": "option",
          "OnEnter": "trigger: when: enter", "AfterActions": "trigger: when: actions",
          "AfterTime": "trigger: when: timer", "ByEffect": "trigger: when: effect",
          "Not": "not (condition)", "AllOf": "all (condition)",
          "AnyOf": "any (condition)", "ShowMessage": "message (effect)"}


def _title(name: str, definition: dict[str, Any]) -> str:
    from escape_game.model import CONDITION_KEYS, EFFECT_KEYS

    if name in TITLES:
        return TITLES[name]
    props = list(definition.get("properties", {}))
    kind = definition.get("properties", {}).get("kind", {}).get("const")
    if kind and name.endswith("Item"):
        return f"{kind} quiz item"
    if kind:
        return f"{kind} puzzle"
    if len(props) == 1 and props[0] in EFFECT_KEYS:
        return f"{props[0]} (effect)"
    if len(props) == 1 and props[0] in CONDITION_KEYS:
        return f"{props[0]} (condition)"
    return _words(name)


def _rename(schema: dict[str, Any]) -> None:
    for name, definition in schema.get("$defs", {}).items():
        definition["title"] = _title(name, definition)
        for key, prop in definition.get("properties", {}).items():
            help_text = PLACED_HELP.get((definition["title"], key))
            if help_text:
                prop["description"] = help_text


def _add_help(schema: dict[str, Any]) -> None:
    _rename(schema)
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for key, prop in definition.get("properties", {}).items():
            if key in FIELD_HELP and "description" not in prop:
                prop["description"] = FIELD_HELP[key]
            prop.pop("title", None)  # 'Give Item': the key itself says it better


def _add_old_keys(schema: dict[str, Any]) -> None:
    """Old spellings stay valid, marked deprecated so editors strike them through.

    Draft-07 has no ``deprecated`` keyword; validators ignore unknown keywords, and editors
    read ``deprecated`` (newer drafts) or ``deprecationMessage`` (VS Code, yaml-language-server).
    """
    from escape_game.model.base import renamed_models

    for cls in renamed_models():
        definition = schema.get("$defs", {}).get(cls.__name__)
        if definition is None:
            continue
        old_keys = cls.old_keys
        properties = definition["properties"]
        required = definition.get("required", [])
        either: list[dict[str, Any]] = []
        for old, new in old_keys.items():
            advice = f"the old name of '{new}': write '{new}' (escape-game upgrade does it)"
            properties[old] = {**properties[new], "description": advice, "deprecated": True,
                               "deprecationMessage": advice}
            if new in required:
                required.remove(new)
                either.append({"anyOf": [{"required": [new]}, {"required": [old]}]})
        if either:
            definition["allOf"] = either
        if not required:
            definition.pop("required", None)


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
    _add_old_keys(body)
    return json.dumps({**head, **body}, indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    if args.editor is not None:
        from escape_game.commands._editor_setup import set_up

        folder = args.editor if args.editor.is_dir() else args.editor.parent
        if not (folder / "campaign.yaml").is_file():
            print(f"escape-game schema: {args.editor}: no campaign.yaml there; give a level "
                  "folder", file=sys.stderr)
            return 2
        try:
            for line in set_up(folder):
                print(line)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"escape-game schema: {exc}", file=sys.stderr)
            return 2
        return 0
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
