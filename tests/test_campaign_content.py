"""The default campaign teaches what it measures: concepts, quizzes, texts, images, balance.

Risk Academy is what a class plays first and what teachers copy, so its content is held to
checks a loader cannot make: every concept is taught by a puzzle and measured in both quiz
forms, the forms are parallel, the French follows French typography, every threat, potion
and key object has an image, and the careful walkthrough beats the reckless one.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from locations import ROOT

from escape_game import core
from escape_game.loading import load_campaign
from escape_game.model import Campaign, KnowledgeItem, LikertItem, QuizForm
from escape_game.runner.script import parse_actions

LEVEL = ROOT / "levels" / "risk_academy"
WALKTHROUGHS = LEVEL / "walkthroughs"
LANGS = {"fr", "en"}


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    loaded = load_campaign(LEVEL)
    assert loaded.warnings == [], [str(w) for w in loaded.warnings]
    return loaded.campaign


def _forms(campaign: Campaign) -> dict[str, QuizForm]:
    return {form.id: form for form in campaign.quiz_forms}


def _knowledge(form: QuizForm) -> list[KnowledgeItem]:
    return [i for i in form.items if isinstance(i, KnowledgeItem)]


def _likert(form: QuizForm) -> list[LikertItem]:
    return [i for i in form.items if isinstance(i, LikertItem)]


# -- concepts: taught by a puzzle, measured in each form ---------------------------------------
def test_every_concept_is_taught_by_a_puzzle(campaign: Campaign) -> None:
    glossary = {c.id for c in campaign.concepts}
    taught = {c for room in campaign.rooms for p in room.puzzles for c in p.concepts}
    assert glossary - taught == set()


def test_every_concept_is_measured_in_each_form(campaign: Campaign) -> None:
    glossary = {c.id for c in campaign.concepts}
    for form in campaign.quiz_forms:
        measured = {item.concept for item in _knowledge(form)}
        assert glossary - measured == set(), form.id


def test_every_concept_tag_is_in_the_glossary(campaign: Campaign) -> None:
    glossary = {c.id for c in campaign.concepts}
    used: set[str] = set()
    for room in campaign.rooms:
        used.update(room.concepts)
        for obj in room.objects:
            used.update(obj.concepts)
        for puzzle in room.puzzles:
            used.update(puzzle.concepts)
        for potion in room.shop:
            used.update(potion.concepts)
        for threat in room.threats:
            used.update(threat.concepts)
    for form in campaign.quiz_forms:
        used.update(i.concept for i in form.items if i.concept is not None)
    assert used - glossary == set()


def test_glossary_entries_have_a_definition_and_a_debrief(campaign: Campaign) -> None:
    for concept in campaign.concepts:
        assert concept.definition and concept.debrief, concept.id


# -- quizzes -----------------------------------------------------------------------------------
def test_quiz_plan_uses_two_counterbalanced_forms(campaign: Campaign) -> None:
    plan = campaign.quizzes
    assert plan is not None
    forms = _forms(campaign)
    assert plan.pre in forms and plan.post in forms and plan.pre != plan.post
    assert plan.counterbalance


def test_forms_are_long_enough(campaign: Campaign) -> None:
    assert len(campaign.quiz_forms) >= 2
    for form in campaign.quiz_forms:
        assert len(_knowledge(form)) >= 12, form.id
        assert len(_likert(form)) >= 3, form.id


def test_forms_are_parallel(campaign: Campaign) -> None:
    """Same concept multiset for knowledge items and for confidence items."""
    knowledge = [Counter(i.concept for i in _knowledge(f)) for f in campaign.quiz_forms]
    likert = [Counter(i.concept for i in _likert(f)) for f in campaign.quiz_forms]
    assert all(k == knowledge[0] for k in knowledge)
    assert all(k == likert[0] for k in likert)


def test_forms_share_no_item(campaign: Campaign) -> None:
    forms = campaign.quiz_forms
    for a, b in itertools.combinations(forms, 2):
        assert {i.id for i in a.items}.isdisjoint(i.id for i in b.items)
        prompts_a = {str(i.prompt) for i in a.items}
        assert prompts_a.isdisjoint(str(i.prompt) for i in b.items)


def test_every_item_has_a_source_and_knowledge_items_explain(campaign: Campaign) -> None:
    for form in campaign.quiz_forms:
        for item in form.items:
            assert item.source, item.id
            assert "original" in item.source.lower() or "adapted from" in item.source.lower()
        for k in _knowledge(form):
            assert k.explanation is not None, k.id
            assert k.answer in {o.id for o in k.options}, k.id


# -- texts -------------------------------------------------------------------------------------
def _texts(campaign: Campaign) -> Iterator[tuple[str, Any]]:
    from escape_game.loading.walk import iter_models, texts_of

    for path, model in iter_models(campaign):
        for key, value in texts_of(model):
            yield ".".join(str(p) for p in (*path, key)), value


def test_every_text_is_in_french_and_english(campaign: Campaign) -> None:
    missing = [where for where, text in _texts(campaign)
               if not isinstance(text, dict) or set(text) != LANGS]
    assert missing == []


_FR_BAD = [
    (re.compile(r'["“”]'), "quotation marks other than « »"),
    (re.compile(r" [:;!?»]"), "an ASCII space before : ; ! ? or »"),
    (re.compile(r"«[ \S]"), "no non-breaking space after «"),
    (re.compile(r"\S[:;!?»]"), "no space before : ; ! ? or »"),
    (re.compile(r"\d [€%]"), "an ASCII space between a number and € or %"),
    (re.compile(r"\d \d{3}(?!\d)"), "an ASCII space as a thousands separator"),
    (re.compile(r"'"), "a straight apostrophe instead of ’"),
]


def _french_problems(text: str) -> list[str]:
    found = []
    for pattern, why in _FR_BAD:
        for match in pattern.finditer(text):
            snippet = text[max(0, match.start() - 12): match.end() + 12]
            # a colon inside a number or a clock time is not punctuation
            if why.startswith("no space before") and re.fullmatch(r"\d[:]", match.group()):
                continue
            found.append(f"{why}: …{snippet}…")
    return found


def test_french_typography(campaign: Campaign) -> None:
    problems = []
    for where, text in _texts(campaign):
        if isinstance(text, dict) and "fr" in text:
            problems += [f"{where}: {p}" for p in _french_problems(text["fr"])]
    assert problems == []


def test_the_games_own_french_follows_the_same_typography() -> None:
    """The interface's phrases sit beside the level's on every screen: the same apostrophe
    and the same non-breaking spaces, so that "?" or ":" never starts a line on its own.
    (The walkthrough's phrases are the checker's words for authors, kept as proven.)"""
    import json

    from escape_game.locales import LOCALES_DIR

    phrases = json.loads((LOCALES_DIR / "fr.json").read_text("utf-8"))
    problems = [f"{key}: {p}" for key, text in phrases.items()
                if not key.startswith("walkthrough.") for p in _french_problems(text)]
    assert problems == []


def test_french_checker_catches_the_usual_mistakes() -> None:
    assert _french_problems('Il dit "non" : merci')
    assert _french_problems("Attention !")
    assert _french_problems("« Garanti »")
    assert _french_problems("Prix : 1 200\u00a0€")
    assert _french_problems("Prix\u00a0: 100 €")
    assert _french_problems("l'assurance")
    assert _french_problems("Prix\u00a0: 1\u202f200\u00a0€, «\u202fgaranti\u202f»\u202f!") == []


def test_english_texts_use_english_quotes(campaign: Campaign) -> None:
    bad = [where for where, text in _texts(campaign)
           if isinstance(text, dict) and re.search(r"[«»]", text.get("en", ""))]
    assert bad == []


# -- images and layout -------------------------------------------------------------------------
def _asset(ref: str) -> Path:
    if ref.startswith("assets:"):
        return ROOT / "assets" / ref.removeprefix("assets:").lstrip("/")
    return LEVEL / ref


def test_threats_potions_items_and_key_objects_have_images(campaign: Campaign) -> None:
    missing = []
    for room in campaign.rooms:
        things: list[Any] = [*room.threats, *room.shop, *room.objects, *room.puzzles]
        missing += [t.id for t in things if t.image is None or not _asset(t.image).is_file()]
        if room.background is None or not _asset(room.background).is_file():
            missing.append(room.id)
    missing += [i.id for i in campaign.items if i.image is None or not _asset(i.image).is_file()]
    missing += [r.id for r in campaign.risks if r.image is None or not _asset(r.image).is_file()]
    assert missing == []


#: A hotspot is drawn as an icon with its name underneath: about a fifth of the picture wide
#: and a quarter high, so two hotspots must be at least that far apart on one axis.
HOTSPOT_WIDTH, HOTSPOT_HEIGHT = 0.2, 0.25


def test_hotspots_are_placed_apart(campaign: Campaign) -> None:
    """The UI lays hotspots out from these positions; too close and they overlap."""
    for room in campaign.rooms:
        spots: list[tuple[str, float, float]] = []
        for thing in (*room.objects, *room.puzzles, *room.exits):
            assert thing.position is not None, thing.id
            spots.append((thing.id, thing.position.x, thing.position.y))
        for (a, ax, ay), (b, bx, by) in itertools.combinations(spots, 2):
            apart = abs(ax - bx) >= HOTSPOT_WIDTH or abs(ay - by) >= HOTSPOT_HEIGHT
            assert apart, (room.id, a, b)
        for name, x, y in spots:
            assert 0.1 <= x <= 0.9 and 0.15 <= y <= 0.85, (room.id, name)


# -- play: walkthroughs and balance ------------------------------------------------------------
def _play(campaign: Campaign, script: Path, *, drop: tuple[str, ...] = (),
          buy_all: bool = False) -> tuple[Any, dict[str, Any]]:
    data: dict[str, Any] = yaml.safe_load(script.read_text(encoding="utf-8"))
    actions: list[dict[str, Any]] = []
    for action in data["actions"]:
        if action["type"] in drop or (buy_all and action["type"] == "decline"):
            continue
        actions.append(action)
        if buy_all and action["type"] == "buy":
            room = next(r for r in campaign.rooms if any(p.id == action["potion"] for p in r.shop))
            actions += [{"type": "buy", "potion": p.id} for p in room.shop
                        if p.id != action["potion"]]
    parsed = parse_actions(actions, [], script)
    level = core.Level.from_campaign(campaign)
    result = core.new_game(level, data.get("seed", 0))
    state = result.state
    for action in parsed:
        step = core.step(level, state, action)
        assert not any(e.name == "ActionRejected" for e in step.events), (action, step.events)
        state = step.state
    return state, data.get("expect", {})


def _net(state: Any) -> Decimal:
    return Decimal(state.money) - Decimal(state.debt)


@pytest.mark.parametrize("name", ["careful", "reckless"])
def test_walkthrough_escapes_with_the_expected_numbers(campaign: Campaign, name: str) -> None:
    state, expect = _play(campaign, WALKTHROUGHS / f"{name}.yaml")
    assert state.outcome == expect["outcome"] == "escaped"
    assert {k: expect[k] for k in ("money", "debt", "wellbeing", "score")} == {
        "money": state.money, "debt": state.debt,
        "wellbeing": state.wellbeing, "score": state.score,
    }


def test_careful_beats_reckless(campaign: Campaign) -> None:
    careful, _ = _play(campaign, WALKTHROUGHS / "careful.yaml")
    reckless, _ = _play(campaign, WALKTHROUGHS / "reckless.yaml")
    assert _net(careful) > _net(reckless)
    assert careful.wellbeing > reckless.wellbeing
    assert careful.score > reckless.score


def test_buying_everything_is_a_mistake_and_buying_nothing_a_bigger_one(
    campaign: Campaign,
) -> None:
    careful, _ = _play(campaign, WALKTHROUGHS / "careful.yaml")
    everything, _ = _play(campaign, WALKTHROUGHS / "careful.yaml", buy_all=True)
    nothing, _ = _play(campaign, WALKTHROUGHS / "careful.yaml", drop=("buy", "decline"))
    assert nothing.outcome == everything.outcome == "escaped"
    assert _net(careful) > _net(everything) > _net(nothing)
    assert careful.score > nothing.score
    assert careful.wellbeing > nothing.wellbeing


def test_buying_everything_does_not_outscore_the_careful_player(campaign: Campaign) -> None:
    careful, _ = _play(campaign, WALKTHROUGHS / "careful.yaml")
    everything, _ = _play(campaign, WALKTHROUGHS / "careful.yaml", buy_all=True)
    assert careful.score > everything.score


def test_an_unprotected_strike_costs_more_than_the_right_cover(campaign: Campaign) -> None:
    """For each threat a potion can cover, premium + deductible of the best buy < the loss."""
    for room in campaign.rooms:
        for threat in room.threats:
            covers = [p for r in campaign.rooms for p in r.shop
                      if threat.category in p.covers
                      and not any(threat.id in e.threats for e in p.exclusions)
                      and p.waiting_period == 0]
            if threat.category == "scam":
                assert covers == [], "no insurance covers a scam"
                continue
            assert covers, threat.id
            cheapest = min(p.premium + p.deductible for p in covers)
            assert cheapest < threat.loss, threat.id
