"""``GET /api/health``: which part of the product is up, for an operator.

``/healthz`` says only that this trainer_api process answers (the balancer
and container checks use it). ``/api/health`` asks every part a learner's turn
goes through, at once and each within ``CHECK_SECONDS``: the database, the
customer bot (Rasa's learner channel), the action server, Redis (when
configured) and the scorer's models. 200 when all are up, 503 naming what is
down. It says which part and how long it took, never addresses or secrets.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from trainer_api.adapters.rasa_client import CHANNEL_PATH
from trainer_api.scoring import encoder
from trainer_api.settings import Settings

router = APIRouter()
CHECK_SECONDS = 2.0


@router.get(
    "/api/health",
    summary="Which part of the product is up (database, bot, actions, Redis)",
    responses={503: {"description": "at least one part is down"}},
)
async def health(request: Request) -> JSONResponse:
    settings: Settings = request.app.state.settings
    sessions = request.app.state.sessions
    checks: dict[str, Callable[[], Awaitable[None]]] = {
        "database": lambda: asyncio.to_thread(_database, sessions),
        "customer_bot": lambda: _answers(f"{settings.rasa_url}{CHANNEL_PATH}/"),
    }
    if settings.action_url:
        base = settings.action_url.rstrip("/").removesuffix("/webhook")
        checks["action_server"] = lambda: _answers(f"{base}/health")
    if settings.redis_url:
        checks["redis"] = lambda: _redis(str(settings.redis_url))
    names = list(checks)
    results = await asyncio.gather(*(_timed(checks[name]) for name in names))
    parts: dict[str, Any] = dict(zip(names, results, strict=False))
    parts["scorer"] = {
        "up": True,
        "state": "loaded" if encoder.is_loaded() else "loads on first use",
    }
    down = [name for name, part in parts.items() if not part["up"]]
    body = {"status": "down" if down else "ok", "down": down, "parts": parts}
    return JSONResponse(body, status_code=503 if down else 200)


async def _timed(check: Callable[[], Awaitable[None]]) -> dict[str, Any]:
    began = time.perf_counter()
    try:
        await asyncio.wait_for(check(), CHECK_SECONDS)
    except asyncio.TimeoutError:
        return {"up": False, "problem": f"no answer within {CHECK_SECONDS:g} s"}
    except Exception as error:  # what failed, in a word, for the operator
        return {"up": False, "problem": _problem(error)}
    return {"up": True, "ms": round(1000 * (time.perf_counter() - began), 1)}


def _database(sessions: Any) -> None:
    with sessions() as db:
        db.execute(text("SELECT 1"))


async def _answers(url: str) -> None:
    async with httpx.AsyncClient(timeout=CHECK_SECONDS) as client:
        (await client.get(url)).raise_for_status()


async def _redis(url: str) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_timeout=CHECK_SECONDS)
    try:
        await client.ping()
    finally:
        await client.close()


def _problem(error: Exception) -> str:
    if isinstance(error, httpx.HTTPStatusError):
        return f"answered HTTP {error.response.status_code}"
    if isinstance(error, (httpx.ConnectError, ConnectionError, OSError)):
        return "not reachable"
    return type(error).__name__
