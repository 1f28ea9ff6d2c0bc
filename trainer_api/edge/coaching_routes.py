"""JSON HTTP routes for coaching a class: a learner's home and progress,
assignments, session debriefs, comments and cohort dashboards.

Use cases: ``usecases.assignments``, ``usecases.progress``,
``usecases.debrief``, ``usecases.comments``; who may see what is
``usecases.people``'s policy.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from trainer_api.edge.api_models import errors
from trainer_api.edge.auth import Coach, CurrentUser, require_user
from trainer_api.edge.coaching_models import (
    AssignmentList,
    AssignmentRequestBody,
    CommentRequest,
    CommentView,
    DashboardView,
    DebriefView,
    HomeView,
    ProgressView,
)
from trainer_api.edge.dependencies import Db
from trainer_api.edge.responses import as_utc, download
from trainer_api.edge.security import CheckedRoute
from trainer_api.usecases import assignments, comments, debrief, people, progress
from trainer_api.usecases.refusal import Kind, Refused

router = APIRouter(prefix="/api", route_class=CheckedRoute)
LoggedIn = Annotated[CurrentUser, Depends(require_user)]
SessionId = Annotated[str, Path(min_length=1, max_length=64)]
DayQuery = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$")]


@router.get("/home", response_model=HomeView, responses=errors(403))
def home(db: Db, user: LoggedIn) -> dict[str, Any]:
    """A learner's assignments (with their state) and new comments."""
    if user.role != "learner":
        raise Refused(Kind.FORBIDDEN, "forbidden", "The home page is for learners.")
    return {
        "assignments": assignments.learner_view(db, user.id),
        "comments": comments.unseen(db, user.id),
    }


@router.get("/progress", response_model=ProgressView, responses=errors(404))
def learner_progress(
    db: Db,
    user: LoggedIn,
    learner: Annotated[str | None, Query(max_length=64)] = None,
) -> dict[str, Any]:
    """A learner's progress over time: their own, or one their trainer coaches."""
    target = people.visible_learner(db, user, learner or user.username)
    return progress.learner_progress(db, target)


@router.post(
    "/assignments",
    status_code=201,
    response_model=AssignmentList,
    responses=errors(403, 404),
)
def create_assignment(
    body: AssignmentRequestBody, db: Db, user: Coach
) -> dict[str, Any]:
    request = assignments.AssignmentRequest(
        scenario_id=body.scenario_id.strip(),
        cohort_id=body.cohort_id,
        learners=tuple(name.strip() for name in body.learners if name.strip()),
        due_at=as_utc(body.due_at) if body.due_at else None,
        attempt_limit=body.attempt_limit,
        show_needs=body.show_needs,
        show_tips=body.show_tips,
    )
    with db.begin():
        created = assignments.create(db, user, request)
        return {"assignments": [assignments.describe(db, a) for a in created]}


@router.delete(
    "/assignments/{assignment_id}",
    status_code=204,
    response_class=Response,
    responses=errors(403, 404),
)
def delete_assignment(assignment_id: int, db: Db, user: Coach) -> Response:
    with db.begin():
        assignments.remove(db, user, assignment_id)
    return Response(status_code=204)


@router.get(
    "/sessions/{session_id}/debrief",
    response_model=DebriefView,
    response_model_exclude_unset=True,
    responses=errors(404),
)
def session_debrief(session_id: SessionId, db: Db, user: LoggedIn) -> dict[str, Any]:
    with db.begin():
        return debrief.debrief(db, user, session_id)


@router.post(
    "/sessions/{session_id}/comments",
    status_code=201,
    response_model=CommentView,
    responses=errors(403, 404, 413),
)
def add_comment(
    session_id: SessionId, body: CommentRequest, db: Db, user: Coach
) -> dict[str, Any]:
    with db.begin():
        return comments.add(db, user, session_id, body.text, body.turn_id)


@router.get(
    "/cohorts/{cohort_id}/dashboard",
    response_model=DashboardView,
    responses=errors(403, 404),
)
def cohort_dashboard(
    cohort_id: int,
    db: Db,
    user: LoggedIn,
    scenario: Annotated[str | None, Query(max_length=64)] = None,
    since: DayQuery = None,
    until: DayQuery = None,
) -> dict[str, Any]:
    """Learners x dimensions for the chosen practice (``until`` is inclusive)."""
    return progress.cohort_dashboard(
        db, user, cohort_id, _filter(scenario, since, until)
    )


@router.get(
    "/cohorts/{cohort_id}/dashboard.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **errors(403, 404)},
)
def cohort_dashboard_csv(
    cohort_id: int,
    db: Db,
    user: LoggedIn,
    scenario: Annotated[str | None, Query(max_length=64)] = None,
    since: DayQuery = None,
    until: DayQuery = None,
) -> Response:
    """The dashboard's learner table as CSV, with the same filters."""
    view = progress.cohort_dashboard(
        db, user, cohort_id, _filter(scenario, since, until)
    )
    text = progress.dashboard_csv(view)
    return download(text, view["cohort"]["name"], ".csv", "text/csv; charset=utf-8")


def _filter(
    scenario: str | None, since: str | None, until: str | None
) -> progress.DashboardFilter:
    start, end = _day(since, "since"), _day(until, "until")
    if start and end and end < start:
        raise Refused(
            Kind.INVALID, "bad_request", "The date range ends before it starts."
        )
    return progress.DashboardFilter(
        scenario_id=scenario or None,
        since=_midnight(start) if start else None,
        until=_midnight(end + timedelta(days=1)) if end else None,
    )


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Refused(
            Kind.INVALID,
            "bad_request",
            "{field}: {value} is not a date.",
            field=name,
            value=repr(value),
        ) from None


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=timezone.utc)
