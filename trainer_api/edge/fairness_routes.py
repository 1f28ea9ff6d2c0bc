"""JSON HTTP routes of the hiring fairness report and of candidates' optional
self-declaration.

Candidates (``/api/assess/{token}/self-declaration``) give, change or
withdraw their answers from the device where they took the assessment. HR
(``/api/rounds/{id}/fairness``, ``/api/fairness``) reads the report of a
round, or of every round they own or review over a period, as JSON or as
CSV for an independent auditor. Use cases: ``usecases.self_declaration``,
``usecases.fairness``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel

from trainer_api.edge.api_models import Shape, errors
from trainer_api.edge.assessment_routes import Hr, Token, user_id_of
from trainer_api.edge.dependencies import AppSettings, Db
from trainer_api.edge.responses import download
from trainer_api.edge.security import CheckedRoute
from trainer_api.usecases import candidate_rights, fairness, self_declaration

router = APIRouter(prefix="/api", route_class=CheckedRoute)
DEFAULT_PERIOD_DAYS = 365  # a bias audit looks back a year


class DeclarationBody(BaseModel):
    answers: dict[str, str | None]


class Category(Shape):
    category: str
    count: int
    share: float
    small: bool
    withheld: bool
    scored: int
    above_median: int | None
    scoring_rate: float | None
    scoring_impact_ratio: float | None
    scoring_below_four_fifths: bool
    decided: int
    selected: int | None
    selection_rate: float | None
    selection_impact_ratio: float | None
    selection_below_four_fifths: bool


class Grouping(Shape):
    group: str
    unknown: int
    categories: list[Category]


class FairnessReport(Shape):
    scope: dict[str, Any]
    sample: int
    scored: int
    median_score: float | None
    decided: int
    min_group: int
    groups: list[Grouping]
    labels: dict[str, str]


@router.put(
    "/assess/{token}/self-declaration",
    status_code=204,
    response_class=Response,
    responses=errors(403, 404, 409, 410, 422),
)
def declare(token: Token, body: DeclarationBody, request: Request, db: Db) -> Response:
    """Give or change the optional self-declaration (kept apart from scores)."""
    with db.begin():
        candidate = candidate_rights.signed_in_candidate(db, token, user_id_of(request))
        self_declaration.declare(db, candidate, body.answers)
    return Response(status_code=204)


@router.delete(
    "/assess/{token}/self-declaration",
    status_code=204,
    response_class=Response,
    responses=errors(403, 404, 410),
)
def withdraw(token: Token, request: Request, db: Db) -> Response:
    """Withdraw the self-declaration: it is deleted."""
    with db.begin():
        candidate = candidate_rights.signed_in_candidate(db, token, user_id_of(request))
        self_declaration.withdraw(db, candidate)
    return Response(status_code=204)


@router.get(
    "/rounds/{round_id}/fairness",
    response_model=FairnessReport,
    responses=errors(403, 404),
)
def round_fairness(
    round_id: int, db: Db, user: Hr, settings: AppSettings
) -> dict[str, Any]:
    """The fairness report of one round."""
    with db.begin():
        report = fairness.round_report(
            db, user, round_id, min_group=settings.fairness_min_group
        )
    return {**report, "labels": self_declaration.LABELS["en"]}


@router.get(
    "/rounds/{round_id}/fairness.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **errors(403, 404)},
)
def round_fairness_csv(
    round_id: int, db: Db, user: Hr, settings: AppSettings
) -> Response:
    """The fairness report of one round as CSV, for an independent auditor."""
    with db.begin():
        report = fairness.round_report(
            db, user, round_id, min_group=settings.fairness_min_group
        )
    return download(
        fairness.report_csv(report), f"round-{round_id}-fairness", ".csv", "text/csv"
    )


Day = Annotated[date | None, Query()]


@router.get("/fairness", response_model=FairnessReport, responses=errors(403, 422))
def period_fairness(
    db: Db, user: Hr, settings: AppSettings, start: Day = None, end: Day = None
) -> dict[str, Any]:
    """The fairness report over every round the user owns or reviews, for
    candidates who consented from ``start`` to ``end`` (both days included;
    by default the last year)."""
    with db.begin():
        report = fairness.period_report(
            db, user, *_period(start, end), min_group=settings.fairness_min_group
        )
    return {**report, "labels": self_declaration.LABELS["en"]}


@router.get(
    "/fairness.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **errors(403, 422)},
)
def period_fairness_csv(
    db: Db, user: Hr, settings: AppSettings, start: Day = None, end: Day = None
) -> Response:
    """The period's fairness report as CSV, for an independent auditor."""
    first, until = _period(start, end)
    with db.begin():
        report = fairness.period_report(
            db, user, first, until, min_group=settings.fairness_min_group
        )
    stem = f"fairness-{first.date().isoformat()}-{(until - timedelta(days=1)).date()}"
    return download(fairness.report_csv(report), stem, ".csv", "text/csv")


def _period(start: date | None, end: date | None) -> tuple[datetime, datetime]:
    """UTC bounds: ``start`` at midnight, the day after ``end`` at midnight."""
    last = end or datetime.now(timezone.utc).date()
    first = start or last - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    return (
        datetime.combine(first, time(), tzinfo=timezone.utc),
        datetime.combine(last + timedelta(days=1), time(), tzinfo=timezone.utc),
    )
