"""One self-contained HTML report of a classroom, with the CSV files behind every table.

The page has no external resource (CSS inline, figures as base64 PNG), so it can be mailed
or archived with a paper. Each figure has alt text and its numbers in a table; each statistic
is printed next to its definition.
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from telemetry.research import confidence, models, plots, stats
from telemetry.research import items as item_stats
from telemetry.research.analysis import Analysis, analyse
from telemetry.research.exports import dataset_tables, with_codebook, write_tables
from telemetry.research.ingest import Dataset
from telemetry.research.plan import LoadedPlan
from telemetry.research.provenance import provenance

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:72rem;
margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
h1,h2,h3{line-height:1.2}h2{border-bottom:2px solid #0072B2;padding-bottom:.2rem;margin-top:2.5rem}
.scroll{overflow-x:auto;max-width:100%;margin:1rem 0}
table{border-collapse:collapse;margin:0;font-variant-numeric:tabular-nums;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:right}
td{white-space:nowrap}td.text{white-space:normal;min-width:6rem}
pre.plan{background:#f6f6f6;padding:.6rem;overflow-x:auto;font-size:.85rem}
th[scope=row],td.text,th.text{text-align:left}thead th{background:#e8f1f8}
figure{margin:1rem 0}figcaption{font-size:.9rem;color:#444}img{max-width:100%;height:auto}
.definition{background:#f6f6f6;border-left:4px solid #999;padding:.4rem .8rem;font-size:.92rem}
.warning{border-left-color:#E69F00}code{font-size:.9em}
"""


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        if value.is_integer() and abs(value) < 1e9:
            return str(int(value))  # counts and df kept as numbers in the CSV
        return f"{value:.{digits}f}"
    return str(value)


def _p(value: float) -> str:
    """An exact p-value: three decimals from .001 up, three significant digits below."""
    if math.isnan(value):
        return "-"
    return f"{value:.3f}" if value >= 0.001 else f"{value:.2e}"


