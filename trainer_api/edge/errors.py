"""Errors at the HTTP edge: one JSON shape, {"error": {"code", "message"}}.

The use cases raise :class:`~trainer_api.usecases.refusal.Refused`; only here does its
kind become an HTTP status.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from trainer_api.usecases.refusal import Kind, Refused

HTTP_STATUS = {
    Kind.INVALID: 422,
    Kind.UNAUTHENTICATED: 401,
    Kind.FORBIDDEN: 403,
    Kind.NOT_FOUND: 404,
    Kind.GONE: 410,
    Kind.CONFLICT: 409,
    Kind.TOO_LARGE: 413,
    Kind.THROTTLED: 429,
    Kind.UNAVAILABLE: 503,
}


def error_response(
    status: int, code: str, message: str, errors: list[dict[str, Any]] | None = None
) -> JSONResponse:
    error: dict[str, Any] = {"code": code, "message": message}
    if errors:
        error["errors"] = errors
    return JSONResponse(status_code=status, content={"error": error})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Refused)
    async def refused(_request: Request, exc: Refused) -> JSONResponse:
        answer = exc.to_dict()
        response = error_response(
            HTTP_STATUS[exc.kind], exc.code, answer["message"], exc.errors
        )
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(
        _request: Request, exc: RequestValidationError
    ) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'] if part != 'body')}: "
            f"{error['msg']}"
            for error in exc.errors()
        )
        return error_response(422, "bad_request", f"Invalid request: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = "not_found" if exc.status_code == 404 else "http_error"
        if exc.status_code == 404 and _wants_a_page(request):
            return HTMLResponse(NOT_FOUND_PAGE, status_code=404)
        return error_response(exc.status_code, code, str(exc.detail))


NOT_FOUND_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page not found · Empathy Trainer</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/app.css"></head>
<body><main class="page"><h1>Page not found</h1>
<p>There is no page at this address. <a href="/">Go to your home page</a>.</p>
</main></body></html>
"""


def _wants_a_page(request: Request) -> bool:
    """A browser asking for a page (not the API) gets an HTML answer."""
    path = request.url.path
    accept = request.headers.get("accept", "")
    return not path.startswith(("/api/", "/static/", "/socket.io")) and (
        "text/html" in accept
    )
