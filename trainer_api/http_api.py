"""JSON HTTP routes: login, scenarios, sessions, learners."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from trainer_api import calibration, login_guard, serializers
from trainer_api.api_models import (
    ClientConfig,
    LearnerList,
    ScenarioList,
    SessionList,
    Transcript,
    UserResponse,
    errors,
)
from trainer_api.auth import COOKIE_NAME, CurrentUser, require_user
from trainer_api.client_config import client_config as config_for_pages
from trainer_api.refusal import Kind, Refused
from trainer_api.security import CheckedRoute
from trainer_api.storage import repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.passwords import cost_for
from trainer_api.storage.repository import TOKEN_LIFETIME

router = APIRouter(prefix="/api", route_class=CheckedRoute)
LoggedIn = Annotated[CurrentUser, Depends(require_user)]
REVIEWERS = ("trainer", "hr")


class LoginRequest(BaseModel):
    username: str = Field(..., min_length=1, max_length=64)
    password: str = Field(..., min_length=1, max_length=256)


@router.post("/login", response_model=UserResponse, responses=errors(429))
def login(body: LoginRequest, request: Request, response: Response) -> dict[str, Any]:
    try:
        success = login_guard.log_in(
            request.app.state.sessions,
            username=body.username.strip(),
            password=body.password,
            # Behind a reverse proxy, uvicorn's --forwarded-allow-ips makes
            # this the browser's address rather than the proxy's.
            client_address=request.client.host if request.client else "unknown",
            cost=cost_for(request.app.state.settings.environment),
        )
    except login_guard.TooManyAttempts as refused:
        raise Refused(
            Kind.THROTTLED,
            "too_many_attempts",
            str(refused),
            retry_after=refused.retry_after_seconds,
        ) from None
    except login_guard.BadCredentials:
        raise Refused(
            Kind.UNAUTHENTICATED,
            "bad_credentials",
            "Wrong username or password. Try again.",
        ) from None
    user = success.user
    view = CurrentUser(user.id, user.username, user.display_name, user.role)
    response.set_cookie(
        COOKIE_NAME,
        success.token,
        max_age=int(TOKEN_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.cookie_secure,
    )
    return {"user": view.to_dict()}


@router.post("/logout", status_code=204, response_class=Response)
def logout(request: Request, response: Response) -> Response:
    token = request.cookies.get(COOKIE_NAME)
    if token:
        with request.app.state.sessions.begin() as db:
            repository.revoke_token(db=db, token=token)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME)
    return response


@router.get("/me", response_model=UserResponse, responses=errors())
def me(user: LoggedIn) -> dict[str, Any]:
    return {"user": user.to_dict()}


@router.get("/config", response_model=ClientConfig)
def client_config(request: Request) -> dict[str, Any]:
    """Limits, labels and patterns the pages use (they copy none of them)."""
    return config_for_pages(request.app.state.settings)


@router.get("/scenarios", response_model=ScenarioList, responses=errors())
def scenarios(request: Request, user: LoggedIn) -> dict[str, Any]:
    with request.app.state.sessions() as db:
        found = [entry.scenario for entry in scenario_store.published(db)]
    return {
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "difficulty": s.difficulty,
                "summary": s.summary,
                "persona_name": s.persona.name,
            }
            for s in found
        ]
    }


@router.get("/sessions", response_model=SessionList, responses=errors(403, 404))
def sessions(
    request: Request,
    user: LoggedIn,
    learner: str | None = None,
) -> dict[str, Any]:
    username = _visible_learner(user, learner)
    with request.app.state.sessions() as db:
        owner = repository.get_user(db=db, username=username)
        if owner is None:
            raise Refused(
                Kind.NOT_FOUND, "unknown_learner", f"There is no learner {username!r}."
            )
        found = repository.list_sessions(db=db, learner=owner)
        return {"sessions": [serializers.session_view(s) for s in found]}


@router.get(
    "/sessions/{session_id}",
    response_model=Transcript,
    response_model_exclude_unset=True,
    responses=errors(404),
)
def session_detail(session_id: str, request: Request, user: LoggedIn) -> dict[str, Any]:
    with request.app.state.sessions() as db:
        session = repository.get_session(db=db, session_id=session_id)
        allowed = session is not None and (
            session.learner_id == user.id or user.role in REVIEWERS
        )
        if session is None or not allowed:
            raise Refused(
                Kind.NOT_FOUND, "unknown_session", "There is no such practice session."
            )
        if user.role != "trainer":
            return serializers.transcript_view(session)
        marks = calibration.marks_by_turn(db, [turn.id for turn in session.turns])
        return serializers.transcript_view(
            session, {turn_id: calibration.mark_view(m) for turn_id, m in marks.items()}
        )


@router.get("/learners", response_model=LearnerList, responses=errors(403))
def learners(request: Request, user: LoggedIn) -> dict[str, Any]:
    if user.role not in REVIEWERS:
        raise Refused(
            Kind.FORBIDDEN, "forbidden", "Only trainers and HR can list learners."
        )
    with request.app.state.sessions() as db:
        rows = repository.list_learners(db=db)
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


def _visible_learner(user: CurrentUser, learner: str | None) -> str:
    if learner is None or learner == user.username:
        return user.username
    if user.role not in REVIEWERS:
        raise Refused(
            Kind.FORBIDDEN, "forbidden", "You can only see your own sessions."
        )
    return learner
