"""Who is asking: login cookies for pages, the API and the Socket.IO handshake."""

from __future__ import annotations

from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from trainer_api.i18n import N_
from trainer_api.storage import repository
from trainer_api.storage.models import CANDIDATE, AppUser
from trainer_api.usecases.refusal import Kind, Refused

COOKIE_NAME = "empathy_session"


@dataclass(frozen=True)
class CurrentUser:
    id: int
    username: str
    display_name: str
    role: str
    # An account an admin created or reset: nothing but choosing a password
    # (and logging out) is allowed until it is changed.
    must_change_password: bool = False
    # The user's chosen locale (trainer_api.i18n.LOCALES); None follows the browser.
    locale: str | None = None

    @classmethod
    def of(cls, user: AppUser) -> CurrentUser:
        return cls(
            user.id,
            user.username,
            user.display_name,
            user.role,
            bool(user.must_change_password),
            user.locale,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role,
            "must_change_password": self.must_change_password,
            "locale": self.locale,
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
        return CurrentUser.of(user)


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


def require_login(request: Request) -> CurrentUser:
    """Anyone signed in, even before they replaced a temporary password."""
    user = optional_user(request)
    if user is None:
        raise Refused(Kind.UNAUTHENTICATED, "not_authenticated", "Log in to continue.")
    return user


def require_user(
    user: Annotated[CurrentUser, Depends(require_login)],
) -> CurrentUser:
    """Anyone signed in with a password of their own."""
    if user.must_change_password:
        raise Refused(
            Kind.FORBIDDEN,
            "password_change_required",
            "Choose a new password first: open /password.",
        )
    if user.role == CANDIDATE:
        raise Refused(
            Kind.FORBIDDEN,
            "forbidden",
            "A candidate's link opens only their own assessment.",
        )
    return user


def require_role(*roles: str, refusal: str) -> Any:
    """A dependency that lets only ``roles`` in; ``refusal`` tells anyone else
    who may do what (a whole sentence, an English message id marked with
    ``N_``: "Only trainers can author scenarios.")."""

    def check(user: Annotated[CurrentUser, Depends(require_user)]) -> CurrentUser:
        if user.role not in roles:
            raise Refused(Kind.FORBIDDEN, "forbidden", refusal)
        return user

    return check


Trainer = Annotated[
    CurrentUser,
    Depends(require_role("trainer", refusal=N_("Only trainers can author scenarios."))),
]
Coach = Annotated[
    CurrentUser,
    Depends(require_role("trainer", refusal=N_("Only trainers can coach a cohort."))),
]
Admin = Annotated[
    CurrentUser,
    Depends(require_role("admin", refusal=N_("Only admins can manage accounts."))),
]