def _table(frame: pd.DataFrame, caption: str, *, pcols: tuple[str, ...] = ()) -> str:
    # Long column names may break after an underscore, never inside a word.
    head = "".join('<th scope="col">' + html.escape(str(c)).replace("_", "_<wbr>") + "</th>"
                   for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for k, (column, value) in enumerate(zip(frame.columns, record, strict=True)):
            if hasattr(value, "item"):
                value = value.item()
            is_p = column in pcols or column == "p" or str(column).startswith("p_")
            # Row-wise tables (statistic, value) name their p-values "p (...)".
            is_p = is_p or (frame.columns[0] == "statistic" and str(record[0]).startswith("p ("))
            text = _p(value) if isinstance(value, float) and is_p else _fmt(value)
            if k == 0:
                cells.append(f'<th scope="row">{html.escape(text)}</th>')
            else:
                cls = ' class="text"' if isinstance(value, str) else ""
                cells.append(f"<td{cls}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="scroll" role="region" aria-label="{html.escape(caption)}" '
            f'tabindex="0"><table><caption>{html.escape(caption)}</caption><thead><tr>{head}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _figure(png: bytes, alt: str, caption: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'
            f"<figcaption>{html.escape(caption)}</figcaption></figure>")


def _definition(text: str) -> str:
    return f'<p class="definition">{html.escape(text)}</p>'


def _warning(text: str) -> str:
    """A note the reader must not miss (a data or fit problem), set apart in amber."""
    return f'<p class="definition warning">{html.escape(text)}</p>'


def _paired_rows(p: stats.PairedComparison) -> pd.DataFrame:
    rows = [
        ("participants (complete pairs)", float(p.n)), ("mean pre", p.mean_pre),
        ("mean post", p.mean_post), ("mean difference (post - pre)", p.mean_diff),
        (f"{round(p.confidence * 100)}% CI of the difference, low", p.ci_low),
        (f"{round(p.confidence * 100)}% CI of the difference, high", p.ci_high),
        ("sd of the differences", p.sd_diff), ("paired t", p.t), ("df", float(p.df)),
        ("p (t-test, two-sided)", p.p_t), ("Cohen's d_z", p.d_z),
        ("Hedges' g_z", p.g_z), ("Cohen's d_av", p.d_av), ("Hedges' g_av", p.g_av),
        (f"Wilcoxon W (zero method: {p.zero_method})", p.wilcoxon_w),
        ("p (Wilcoxon, two-sided, no continuity correction)", p.p_wilcoxon),
        ("matched-pairs rank-biserial r", p.rank_biserial),
    ]
    return pd.DataFrame(rows, columns=["statistic", "value"])


def overall_table(a: Analysis) -> pd.DataFrame:
    rows: list[tuple[str, Any]] = []
    if a.overall is not None:
        rows = list(_paired_rows(a.overall).itertuples(index=False, name=None))
    rows += [("Hake's <g>", a.hake), ("mean normalized change c", a.change.mean),
             ("participants used for c", float(a.change.n_used)),
             ("participants dropped from c (pre = post = 0 or 1)", float(a.change.n_dropped))]
    return pd.DataFrame(rows, columns=["statistic", "value"])


def item_analysis_table(a: Analysis) -> pd.DataFrame:
    frames = [t.assign(form=form, phase=phase) for (form, phase), t in a.item_tables.items()]
    if not frames:
        return pd.DataFrame(columns=["form", "phase", "item", "n", "p", "discrimination",
                                     "point_biserial", "weak"])
    table = pd.concat(frames, ignore_index=True)
    return table[["form", "phase", "item", "n", "p", "discrimination", "point_biserial",
                  "weak"]]


def reliability_table(a: Analysis) -> pd.DataFrame:
    rows = [(form, phase, r.n, r.k, r.kr20, r.ci_low, r.ci_high)
            for (form, phase), r in a.reliability.items()]
    return pd.DataFrame(rows, columns=["form", "phase", "n", "items", "KR-20", "CI low",
                                       "CI high"])


def behaviour_tables(a: Analysis) -> dict[str, pd.DataFrame]:
    people = a.participants
    # Summary over participants (room_times.csv keeps one row per session and room).
    rooms = (a.room_times.groupby("room")["ms"]
             .agg(participants="count", mean_s=lambda s: s.mean() / 1000,
                  median_s=lambda s: s.median() / 1000).reset_index())
    decisions = a.decisions
    by_pause = (decisions.groupby("paused")
                .agg(decisions=("latency_ms", "size"),
                     mean_latency_s=("latency_ms", lambda s: s.mean() / 1000),
                     median_latency_s=("latency_ms", lambda s: s.median() / 1000),
                     bought=("decision", lambda s: int((s == "bought").sum())),
                     best_value=("best_value", lambda s: int(s.fillna(False).sum())))
                .reset_index())
    by_pause["paused"] = by_pause["paused"].map({True: "paused to think", False: "no pause"})
    totals = pd.DataFrame([
        ("hints taken", people["hints"].sum()),
        ("threats met", people["threats_met"].sum()),
        ("threats met protected", people["threats_protected"].sum()),
        ("threats met unprotected",
         people["threats_met"].sum() - people["threats_protected"].sum()),
        ("potions bought", people["potions_bought"].sum()),
        ("potions bought that were the best value", people["best_value_bought"].sum()),
        ("pauses to think", people["pauses"].sum()),
    ], columns=["count", "total"])
    totals["total"] = totals["total"].fillna(0).astype(int)
    return {"room_time_summary": rooms, "decisions_by_pause": by_pause,
            "behaviour_totals": totals}


def counterbalancing_table(a: Analysis) -> pd.DataFrame:
    """Gain by which form came first (Welch), numeric, one row."""
    columns = ["comparison", "n_a", "n_b", "mean_a", "mean_b", "diff", "ci_low", "ci_high",
               "t", "df", "p"]
    if a.order is None:
        return pd.DataFrame(columns=columns)
    o = a.order
    forms = sorted(str(f) for f in a.complete["pre_form"].dropna().unique())
    name = f"{forms[0]} first - {forms[1]} first" if len(forms) == 2 else "first - second"
    return pd.DataFrame([(name, o.n_a, o.n_b, o.mean_a, o.mean_b, o.diff, o.ci_low, o.ci_high,
                          o.t, o.df, o.p)], columns=columns)


def condition_gain_table(a: Analysis) -> pd.DataFrame:
    rows = [(f"{b} - {c}", w.n_a, w.n_b, w.diff, w.ci_low, w.ci_high, w.t, w.df, w.p)
            for (b, c), w in a.conditions.items()]
    return pd.DataFrame(rows, columns=["comparison", "n", "n_ref", "gain_diff", "ci_low",
                                       "ci_high", "t", "df", "p"])


def model_summary_table(a: Analysis) -> pd.DataFrame:
    rows = []
    for result in (a.ancova, a.mixed):
        if result is not None:
            rows += [(result.name, result.formula, k, float(v))
                     for k, v in result.summary.items()]
    return pd.DataFrame(rows, columns=["model", "formula", "statistic", "value"])


def _coefficients(result: Any) -> pd.DataFrame:
    frame: pd.DataFrame = result.coefficients.copy()
    frame["term"] = [t if not lv else f"condition {lv}" for t, lv in
                     zip(frame["term"], frame["level"], strict=True)]
    return frame.drop(columns=["level"])


def render(ds: Dataset, a: Analysis, provenance_table: pd.DataFrame | None = None) -> str:
    parts: list[str] = []
    add = parts.append
    plan = a.plan
    add("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>Pre/post report</title><style>{CSS}</style></head><body><main>")
    add(f"<h1>Pre/post report: {html.escape(plan.plan.title)}</h1>")
    campaigns = ", ".join(sorted(set(ds.sessions["campaign_id"]))) or "-"
    add(f"<p>Campaign: <code>{html.escape(campaigns)}</code>. Generated "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC from <code>"
        f"{html.escape(str(ds.folder))}</code>.</p>")

    add("<h2>Analysis plan</h2>")
    source = (f"<code>{html.escape(str(plan.path))}</code>" if plan.path
              else "none given: the defaults below were used")
    add(f"<p>Plan: {source}; SHA-256 <code>{plan.sha256}</code>.</p>")
    add(f'<pre class="plan">{html.escape(plan.text)}</pre>')
    if a.deviations:
        add("<h3>Deviations from the plan</h3><ul>")
        add("".join(f"<li>{html.escape(d)}</li>" for d in a.deviations))
        add("</ul>")
    else:
        add("<p>No deviation from the plan.</p>")

    versions = ", ".join(f"{h[:12]} ({n})" for h, n in ds.versions.items())
    summary = pd.DataFrame([
        ("sessions", len(ds.sessions)),
        ("complete pre/post pairs (primary analysis)", len(a.complete)),
        ("any pre and post score (sensitivity analysis)", len(a.available)),
        ("partial quizzes (see partial_quizzes.csv)", len(a.partial)),
        ("sessions erased on request (left out everywhere)", ds.erased_sessions),
        ("events", ds.n_events), ("quiz answers", ds.n_answers),
        ("content versions (sessions)", versions or "-"),
        ("problems found while reading (see problems.csv)",
         sum(1 for p in ds.problems if p.severity != "info")),
    ], columns=["what", "count"])
    add("<h2>Data</h2>" + _table(summary, "What was read"))
    for note in a.notes:
        add(_warning(note))
    if len(ds.versions) > 1:
        add(_warning("Sessions of several content versions are pooled (--allow-mixed); the "
                     "version column of participants.csv tells them apart."))

    add("<h2>Inclusion and attrition</h2>")
    rule = plan.plan.inclusion
    add(_definition(
        f"A quiz is complete when at least {rule.min_fraction_answered:.0%} of its form's "
        "scored items are answered; a form has the plan's number of items, else as many as "
        "the folder shows. Primary analysis: both quizzes complete. Sensitivity analysis: "
        "any pre and post score."))
    add(_table(a.attrition, "Attrition: participants reaching each step"))
    if len(a.partial):
        add(_table(a.partial.drop(columns=["file", "session_id"]),
                   "Partial quizzes (flagged, not complete)"))
    if len(a.baseline):
        add(_table(a.baseline, "Baseline: completers against non-completers (among complete "
                               "pre-quizzes)"))

    add("<h2>Understanding before and after</h2>")
    add(_definition("Score: proportion of the scored quiz items answered correctly (the last "
                    "answer to an item counts)."))
    both = a.primary_and_sensitivity()
    if len(both):
        add(_table(both, "Primary (complete pairs) and sensitivity (all available pairs) "
                         "analyses side by side"))
    add(_table(overall_table(a), "Overall pre/post comparison (primary: complete pairs)"))
    add(_definition(f"{stats.HAKE_DEFINITION}. Normalized change (Marx and Cummings): "
                    f"{stats.MARX_CUMMINGS_DEFINITION}. Paired t-test on post - pre with a "
                    "t-based CI; d_z = mean diff / sd diff; d_av = mean diff / mean of the pre "
                    f"and post sds; {stats.HEDGES_DEFINITION}. Wilcoxon signed-rank: zeros "
                    "handled by the stated zero method; rank-biserial r = (R+ - R-) / "
                    "(R+ + R-) over non-zero differences. p-values are exact (no thresholds)."))
    if len(a.complete):
        add(_figure(plots.paired(a.complete["pre_score"], a.complete["post_score"]),
                    "Paired plot: each grey line joins one participant's pre-quiz and post-"
                    "quiz score; the blue line joins the class means "
                    f"({a.complete['pre_score'].mean():.2f} before, "
                    f"{a.complete['post_score'].mean():.2f} after).",
                    "Pre and post scores per participant (a random sample of at most 300)."))
    concept_table = a.concept_table()
    if len(concept_table):
        add("<h2>Per concept</h2>")
        add(_table(concept_table, "Pre/post per concept", pcols=("p_t", "p_wilcoxon")))
        correction = {"holm": "Holm", "fdr_bh": "Benjamini-Hochberg", "bonferroni":
                      "Bonferroni", "none": "no"}[plan.plan.correction]
        add(_definition("diff = mean post - pre proportion correct on the concept's items, "
                        "with its CI; d_z, g_z, Hake's gain and mean c as above; "
                        "c_dropped = participants with pre = post = 0 or 1 on the concept; "
                        f"p_adjusted = the paired t p-values with {correction} correction "
                        f"across the {len(concept_table)} concepts; significant = p_adjusted "
                        f"< {plan.plan.alpha:g}."))
        listing = "; ".join(f"{r.concept} {r.diff:+.2f} [{r.ci_low:.2f}, {r.ci_high:.2f}]"
                            for r in concept_table.itertuples())
        add(_figure(plots.concept_gains(concept_table),
                    f"Mean gain per concept with 95% confidence intervals: {listing}.",
                    "Gain per concept (post - pre) with 95% CI."))

    add("<h2>Study design: conditions and classes</h2>")
    if a.ancova is not None:
        add(_table(_coefficients(a.ancova), f"ANCOVA: {a.ancova.formula} (n = {a.ancova.n})"))
    if a.mixed is not None:
        add(_table(_coefficients(a.mixed),
                   f"Linear mixed model: {a.mixed.formula}, random intercept per "
                   f"{plan.plan.cluster} (n = {a.mixed.n})"))
        for note in a.mixed.notes:
            add(_warning(note))
    summary_table = model_summary_table(a)
    if len(summary_table):
        add(_table(summary_table.drop(columns=["formula"]), "Model summaries"))
        add(_definition(f"{models.ANCOVA_DEFINITION} {models.MIXED_DEFINITION}"))
    if a.ancova is None and a.mixed is None:
        add("<p>No design model: the data hold neither two conditions nor two clusters "
            "(see the deviations).</p>")
    if a.conditions:
        add(_table(condition_gain_table(a),
                   "Conditions: difference in mean gain (Welch t-test, unadjusted)"))

    add("<h2>Confidence</h2>")
    add(_definition(confidence.DEFINITION))
    if len(a.confidence_change):
        add(_table(a.confidence_change, "Confidence (mean Likert answer) before and after"))
    if len(a.calibration):
        add(_table(a.calibration, "Calibration: confidence against proportion correct"))
    if not len(a.confidence_change) and not len(a.calibration):
        add("<p>No Likert (confidence) answers in the data.</p>")

    add("<h2>Sample size (a priori)</h2>")
    add(_definition("Participants needed for a two-sided test at alpha = "
                    f"{plan.plan.alpha:g}: paired pre/post (one-sample t on the differences, "
                    "d_z), two conditions on the post score (two-sample t, d), and two "
                    "conditions with the pre score as covariate (two-sample n times 1 - r^2, "
                    "Borm et al. 2007). Pupils are assigned individually (within classes)."))
    add(_table(a.power, "Sample size for the planned design"))

    add("<h2>Quiz items</h2>")
    items = item_analysis_table(a)
    add(_definition("; ".join(f"{k}: {v}" for k, v in item_stats.DEFINITIONS.items())))
    add(_table(reliability_table(a), "Reliability per form and phase (KR-20, Feldt 95% CI)"))
    if len(items):
        add(_table(items, "Item analysis per form and phase"))
        flagged = int(items["weak"].sum())
        add(_figure(plots.difficulty_discrimination(items),
                    f"Scatter plot of item difficulty against discrimination for {len(items)} "
                    f"item administrations; {flagged} flagged as weak (p below .2 or above .9, "
                    "or discrimination below .2).", "Item difficulty vs discrimination."))

    add("<h2>Design checks</h2>")
    order = counterbalancing_table(a)
    if len(order):
        add(_table(order, "Counterbalancing: gain by which form came first (Welch t-test)"))
    else:
        add("<p>No counterbalancing check: the forms were not given in two orders.</p>")

    add("<h2>Behaviour in the rooms</h2>")
    add(_definition("Time in a room: from entering it to the next room entry, room exit or "
                    "game end. Decision latency: from the first threat warning or potion offer"
                    " after the previous decision (or room entry) to buying or declining; a "
                    "decision was paused when a pause to think fell in that window."))
    add(_figure(plots.funnel(a.funnel), "Attrition funnel: " + "; ".join(
        f"{s} {n}" for s, n in zip(a.funnel["step"], a.funnel["participants"], strict=True)),
        "Completion funnel."))
    add(_table(a.funnel, "Completion funnel"))
    for name, table in behaviour_tables(a).items():
        add(_table(table, name.replace("_", " ").capitalize()))
    add("<p>Per-participant behaviour joined with gains per concept: "
        "<code>participants.csv</code>; every column is described in "
        "<code>codebook.csv</code>.</p>")

    if provenance_table is not None:
        add("<h2>Provenance</h2>")
        add(_table(provenance_table, "Software, data and command that produced this report"))

    shown = [p for p in ds.problems if p.severity != "info"][:50]
    if shown:
        add("<h2>Problems found while reading</h2><ul>")
        add("".join(f"<li>{html.escape(str(p))}</li>" for p in shown))
        add("</ul><p>All of them: <code>problems.csv</code>.</p>")
    add("</main></body></html>")
    return "".join(parts)


def write_report(ds: Dataset, out: Path, plan: LoadedPlan | None = None,
                 command: Sequence[str] | None = None) -> Path:
    """report.html plus every table behind it as CSV (numbers stay numbers), the plan it
    followed, its provenance and a codebook, in ``out``."""
    a = analyse(ds, plan)
    out.mkdir(parents=True, exist_ok=True)
    tables = dataset_tables(ds, a.participants, a.plan.plan.inclusion, events=False,
                            computed={"room_times": a.room_times, "decisions": a.decisions,
                                      "funnel": a.funnel, "attrition": a.attrition,
                                      "partial_quizzes": a.partial})
    tables["overall_stats"] = overall_table(a)
    tables["primary_sensitivity"] = a.primary_and_sensitivity()
    tables["baseline_comparison"] = a.baseline
    tables["concept_stats"] = a.concept_table()
    tables["item_analysis"] = item_analysis_table(a)
    tables["reliability"] = reliability_table(a)
    tables["counterbalancing"] = counterbalancing_table(a)
    tables["condition_gains"] = condition_gain_table(a)
    if a.ancova is not None:
        tables["ancova"] = a.ancova.coefficients
    if a.mixed is not None:
        tables["mixed_model"] = a.mixed.coefficients
    tables["model_summary"] = model_summary_table(a)
    tables["confidence_change"] = a.confidence_change
    tables["calibration"] = a.calibration
    tables["power"] = a.power
    tables["deviations"] = pd.DataFrame({"deviation": a.deviations}, dtype=str)
    tables.update(behaviour_tables(a))
    prov = provenance(ds, a.plan, command)
    tables["provenance"] = prov
    write_tables(with_codebook(tables), out, "csv")
    (out / "analysis_plan.yaml").write_text(a.plan.text, encoding="utf-8")
    path = out / "report.html"
    path.write_text(render(ds, a, prov), encoding="utf-8")
    return path
