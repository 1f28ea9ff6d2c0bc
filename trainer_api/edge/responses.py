"""Answers several routes build alike: the login cookie, a file download, and
a client's date read as UTC."""

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import Response

from trainer_api.edge.auth import COOKIE_NAME
from trainer_api.settings import Settings
from trainer_api.storage.repository import TOKEN_LIFETIME


def set_login_cookie(response: Response, token: str, settings: Settings) -> None:
    """The HTTP-only login cookie (``Secure`` in production) for ``token``."""
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=int(TOKEN_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
    )


def download(text: str, stem: str, suffix: str, media_type: str) -> Response:
    """``text`` as a file to save; the name keeps ASCII letters and digits of
    ``stem`` (anything else becomes ``-``), so any cohort or user name works."""
    safe = "".join(c if c.isascii() and c.isalnum() else "-" for c in stem)
    return Response(
        text,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{safe}{suffix}"'},
    )


def as_utc(moment: datetime) -> datetime:
    """A date sent without a time zone is read as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
