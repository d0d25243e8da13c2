"""What the engine computes from the shipped levels, as plain JSON: run natively and in pyodide.

The WebAssembly test runs this same file under CPython and under pyodide and compares the two
answers, so a difference in loading, validation, rules or search shows up as a differing key.
Only the pure layers are used (loading, model, core, check, headless runner); importing
pygame here would be a bug, and the answer says whether it happened.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from escape_game.check import check_level
from escape_game.check.report import short_move
from escape_game.core import Level
from escape_game.loading import load_campaign
from escape_game.runner import load_script, play_script


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _walkthrough(level: Level, path: Path) -> dict[str, Any]:
    script = load_script(path)
    timers = True if script.timers is None else script.timers
    result = play_script(level, script.actions, script.seed or 0, timers=timers)
    state = result.state
    events = json.dumps([e.model_dump(mode="json") for e in result.events], sort_keys=True)
    return {
        "expect": script.expect,
        "actions": len(script.actions),
        "outcome": state.outcome,
        "score": state.score,
        "money": str(state.money),
        "debt": str(state.debt),
        "wellbeing": state.wellbeing,
        "rejected": result.rejected,
        "events": len(result.events),
        "state_sha256": _sha(state.to_json()),
        "events_sha256": _sha(events),
    }


def _check(level: Level) -> dict[str, Any]:
    report = check_level(level)
    return {
        "winnable": report.winnable,
        "complete": report.complete,
        "states": report.states,
        "shortest": [short_move(m) for m in report.shortest or ()],
        "findings": sorted(f"{f.severity}:{f.code}:{f.entity}" for f in report.findings),
    }


def probe(levels: Path, *, check: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Every level folder under ``levels``: its content hash, walkthroughs, and (for the
    names in ``check``) the solvability search's answer."""
    answer: dict[str, Any] = {}
    for folder in sorted(p for p in levels.iterdir() if (p / "campaign.yaml").is_file()):
        loaded = load_campaign(folder)
        level = Level.from_campaign(loaded.campaign)
        entry: dict[str, Any] = {
            "id": level.id,
            "content_hash": loaded.content_hash,
            "campaign_sha256": _sha(loaded.campaign.model_dump_json(by_alias=True)),
            "warnings": [str(w) for w in loaded.warnings],
            "walkthroughs": {
                path.stem: _walkthrough(level, path)
                for path in sorted((folder / "walkthroughs").glob("*.yaml"))
            },
        }
        if folder.name in check:
            entry["check"] = _check(level)
        answer[folder.name] = entry
    return answer


def environment() -> dict[str, Any]:
    """Where the answer was computed: kept apart from it, since it differs by design."""
    return {
        "python": ".".join(map(str, sys.version_info[:3])),
        "platform": sys.platform,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "pygame_imported": "pygame" in sys.modules,
    }


def main(argv: list[str]) -> str:
    """``probe.py LEVELS [LEVEL_TO_CHECK ...]``: the JSON answer on one line."""
    answer = probe(Path(argv[0]), check=frozenset(argv[1:]))
    return json.dumps({"levels": answer, "environment": environment()}, sort_keys=True)


if __name__ == "__main__":
    print(main(sys.argv[1:]))
