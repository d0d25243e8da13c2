"""Session records as xAPI 1.0.3 statements, following the xAPI for Serious Games profile.

Mapping (anything not listed, e.g. money changes, stays in the tidy exports only):

- session header -> *initialized* the serious game; ``GameEnded`` -> *completed* it (success =
  escaped, score raw, duration);
- ``RoomEntered`` -> *initialized* the room as a ``level`` (*accessed* on a re-entry);
  ``RoomLeft`` -> *completed* the level (duration) and *progressed* the game (share of the
  campaign's rooms completed, 0..1, in the profile's progress extension);
- ``ObjectExamined``/``ItemTaken`` -> *interacted* with an ``item``; ``ItemUsed`` and
  ``HintTaken`` -> *used*; ``ExitUnlocked`` -> *unlocked*; ``PuzzleSolved`` -> *completed*
  a ``quest``;
- ``PotionOffered`` -> *accessed* the shop (a ``menu``); ``PotionBought`` -> *selected* in it
  (response = potion, success = best value); ``PotionDeclined`` -> *skipped*;
  ``PurchaseCancelled`` -> *cancelled* in it (response = potion; the cooling-off right);
- ``ThreatPaused``/``ThreatStruck`` -> *interacted* with the threat (an ``enemy``; success =
  protected);
- quiz answers -> *answered* a ``cmi.interaction`` (choice, response, success, latency).

Statement ids are uuid5 over (session id, seq, index), so exporting twice gives the same ids
and a re-push never duplicates. The actor is an opaque account: the sha256 of the player code
(or the pseudonymous code itself), never a name.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from telemetry.research.ingest import Dataset

PROFILE = "https://w3id.org/xapi/seriousgames"
SG = "https://w3id.org/xapi/seriousgames"
ADL = "http://adlnet.gov/expapi/verbs"
VERBS = {
    "initialized": f"{ADL}/initialized",
    "completed": f"{ADL}/completed",
    "answered": f"{ADL}/answered",
    "interacted": f"{ADL}/interacted",
    "progressed": f"{SG}/verbs/progressed",
    "accessed": f"{SG}/verbs/accessed",
    "used": f"{SG}/verbs/used",
    "unlocked": f"{SG}/verbs/unlocked",
    "selected": "https://w3id.org/xapi/adb/verbs/selected",
    "skipped": "http://id.tincanapi.com/verb/skipped",
    "cancelled": "http://activitystrea.ms/schema/1.0/cancel",
}
TYPES = {
    "serious-game": f"{SG}/activity-types/serious-game",
    "level": f"{SG}/activity-types/level",
    "quest": f"{SG}/activity-types/quest",
    "item": f"{SG}/activity-types/item",
    "menu": f"{SG}/activity-types/menu",
    "enemy": f"{SG}/activity-types/enemy",
    "area": f"{SG}/activity-types/area",
    "interaction": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "profile": "http://adlnet.gov/expapi/activities/profile",
}
PROGRESS = f"{SG}/extensions/progress"
STATEMENT_NAMESPACE = uuid.UUID("8f3b7a52-54a1-4c43-9c1e-4d0c2bb2a1e7")
DEFAULT_HOME_PAGE = "https://escape-game.invalid"
DEFAULT_ACTIVITY_BASE = "https://escape-game.invalid/xapi"


@dataclass(frozen=True)
class XapiOptions:
    """Where the activity ids live and how players are named (``hash`` or ``code``)."""

    home_page: str = DEFAULT_HOME_PAGE
    activity_base: str = DEFAULT_ACTIVITY_BASE
    actor_name: Literal["hash", "code"] = "hash"


def statement_id(session_id: str, seq: int, index: int = 0) -> str:
    return str(uuid.uuid5(STATEMENT_NAMESPACE, f"{session_id}:{seq}:{index}"))


def iso_duration(ms: int | float) -> str:
    """Milliseconds as an ISO 8601 duration, e.g. ``PT12.345S``."""
    seconds = f"{max(0.0, float(ms)) / 1000:.3f}".rstrip("0").rstrip(".")
    return f"PT{seconds}S"


def _timestamp(started: datetime, t_ms: int) -> str:
    if started.tzinfo is None:
        started = started.replace(tzinfo=UTC)
    moment = started + timedelta(milliseconds=t_ms)
    return moment.isoformat(timespec="milliseconds")


class _Builder:
    """Statements of one dataset; keeps the per-item quiz definitions and room counts."""

    def __init__(self, ds: Dataset, options: XapiOptions) -> None:
        self.ds = ds
        self.options = options
        self.base = options.activity_base.rstrip("/")
        con = ds.connect()
        self.choices: dict[str, set[str]] = defaultdict(set)
        self.correct: dict[str, set[str]] = defaultdict(set)
        for item, choice, correct in con.execute(
                "SELECT DISTINCT item, choice, correct FROM answers").fetchall():
            self.choices[item].add(str(choice))
            if correct:
                self.correct[item].add(str(choice))
        self.rooms: dict[str, int] = {
            str(c): int(n) for c, n in con.execute("""
                SELECT s.campaign_id, count(DISTINCT json_extract_string(e.data, '$.room'))
                FROM events e JOIN sessions s USING (session_id)
                WHERE e.name = 'RoomEntered' GROUP BY 1""").fetchall()}

    def activity(self, kind: str, path: str, name: str) -> dict[str, Any]:
        return {"objectType": "Activity", "id": f"{self.base}/{path}",
                "definition": {"type": TYPES[kind], "name": {"en": name}}}

    def session_statements(self, session: dict[str, Any],
                           records: list[tuple[int, int, str, dict[str, Any]]]
                           ) -> Iterator[dict[str, Any]]:
        sid = str(session["session_id"])
        campaign = str(session["campaign_id"])
        started: datetime = session["started_at"].to_pydatetime()
        actor_name = (session["player_hash"] if self.options.actor_name == "hash"
                      else session["player"])
        actor = {"objectType": "Agent",
                 "account": {"homePage": self.options.home_page, "name": actor_name}}
        game = self.activity("serious-game", f"games/{campaign}", campaign)
        game_path = f"games/{campaign}"
        extensions: dict[str, Any] = {f"{self.base}/extensions/session-seq": 0}
        if session.get("condition"):
            extensions[f"{self.base}/extensions/condition"] = session["condition"]
        total_rooms = max(1, self.rooms.get(campaign, 1))
        completed_rooms: set[str] = set()
        room_entered: dict[str, int] = {}

        def statement(seq: int, index: int, t_ms: int, verb: str, obj: dict[str, Any],
                      result: dict[str, Any] | None = None, parent: dict[str, Any] | None = None,
                      extra: dict[str, Any] | None = None) -> dict[str, Any]:
            context: dict[str, Any] = {
                "registration": sid, "revision": session["content_hash"],
                "platform": f"escape-game {session['engine_version']}",
                "language": session["language"],
                "contextActivities": {
                    "category": [{"objectType": "Activity", "id": PROFILE,
                                  "definition": {"type": TYPES["profile"]}}],
                    "parent": [parent or game],
                },
                "extensions": {**extensions, f"{self.base}/extensions/session-seq": seq,
                               **(extra or {})},
            }
            if parent is not None and parent is not game:
                context["contextActivities"]["grouping"] = [game]
            out: dict[str, Any] = {
                "id": statement_id(sid, seq, index), "actor": actor,
                "verb": {"id": VERBS[verb], "display": {"en": verb}}, "object": obj,
                "context": context, "timestamp": _timestamp(started, t_ms),
                "version": "1.0.3",
            }
            if obj is game:
                del context["contextActivities"]["parent"]
            if result:
                out["result"] = result
            return out

        yield statement(0, 0, 0, "initialized", game)
        for seq, t_ms, kind, data in records:
            if kind == "quiz_answer":
                yield self._answer(statement, seq, t_ms, campaign, data)
                continue
            room = data.get("room")
            level = self.activity("level", f"{game_path}/rooms/{room}", str(room)) if room else None
            if kind == "RoomEntered" and level:
                room_entered[str(room)] = t_ms
                verb = "initialized" if data.get("first_time", True) else "accessed"
                yield statement(seq, 0, t_ms, verb, level)
            elif kind == "RoomLeft" and level:
                spent = t_ms - room_entered.get(str(room), t_ms)
                yield statement(seq, 0, t_ms, "completed", level,
                                {"completion": True, "duration": iso_duration(spent)})
                completed_rooms.add(str(room))
                progress = round(min(1.0, len(completed_rooms) / total_rooms), 4)
                yield statement(seq, 1, t_ms, "progressed", game,
                                {"extensions": {PROGRESS: progress}})
            elif kind in ("ObjectExamined", "ItemTaken", "ItemUsed"):
                key = data.get("item") or data.get("object")
                item = self.activity("item", f"{game_path}/items/{key}", str(key))
                verb = "used" if kind == "ItemUsed" else "interacted"
                extra = {f"{self.base}/extensions/target": data["target"]} if kind == "ItemUsed" \
                    else None
                yield statement(seq, 0, t_ms, verb, item, extra=extra)
            elif kind == "HintTaken":
                hint = self.activity(
                    "item", f"{game_path}/puzzles/{data['puzzle']}/hints/{data['index']}",
                    f"hint {data['index']} of {data['puzzle']}")
                yield statement(seq, 0, t_ms, "used", hint)
            elif kind == "PuzzleSolved":
                quest = self.activity("quest", f"{game_path}/puzzles/{data['puzzle']}",
                                      str(data["puzzle"]))
                yield statement(seq, 0, t_ms, "completed", quest, {
                    "success": True, "completion": True,
                    "extensions": {f"{self.base}/extensions/attempts": data.get("attempts"),
                                   f"{self.base}/extensions/hints-used": data.get("hints_used")}})
            elif kind == "ExitUnlocked":
                exit_ = self.activity("area", f"{game_path}/exits/{data['exit']}",
                                      str(data["exit"]))
                yield statement(seq, 0, t_ms, "unlocked", exit_)
            elif kind in ("PotionOffered", "PotionBought", "PotionDeclined",
                          "PurchaseCancelled"):
                shop_room = room or self._last_room(room_entered)
                shop = self.activity("menu", f"{game_path}/rooms/{shop_room}/shop",
                                     f"shop of {shop_room}")
                if kind == "PotionOffered":
                    yield statement(seq, 0, t_ms, "accessed", shop, extra={
                        f"{self.base}/extensions/potions": list(data.get("potions", []))})
                elif kind == "PotionBought":
                    yield statement(seq, 0, t_ms, "selected", shop, {
                        "response": str(data["potion"]), "success": bool(data["best_value"]),
                        "extensions": {
                            f"{self.base}/extensions/alternatives":
                                list(data.get("alternatives", [])),
                            f"{self.base}/extensions/premium": data.get("premium")}})
                elif kind == "PurchaseCancelled":
                    yield statement(seq, 0, t_ms, "cancelled", shop, {
                        "response": str(data["potion"]),
                        "extensions": {f"{self.base}/extensions/refund": data.get("refund")}})
                else:
                    yield statement(seq, 0, t_ms, "skipped", shop,
                                    {"response": str(data["potion"])})
            elif kind in ("ThreatPaused", "ThreatStruck"):
                threat = self.activity("enemy", f"{game_path}/threats/{data['threat']}",
                                       str(data["threat"]))
                if kind == "ThreatPaused":
                    yield statement(seq, 0, t_ms, "interacted", threat, {
                        "extensions": {f"{self.base}/extensions/paused": True}})
                else:
                    yield statement(seq, 0, t_ms, "interacted", threat, {
                        "success": bool(data["protected"]),
                        "extensions": {f"{self.base}/extensions/{k}": data.get(k) for k in
                                       ("loss", "payout", "out_of_pocket", "potion")}})
            elif kind == "GameEnded":
                yield statement(seq, 0, t_ms, "completed", game, {
                    "success": data.get("outcome") == "escaped", "completion": True,
                    "score": {"raw": int(data.get("score", 0))},
                    "duration": iso_duration(data.get("elapsed_ms", t_ms)),
                    "extensions": {f"{self.base}/extensions/ending": data.get("outcome")}})

    @staticmethod
    def _last_room(entered: dict[str, int]) -> str:
        return max(entered, key=entered.__getitem__) if entered else "unknown"

    def _answer(self, statement: Any, seq: int, t_ms: int, campaign: str,
                data: dict[str, Any]) -> dict[str, Any]:
        item, form = str(data["item"]), str(data["form"])
        definition: dict[str, Any] = {
            "type": TYPES["interaction"], "name": {"en": item}, "interactionType": "choice",
            "choices": [{"id": c, "description": {"und": c}}
                        for c in sorted(self.choices.get(item, {str(data["choice"])}))],
        }
        if self.correct.get(item):
            definition["correctResponsesPattern"] = ["[,]".join(sorted(self.correct[item]))]
        obj = {"objectType": "Activity",
               "id": f"{self.base}/games/{campaign}/quizzes/{form}/{item}",
               "definition": definition}
        quiz = {"objectType": "Activity", "id": f"{self.base}/games/{campaign}/quizzes/{form}",
                "definition": {"type": TYPES["assessment"], "name": {"en": f"form {form}"}}}
        result: dict[str, Any] = {"response": str(data["choice"]),
                                  "duration": iso_duration(data["latency_ms"])}
        if data.get("correct") is not None:
            result["success"] = bool(data["correct"])
        extra = {f"{self.base}/extensions/phase": data["phase"]}
        if data.get("concept"):
            extra[f"{self.base}/extensions/concept"] = data["concept"]
        return dict(statement(seq, 0, t_ms, "answered", obj, result, parent=quiz, extra=extra))


def statements(ds: Dataset, options: XapiOptions | None = None) -> Iterator[dict[str, Any]]:
    """Every statement of the dataset, session by session, in the order things happened."""
    builder = _Builder(ds, options or XapiOptions())
    sessions = {str(r["session_id"]): r for r in ds.sessions.to_dict("records")}
    cursor = ds.connect().execute("""
        SELECT session_id, seq, t_ms, name AS kind, CAST(data AS VARCHAR) AS data FROM events
        UNION ALL
        SELECT session_id, seq, t_ms, 'quiz_answer', to_json({phase: phase, form: form,
            item: item, concept: concept, choice: choice, correct: correct,
            latency_ms: latency_ms})::VARCHAR FROM answers
        ORDER BY session_id, seq""")
    current: str | None = None
    done: set[str] = set()
    records: list[tuple[int, int, str, dict[str, Any]]] = []
    while batch := cursor.fetchmany(50_000):
        for sid, seq, t_ms, kind, data in batch:
            if sid != current:
                if current is not None:
                    yield from builder.session_statements(sessions[current], records)
                    done.add(current)
                current, records = sid, []
            records.append((int(seq), int(t_ms), str(kind), json.loads(data)))
    if current is not None:
        yield from builder.session_statements(sessions[current], records)
        done.add(current)
    for sid, session in sessions.items():
        if sid not in done:  # a header and nothing else: the game was only initialized
            yield from builder.session_statements(session, [])


def write_jsonl(items: Iterator[dict[str, Any]], path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, separators=(",", ":")) + "\n")
            count += 1
    return count
