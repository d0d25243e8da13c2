"""What the checker proves about every shipped level, fixture and small generated level, in a
form that can be written down once and compared after any change to the search.

State counts are left out (a smaller search proves the same things); everything a teacher
reads is kept: the verdict, whether the search finished, the way out, each finding with its
entity and shortest sequence, the concepts met, and the walkthrough in every language.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from locations import FIXTURES, LEVELS, ROOT

from escape_game.check import check_level
from escape_game.check.report import sequence
from escape_game.check.walkthrough import walkthrough_lines
from escape_game.core import Level
from escape_game.loading import LevelError, load_campaign

EXPECTED = Path(__file__).resolve().parent / "expected" / "proofs.json"
_COUNT = re.compile(r"\b\d+ reachable state\(s\)")


def _generated() -> Any:
    spec = importlib.util.spec_from_file_location(
        "generated_levels", ROOT / "benchmarks" / "generated_levels.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def levels() -> Iterator[tuple[str, Level]]:
    """Every level folder that loads, then small generated levels (fast on any checker)."""
    folders = [p.parent for p in sorted(LEVELS.glob("*/campaign.yaml"))]
    folders += [p.parent for p in sorted(FIXTURES.glob("**/campaign.yaml"))]
    for folder in folders:
        try:
            campaign = load_campaign(folder).campaign
        except LevelError:
            continue  # broken on purpose: the loader's tests cover it
        yield str(folder.relative_to(ROOT)), Level.from_campaign(campaign)
    gen = _generated()
    yield "generated teacher 4/10/2", gen.teacher_level(4, 10, 2)
    yield "generated teacher 5/12/3", gen.teacher_level(5, 12, 3)
    yield "generated corridor 8/4", gen.corridor_level(8, 4)


def proof(level: Level) -> dict[str, Any]:
    report = check_level(level)
    path = list(report.shortest) if report.shortest is not None else None
    return {
        "winnable": report.winnable,
        "complete": report.complete,
        "shortest": None if path is None else sequence(path),
        "findings": [
            {
                "code": f.code,
                "severity": f.severity,
                "entity": f.entity,
                "kind": f.kind,
                "message": _COUNT.sub("N reachable state(s)", f.message),
                "path": None if f.path is None else sequence(f.path),
            }
            for f in report.findings
        ],
        "concepts_on_shortest": list(report.concepts_on_shortest),
        "concepts_on_some_win": list(report.concepts_on_some_win),
        "walkthrough": {
            lang: walkthrough_lines(level, path, lang)
            for lang in level.campaign.languages
        },
    }


def all_proofs() -> dict[str, dict[str, Any]]:
    return {name: proof(level) for name, level in levels()}


if __name__ == "__main__":  # rewrite the expectation (only when a change is meant)
    import json

    EXPECTED.write_text(json.dumps(all_proofs(), indent=1, ensure_ascii=False) + "\n", "utf-8")
