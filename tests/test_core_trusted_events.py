"""Events the core builds without validation are the same models as validated ones."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from escape_game.core import events as ev

CORE = Path(ev.__file__).resolve().parent
ids = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
reasons = st.from_regex(r"[a-z_]{1,12}(:[a-z][a-z0-9_]{0,12})?", fullmatch=True)
#: Amounts as the level and the rules write them: to the cent, or whole, or as computed.
amounts = st.decimals(min_value=-10**9, max_value=10**9, places=2,
                      allow_nan=False, allow_infinity=False) | st.decimals(
    min_value=-10**9, max_value=10**9, places=0, allow_nan=False, allow_infinity=False)

#: Every kind of event the core builds unvalidated, with values of its fields' types.
SAMPLES: dict[type[ev.Event], Any] = {
    ev.RoomLeft: st.fixed_dictionaries({"room": ids, "seconds_in_room": st.integers(0, 10**6)}),
    ev.RoomEntered: st.fixed_dictionaries(
        {"room": ids, "via": st.none() | ids, "first_time": st.booleans()}
    ),
    ev.PotionOffered: st.fixed_dictionaries(
        {"room": ids, "potions": st.lists(ids, max_size=4).map(tuple)}
    ),
    ev.ObjectExamined: st.fixed_dictionaries({"object": ids, "room": ids}),
    ev.ItemTaken: st.fixed_dictionaries({"item": ids, "object": ids}),
    ev.ActionRejected: st.fixed_dictionaries(
        {"action": st.text(max_size=12), "reason": st.text(max_size=12),
         "detail": st.none() | st.text(max_size=12)}
    ),
    ev.ThreatWarned: st.fixed_dictionaries(
        {"threat": ids, "category": ids, "seconds": st.integers(0, 10**6)}
    ),
    ev.ThreatSpared: st.fixed_dictionaries({"threat": ids}),
    ev.FlagSet: st.fixed_dictionaries({"flag": ids}),
    ev.ScoreChanged: st.fixed_dictionaries(
        {"delta": st.integers(-10**6, 10**6), "score": st.integers(0, 10**6), "reason": reasons}
    ),
    ev.WellbeingChanged: st.fixed_dictionaries(
        {"delta": st.integers(-100, 100), "wellbeing": st.integers(0, 100), "reason": reasons}
    ),
    ev.MoneyChanged: st.fixed_dictionaries(
        {"delta": amounts, "balance": amounts, "debt": amounts, "reason": reasons}
    ),
    ev.ItemUsed: st.fixed_dictionaries({"item": ids, "target": ids, "consumed": st.booleans()}),
    ev.PuzzleAttempted: st.fixed_dictionaries(
        {"puzzle": ids, "kind": st.sampled_from(["code_lock", "single_choice", "matching"]),
         "correct": st.booleans(), "attempt": st.integers(1, 10**6)}
    ),
    ev.ThreatStruck: st.fixed_dictionaries(
        {"threat": ids, "category": ids, "protected": st.booleans(), "potion": st.none() | ids,
         "loss": amounts, "deductible": amounts, "payout": amounts, "out_of_pocket": amounts,
         "not_covered_because": st.none() | st.sampled_from(["no_policy", "excluded"]),
         "wellbeing_loss": st.integers(0, 100)}
    ),
    ev.PotionBought: st.fixed_dictionaries(
        {"potion": ids, "premium": amounts, "alternatives": st.lists(ids, max_size=4).map(tuple),
         "best_value": st.booleans()}
    ),
}


def _kind_built(node: ast.AST) -> str | None:
    """The event class a call builds unvalidated: `ev.Kind.trusted(...)` or
    `ev.shared(ev.Kind, ...)` (`Kind.trusted(...)` in the events module itself)."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    if node.func.attr == "trusted" and isinstance(node.func.value, ast.Attribute):
        return node.func.value.attr
    if node.func.attr == "trusted" and isinstance(node.func.value, ast.Name):
        # inside the events module itself (`kind.trusted` in `shared` names no class)
        named = getattr(ev, node.func.value.id, None)
        if isinstance(named, type) and issubclass(named, ev.Event):
            return node.func.value.id
    if node.func.attr == "shared" and node.args and isinstance(node.args[0], ast.Attribute):
        return node.args[0].attr
    return None


def _trusted_in_core() -> set[str]:
    """The event classes the core's modules build with `trusted` or `shared`."""
    found = set()
    for path in CORE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            kind = _kind_built(node)
            if kind is not None:
                assert isinstance(node, ast.Call)
                found.add(kind)
                names = [k.arg for k in node.keywords]
                fields = list(getattr(ev, kind).model_fields)
                assert names == fields, f"{path.name}:{node.lineno} gives {names}, not {fields}"
    return found


def test_every_unvalidated_event_gives_every_field_in_order_and_is_sampled_here() -> None:
    assert _trusted_in_core() == {cls.__name__ for cls in SAMPLES}


@pytest.mark.parametrize("kind", list(SAMPLES), ids=lambda k: k.__name__)
def test_a_trusted_event_equals_the_validated_one(kind: type[ev.Event]) -> None:
    @given(SAMPLES[kind])
    def same(drawn: dict[str, Any]) -> None:
        values = {name: drawn[name] for name in kind.model_fields}  # declaration order
        trusted, checked = kind.trusted(**values), kind(**values)
        assert trusted == checked and hash(trusted) == hash(checked)
        assert trusted.model_dump_json() == checked.model_dump_json()
        assert trusted.model_dump(mode="json") == checked.model_dump(mode="json")
        assert repr(trusted) == repr(checked)
        assert trusted.model_fields_set == checked.model_fields_set

    same()


def test_a_shared_event_is_the_trusted_one_built_once() -> None:
    first = ev.shared(ev.RoomEntered, room="hall", via="door", first_time=False)
    again = ev.shared(ev.RoomEntered, room="hall", via="door", first_time=False)
    assert again is first
    assert first == ev.RoomEntered(room="hall", via="door", first_time=False)
    other = ev.shared(ev.RoomEntered, room="hall", via="door", first_time=True)
    assert other is not first and other.first_time
    # Another kind with the same values is another event.
    assert ev.shared(ev.FlagSet, flag="hall") != ev.shared(ev.ThreatSpared, threat="hall")


def test_the_shared_store_is_emptied_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ev, "_SHARED", {})
    monkeypatch.setattr(ev, "_SHARED_MAX", 3)
    kept = [ev.shared(ev.FlagSet, flag=f"f{i}") for i in range(3)]
    assert len(ev._SHARED) == 3
    fourth = ev.shared(ev.FlagSet, flag="f3")
    assert len(ev._SHARED) == 1 and fourth.flag == "f3"
    assert ev.shared(ev.FlagSet, flag="f0") is not kept[0]
    assert ev.shared(ev.FlagSet, flag="f0") == kept[0]


def test_a_room_entry_is_the_shared_one_built_once() -> None:
    first = ev.entered("hall", "door", False)
    assert ev.entered("hall", "door", False) is first
    assert first == ev.shared(ev.RoomEntered, room="hall", via="door", first_time=False)
    assert first == ev.RoomEntered(room="hall", via="door", first_time=False)
    assert ev.entered("hall", "door", True) != first
    assert ev.entered("hall", None, False).via is None
