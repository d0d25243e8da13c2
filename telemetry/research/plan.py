"""The pre-registered analysis plan: what the report must do, fixed before the data are seen.

A plan is a small YAML file (``escape-game telemetry plan`` writes a commented template).
``telemetry report --plan FILE`` follows it: the inclusion rule, the alpha, the correction
across per-concept tests, the covariates and the conditions compared. The report echoes the
plan and its SHA-256 at the top and lists every deviation (a planned condition nobody was
assigned, fewer participants than planned, a model that could not be fitted), so a reader can
tell confirmatory results from the rest. Without a plan the report uses :data:`DEFAULT_PLAN`
and says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

Correction = Literal["holm", "fdr_bh", "bonferroni", "none"]
Outcome = Literal["post_score", "gain"]
#: Participant-level columns a plan may name as covariates (besides the pre score).
COVARIATES = ("pre_score", "pre_confidence", "language", "pre_form", "school_id")


class PlanError(ValueError):
    """A plan file that cannot be followed; the message names the file and the field."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Inclusion(_Model):
    #: A quiz counts as complete when at least this fraction of its form's scored items is
    #: answered; 1.0 (the default) means every item.
    min_fraction_answered: float = Field(default=1.0, gt=0.0, le=1.0)
    #: Scored items per form; a form not listed has as many items as the folder shows.
    form_items: dict[str, int] = {}


class Conditions(_Model):
    reference: str | None = None
    compare: tuple[str, ...] = ()


class Power(_Model):
    power: tuple[float, ...] = (0.8, 0.9)
    effect_sizes: tuple[float, ...] = (0.2, 0.3, 0.5, 0.8)
    #: Expected correlation of pre and post scores (ANCOVA needs 1 - r^2 as many players).
    pre_post_r: float = Field(default=0.5, ge=0.0, lt=1.0)
    planned_n: int | None = Field(default=None, ge=2)


class Plan(_Model):
    plan_version: Literal[1] = 1
    title: str = "Pre/post study"
    primary_outcome: Outcome = "post_score"
    inclusion: Inclusion = Inclusion()
    alpha: float = Field(default=0.05, gt=0.0, lt=1.0)
    correction: Correction = "holm"
    covariates: tuple[str, ...] = ("pre_score",)
    conditions: Conditions = Conditions()
    #: The grouping of the mixed model: pupils nested in classes.
    cluster: Literal["class_id", "school_id"] = "class_id"
    likert_scale: int = Field(default=5, ge=2, le=11)
    power: Power = Power()


TEMPLATE = """\
# Pre-registered analysis plan for `escape-game telemetry report --plan THIS_FILE`.
# Fix it before the data are collected; its SHA-256 is printed at the top of the report,
# with every deviation from it. Remove a line to take its default.
plan_version: 1
title: "Timers and learning in the Risk Academy"

# post_score: ANCOVA of the post score on condition, adjusting for the pre score (primary).
# gain: the same models with post - pre as the outcome.
primary_outcome: post_score

inclusion:
  # A quiz is complete when this fraction of its form's scored items is answered (1.0 = all).
  min_fraction_answered: 1.0
  # Scored items per form (default: as many as the folder shows for the form).
  form_items: {}

alpha: 0.05
# Across the per-concept pre/post tests: holm, fdr_bh (Benjamini-Hochberg), bonferroni, none.
correction: holm
# Adjusted for in the ANCOVA and the mixed model (pre_score first).
covariates: [pre_score]

conditions:
  reference: timers_on
  compare: [timers_on, timers_off]

# Random intercepts of the mixed model: class_id (pupils in classes) or school_id.
cluster: class_id
likert_scale: 5

power:
  power: [0.8, 0.9]
  effect_sizes: [0.2, 0.3, 0.5, 0.8]
  pre_post_r: 0.5
  planned_n: 120
"""

DEFAULT_PLAN = Plan()


@dataclass(frozen=True)
class LoadedPlan:
    plan: Plan
    text: str
    sha256: str
    path: Path | None


def default_plan() -> LoadedPlan:
    text = yaml.safe_dump(DEFAULT_PLAN.model_dump(mode="json"), sort_keys=False)
    return LoadedPlan(DEFAULT_PLAN, text, hashlib.sha256(text.encode()).hexdigest(), None)


def load_plan(path: Path) -> LoadedPlan:
    """The plan in ``path``, or a PlanError saying where and what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PlanError(f"{path}: cannot read the plan ({error.strerror or error})") from None
    text = raw.decode("utf-8", errors="replace")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise PlanError(f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})"
                        ) from None
    try:
        plan = Plan.model_validate(data or {})
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            where = ".".join(str(x) for x in problem["loc"]) or "plan"
            lines.append(f"{path}: {where}: {problem['msg']}")
        raise PlanError("\n".join(lines) + "\n(`escape-game telemetry plan` writes a "
                        "commented template)") from None
    unknown = [c for c in plan.covariates if c not in COVARIATES]
    if unknown:
        raise PlanError(f"{path}: covariates: unknown {', '.join(unknown)}; choose among "
                        f"{', '.join(COVARIATES)}")
    return LoadedPlan(plan, text, hashlib.sha256(raw).hexdigest(), path)


def write_template(path: Path) -> None:
    """The commented template; never overwrites a plan."""
    with path.open("x", encoding="utf-8") as handle:
        handle.write(TEMPLATE)
