"""Study designs: a planted partial post-quiz, a condition effect, a class effect and a concept
with no gain are each recovered, and the models equal statsmodels fitted directly."""

from __future__ import annotations

from html import escape as html_escape
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from statsmodels.stats.multitest import multipletests

from escape_game.cli import main
from telemetry.research import analysis, ingest, synthetic
from telemetry.research.plan import load_plan

PLAN = """\
plan_version: 1
title: Timers and learning
primary_outcome: post_score
inclusion: {min_fraction_answered: 1.0}
alpha: 0.05
correction: holm
covariates: [pre_score]
conditions: {reference: timers_on, compare: [timers_on, timers_off]}
cluster: class_id
power: {planned_n: 1000}
"""
PARTIAL = 3


@pytest.fixture(scope="module")
def design(tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[Path, synthetic.Truth, Path, analysis.Analysis]:
    """Two classes (4B gains 1.2 logits more at post), timers_off gains 0.8 more, the concept
    'exclusion' gains nothing, the last three players stop the post-quiz after 4 items."""
    root = tmp_path_factory.mktemp("design")
    folder = root / "class"
    truth = synthetic.generate(folder, synthetic.Classroom(
        participants=240, seed=5, conditions=("timers_on", "timers_off"),
        condition_boost=0.8, classes=("4A", "4B"), class_boost={"4B": 1.2}, school="S01",
        partial_post=PARTIAL, partial_items=4, likert=True, attrition=0.05))
    plan_path = root / "plan.yaml"
    plan_path.write_text(PLAN, encoding="utf-8")
    result = analysis.analyse(ingest.ingest(folder), load_plan(plan_path))
    return folder, truth, plan_path, result


def test_a_partial_post_quiz_is_flagged_and_left_out_of_the_primary_analysis(
        design: tuple[Path, synthetic.Truth, Path, analysis.Analysis]) -> None:
    _, _, _, a = design
    partial_codes = {synthetic.player_code(i) for i in range(240 - PARTIAL, 240)}
    flagged = a.partial[a.partial["phase"] == "post"]
    assert partial_codes <= set(flagged["player"])
    assert set(flagged.loc[flagged["player"].isin(partial_codes), "answered"]) == {4}
    assert not partial_codes & set(a.complete["player"])
    assert partial_codes <= set(a.available["player"])
    both = a.primary_and_sensitivity().set_index("analysis")
    assert both.loc["sensitivity: all available pairs", "n"] >= both.loc[
        "primary: complete pairs", "n"] + PARTIAL
    steps = a.attrition.set_index("step")["participants"]
    assert steps["post-quiz complete"] == steps["complete pre/post pair (primary analysis)"]
    assert steps["post-quiz started"] - steps["post-quiz complete"] >= PARTIAL
    assert steps["started"] == 240


def test_ancova_recovers_the_condition_effect_and_equals_statsmodels(
        design: tuple[Path, synthetic.Truth, Path, analysis.Analysis]) -> None:
    _, _, _, a = design
    assert a.ancova is not None
    frame = a.complete[a.complete["condition"].isin(["timers_on", "timers_off"])]
    direct = smf.ols("post_score ~ C(condition, Treatment(reference='timers_on')) + pre_score",
                     data=frame.dropna(subset=["post_score", "pre_score"])).fit()
    row = a.ancova.coefficients.set_index("level").loc["timers_off"]
    term = "C(condition, Treatment(reference='timers_on'))[T.timers_off]"
    assert row["estimate"] == pytest.approx(direct.params[term], rel=1e-10)
    assert row["p"] == pytest.approx(direct.pvalues[term], rel=1e-8)
    assert row["ci_low"] == pytest.approx(direct.conf_int().loc[term, 0], rel=1e-10)
    # The planted boost lifts timers_off: positive, CI above 0, a medium effect.
    assert row["estimate"] > 0 and row["ci_low"] > 0 and row["p"] < 0.01
    assert 0.2 < row["d_adjusted"] < 1.5
    assert 0 < a.ancova.summary["partial_eta_squared"] < 1


def test_mixed_model_recovers_the_class_effect_and_equals_statsmodels(
        design: tuple[Path, synthetic.Truth, Path, analysis.Analysis]) -> None:
    _, _, _, a = design
    assert a.mixed is not None
    frame = a.complete[["post_score", "pre_score", "condition", "class_id"]].dropna()
    direct = smf.mixedlm("post_score ~ C(condition, Treatment(reference='timers_on')) + "
                         "pre_score", data=frame, groups=frame["class_id"]).fit(reml=True)
    mine = a.mixed.coefficients.set_index("term")["estimate"]
    for term, value in direct.fe_params.items():
        assert mine[term] == pytest.approx(value, rel=1e-6, abs=1e-9)
    assert a.mixed.summary["var_cluster"] == pytest.approx(float(direct.cov_re.iloc[0, 0]),
                                                           rel=1e-5, abs=1e-9)
    # Class 4B gained more: its random intercept is the higher one, and the ICC is not 0.
    assert a.mixed.summary["intercept_4B"] > a.mixed.summary["intercept_4A"]
    assert a.mixed.summary["icc"] > 0.05
    assert a.mixed.summary["clusters"] == 2


def test_holm_equals_multipletests_and_the_no_gain_concept_is_not_significant(
        design: tuple[Path, synthetic.Truth, Path, analysis.Analysis]) -> None:
    _, truth, _, a = design
    table = a.concept_table().set_index("concept")
    reject, adjusted, _, _ = multipletests(table["p_t"], alpha=0.05, method="holm")
    np.testing.assert_allclose(table["p_adjusted"], adjusted, rtol=1e-12)
    assert list(table["significant"]) == list(reject)
    assert truth.gains["exclusion"] == 0.0
    assert not table.loc["exclusion", "significant"]
    assert abs(table.loc["exclusion", "diff"] - truth.expected_diff["exclusion"]) < 0.05
    assert table.loc["exclusion", "p_adjusted"] > 0.05
    for concept in ("premium", "deductible", "risk_pooling"):
        assert table.loc[concept, "significant"], concept


def test_confidence_rises_and_follows_the_score(
        design: tuple[Path, synthetic.Truth, Path, analysis.Analysis]) -> None:
    _, _, _, a = design
    change = a.confidence_change.iloc[0]
    assert change["diff"] > 0 and change["ci_low"] > 0
    overall = a.calibration[a.calibration["concept"] == ""]
    assert (overall["r"] > 0.3).all() and (overall["p"] < 0.001).all()


def test_plan_report_echoes_plan_lists_deviations_and_keeps_p_values_numeric(
        design: tuple[Path, synthetic.Truth, Path, analysis.Analysis], tmp_path: Path) -> None:
    folder, _, plan_path, a = design
    out = tmp_path / "report"
    assert main(["telemetry", "report", str(folder), "--plan", str(plan_path), "-o", str(out),
                 "--quiet"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert a.plan.sha256 in html and "Timers and learning" in html
    assert "fewer than the 1000 planned" in html
    assert (out / "analysis_plan.yaml").read_text(encoding="utf-8") == PLAN
    provenance = pd.read_csv(out / "provenance.csv").set_index("what")["value"]
    assert provenance["analysis plan SHA-256"] == a.plan.sha256
    assert "--plan" in provenance["command line"]
    assert provenance["statsmodels"][0].isdigit()
    assert provenance["msgspec"][0].isdigit()  # it validates most lines
    for path in out.glob("*.csv"):
        frame = pd.read_csv(path)
        for column in frame.columns:
            if column == "p" or column.startswith("p_"):
                assert pd.api.types.is_float_dtype(frame[column]), (path.name, column)
        assert not frame.astype(str).apply(lambda s: s.str.startswith("< .")).any().any(), \
            path.name
    overall = pd.read_csv(out / "overall_stats.csv")
    assert pd.api.types.is_float_dtype(overall["value"])
    ancova = pd.read_csv(out / "ancova.csv").set_index("level")
    assert ancova.loc["timers_off", "p"] == pytest.approx(
        a.ancova.coefficients.set_index("level").loc["timers_off", "p"], rel=1e-9)
    assert set(pd.read_csv(out / "counterbalancing.csv").columns) >= {"diff", "p"}
    rooms = pd.read_csv(out / "room_times.csv")
    assert list(rooms.columns) == ["session_id", "room", "visits", "ms"]


def test_a_plan_with_a_mistake_is_refused_with_where_and_what(
        tmp_path: Path, design: tuple[Path, synthetic.Truth, Path, analysis.Analysis],
        capsys: pytest.CaptureFixture[str]) -> None:
    folder = design[0]
    bad = tmp_path / "plan.yaml"
    bad.write_text("alpha: 2\ncorrection: tukey\n", encoding="utf-8")
    assert main(["telemetry", "report", str(folder), "--plan", str(bad), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}: alpha" in err and f"{bad}: correction" in err
    template = tmp_path / "template.yaml"
    assert main(["telemetry", "plan", str(template)]) == 0
    assert load_plan(template).plan.correction == "holm"
    assert main(["telemetry", "plan", str(template)]) == 1  # never overwritten


def test_the_dataset_codebook_describes_every_column(
        design: tuple[Path, synthetic.Truth, Path, analysis.Analysis], tmp_path: Path) -> None:
    folder = design[0]
    assert main(["telemetry", "dataset", str(folder), "-o", str(tmp_path), "--quiet"]) == 0
    book = pd.read_csv(tmp_path / "codebook.csv", keep_default_na=False)
    for path in tmp_path.glob("*.csv"):
        if path.stem == "codebook":
            continue
        columns = list(pd.read_csv(path, nrows=0).columns)
        described = book[book["table"] == path.stem]
        assert list(described["column"]) == columns, path.name
        empty = described[described["description"] == ""]["column"].tolist()
        assert empty == [], (path.name, empty)
    sessions = pd.read_csv(tmp_path / "sessions.csv")
    assert set(sessions["class_id"]) == {"4A", "4B"} and set(sessions["school_id"]) == {"S01"}


def test_a_mixed_model_that_cannot_separate_classes_says_so_with_the_model(
        tmp_path: Path) -> None:
    # Three classes that do not differ: the class variance sits at 0 and statsmodels warns
    # again at every optimizer it retries. One note in words goes with the model; the plan's
    # deviations hold none of it.
    folder = tmp_path / "flat"
    synthetic.generate(folder, synthetic.Classroom(
        participants=120, seed=2026, conditions=("pause", "no_pause"),
        classes=("4A", "4B", "5C"), school="S01", likert=True, attrition=0.1))
    result = analysis.analyse(ingest.ingest(folder))
    assert result.mixed is not None
    assert not any("mixed model" in d or "statsmodels" in d for d in result.deviations)
    notes = result.mixed.notes
    assert len(notes) == len(set(notes))
    words = [n for n in notes if not n.startswith("statsmodels: ")]
    converged = bool(result.mixed.summary["converged"])
    assert any("did not converge" in n for n in words) != converged
    assert len(notes) - len(words) == 1  # statsmodels' own messages, once each, on one line
    said = notes[-1].removeprefix("statsmodels: ").split("; ")
    assert len(said) == len(set(said)) >= 2
    out = tmp_path / "report"
    assert main(["telemetry", "report", str(folder), "-o", str(out), "--quiet"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    deviations = html[html.index("<h2>Analysis plan</h2>"):html.index("<h2>Data</h2>")]
    assert "optimizer" not in deviations and "statsmodels:" not in deviations
    design = html[html.index("<h2>Study design"):html.index("<h2>Confidence</h2>")]
    assert all(html_escape(n) in design for n in notes)


def test_fit_notes_say_what_a_reader_must_know_once() -> None:
    from telemetry.research.models import fit_notes

    assert fit_notes(True, 0.4, "class_id", []) == []
    [flat] = fit_notes(True, 0.0, "class_id", [])
    assert "between class_id values is estimated at or near 0" in flat
    stuck = fit_notes(False, 0.0, "class_id", ["retrying", "failed", "retrying"])
    assert "did not converge" in stuck[0] and stuck[1:] == ["statsmodels: retrying; failed"]
