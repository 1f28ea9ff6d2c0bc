"""The fairness report of hiring rounds: scoring and selection rates by
self-declared category and by intersection, impact ratios against the
highest group, the four-fifths flag, small categories and unknowns.

Definitions (those of New York City's bias-audit rules for automated
employment decision tools, applied to this product's data):

- the *sample* is every candidate in scope who took the assessment;
- *scoring rate*: the share of a category's scored candidates whose
  conversation score is above the median score of the whole scored sample;
- *selection rate*: the share of a category's decided candidates whose
  final decision (by people) is to advance;
- *impact ratio*: a category's rate divided by the highest rate among the
  categories that hold at least 2 % of the sample; a ratio under 0.8 is
  flagged (the four-fifths rule);
- a category under 2 % of the sample is marked and left out of the
  reference; "prefer not to say" and no declaration are counted as unknown
  and are in no category.

Declarations are read here and nowhere else in review: reviewers never see
them, scoring never reads them. Rates of a category smaller than the
configured minimum are withheld, so a small group's rate cannot point at a
person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from statistics import median
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_api.storage.models import Candidate, SelfDeclaration
from trainer_api.usecases import assessments
from trainer_api.usecases.assessment_review import candidate_row
from trainer_api.usecases.people import Viewer
from trainer_api.usecases.refusal import Kind, Refused
from trainer_api.usecases.self_declaration import QUESTIONS, questions_of
from trainer_api.usecases.spreadsheet import csv_text

SMALL_SHARE = Fraction(2, 100)
FOUR_FIFTHS = Fraction(4, 5)


# --- the computation ----------------------------------------------------------


@dataclass(frozen=True)
class Assessed:
    """One assessed candidate as the report sees them: no name, no reply."""

    score: float | None
    decision: str | None  # the final decision by people, or None if undecided
    sex: str | None
    race_ethnicity: str | None

    def category(self, group: str) -> str | None:
        """The candidate's category in ``group`` ("sex", "race_ethnicity" or
        "sex x race_ethnicity"); ``None`` when unknown."""
        if group in QUESTIONS:
            value: str | None = getattr(self, group)
            return value
        if self.sex is None or self.race_ethnicity is None:
            return None
        return f"{self.sex} x {self.race_ethnicity}"


def groups_for(questions: Sequence[str]) -> list[str]:
    """The groupings a report shows: each question, then their intersection."""
    found = [q for q in QUESTIONS if q in questions]
    if len(found) == 2:
        found.append("sex x race_ethnicity")
    return found


def compute(
    people: Sequence[Assessed], groups: Sequence[str], *, min_group: int
) -> dict[str, Any]:
    """Rates, impact ratios and flags for ``people`` (see the module docstring).

    Args:
        people: the assessed sample.
        groups: which groupings to report (see :func:`groups_for`).
        min_group: categories with fewer people have their rates withheld.
    """
    scored = [p.score for p in people if p.score is not None]
    cut = median(scored) if scored else None
    return {
        "sample": len(people),
        "scored": len(scored),
        "median_score": cut,
        "decided": sum(p.decision is not None for p in people),
        "min_group": min_group,
        "groups": [_grouping(people, group, cut, min_group) for group in groups],
    }


def _grouping(
    people: Sequence[Assessed], group: str, cut: float | None, min_group: int
) -> dict[str, Any]:
    members: dict[str, list[Assessed]] = {}
    for person in people:
        category = person.category(group)
        if category is not None:
            members.setdefault(category, []).append(person)
    rows = [
        _category(name, found, len(people), cut, min_group)
        for name, found in members.items()
    ]
    rows.sort(key=lambda row: (-row["count"], row["category"]))
    for rate in ("scoring", "selection"):
        _ratios(rows, rate)
    for row in rows:  # exact while computing, plain numbers in the report
        for key, value in row.items():
            if isinstance(value, Fraction):
                row[key] = float(value)
    return {
        "group": group,
        "unknown": len(people) - sum(row["count"] for row in rows),
        "categories": rows,
    }


def _category(
    name: str,
    found: list[Assessed],
    sample: int,
    cut: float | None,
    min_group: int,
) -> dict[str, Any]:
    scored = [p for p in found if p.score is not None]
    decided = [p for p in found if p.decision is not None]
    withheld = len(found) < min_group
    above = sum(1 for p in scored if cut is not None and (p.score or 0) > cut)
    selected = sum(1 for p in decided if p.decision == "advance")
    share = Fraction(len(found), sample) if sample else Fraction(0)
    return {
        "category": name,
        "count": len(found),
        "share": share,
        "small": share < SMALL_SHARE,
        "withheld": withheld,
        "scored": len(scored),
        "above_median": None if withheld else above,
        "scoring_rate": None
        if withheld or not scored
        else Fraction(above, len(scored)),
        "decided": len(decided),
        "selected": None if withheld else selected,
        "selection_rate": None
        if withheld or not decided
        else Fraction(selected, len(decided)),
    }


def _ratios(rows: list[dict[str, Any]], rate: str) -> None:
    key = f"{rate}_rate"
    reference = max(
        (row[key] for row in rows if row[key] is not None and not row["small"]),
        default=None,
    )
    for row in rows:
        ratio = (
            row[key] / reference
            if row[key] is not None and reference  # a best rate of 0 has no ratio
            else None
        )
        row[f"{rate}_impact_ratio"] = ratio
        row[f"{rate}_below_four_fifths"] = (
            ratio is not None and ratio < FOUR_FIFTHS and not row["small"]
        )


# --- reports over the database ------------------------------------------------


def round_report(
    db: Session, hr: Viewer, round_id: int, *, min_group: int
) -> dict[str, Any]:
    """The fairness report of one round the HR user owns or reviews."""
    round_ = assessments.visible_round(db, hr, round_id)
    candidates = list(
        db.scalars(select(Candidate).where(Candidate.round_id == round_.id))
    )
    report = compute(
        _assessed(db, candidates),
        groups_for(questions_of(round_.demographic_questions)),
        min_group=min_group,
    )
    assessments.audit(
        db, assessments.staff_label(hr), "view_fairness", round_id=round_.id
    )
    return {"scope": {"round_id": round_.id, "title": round_.title}, **report}


def period_report(
    db: Session,
    hr: Viewer,
    start: datetime,
    end: datetime,
    *,
    min_group: int,
) -> dict[str, Any]:
    """The fairness report over every round the HR user owns or reviews, for
    candidates who consented between ``start`` (inclusive) and ``end``
    (exclusive)."""
    if end <= start:
        raise Refused(
            Kind.INVALID,
            "invalid_period",
            "The period's end must come after its start.",
        )
    rounds = assessments.rounds_of(db, hr)
    candidates = [
        c
        for c in db.scalars(
            select(Candidate).where(
                Candidate.round_id.in_([r.id for r in rounds]),
                Candidate.consent_at >= start,
                Candidate.consent_at < end,
            )
        )
    ]
    asked: set[str] = set()
    for round_ in rounds:
        asked.update(questions_of(round_.demographic_questions))
    report = compute(
        _assessed(db, candidates), groups_for(sorted(asked)), min_group=min_group
    )
    assessments.audit(
        db,
        assessments.staff_label(hr),
        "view_fairness",
        start=start.isoformat(),
        end=end.isoformat(),
    )
    return {
        "scope": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "rounds": [r.id for r in rounds],
        },
        **report,
    }


def _assessed(db: Session, candidates: list[Candidate]) -> list[Assessed]:
    """The candidates who took the assessment, with their declarations."""
    declared = {
        d.candidate_id: d
        for d in db.scalars(
            select(SelfDeclaration).where(
                SelfDeclaration.candidate_id.in_([c.id for c in candidates])
            )
        )
    }
    people = []
    for candidate in candidates:
        row = candidate_row(db, candidate)
        if not row["sessions"]:
            continue  # never took the assessment: not in the sample
        found = declared.get(candidate.id)
        people.append(
            Assessed(
                score=row["score"] if row["finished"] else None,
                decision=row["standing"]
                if row["standing"] in ("advance", "hold", "reject")
                else None,
                sex=found.sex if found else None,
                race_ethnicity=found.race_ethnicity if found else None,
            )
        )
    return people


CSV_COLUMNS = (
    "group",
    "category",
    "count",
    "share_of_sample",
    "under_2_percent",
    "rates_withheld",
    "scored",
    "above_median",
    "scoring_rate",
    "scoring_impact_ratio",
    "scoring_below_four_fifths",
    "decided",
    "selected",
    "selection_rate",
    "selection_impact_ratio",
    "selection_below_four_fifths",
)


def report_csv(report: dict[str, Any]) -> str:
    """The report as CSV for an independent auditor: one line per category,
    then one line per grouping with its unknowns, then the sample."""
    lines: list[list[Any]] = []
    for grouping in report["groups"]:
        for row in grouping["categories"]:
            lines.append(
                [
                    grouping["group"],
                    row["category"],
                    row["count"],
                    _figure(row["share"]),
                    row["small"],
                    row["withheld"],
                    row["scored"],
                    row["above_median"],
                    _figure(row["scoring_rate"]),
                    _figure(row["scoring_impact_ratio"]),
                    row["scoring_below_four_fifths"],
                    row["decided"],
                    row["selected"],
                    _figure(row["selection_rate"]),
                    _figure(row["selection_impact_ratio"]),
                    row["selection_below_four_fifths"],
                ]
            )
        lines.append([grouping["group"], "unknown", grouping["unknown"]])
    lines.append(["sample", "all", report["sample"], "", "", "", report["scored"]])
    lines.append(["sample", "median_score", report["median_score"]])
    return csv_text(CSV_COLUMNS, lines)


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
