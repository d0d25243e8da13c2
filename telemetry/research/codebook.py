"""The codebook written beside the tables: for every column, its type, unit, allowed values,
what a missing value means, and what it is. A researcher opening participants.csv in R or
Stata should not have to read this package to know what ``pre_complete`` or ``ms`` holds."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pyarrow as pa

#: column -> (unit, allowed values, missing means, description)
Entry = tuple[str, str, str, str]
_ID = ("", "text", "never missing", "")
NA = "never missing"

COLUMNS: dict[str, Entry] = {
    "session_id": ("", "UUID", NA, "one play-through: one pre-quiz, one game, one post-quiz"),
    "player": ("", "pseudonymous code such as OWL-427", NA,
               "the player code (the teacher's paper list links it to a pupil; no name here)"),
    "player_hash": ("", "64 hex digits", NA, "SHA-256 of the player code (used in xAPI and "
                    "tombstones)"),
    "campaign_id": ("", "campaign id", NA, "the level played"),
    "content_hash": ("", "64 hex digits", NA, "SHA-256 of the level content played"),
    "version": ("", "12 hex digits", NA, "first 12 digits of content_hash"),
    "engine_version": ("", "version string", NA, "engine that recorded the session"),
    "language": ("", "language code (en, fr)", NA, "language the game was played in"),
    "condition": ("", "study condition ids of the campaign", "the campaign has no conditions",
                  "experimental condition assigned by the seeded allocator"),
    "class_id": ("", "short id set by the teacher (e.g. 4B)", "not set at the start",
                 "class the session was played in (play --class or classroom file)"),
    "school_id": ("", "short id set by the teacher (e.g. S01)", "not set at the start",
                  "school the session was played in"),
    "pre_form": ("", "quiz form id", "no quiz plan", "form given before the game"),
    "post_form": ("", "quiz form id", "no quiz plan", "form given after the game"),
    "started_at": ("UTC timestamp", "ISO 8601", NA, "when the session started"),
    "ended_at": ("UTC timestamp", "ISO 8601", "the game did not close cleanly",
                 "when the session ended"),
    "outcome": ("", "escaped, quit, ...", "the game did not close cleanly",
                "how the session ended (footer)"),
    "has_footer": ("", "true/false", NA, "the session closed cleanly"),
    "has_pre": ("", "true/false", NA, "at least one pre-quiz answer"),
    "has_post": ("", "true/false", NA, "at least one post-quiz answer"),
    "n_events": ("count", ">= 0", NA, "game events recorded"),
    "n_resumes": ("count", ">= 0", NA, "times the game went on from a save"),
    "last_resume_seq": ("record number", ">= 1", "never resumed",
                        "seq of the last resume record"),
    "seq": ("record number", ">= 1", NA, "order of the record in its session file"),
    "t_ms": ("ms since session start", ">= 0", NA, "when the record was written"),
    "name": ("", "core event names (PuzzleSolved, ...)", NA, "domain event"),
    "data": ("", "JSON object of ids, numbers, booleans", NA, "the event's fields"),
    "phase": ("", "pre, post", NA, "before or after the game"),
    "form": ("", "quiz form id", NA, "quiz form"),
    "item": ("", "quiz item id", NA, "quiz item"),
    "concept": ("", "concept id", "item not tagged with a concept", "concept the item measures"),
    "choice": ("", "option id, or 1..scale for a Likert item", NA, "the answer given"),
    "correct": ("", "true/false", "unscored item (Likert confidence)", "answer was right"),
    "latency_ms": ("ms", ">= 0", "no decision window was opened", "time to answer or decide"),
    "confidence": ("Likert point", "1..scale", "not asked with this item",
                   "confidence given with the answer"),
    "pre_score": ("proportion", "0..1", "no scored pre answer", "pre-quiz proportion correct "
                  "over the items answered"),
    "post_score": ("proportion", "0..1", "no scored post answer", "post-quiz proportion "
                   "correct over the items answered"),
    "pre_items": ("count", ">= 0", NA, "scored pre items answered"),
    "post_items": ("count", ">= 0", NA, "scored post items answered"),
    "pre_answered": ("count", ">= 0", NA, "distinct scored pre items answered"),
    "post_answered": ("count", ">= 0", NA, "distinct scored post items answered"),
    "pre_expected": ("count", ">= 1", "pre-quiz not started", "scored items of the pre form"),
    "post_expected": ("count", ">= 1", "post-quiz not started", "scored items of the post form"),
    "pre_complete": ("", "true/false", NA, "pre-quiz complete by the inclusion rule"),
    "post_complete": ("", "true/false", NA, "post-quiz complete by the inclusion rule"),
    "complete": ("", "true/false", NA, "both quizzes complete: in the primary analysis"),
    "available": ("", "true/false", NA, "a pre and a post score: in the sensitivity analysis"),
    "pre_confidence": ("Likert point", "1..scale", "no Likert pre item answered",
                       "mean of the pre-quiz Likert (confidence) answers"),
    "post_confidence": ("Likert point", "1..scale", "no Likert post item answered",
                        "mean of the post-quiz Likert (confidence) answers"),
    "gain": ("proportion", "-1..1", "pre or post score missing", "post_score - pre_score"),
    "normalized_change": ("", "-1..1", "score missing, or pre = post = 0 or 1",
                          "Marx and Cummings c"),
    "hints": ("count", ">= 0", "no events", "hints taken"),
    "puzzles_solved": ("count", ">= 0", "no events", "puzzles solved"),
    "rooms_entered": ("count", ">= 0", "no events", "distinct rooms entered"),
    "threats_met": ("count", ">= 0", "no events", "threats that struck"),
    "threats_protected": ("count", ">= 0", "no events", "threats that struck a protected "
                          "player"),
    "potions_bought": ("count", ">= 0", "no events", "insurance potions bought"),
    "best_value_bought": ("count", ">= 0", "no events", "potions bought that were best value"),
    "purchases_cancelled": ("count", ">= 0", "no events", "purchases taken back in the shop "
                            "(cooling-off), premium refunded; still counted in potions_bought"),
    "pauses": ("count", ">= 0", "no events", "pauses to think during a threat warning"),
    "last_event_ms": ("ms since session start", ">= 0", "no events", "time of the last event"),
    "decision_latency_ms": ("ms", ">= 0", "no decision", "mean decision latency"),
    "decision_latency_paused_ms": ("ms", ">= 0", "no paused decision",
                                   "mean latency of decisions with a pause"),
    "decision_latency_unpaused_ms": ("ms", ">= 0", "no unpaused decision",
                                     "mean latency of decisions without a pause"),
    "play_ms": ("ms", ">= 0", "no room entered", "total time in rooms"),
    "room": ("", "room id", NA, "room"),
    "visits": ("count", ">= 1", NA, "times the room was entered"),
    "ms": ("ms", ">= 0", NA, "total time in the room over all visits (per session and room)"),
    "decision": ("", "bought, declined", NA, "what the player did with the offer"),
    "potion": ("", "potion id", "not recorded", "the potion bought or declined"),
    "best_value": ("", "true/false", "declined (no purchase)", "the potion bought was the "
                   "best value"),
    "paused": ("", "true/false", NA, "a pause to think fell in the decision window"),
    "step": ("", "text", NA, "attrition step"),
    "participants": ("count", ">= 0", NA, "participants who reached the step"),
    "percent_of_started": ("percent", "0..100", "no participant", "participants / started"),
    "answered": ("count", ">= 0", NA, "distinct scored items answered"),
    "expected": ("count", ">= 1", NA, "scored items of the form"),
    "file": ("", "path below the folder", NA, "session file"),
    "severity": ("", "info, warning, error", NA, "how serious the problem is"),
    "kind": ("", "problem kinds (torn_line, ...)", NA, "what went wrong"),
    "line": ("line number", ">= 1", "the problem is about the whole file", "where"),
    "message": ("", "text", NA, "what went wrong, in words"),
}

PATTERNS: list[tuple[re.Pattern[str], Entry]] = [
    (re.compile(r"^(pre|post)_(?P<c>.+)$"), ("proportion", "0..1",
                                             "no scored answer on the concept",
                                             "proportion correct on concept {c}")),
    (re.compile(r"^gain_(?P<c>.+)$"), ("proportion", "-1..1", "a concept score is missing",
                                       "post - pre on concept {c}")),
]


def describe(table: str, column: str) -> Entry:
    """The codebook entry of a column; item matrix columns are quiz items."""
    if column in COLUMNS:
        return COLUMNS[column]
    if table == "item_matrix":
        return ("", "0 or 1", "item not answered", f"last answer to quiz item {column} correct")
    for pattern, (unit, allowed, missing, text) in PATTERNS:
        match = pattern.match(column)
        if match:
            return unit, allowed, missing, text.format(**match.groupdict())
    return "", "", "", ""


def _columns(table: Any) -> list[tuple[str, str]]:
    """(name, type) of each column of a pandas, Arrow or DuckDB table."""
    if isinstance(table, pa.Table):
        return [(f.name, str(f.type)) for f in table.schema]
    if isinstance(table, pd.DataFrame):
        return [(str(c), _type(table[c])) for c in table.columns]
    return [(str(c), str(t).lower()) for c, t in zip(table.columns, table.types, strict=True)]


def _type(values: Any) -> str:
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pd.api.types.is_integer_dtype(dtype):
        return "integer"
    if pd.api.types.is_float_dtype(dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "timestamp"
    return "text"


def codebook(tables: dict[str, Any]) -> pd.DataFrame:
    """One row per column of each table, in table order."""
    rows = []
    for name, table in tables.items():
        for column, kind in _columns(table):
            unit, allowed, missing, text = describe(name, column)
            rows.append((name, column, kind, unit, allowed, missing, text))
    return pd.DataFrame(rows, columns=["table", "column", "type", "unit", "allowed_values",
                                       "missing_means", "description"])
