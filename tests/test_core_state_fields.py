"""The state's fields are declared once: the save format and the step's working copy follow."""

from __future__ import annotations

import ast
from dataclasses import fields, replace
from decimal import Decimal
from pathlib import Path

import pytest
from locations import FIXTURES

from escape_game.core import draft as draft_module
from escape_game.core.draft import Draft
from escape_game.core.state import STATE_VERSION, GameState, StateFormatError

SAVED_V1 = FIXTURES / "saves" / "state_v1.json"


def test_a_state_written_before_the_fields_were_declared_once_reads_back_identically() -> None:
    text = SAVED_V1.read_text("utf-8").strip()
    state = GameState.from_json(text)
    assert state.to_json() == text
    assert state.ledger.payouts == Decimal("20.00")
    assert state.warnings[0].paused is True
    assert state.rng == 98765432109876543210
    assert STATE_VERSION == 1


def test_every_field_is_written_and_read() -> None:
    state = replace(GameState.from_json(SAVED_V1.read_text("utf-8")),
                    cooling_off=frozenset({"safe"}))
    data = state.to_dict()
    assert set(data) == {f.name for f in fields(GameState)} | {"version"}
    default = GameState(room="hall")
    for f in fields(GameState):
        # Each field, on its own, survives the round trip.
        one = replace(default, **{f.name: getattr(state, f.name)})
        assert GameState.from_json(one.to_json()) == one, f.name


def test_the_working_copy_has_every_field_and_freezes_back() -> None:
    state = GameState.from_json(SAVED_V1.read_text("utf-8"))
    d = Draft.of(state)
    assert d.freeze() == state
    d.flags.add("new")
    d.attempts["quiz"] = 1
    d.ledger_premiums += Decimal("1.00")
    frozen = d.freeze()
    assert frozen.flags == state.flags | {"new"}
    assert ("quiz", 1) in frozen.attempts
    assert frozen.ledger.premiums == Decimal("31.00")
    assert state.flags == frozenset({"lit", "read"})  # the source is untouched
    # What the step left alone is shared with the source, not copied.
    assert frozen.taken is state.taken and frozen.visited is state.visited
    assert frozen.flags is not state.flags


def test_a_field_read_but_not_changed_is_shared_and_copies_are_private() -> None:
    state = GameState.from_json(SAVED_V1.read_text("utf-8"))
    d = Draft.of(state)
    assert "lit" in d.flags  # read: a working copy, equal to the source
    d.visited.append("attic")
    d.visited.remove("attic")  # changed back: still equal
    d.examined.add("poster")
    frozen = d.freeze()
    assert frozen.flags is state.flags and frozen.visited is state.visited
    assert frozen.examined == state.examined | {"poster"}
    assert "poster" not in state.examined
    again = Draft.of(frozen)
    again.examined.discard("poster")
    assert again.freeze().examined == state.examined and "poster" in frozen.examined


def test_the_drafts_types_name_exactly_the_state_fields() -> None:
    # Each field is a slot (held as it is) or an accessor over a working copy made on first
    # use; nothing else but what the step collects.
    plain = {n for n in Draft.__slots__ if not n.startswith("_work_")}
    thawed = {n.removeprefix("_work_") for n in Draft.__slots__ if n.startswith("_work_")}
    assert plain & thawed == set()
    assert plain | thawed == {f.name for f in fields(GameState)} | {
        "source", "events", "only", "depth", "ended_now"
    }
    assert all(isinstance(getattr(Draft, n), property) for n in thawed)
    # The working types the type checker reads (under TYPE_CHECKING) name the same fields.
    tree = ast.parse(Path(draft_module.__file__).read_text("utf-8"))
    [draft] = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Draft"]
    [typed] = [n for n in draft.body if isinstance(n, ast.If)]
    names = [n.target.id for n in typed.body
             if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)]
    assert names == [f.name for f in fields(GameState)]


def test_a_field_added_later_is_optional_in_documents_and_written_only_when_set() -> None:
    data = GameState.from_json(SAVED_V1.read_text("utf-8")).to_dict()
    assert "cooling_off" not in data  # an older document, and one with nothing to cancel
    state = GameState.from_dict(data | {"cooling_off": ["safe"]})
    assert state.cooling_off == frozenset({"safe"})
    assert state.to_dict()["cooling_off"] == ["safe"]
    with pytest.raises(StateFormatError, match="expected a list of ids"):
        GameState.from_dict(data | {"cooling_off": "safe"})


@pytest.mark.parametrize(
    "change,why",
    [
        ({"wellbeing": 101}, "outside 0..100"),
        ({"outcome": "won"}, "unknown outcome"),
        ({"rng": 5}, "decimal string"),
        ({"owned_potions": [["a"]]}, "expected [potion, bought_ms]"),
        ({"warnings": [["fire", 1, "yes"]]}, "expected true or false"),
        ({"ledger": []}, "ledger must be an object"),
        ({"money": "NaN"}, "not an amount"),
    ],
)
def test_bad_fields_are_refused_with_a_reason(change: dict[str, object], why: str) -> None:
    data = GameState.from_json(SAVED_V1.read_text("utf-8")).to_dict() | change
    with pytest.raises(StateFormatError, match=why.replace("[", r"\[").replace("]", r"\]")):
        GameState.from_dict(data)


def test_a_frozen_draft_is_a_plain_frozen_state() -> None:
    state = GameState.from_json(SAVED_V1.read_text("utf-8"))
    draft = Draft.of(state)
    draft.room = "cellar"
    draft.inventory.append("rope")
    new = draft.freeze()
    assert type(new) is GameState
    assert new == replace(state, room="cellar", inventory=(*state.inventory, "rope"))
    assert hash(new) == hash(replace(state, room="cellar", inventory=(*state.inventory, "rope")))
    with pytest.raises(AttributeError):  # FrozenInstanceError is an AttributeError
        new.room = "hall"  # type: ignore[misc]
    assert Draft.of(state).freeze() == state


def test_moving_the_ledger_keeps_every_other_movement_kind() -> None:
    from escape_game.core.draft import _moved
    from escape_game.core.state import Ledger

    # _moved names each field of Ledger: a new field needs a line there.
    assert [f.name for f in fields(Ledger)] == ["start", "effects", "premiums", "losses",
                                                "payouts"]
    ledger = Ledger(*(Decimal(n) for n in range(1, 6)))
    for f in fields(Ledger)[1:]:
        assert _moved(ledger, **{f.name: Decimal(9)}) == replace(ledger, **{f.name: Decimal(9)})
