"""A synthetic classroom with a known true effect per concept, written as real session files.

Model: P(correct) = logistic(ability - difficulty(item) + gain(concept) * [post]), ability
~ N(0, 1). ``Truth.expected_diff`` is the population expectation of post - pre proportion
correct per concept (Gauss-Hermite quadrature over ability), the number an analysis of the
files should recover. Options add the mess of real classrooms: attrition, torn last lines,
duplicate copies, a second content version, conditions and an erased player.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

CONCEPTS: dict[str, float] = {"premium": 1.0, "deductible": 0.5, "exclusion": 0.0,
                              "risk_pooling": 1.5}
ROOMS = ("hall", "kitchen", "garage", "vault")
CAMPAIGN = "synthetic-city"
ENGINE = "0.1.0"
TOKEN_EPOCH = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


def content_hash(version: int) -> str:
    return hashlib.sha256(f"{CAMPAIGN}:v{version}".encode()).hexdigest()


def player_code(index: int) -> str:
    return f"KID-{index:05d}"


@dataclass(frozen=True)
class Classroom:
    """What to generate; the defaults give a clean, counterbalanced classroom."""

    participants: int = 200
    seed: int = 2026
    gains: dict[str, float] = field(default_factory=lambda: dict(CONCEPTS))
    items_per_concept: int = 3
    machines: int = 4
    events_per_room: int = 4
    attrition: float = 0.0
    torn: float = 0.0
    duplicates: int = 0
    conflicting_duplicates: int = 0
    other_version: int = 0
    conditions: tuple[str, ...] = ()
    condition_boost: float = 0.5
    erase: int = 0
    #: Class ids, assigned in turn; ``class_boost`` adds to the post-quiz logit of a class
    #: (a teacher who debriefs better), the class effect a mixed model should find.
    classes: tuple[str, ...] = ()
    class_boost: dict[str, float] = field(default_factory=dict)
    school: str | None = None
    #: The last ``partial_post`` players answer only the first ``partial_items`` post items.
    partial_post: int = 0
    partial_items: int = 4
    #: One 1-5 confidence (Likert) item per concept on each form, rising with the score.
    likert: bool = False
    #: Players who buy the worse potion take it back (cooling-off) and buy the best one
    #: instead; off by default, so the default classrooms draw the same numbers.
    cancel_worse: bool = False


@dataclass
class Truth:
    expected_diff: dict[str, float]
    gains: dict[str, float]
    difficulties: dict[str, float]
    erased_players: list[str]
    files: list[Path]
    sessions_written: int
    events_written: int


def _logistic(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def _forms(config: Classroom, rng: np.random.Generator) -> dict[str, list[tuple[str, str, float]]]:
    """Two parallel forms: per concept, items with difficulties drawn around 0."""
    forms: dict[str, list[tuple[str, str, float]]] = {"A": [], "B": []}
    for concept in config.gains:
        for k in range(config.items_per_concept):
            base = float(rng.normal(0.3, 0.6))
            for form in ("A", "B"):
                item = f"{form}-{concept}-{k + 1}"
                forms[form].append((item, concept, base + float(rng.normal(0, 0.15))))
    return forms


def _expected_diff(config: Classroom, forms: dict[str, list[tuple[str, str, float]]]
                   ) -> dict[str, float]:
    nodes, weights = np.polynomial.hermite_e.hermegauss(60)
    weights = weights / weights.sum()
    n_cond = max(1, len(config.conditions))
    boosts = [config.condition_boost if config.conditions and k == n_cond - 1 else 0.0
              for k in range(n_cond)]
    classes = config.classes or ("",)
    out: dict[str, float] = {}
    for concept, gain in config.gains.items():
        # Half the class takes A first, half B first; conditions and classes are equally
        # frequent; boosts only lift concepts the game teaches (gain != 0).
        diffs = []
        for boost in boosts:
            for group in classes:
                extra = (boost + config.class_boost.get(group, 0.0)) if gain else 0.0
                for pre, post in (("A", "B"), ("B", "A")):
                    pre_d = [d for _, c, d in forms[pre] if c == concept]
                    post_d = [d for _, c, d in forms[post] if c == concept]
                    p_pre = np.mean([(weights * _logistic(nodes - d)).sum() for d in pre_d])
                    p_post = np.mean([(weights * _logistic(nodes - d + gain + extra)).sum()
                                      for d in post_d])
                    diffs.append(float(p_post - p_pre))
        out[concept] = float(np.mean(diffs))
    return out


class _Session:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []
        self.seq = 0
        self.t_ms = 0

    def add(self, record: dict[str, Any], *, step_ms: int = 0) -> None:
        self.t_ms += step_ms
        if record["record"] != "header":
            self.seq += 1
            record = {"seq": self.seq, "t_ms": self.t_ms, **record}
        self.lines.append(json.dumps(record, separators=(",", ":")))

    def event(self, name: str, step_ms: int, **data: Any) -> None:
        self.add({"record": "event", "name": name, "data": data}, step_ms=step_ms)


def generate(folder: Path, config: Classroom | None = None) -> Truth:
    """Write the classroom's session files under ``folder/machine-NN/`` and return the truth."""
    config = config or Classroom()
    rng = np.random.default_rng(config.seed)
    forms = _forms(config, rng)
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    events = 0
    for index in range(config.participants):
        session = _one_session(index, config, forms, rng, folder)
        events += sum(1 for line in session.lines if '"record":"event"' in line)
        text = "\n".join(session.lines) + "\n"
        if config.torn and rng.random() < config.torn:
            text = text[: len(text) - 1 - len(session.lines[-1]) // 2]
        session.path.write_text(text, encoding="utf-8")
        files.append(session.path)
    dup_dir = folder / "usb-copy"
    for k in range(min(config.duplicates + config.conflicting_duplicates, len(files))):
        dup_dir.mkdir(exist_ok=True)
        text = files[k].read_text(encoding="utf-8")
        if k >= config.duplicates:
            text = re.sub(r'"latency_ms":(\d+)', lambda m: f'"latency_ms":{int(m[1]) + 1}',
                          text, count=1)
        (dup_dir / files[k].name).write_text(text, encoding="utf-8")
    erased = [player_code(i) for i in range(config.erase)]
    if erased:
        lines = ["# players erased with `escape-game telemetry delete`"]
        lines += [hashlib.sha256(code.encode()).hexdigest() for code in erased]
        (folder / "tombstones.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    gains = dict(config.gains)
    return Truth(
        expected_diff=_expected_diff(config, forms), gains=gains,
        difficulties={item: d for form in forms.values() for item, _, d in form},
        erased_players=erased, files=files, sessions_written=len(files), events_written=events,
    )


def _one_session(index: int, config: Classroom, forms: dict[str, list[tuple[str, str, float]]],
                 rng: np.random.Generator, folder: Path) -> _Session:
    session_id = uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | index, version=4)
    machine = folder / f"machine-{index % config.machines:02d}"
    machine.mkdir(exist_ok=True)
    s = _Session(machine / f"{session_id}.jsonl")
    pre_form, post_form = ("A", "B") if index % 2 == 0 else ("B", "A")
    # Conditions cross the form order (index // 2), so they are not confounded with it.
    condition = (config.conditions[(index // 2) % len(config.conditions)]
                 if config.conditions else None)
    boost = config.condition_boost if condition and condition == config.conditions[-1] else 0.0
    class_id = (config.classes[(index // 4) % len(config.classes)]
                if config.classes else None)
    boost += config.class_boost.get(class_id or "", 0.0)
    version = 2 if index < config.other_version else 1
    started = TOKEN_EPOCH + timedelta(minutes=index)
    s.add({
        "record": "header", "schema_version": 1, "session_id": str(session_id),
        "player": player_code(index), "campaign_id": CAMPAIGN,
        "content_hash": content_hash(version), "engine_version": ENGINE,
        "seed": int(rng.integers(0, 2**32)), "language": "en", "condition": condition,
        "pre_form": pre_form, "post_form": post_form,
        "consent": {"given": True, "at": started.isoformat()}, "started_at": started.isoformat(),
        **({"class_id": class_id} if class_id else {}),
        **({"school_id": config.school} if config.school else {}),
    })
    ability = float(rng.normal(0, 1))
    # Where this player stops: 0 = before the pre-quiz ends ... len(ROOMS)+2 = finished.
    stop = len(ROOMS) + 2
    if config.attrition and rng.random() < config.attrition:
        stop = int(rng.integers(0, len(ROOMS) + 2))
    _quiz(s, "pre", pre_form, forms, ability, 0.0, rng, partial=stop == 0,
          likert=config.likert)
    if stop == 0:
        return s
    skill = 1.0 / (1.0 + math.exp(-ability))
    for k, room in enumerate(ROOMS):
        if stop <= k:
            return s
        _room(s, room, k, skill, config, rng)
    s.event("GameEnded", 500, outcome="escaped", score=100, money="120.00", wellbeing=80,
            elapsed_ms=s.t_ms)
    if stop == len(ROOMS) + 1:
        return s
    cut = (config.partial_items
           if index >= config.participants - config.partial_post else None)
    _quiz(s, "post", post_form, forms, ability, boost, rng, partial=False,
          gains=config.gains, cut=cut, likert=config.likert)
    s.add({"record": "footer", "outcome": "escaped",
           "ended_at": (started + timedelta(milliseconds=s.t_ms + 10)).isoformat()},
          step_ms=10)
    return s


def _quiz(s: _Session, phase: str, form: str, forms: dict[str, list[tuple[str, str, float]]],
          ability: float, boost: float, rng: np.random.Generator, *, partial: bool,
          gains: dict[str, float] | None = None, cut: int | None = None,
          likert: bool = False) -> None:
    items = forms[form][: len(forms[form]) // 2] if partial else forms[form]
    if cut is not None:
        items = items[:cut]
    elif likert and not partial:
        for concept in dict.fromkeys(c for _, c, _ in items):
            gain = (gains[concept] + boost) if gains else 0.0
            level = 3.0 + 0.8 * (ability + gain) + float(rng.normal(0, 0.7))
            s.add({"record": "quiz_answer", "phase": phase, "form": form,
                   "item": f"{form}-conf-{concept}", "concept": concept,
                   "choice": int(min(5, max(1, round(level)))), "correct": None,
                   "latency_ms": 3000, "confidence": None}, step_ms=3000)
    for item, concept, difficulty in items:
        # A condition or a class lifts only what the game teaches: a concept with no gain
        # stays without one.
        gain = (gains[concept] + (boost if gains[concept] else 0.0)) if gains else 0.0
        p = 1.0 / (1.0 + math.exp(-(ability - difficulty + gain)))
        correct = bool(rng.random() < p)
        latency = int(rng.integers(2000, 15000))
        s.add({"record": "quiz_answer", "phase": phase, "form": form, "item": item,
               "concept": concept, "choice": "a" if correct else "b", "correct": correct,
               "latency_ms": latency, "confidence": int(rng.integers(1, 6))}, step_ms=latency)


def _room(s: _Session, room: str, k: int, skill: float, config: Classroom,
          rng: np.random.Generator) -> None:
    s.event("RoomEntered", 800, room=room, via=f"door-{k}" if k else None, first_time=True)
    entered = s.t_ms
    for j in range(config.events_per_room):
        s.event("ObjectExamined", int(rng.integers(500, 4000)), object=f"{room}-obj-{j}",
                room=room)
    hints = int(rng.random() > skill) + int(rng.random() > skill)
    for h in range(hints):
        s.event("HintTaken", 3000, puzzle=f"{room}-lock", index=h, cost=5)
    s.event("PuzzleSolved", int(rng.integers(5000, 30000)), puzzle=f"{room}-lock",
            attempts=1 + hints, hints_used=hints, points=10)
    potions = [f"{room}-potion-a", f"{room}-potion-b"]
    threat = f"{room}-threat"
    s.event("ThreatWarned", 2000, threat=threat, category="theft", seconds=10)
    paused = rng.random() < 0.4
    if paused:
        s.event("ThreatPaused", int(rng.integers(500, 3000)), threat=threat, remaining_ms=5000)
    s.event("PotionOffered", 1000, room=room, potions=potions)
    best = bool(rng.random() < (skill + 0.2 if paused else skill))
    think = int(rng.integers(3000, 20000)) + (4000 if paused else 0)
    if rng.random() < 0.8:
        bought = potions[0] if best else potions[1]
        s.event("PotionBought", think, potion=bought, premium="12.50",
                alternatives=[p for p in potions if p != bought], best_value=best)
        if config.cancel_worse and not best:
            s.event("PurchaseCancelled", 4000, potion=bought, refund="12.50")
            s.event("PotionBought", 3000, potion=potions[0], premium="12.50",
                    alternatives=[potions[1]], best_value=True)
        protected = True
    else:
        s.event("PotionDeclined", think, potion=potions[0])
        protected = False
    s.event("ThreatStruck", int(rng.integers(1000, 8000)), threat=threat, category="theft",
            protected=protected, potion=potions[0] if protected else None, loss="200.00",
            deductible="50.00", payout="150.00" if protected else "0.00",
            out_of_pocket="50.00" if protected else "200.00", wellbeing_loss=0)
    s.event("RoomLeft", 500, room=room, seconds_in_room=(s.t_ms - entered) // 1000)
