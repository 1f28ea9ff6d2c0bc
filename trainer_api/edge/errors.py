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

from trainer_api.i18n import N_, localise
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


VALIDATION_MESSAGES: dict[str, str] = {
    "value_error.missing": N_("field required"),
    "type_error.none.not_allowed": N_("none is not an allowed value"),
    "type_error.integer": N_("value is not a valid integer"),
    "type_error.float": N_("value is not a valid float"),
    "type_error.bool": N_("value could not be parsed to a boolean"),
    "type_error.str": N_("str type expected"),
    "type_error.dict": N_("value is not a valid dict"),
    "type_error.list": N_("value is not a valid list"),
    "value_error.datetime": N_("invalid datetime format"),
    "value_error.date": N_("invalid date format"),
    "value_error.extra": N_("extra fields not permitted"),
    "value_error.any_str.max_length": N_(
        "ensure this value has at most {limit_value} characters"
    ),
    "value_error.any_str.min_length": N_(
        "ensure this value has at least {limit_value} characters"
    ),
    "value_error.list.max_items": N_(
        "ensure this value has at most {limit_value} items"
    ),
    "value_error.list.min_items": N_(
        "ensure this value has at least {limit_value} items"
    ),
    "value_error.number.not_ge": N_(
        "ensure this value is greater than or equal to {limit_value}"
    ),
    "value_error.number.not_gt": N_("ensure this value is greater than {limit_value}"),
    "value_error.number.not_le": N_(
        "ensure this value is less than or equal to {limit_value}"
    ),
    "value_error.number.not_lt": N_("ensure this value is less than {limit_value}"),
}
"""The request validation errors a person may meet, by pydantic's error type,
as message ids of the catalogues (each reads as pydantic's own English)."""


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
            f"{validation_message(error)}"
            for error in exc.errors()
        )
        return error_response(
            422,
            "bad_request",
            localise("Invalid request: {problems}", {"problems": problems}),
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = "not_found" if exc.status_code == 404 else "http_error"
        if exc.status_code == 404 and _wants_a_page(request):
            return HTMLResponse(NOT_FOUND_PAGE, status_code=404)
        return error_response(exc.status_code, code, str(exc.detail))


def validation_message(error: dict[str, Any]) -> str:
    """What a request validation error says, in the current locale when it is
    one of :data:`VALIDATION_MESSAGES` (else pydantic's English)."""
    said = str(error.get("msg", ""))
    template = VALIDATION_MESSAGES.get(str(error.get("type", "")))
    values = error.get("ctx") or {}
    try:
        if template is None or template.format(**values) != said:
            return said
    except (KeyError, IndexError, ValueError):
        return said
    return localise(template, values)


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
