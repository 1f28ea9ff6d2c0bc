"""The HTML pages, rendered in the reader's language.

Each page is a Jinja2 template in ``trainer_api/web/pages`` (parts shared
by several pages in ``pages/partials``) whose text goes through the gettext
catalogue of the reader's locale (:mod:`trainer_api.i18n`). The page also carries the
catalogue its JavaScript needs, so the script shows the same language
without a second request.
"""

from __future__ import annotations

from functools import cache
from http.cookies import CookieError, SimpleCookie
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from trainer_api import i18n
from trainer_api.edge.auth import CurrentUser

PAGES_DIR = Path(__file__).parent.parent / "web" / "pages"


def headers_locale(cookie_header: str | None, accept_language: str | None) -> str:
    """The locale a request's headers ask for: the language cookie, then the
    browser's languages (no account lookup: the cookie carries the account's
    choice, set at login and when it is chosen)."""
    cookies = SimpleCookie()
    try:
        cookies.load(cookie_header or "")
    except CookieError:
        pass
    chosen = cookies.get(i18n.LANGUAGE_COOKIE)
    return i18n.negotiate(None, chosen.value if chosen else None, accept_language)


class LocaleMiddleware:
    """Sets the locale of each HTTP request (:func:`trainer_api.i18n.current`),
    so refusals and messages built below the edge read in it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        locale = headers_locale(headers.get("cookie"), headers.get("accept-language"))
        with i18n.using(locale):
            await self.app(scope, receive, send)


def request_locale(request: Request, user: CurrentUser | None = None) -> str:
    """The locale to answer ``request`` in: the user's setting, the language
    cookie, the browser's languages, then English."""
    return i18n.negotiate(
        user.locale if user is not None else None,
        request.cookies.get(i18n.LANGUAGE_COOKIE),
        request.headers.get("accept-language"),
    )


@cache
def _environment(locale: str) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(PAGES_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.policies["ext.i18n.trimmed"] = True
    environment.install_gettext_translations(  # type: ignore[attr-defined]
        i18n.translations(locale), newstyle=True
    )
    return environment


def render_page(name: str, locale: str) -> str:
    """The page template ``name`` in ``locale``."""
    template = _environment(locale).get_template(name)
    return template.render(
        locale=locale,
        language=i18n.language_of(locale),
        locales=i18n.LOCALES,
        catalogue=i18n.browser_catalogue(locale),
        script=name.removesuffix(".html"),
    )


def page_response(
    name: str,
    request: Request,
    user: CurrentUser | None,
    *,
    language: str | None = None,
) -> HTMLResponse:
    """The page in the reader's locale; ``language`` (``en``, ``fr``) fixes
    the language (a hiring round's), the reader's locale then only choosing
    between fr-CA and fr-FR formats."""
    locale = request_locale(request, user)
    if language and i18n.language_of(locale) != language:
        locale = i18n.normalise(language) or i18n.DEFAULT_LOCALE
    response = HTMLResponse(render_page(name, locale))
    response.headers["Content-Language"] = locale
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response
