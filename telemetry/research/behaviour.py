"""What players did in the rooms, per participant, from the event stream (DuckDB SQL).

Definitions the report repeats: time in a room runs from ``RoomEntered`` to the next
``RoomEntered``, ``RoomLeft`` or ``GameEnded``. A decision is ``PotionBought`` or
``PotionDeclined``; its window opens at the first ``ThreatWarned`` or ``PotionOffered`` after
the previous decision or room entry, and its latency is the time from that opening to the
decision. A decision was "paused" when a ``ThreatPaused`` falls in its window. A purchase
taken back in the shop (``PurchaseCancelled``, the cooling-off right) stays a decision and
a purchase in these counts; ``purchases_cancelled`` counts the take-backs.
"""

from __future__ import annotations

import pandas as pd

from telemetry.research.ingest import Dataset

ROOM_TIMES = """
WITH marks AS (
  SELECT session_id, seq, t_ms, name, json_extract_string(data, '$.room') AS room
  FROM events WHERE name IN ('RoomEntered', 'RoomLeft', 'GameEnded')
), spans AS (
  SELECT *, lead(t_ms) OVER (PARTITION BY session_id ORDER BY seq) AS next_t FROM marks
)
SELECT session_id, room, count(*) AS visits, sum(coalesce(next_t, t_ms) - t_ms) AS ms
FROM spans WHERE name = 'RoomEntered' GROUP BY session_id, room ORDER BY session_id, room
"""

DECISIONS = """
WITH e AS (
  SELECT session_id, seq, t_ms, name, data,
    CAST(name IN ('RoomEntered', 'PotionBought', 'PotionDeclined') AS INTEGER) AS boundary
  FROM events WHERE name IN ('RoomEntered', 'ThreatWarned', 'PotionOffered', 'ThreatPaused',
                             'PotionBought', 'PotionDeclined')
), s AS (
  SELECT *, coalesce(sum(boundary) OVER (PARTITION BY session_id ORDER BY seq
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS segment
  FROM e
), w AS (
  SELECT session_id, segment,
    min(t_ms) FILTER (WHERE name IN ('ThreatWarned', 'PotionOffered')) AS opened,
    bool_or(name = 'ThreatPaused') AS paused
  FROM s WHERE boundary = 0 GROUP BY session_id, segment
)
SELECT s.session_id, s.seq, s.t_ms,
  CASE s.name WHEN 'PotionBought' THEN 'bought' ELSE 'declined' END AS decision,
  json_extract_string(s.data, '$.potion') AS potion,
  CAST(json_extract(s.data, '$.best_value') AS BOOLEAN) AS best_value,
  s.t_ms - w.opened AS latency_ms, coalesce(w.paused, false) AS paused
FROM s LEFT JOIN w USING (session_id, segment)
WHERE s.name IN ('PotionBought', 'PotionDeclined')
ORDER BY s.session_id, s.seq
"""

#: Every event name the analysis reads (here and in :mod:`telemetry.research.inclusion`):
#: the report keeps only these in its events table (``ingest(events=...)``). The test of the
#: report compares it with a dataset of every event, table by table.
EVENTS_READ = frozenset({
    "RoomEntered", "RoomLeft", "GameEnded", "ThreatWarned", "PotionOffered", "ThreatPaused",
    "PotionBought", "PotionDeclined", "HintTaken", "PuzzleSolved", "ThreatStruck",
    "PurchaseCancelled"})

