"""The report's analysis from Python: ``python docs/analysis_example.py [FOLDER [PLAN]]``.

Without a folder it first writes a synthetic classroom (known effect per concept, two
classes, two conditions, Likert confidence) to a temporary folder, so the script runs
anywhere the ``research`` extra is installed. With a plan (``escape-game telemetry plan``
writes one) the analysis follows it, as ``telemetry report --plan`` does.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from telemetry.research import analysis, behaviour, ingest, stats, synthetic, tables
from telemetry.research.plan import load_plan


def main() -> None:
    if len(sys.argv) > 1:
        folder = Path(sys.argv[1])
    else:
        folder = Path(tempfile.mkdtemp()) / "classroom"
        truth = synthetic.generate(folder, synthetic.Classroom(
            participants=300, seed=1, conditions=("timers_on", "timers_off"),
            classes=("4A", "4B"), class_boost={"4B": 0.5}, likert=True, attrition=0.1))
        print("planted post - pre per concept:",
              {k: round(v, 3) for k, v in truth.expected_diff.items()})

    ds = ingest.ingest(folder)  # add allow_mixed=True to pool content versions
    for problem in ds.problems[:5]:
        print(problem)

    # The tidy tables, as pandas DataFrames (or SQL on ds.connect(), a DuckDB connection).
    people = tables.participants(ds)
    complete = people[people["complete"]]
    print(complete[["player_hash", "pre_score", "post_score", "gain", "hints",
                    "threats_protected", "decision_latency_ms"]].head())

    # One statistic by hand...
    paired = stats.paired_comparison(complete["pre_score"], complete["post_score"])
    print(f"mean gain {paired.mean_diff:.3f} [{paired.ci_low:.3f}, {paired.ci_high:.3f}], "
          f"d_z {paired.d_z:.2f}, Hake <g> "
          f"{stats.hake_gain(complete['pre_score'], complete['post_score']):.3f}")

    # ...or everything the report shows.
    plan = load_plan(Path(sys.argv[2])) if len(sys.argv) > 2 else None
    result = analysis.analyse(ds, plan)
    print(result.primary_and_sensitivity())
    print(result.attrition)
    print(result.concept_table()[["concept", "n", "diff", "ci_low", "ci_high", "p_adjusted"]])
    if result.ancova is not None:  # post ~ condition + pre
        print(result.ancova.coefficients[["term", "estimate", "ci_low", "ci_high", "p"]])
    if result.mixed is not None:  # the same, pupils nested in classes
        print(result.mixed.summary)
    print(result.confidence_change)
    print("deviations from the plan:", result.deviations)
    print(behaviour.decisions(ds).groupby("paused")["latency_ms"].median())
    con = ds.connect()
    print(con.execute("SELECT name, count(*) AS n FROM events GROUP BY name ORDER BY n DESC")
          .df().head())


if __name__ == "__main__":
    main()
