"""The level format's models accept a small campaign and refuse what a teacher gets wrong."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from escape_game.model import Campaign, text_in
from escape_game.model.conditions import AllOf, Not

BASE = {
    "format": 1,
    "id": "demo",
    "title": {"en": "Demo", "fr": "Démo"},
    "languages": ["en", "fr"],
    "start": {"room": "hall", "money": "100.50"},
    "risks": [{"id": "fire", "name": "Fire"}],
    "rooms": [
        {
            "id": "hall",
            "title": "Hall",
            "description": "A hall.",
            "objects": [
                {
                    "id": "box",
                    "name": "Box",
                    "description": "A box.",
                    "take": "key",
                    "visible_if": {"all": [{"has_flag": "x"}, {"not": {"has_item": "key"}}]},
                }
            ],
            "puzzles": [
                {
                    "id": "lock",
                    "kind": "code_lock",
                    "title": "Lock",
                    "prompt": "Code",
                    "code": "0042",
                    "on_success": [{"escape": True}],
                }
            ],
            "shop": [
                {"id": "p1", "brand": "A", "name": "P", "covers": ["fire"],
                 "premium": 10, "limit": 100}
            ],
            "threats": [
                {"id": "t1", "name": "F", "category": "fire", "description": "d",
                 "loss": 50, "trigger": {"when": "actions", "count": 3}}
            ],
        }
    ],
}


def test_campaign_validates_into_frozen_models() -> None:
    campaign = Campaign.model_validate(BASE)
    obj = campaign.rooms[0].objects[0]
    assert isinstance(obj.visible_if, AllOf)
    assert isinstance(obj.visible_if.all_[1], Not)
    assert campaign.start.money == Decimal("100.50")
    with pytest.raises(ValidationError):
        campaign.rooms[0].objects[0].__setattr__("name", "changed")


def test_unknown_key_is_an_error() -> None:
    room = {**BASE["rooms"][0], "descripton": "typo"}  # type: ignore[dict-item]
    with pytest.raises(ValidationError) as info:
        Campaign.model_validate({**BASE, "rooms": [room]})
    assert info.value.errors()[0]["type"] == "extra_forbidden"


def test_unknown_effect_names_its_own_error_type() -> None:
    room = {**BASE["rooms"][0], "on_enter": [{"giv_item": "x"}]}  # type: ignore[dict-item]
    with pytest.raises(ValidationError) as info:
        Campaign.model_validate({**BASE, "rooms": [room]})
    assert info.value.errors()[0]["type"] == "unknown_effect"


def test_text_falls_back_to_another_language() -> None:
    assert text_in({"en": "Hello", "fr": "Bonjour"}, "fr") == "Bonjour"
    assert text_in({"en": "Hello"}, "de", fallback="en") == "Hello"
    assert text_in("Plain", "fr") == "Plain"