# Every session with an event has a row, whichever events the events table keeps; the last
# event's time counts every event (session_events).
COUNTS = """
SELECT session_id,
  count(*) FILTER (WHERE name = 'HintTaken') AS hints,
  count(*) FILTER (WHERE name = 'PuzzleSolved') AS puzzles_solved,
  count(DISTINCT json_extract_string(data, '$.room')) FILTER (WHERE name = 'RoomEntered')
    AS rooms_entered,
  count(*) FILTER (WHERE name = 'ThreatStruck') AS threats_met,
  count(*) FILTER (WHERE name = 'ThreatStruck'
                   AND CAST(json_extract(data, '$.protected') AS BOOLEAN)) AS threats_protected,
  count(*) FILTER (WHERE name = 'PotionBought') AS potions_bought,
  count(*) FILTER (WHERE name = 'PotionBought'
                   AND CAST(json_extract(data, '$.best_value') AS BOOLEAN)) AS best_value_bought,
  count(*) FILTER (WHERE name = 'PurchaseCancelled') AS purchases_cancelled,
  count(*) FILTER (WHERE name = 'ThreatPaused') AS pauses,
  any_value(s.last_event_ms) AS last_event_ms
FROM session_events s LEFT JOIN events USING (session_id)
WHERE s.n_events > 0 GROUP BY session_id
"""


def _made_once(ds: Dataset, name: str, sql: str) -> str:
    """The name of a temporary table of ``sql``'s rows, made once per dataset: the report
    reads room times and decisions both row by row and per participant, and the events
    never change once ingested. Read it with an ORDER BY: the database keeps no order."""
    ds.connect().execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} AS {sql}")
    return name


def room_times(ds: Dataset) -> pd.DataFrame:
    table = _made_once(ds, "room_times", ROOM_TIMES)
    frame: pd.DataFrame = ds.connect().execute(
        f"SELECT * FROM {table} ORDER BY session_id, room").df()
    return frame


def decisions(ds: Dataset) -> pd.DataFrame:
    table = _made_once(ds, "decisions", DECISIONS)
    frame: pd.DataFrame = ds.connect().execute(
        f"SELECT * FROM {table} ORDER BY session_id, seq").df()
    return frame


def per_participant(ds: Dataset) -> pd.DataFrame:
    """Counts, play time and decision latencies, one row per session that has events."""
    con = ds.connect()
    frame: pd.DataFrame = con.execute(COUNTS).df()
    lat = con.execute(f"""
        SELECT session_id,
          avg(latency_ms) AS decision_latency_ms,
          avg(latency_ms) FILTER (WHERE paused) AS decision_latency_paused_ms,
          avg(latency_ms) FILTER (WHERE NOT paused) AS decision_latency_unpaused_ms
        FROM {_made_once(ds, "decisions", DECISIONS)} GROUP BY session_id""").df()
    play = con.execute(f"SELECT session_id, sum(ms) AS play_ms FROM "
                       f"{_made_once(ds, 'room_times', ROOM_TIMES)} GROUP BY session_id").df()
    return frame.merge(lat, on="session_id", how="left").merge(play, on="session_id", how="left")


def funnel(ds: Dataset) -> pd.DataFrame:
    """Attrition: started, finished the pre-quiz, entered the k-th room, finished the post-quiz.

    A quiz counts as finished when the participant answered as many items as the longest
    record of that form in the folder (the form's length).
    """
    con = ds.connect()
    steps: list[tuple[str, int]] = [("started", len(ds.sessions))]
    finished = con.execute("""
        WITH per AS (SELECT session_id, phase, form, count(DISTINCT item) AS k
                     FROM answers GROUP BY ALL),
             full_len AS (SELECT form, max(k) AS k FROM per GROUP BY form)
        SELECT phase, count(*) FROM per JOIN full_len USING (form)
        WHERE per.k = full_len.k GROUP BY phase""").fetchall()
    done = {str(phase): int(n) for phase, n in finished}
    steps.append(("finished pre-quiz", done.get("pre", 0)))
    rooms = con.execute("""
        WITH r AS (SELECT session_id, count(DISTINCT json_extract_string(data, '$.room')) AS k
                   FROM events WHERE name = 'RoomEntered' GROUP BY session_id)
        SELECT k, count(*) FROM r GROUP BY k""").fetchall()
    reached = dict((int(k), int(n)) for k, n in rooms)
    top = max(reached, default=0)
    for k in range(1, top + 1):
        steps.append((f"entered room {k}", sum(n for kk, n in reached.items() if kk >= k)))
    steps.append(("finished post-quiz", done.get("post", 0)))
    return pd.DataFrame(steps, columns=["step", "participants"])
