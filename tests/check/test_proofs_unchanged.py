"""Every level proves exactly what it proved before the search was made faster."""

from __future__ import annotations

import json
from typing import Any

import pytest
from proofs import EXPECTED, levels, proof

RECORDED: dict[str, Any] = json.loads(EXPECTED.read_text("utf-8"))
CASES = list(levels())


def test_every_recorded_level_is_still_checked() -> None:
    assert sorted(RECORDED) == sorted(name for name, _ in CASES)


@pytest.mark.parametrize("name,level", CASES, ids=[name for name, _ in CASES])
def test_level_proves_what_it_proved(name: str, level: Any) -> None:
    assert proof(level) == RECORDED[name]
