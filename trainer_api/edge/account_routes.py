"""JSON HTTP routes for every signed-in user: log in and out, who am I, page config."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from trainer_api import i18n
from trainer_api.edge.api_models import (
    ClientConfig,
    LocaleResponse,
    UserResponse,
    errors,
)
from trainer_api.edge.auth import (
    COOKIE_NAME,
    CurrentUser,
    optional_user,
    require_login,
)
from trainer_api.edge.client_config import client_config as config_for_pages
from trainer_api.edge.dependencies import AppSettings, Db, Sessions
from trainer_api.edge.pages import request_locale
from trainer_api.edge.responses import set_login_cookie
from trainer_api.edge.security import CheckedRoute
from trainer_api.settings import Settings
from trainer_api.storage import repository
from trainer_api.storage.passwords import cost_for
from trainer_api.usecases import login_guard
from trainer_api.usecases.refusal import Kind, Refused

router = APIRouter(prefix="/api", route_class=CheckedRoute)
# /api/me answers even before a one-time password is replaced, so the pages
# can send the user to /password.
SignedIn = Annotated[CurrentUser, Depends(require_login)]
REVIEWERS = ("trainer", "hr")
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600


class LoginRequest(BaseModel):
    username: str = Field(..., min_length=1, max_length=64)
    password: str = Field(..., min_length=1, max_length=256)


@router.post("/login", response_model=UserResponse, responses=errors(429))
def login(
    body: LoginRequest,
    request: Request,
    response: Response,
    sessions: Sessions,
    settings: AppSettings,
) -> dict[str, Any]:
    try:
        success = login_guard.log_in(
            sessions,
            username=body.username.strip(),
            password=body.password,
            # Behind a reverse proxy, uvicorn's --forwarded-allow-ips makes
            # this the browser's address rather than the proxy's.
            # (uvicorn leaves no host when every forwarder is trusted)
            client_address=(request.client and request.client.host) or "unknown",
            cost=cost_for(settings.environment),
        )
    except login_guard.TooManyAttempts as refused:
        raise Refused(
            Kind.THROTTLED,
            "too_many_attempts",
            refused.template,
            retry_after=refused.retry_after_seconds,
            **refused.values,
        ) from None
    except login_guard.BadCredentials:
        raise Refused(
            Kind.UNAUTHENTICATED,
            "bad_credentials",
            "Wrong username or password. Try again.",
        ) from None
    user = success.user
    view = CurrentUser.of(user)
    set_login_cookie(response, success.token, settings)
    if view.locale:  # the account's language follows it to this browser
        set_language_cookie(response, view.locale, settings)
    return {"user": view.to_dict()}


@router.post("/logout", status_code=204, response_class=Response)
def logout(request: Request, db: Db, response: Response) -> Response:
    token = request.cookies.get(COOKIE_NAME)
    if token:
        with db.begin():
            repository.revoke_token(db=db, token=token)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME)
    return response


@router.get("/me", response_model=UserResponse, responses=errors())
def me(user: SignedIn) -> dict[str, Any]:
    return {"user": user.to_dict()}


@router.get("/config", response_model=ClientConfig)
def client_config(settings: AppSettings, request: Request) -> dict[str, Any]:
    """Limits, labels and patterns the pages use (they copy none of them),
    labels in the reader's language."""
    return config_for_pages(settings, request_locale(request, optional_user(request)))


class LocaleRequest(BaseModel):
    locale: str | None = Field(
        None,
        max_length=16,
        description="en, fr-CA or fr-FR; null or empty to follow the browser",
    )


@router.put("/locale", response_model=LocaleResponse, responses=errors(422))
def choose_locale(
    body: LocaleRequest, request: Request, db: Db, settings: AppSettings
) -> Response:
    """Choose the pages' language and formats: kept on the account when signed
    in, and in a cookie for the sign-in page and this browser."""
    asked = (body.locale or "").strip()
    chosen = i18n.normalise(asked) if asked else None
    if asked and (chosen is None or chosen.lower() != asked.lower()):
        raise Refused(
            Kind.INVALID,
            "unknown_locale",
            "locale: {asked} is not offered; choose one of {offered}",
            asked=repr(body.locale),
            offered=", ".join(i18n.LOCALES),
        )
    user = optional_user(request)
    if user is not None:
        with db.begin():
            repository.set_user_locale(db=db, user_id=user.id, locale=chosen)
    effective = request_locale(request, None) if chosen is None else chosen
    response = JSONResponse({"locale": effective, "chosen": chosen})
    if chosen is None:
        response.delete_cookie(i18n.LANGUAGE_COOKIE)
    else:
        set_language_cookie(response, chosen, settings)
    return response


def set_language_cookie(response: Response, locale: str, settings: Settings) -> None:
    """The pages' language for this browser (not secret, so readable)."""
    response.set_cookie(
        i18n.LANGUAGE_COOKIE,
        locale,
        max_age=LANGUAGE_COOKIE_SECONDS,
        samesite="lax",
        secure=settings.cookie_secure,
    )
