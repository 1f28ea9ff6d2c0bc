"""A learner's connection to trainer_api, as the browser makes it.

Log in over HTTP (``login_cookie``), connect over Socket.IO with the login
cookie, call the events (``start_session``, ``learner_reply``) and read what
trainer_api pushes back (``turn``, ``session``). Shared by the tools that play
learners through a running product: ``make eval-customer`` and ``make load``.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import socketio

from trainer_api.edge.auth import COOKIE_NAME

CALL_TIMEOUT = 60.0
PUSH_TIMEOUT = 60.0


async def login_cookie(
    base_url: str,
    username: str,
    password: str,
    *,
    client: httpx.AsyncClient | None = None,
) -> str:
    """Log in over HTTP; the session cookie the socket connects with."""
    if client is None:
        async with httpx.AsyncClient(base_url=base_url, timeout=60) as own:
            return await login_cookie(base_url, username, password, client=own)
    response = await client.post(
        f"{base_url}/api/login", json={"username": username, "password": password}
    )
    response.raise_for_status()
    return response.cookies[COOKIE_NAME]


class LearnerSocket:
    """One learner's Socket.IO connection and the events pushed to it."""

    def __init__(
        self,
        base_url: str,
        cookie: str,
        *,
        call_timeout: float = CALL_TIMEOUT,
        push_timeout: float = PUSH_TIMEOUT,
    ) -> None:
        self.base_url = base_url
        self.cookie = cookie
        self.call_timeout = call_timeout
        self.push_timeout = push_timeout
        self.sio = socketio.AsyncClient(reconnection=False)
        self.pushed: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        for name in ("turn", "session"):
            self.sio.on(name, self._recorder(name))

    def _recorder(self, name: str) -> Any:
        async def record(data: dict[str, Any]) -> None:
            await self.pushed.put((name, data))

        return record

    async def connect(self) -> None:
        """Connect with the login cookie (none: as an anonymous browser)."""
        headers = {"Cookie": f"{COOKIE_NAME}={self.cookie}"} if self.cookie else {}
        await self.sio.connect(
            self.base_url, headers=headers, transports=["websocket"], wait_timeout=10
        )

    async def call(self, event: str, data: dict[str, Any]) -> dict[str, Any]:
        """Emit ``event`` and wait for its acknowledgement (none: an error)."""
        try:
            answer = await self.sio.call(event, data, timeout=self.call_timeout)
        except socketio.exceptions.TimeoutError:
            return {"ok": False, "error": {"code": "no_acknowledgement"}}
        return answer if isinstance(answer, dict) else {"ok": False}

    async def answer(
        self, session_id: str | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The turns (by speaker) and the session pushed after a reply; with
        ``session_id``, pushes about other sessions (a late answer in a
        conversation given up on) are passed over.

        Raises:
            asyncio.TimeoutError: nothing more came within ``push_timeout``.
        """
        turns: dict[str, Any] = {}
        while True:
            name, data = await asyncio.wait_for(self.pushed.get(), self.push_timeout)
            if name == "session":
                if session_id is None or data["session"].get("id") == session_id:
                    return turns, data["session"]
                continue
            if session_id is not None and data.get("session_id") != session_id:
                continue
            turn = data.get("turn") or {}
            turns[str(turn.get("speaker"))] = turn

    async def close(self) -> None:
        await self.sio.disconnect()


def error_code(answer: dict[str, Any]) -> str:
    """The code of a refused call's error ("no answer" if it gave none)."""
    error = answer.get("error")
    return str(error.get("code")) if isinstance(error, dict) else "no answer"
