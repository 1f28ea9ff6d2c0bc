"""Who is asking: login cookies for pages, the API and the Socket.IO handshake."""

from __future__ import annotations

from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from trainer_api.storage import repository
from trainer_api.usecases.refusal import Kind, Refused

COOKIE_NAME = "empathy_session"


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    display_name: str
    role: str

    def to_dict(self) -> dict[str, str]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
        }


def user_for_token(
    sessions: sessionmaker[Session], token: str | None
) -> CurrentUser | None:
    if not token or len(token) > 128:
        return None
    with sessions() as db:
        user = repository.user_for_token(db=db, token=token)
        if user is None:
            return None
        return CurrentUser(user.id, user.username, user.display_name, user.role)


def token_from_cookie_header(header: str | None) -> str | None:
    if not header:
        return None
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(header)
    except CookieError:
        return None
    morsel = cookie.get(COOKIE_NAME)
    return morsel.value if morsel is not None else None


def optional_user(request: Request) -> CurrentUser | None:
    sessions = request.app.state.sessions
    return user_for_token(sessions, request.cookies.get(COOKIE_NAME))


def require_user(request: Request) -> CurrentUser:
    user = optional_user(request)
    if user is None:
        raise Refused(Kind.UNAUTHENTICATED, "not_authenticated", "Log in to continue.")
    return user


def require_trainer(user: Annotated[CurrentUser, Depends(require_user)]) -> CurrentUser:
    if user.role != "trainer":
        raise Refused(
            Kind.FORBIDDEN, "forbidden", "Only trainers can author scenarios."
        )
    return user


Trainer = Annotated[CurrentUser, Depends(require_trainer)]
