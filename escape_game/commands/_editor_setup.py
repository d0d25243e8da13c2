"""Completion for a level in any folder: its own copy of the schemas and relative modelines.

The schemas live in the engine's `schema/` folder, which a level written elsewhere cannot
reach by a relative path, and an absolute path breaks when the level moves to another
computer. So the level gets its own copy in `LEVEL/schema/`, every YAML file of the level
gets a `# yaml-language-server: $schema=...` first line relative to itself, and
`.vscode/settings.json` maps the same schemas for editors that read settings, not modelines.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

#: where a level keeps its copy of the schemas
LEVEL_SCHEMA_DIR = "schema"
MODELINE = "# yaml-language-server: $schema="
#: folders of a level whose YAML files are not level files (action files)
NOT_LEVEL = {"walkthroughs", LEVEL_SCHEMA_DIR, ".vscode"}


def modeline(file: Path, schema: Path) -> str:
    return MODELINE + Path(os.path.relpath(schema, file.parent)).as_posix()


def set_modeline(file: Path, schema: Path) -> bool:
    """Make the first line of ``file`` point at ``schema``; True when the file changed."""
    text = file.read_text(encoding="utf-8")
    line = modeline(file, schema)
    first, sep, rest = text.partition("\n")
    new = line + sep + rest if first.startswith(MODELINE) else line + "\n" + text
    if new == text:
        return False
    file.write_text(new, encoding="utf-8")
    return True


def level_files(folder: Path) -> list[Path]:
    """The YAML files of a level folder, campaign.yaml first."""
    found = sorted(p for p in folder.rglob("*.y*ml")
                   if p.suffix in (".yaml", ".yml")
                   and not (set(p.relative_to(folder).parts[:-1]) & NOT_LEVEL))
    root = [p for p in found if p.name == "campaign.yaml" and p.parent == folder]
    return root + [p for p in found if p not in root]


def vscode_settings(folder: Path) -> dict[str, object]:
    fragments = sorted({p.relative_to(folder).parent.as_posix() + "/*.yaml"
                        for p in level_files(folder) if p.name != "campaign.yaml"
                        or p.parent != folder})
    return {"yaml.schemas": {
        f"./{LEVEL_SCHEMA_DIR}/level.schema.json": ["campaign.yaml"],
        f"./{LEVEL_SCHEMA_DIR}/fragment.schema.json": fragments or ["rooms/*.yaml"],
    }}


def set_up(folder: Path) -> list[str]:
    """Write the schemas, the modelines and .vscode/settings.json; what was done, in words."""
    from escape_game.commands.schema import FILES, schema_text

    done: list[str] = []
    target = folder / LEVEL_SCHEMA_DIR
    target.mkdir(exist_ok=True)
    for kind, name in FILES.items():
        (target / name).write_text(schema_text(kind), encoding="utf-8")
    done.append(f"wrote {target / FILES['campaign']} and {FILES['fragment']}")
    for file in level_files(folder):
        kind = "campaign" if file == folder / "campaign.yaml" else "fragment"
        if set_modeline(file, target / FILES[kind]):
            done.append(f"pointed {file} at {FILES[kind]}")
    settings = folder / ".vscode" / "settings.json"
    wanted = vscode_settings(folder)
    if settings.exists():
        try:
            current = json.loads(settings.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            current = None
        if not isinstance(current, dict):
            done.append(f"left {settings} alone (not a JSON object); the modelines suffice")
            return done
        current.update(wanted)
        wanted = current
    settings.parent.mkdir(exist_ok=True)
    settings.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
    done.append(f"wrote {settings}")
    return done
