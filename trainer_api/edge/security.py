"""Protections at the HTTP edge: origins, request size, clean JSON, headers.

Each is a small piece of ASGI or routing machinery that the app installs once
(``install_security``); the routes stay free of these concerns.

- **Origin** (cross-site request forgery): a state-changing request that a
  browser sends from another site carries an ``Origin`` header (and, in current
  browsers, ``Sec-Fetch-Site: cross-site``); such a request is refused before
  any route runs. The same origin policy decides which pages may open a
  Socket.IO connection.
- **Size**: a request body over the route's limit is refused with 413 as soon
  as its ``Content-Length`` (or the bytes received so far) pass the limit,
  before anything is parsed.
- **Clean text**: parameters and JSON bodies with nesting, huge numbers, lone
  surrogates and NUL characters refused with 422 and the field that holds them.
- **Headers**: a strict Content-Security-Policy (the pages have no inline
  scripts or styles), no framing, no MIME sniffing, a same-origin referrer and,
  in production, HSTS.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from trainer_api.edge.errors import error_response
from trainer_api.i18n import localise
from trainer_api.settings import Settings
from trainer_api.usecases.clean_text import text_problem

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_JSON_DEPTH = 32
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


# --- origins -----------------------------------------------------------------


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of ``url``, or None if it has none."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def allowed_origins(
    configured: Iterable[str], *, scheme: str, host: str | None
) -> set[str]:
    """The configured origins, or else the server's own (scheme and Host)."""
    origins = {o.rstrip("/").lower() for o in configured}
    if not origins and host:
        origins.add(f"{scheme}://{host}".lower())
    return origins


def origin_is_allowed(
    origin: str | None, configured: Iterable[str], *, scheme: str, host: str | None
) -> bool:
    if origin is None:
        return False
    return origin.rstrip("/").lower() in allowed_origins(
        configured, scheme=scheme, host=host
    )


def socket_origin_check(settings: Settings) -> Callable[[str | None, dict], bool]:
    """A ``cors_allowed_origins`` callable for python-socketio.

    Browsers always send ``Origin`` on a WebSocket handshake and on cross-site
    polling requests; a connection without one comes from a program, which
    cannot carry a victim's cookie, so only a present, foreign Origin is refused.
    """

    def check(origin: str | None, environ: dict) -> bool:
        if origin is None:
            return True
        return origin_is_allowed(
            origin,
            settings.allowed_origins,
            scheme=environ.get("wsgi.url_scheme", "http"),
            host=environ.get("HTTP_HOST"),
        )

    return check


class OriginGuard:
    """Refuse state-changing requests that a browser sent from another site."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in UNSAFE_METHODS:
            problem = self._problem(_headers(scope), scope.get("scheme", "http"))
            if problem is not None:
                response = error_response(403, "cross_origin", problem)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _problem(self, headers: Mapping[str, str], scheme: str) -> str | None:
        """Why the request is refused, in the current locale; None if it is not."""
        host = headers.get("host")
        configured = self.settings.allowed_origins
        claimed = headers.get("origin")
        if claimed is None and "referer" in headers:
            claimed = origin_of(headers["referer"]) or "null"
        if claimed is not None:
            if origin_is_allowed(claimed, configured, scheme=scheme, host=host):
                return None
            return localise(
                "This request came from another site ({origin}); "
                "it was refused. Use the Empathy Trainer pages.",
                {"origin": claimed[:100]},
            )
        if headers.get("sec-fetch-site") in ("cross-site", "same-site"):
            return localise("This request came from another site; it was refused.")
        return None


# --- size --------------------------------------------------------------------


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over the limit for their path (413)."""

    def __init__(
        self, app: ASGIApp, *, default: int, by_prefix: Mapping[str, int]
    ) -> None:
        self.app = app
        self.default = default
        self.by_prefix = dict(by_prefix)

    def limit_for(self, path: str) -> int:
        for prefix, limit in self.by_prefix.items():
            if path.startswith(prefix):
                return limit
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = _headers(scope).get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await _too_large(limit)(scope, receive, send)
            return
        await self._counted(scope, receive, send, limit)

    async def _counted(
        self, scope: Scope, receive: Receive, send: Send, limit: int
    ) -> None:
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(limit)(scope, receive, send)


def _too_large(limit: int) -> Response:
    return error_response(
        413,
        "too_large",
        localise(
            "The request is larger than {limit} bytes; send less at a time.",
            {"limit": f"{limit:,}"},
        ),
    )


# --- clean JSON --------------------------------------------------------------


def json_problem(body: bytes) -> str | None:
    """Why a JSON body could not be stored or handled safely (in the current
    locale), or None.

    The message names the field (``username``, ``a.b[2]``). A body that is
    not JSON at all is left to FastAPI's own validation, which explains it.
    """
    if not body:
        return None
    try:
        data = json.loads(body)
    except RecursionError:
        return localise("The JSON body is nested too deeply.")
    except json.JSONDecodeError:
        return None
    except ValueError as exc:  # a number beyond Python's digit limit
        return localise(
            "The JSON body has a number that is too long: {error}", {"error": str(exc)}
        )
    return first_bad_value(data)


def first_bad_value(data: Any, path: str = "", depth: int = 0) -> str | None:
    """A message about the first value that is not clean text (in the current
    locale), or None."""
    if depth > MAX_JSON_DEPTH:
        return localise(
            "The JSON body is nested deeper than {depth} levels.",
            {"depth": MAX_JSON_DEPTH},
        )
    if isinstance(data, str):
        return text_problem(data, path or "body")
    if isinstance(data, dict):
        for key, value in data.items():
            child = f"{path}.{key}" if path else str(key)
            problem = text_problem(key, child) or first_bad_value(
                value, child, depth + 1
            )
            if problem:
                return problem
    elif isinstance(data, list):
        for index, value in enumerate(data):
            problem = first_bad_value(value, f"{path}[{index}]", depth + 1)
            if problem:
                return problem
    return None


class CheckedRoute(APIRoute):
    """An API route whose parameters and JSON body are checked first (clean text)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def checked(request: Request) -> Response:
            problem = _parameter_problem(request)
            if problem is None and request.method in UNSAFE_METHODS:
                problem = json_problem(await request.body())
            if problem is not None:
                return error_response(422, "bad_request", problem)
            return await handle(request)

        return checked


def _parameter_problem(request: Request) -> str | None:
    """Why a path or query parameter cannot be used as text, or None."""
    values = [*request.path_params.items(), *request.query_params.multi_items()]
    for name, value in values:
        problem = isinstance(value, str) and text_problem(value, name)
        if problem:
            return problem
    return None


# --- headers -----------------------------------------------------------------


class SecurityHeaders:
    """Add the browser security headers to every HTTP response."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"same-origin"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]
        if settings.is_production:
            self.headers.append(
                (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, with_headers)


def _headers(scope: Scope) -> dict[str, str]:
    return {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in scope.get("headers", [])
    }
