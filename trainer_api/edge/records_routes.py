"""JSON HTTP routes for learning records (xAPI statements for the LMS):
download them per learner or per cohort, and see whether they reached the
Learning Record Store (use cases: ``usecases.records``)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from trainer_api.edge.api_models import Shape, errors
from trainer_api.edge.auth import CurrentUser, require_user
from trainer_api.edge.dependencies import AppSettings, Db
from trainer_api.edge.responses import download as file_download
from trainer_api.edge.security import CheckedRoute
from trainer_api.storage import people as people_store
from trainer_api.storage import records as store
from trainer_api.usecases import people
from trainer_api.usecases.refusal import Kind, Refused

router = APIRouter(prefix="/api/records", route_class=CheckedRoute)
LoggedIn = Annotated[CurrentUser, Depends(require_user)]
LearnerQuery = Annotated[str | None, Query(max_length=64)]


class RecordStatus(Shape):
    lrs_configured: bool
    sent: int
    waiting: int
    failing: int
    last_error: str | None


@router.get(
    "",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}, **errors(404, 422)},
)
def download(
    db: Db,
    user: LoggedIn,
    learner: LearnerQuery = None,
    cohort: int | None = None,
) -> Response:
    """The statements of one learner (default: yourself) or of a cohort, as a
    JSON file an LMS or LRS can import."""
    ids, name = _whose(db, user, learner, cohort)
    statements = [r.statement for r in store.of_learners(db=db, learner_ids=ids)]
    return file_download(
        json.dumps(statements, ensure_ascii=False, indent=1),
        f"xapi-{name}",
        ".json",
        "application/json",
    )


@router.get("/status", response_model=RecordStatus, responses=errors(404, 422))
def status(
    db: Db,
    user: LoggedIn,
    settings: AppSettings,
    learner: LearnerQuery = None,
    cohort: int | None = None,
) -> dict[str, Any]:
    """How many statements the LRS has, how many wait, how many keep failing."""
    ids, _ = _whose(db, user, learner, cohort)
    return {
        "lrs_configured": settings.lrs_endpoint is not None,
        **store.counts(db=db, learner_ids=ids),
    }


def _whose(
    db: Any, user: CurrentUser, learner: str | None, cohort: int | None
) -> tuple[list[int], str]:
    if learner is not None and cohort is not None:
        raise Refused(
            Kind.INVALID, "bad_request", "Ask for a learner or a cohort, not both."
        )
    if cohort is not None:
        found = people.visible_cohort(db, user, cohort)
        members = people_store.members(db=db, cohort_id=found.id, role="learner")
        return [m.id for m in members], found.name
    target = people.visible_learner(db, user, learner or user.username)
    return [target.id], target.username
