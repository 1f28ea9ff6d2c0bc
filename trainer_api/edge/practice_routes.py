"""JSON HTTP routes for practice results: scenarios, sessions, transcripts, learners.

Learners see their own; trainers see their cohorts' learners, HR users the
cohorts they were granted (policy: ``usecases.people``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from trainer_api.edge.api_models import (
    LearnerList,
    ScenarioList,
    SessionList,
    Transcript,
    errors,
)
from trainer_api.edge.auth import CurrentUser, require_user
from trainer_api.edge.dependencies import Db
from trainer_api.edge.security import CheckedRoute
from trainer_api.storage import repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.usecases import calibration, people, serializers
from trainer_api.usecases.refusal import Kind, Refused

router = APIRouter(prefix="/api", route_class=CheckedRoute)
LoggedIn = Annotated[CurrentUser, Depends(require_user)]
REVIEWERS = ("trainer", "hr")


@router.get("/scenarios", response_model=ScenarioList, responses=errors())
def scenarios(
    db: Db,
    user: LoggedIn,
    language: Annotated[
        Literal["en", "fr"] | None,
        Query(description="only the scenarios whose customer speaks this language"),
    ] = None,
) -> dict[str, Any]:
    found = [entry.scenario for entry in scenario_store.published(db)]
    return {
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "difficulty": s.difficulty,
                "summary": s.summary,
                "persona_name": s.persona.name,
                "locale": s.locale,
                "language": s.language,
            }
            for s in found
            if language is None or s.language == language
        ]
    }


@router.get("/sessions", response_model=SessionList, responses=errors(403, 404))
def sessions(
    db: Db,
    user: LoggedIn,
    learner: str | None = None,
) -> dict[str, Any]:
    if learner is not None and learner != user.username and user.role == "learner":
        raise Refused(
            Kind.FORBIDDEN, "forbidden", "You can only see your own sessions."
        )
    owner = people.visible_learner(db, user, learner or user.username)
    found = repository.list_sessions(db=db, learner=owner)
    reviewer = user.role != "learner"
    return {"sessions": [serializers.session_view(s, reviewer=reviewer) for s in found]}


@router.get(
    "/sessions/{session_id}",
    response_model=Transcript,
    response_model_exclude_unset=True,
    responses=errors(404),
)
def session_detail(session_id: str, db: Db, user: LoggedIn) -> dict[str, Any]:
    session = repository.get_session(db=db, session_id=session_id)
    allowed = session is not None and people.can_view_learner(
        db, user, session.learner_id
    )
    if session is None or not allowed:
        raise Refused(
            Kind.NOT_FOUND, "unknown_session", "There is no such practice session."
        )
    reviewer = user.role != "learner"
    if user.role != "trainer":
        return serializers.transcript_view(session, reviewer=reviewer)
    marks = calibration.marks_by_turn(db, [turn.id for turn in session.turns])
    return serializers.transcript_view(
        session,
        {turn_id: calibration.mark_view(m) for turn_id, m in marks.items()},
        reviewer=True,
    )


@router.get("/learners", response_model=LearnerList, responses=errors(403))
def learners(db: Db, user: LoggedIn) -> dict[str, Any]:
    if user.role not in REVIEWERS:
        raise Refused(
            Kind.FORBIDDEN, "forbidden", "Only trainers and HR can list learners."
        )
    rows = repository.list_learners(db=db, visible_to=user.id)
    return {
        "learners": [
            {
                "username": learner.username,
                "display_name": learner.display_name,
                "session_count": count,
            }
            for learner, count in rows
        ]
    }
