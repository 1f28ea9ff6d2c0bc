"""JSON HTTP routes: login, scenarios, sessions, learners."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field

from trainer_api import calibration, serializers
from trainer_api.auth import COOKIE_NAME, CurrentUser, require_user
from trainer_api.errors import ApiError
from trainer_api.simulation import load_library
from trainer_api.storage import repository
from trainer_api.storage.repository import TOKEN_LIFETIME

router = APIRouter(prefix="/api")
LoggedIn = Annotated[CurrentUser, Depends(require_user)]
REVIEWERS = ("trainer", "hr")


class LoginRequest(BaseModel):
    username: str = Field(..., min_length=1, max_length=64)
    password: str = Field(..., min_length=1, max_length=256)


@router.post("/login")
def login(body: LoginRequest, request: Request, response: Response) -> dict[str, Any]:
    with request.app.state.sessions.begin() as db:
        user = repository.authenticate(
            db=db, username=body.username.strip(), password=body.password
        )
        if user is None:
            raise ApiError(
                401, "bad_credentials", "Wrong username or password. Try again."
            )
        token = repository.issue_token(db=db, user=user)
        view = CurrentUser(user.id, user.username, user.display_name, user.role)
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=int(TOKEN_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.cookie_secure,
    )
    return {"user": view.to_dict()}


@router.post("/logout", status_code=204)
def logout(request: Request, response: Response) -> Response:
    token = request.cookies.get(COOKIE_NAME)
    if token:
        with request.app.state.sessions.begin() as db:
            repository.revoke_token(db=db, token=token)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME)
    return response


@router.get("/me")
def me(user: LoggedIn) -> dict[str, Any]:
    return {"user": user.to_dict()}


@router.get("/config")
def client_config(request: Request) -> dict[str, Any]:
    """Limits the pages enforce before the server does."""
    settings = request.app.state.settings
    return {
        "max_reply_chars": settings.max_reply_chars,
        "nudge_after_seconds": settings.nudge_after_seconds,
    }


@router.get("/scenarios")
def scenarios(request: Request, user: LoggedIn) -> dict[str, Any]:
    library = load_library(request.app.state.settings.scenarios_dir)
    return {
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "difficulty": s.difficulty,
                "summary": s.summary,
                "persona_name": s.persona.name,
            }
            for s in library
        ]
    }


@router.get("/sessions")
def sessions(
    request: Request,
    user: LoggedIn,
    learner: str | None = None,
) -> dict[str, Any]:
    username = _visible_learner(user, learner)
    with request.app.state.sessions() as db:
        owner = repository.get_user(db=db, username=username)
        if owner is None:
            raise ApiError(404, "unknown_learner", f"There is no learner {username!r}.")
        found = repository.list_sessions(db=db, learner=owner)
        return {"sessions": [serializers.session_view(s) for s in found]}


@router.get("/sessions/{session_id}")
def session_detail(session_id: str, request: Request, user: LoggedIn) -> dict[str, Any]:
    with request.app.state.sessions() as db:
        session = repository.get_session(db=db, session_id=session_id)
        allowed = session is not None and (
            session.learner_id == user.id or user.role in REVIEWERS
        )
        if session is None or not allowed:
            raise ApiError(404, "unknown_session", "There is no such practice session.")
        if user.role != "trainer":
            return serializers.transcript_view(session)
        marks = calibration.marks_by_turn(db, [turn.id for turn in session.turns])
        return serializers.transcript_view(
            session, {turn_id: calibration.mark_view(m) for turn_id, m in marks.items()}
        )


@router.get("/learners")
def learners(request: Request, user: LoggedIn) -> dict[str, Any]:
    if user.role not in REVIEWERS:
        raise ApiError(403, "forbidden", "Only trainers and HR can list learners.")
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
        raise ApiError(403, "forbidden", "You can only see your own sessions.")
    return learner
