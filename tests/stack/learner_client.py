"""A learner's Socket.IO client for the stack tests: login, calls, pushed events."""

from __future__ import annotations

import asyncio
from typing import Any

import socketio

from tools.learner_socket import login_cookie
from trainer_api.edge.auth import COOKIE_NAME

__all__ = ["LearnerClient", "login_cookie"]


class LearnerClient:
    """Connects like the browser does (login cookie) and records pushed events."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.sio = socketio.AsyncClient(reconnection=False)
        self.events: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()
        for name in ("turn", "session"):
            self.sio.on(name, self._recorder(name))

    def _recorder(self, name: str) -> Any:
        async def record(data: dict[str, Any]) -> None:
            await self.events.put((name, data))

        return record

    async def connect(self, cookie: str | None) -> None:
        headers = {"Cookie": f"{COOKIE_NAME}={cookie}"} if cookie else {}
        await self.sio.connect(
            self.base_url, headers=headers, transports=["websocket"], wait_timeout=10
        )

    async def call(self, event: str, data: Any) -> dict[str, Any]:
        return await self.sio.call(event, data, timeout=60)

    async def next_event(self, timeout: float = 30.0) -> tuple[str, dict[str, Any]]:
        return await asyncio.wait_for(self.events.get(), timeout)

    async def reply(self, session_id: str, message_id: str, text: str) -> list[Any]:
        """Send a reply; return the learner turn, customer turn and session pushed."""
        ack = await self.call(
            "learner_reply",
            {"session_id": session_id, "message_id": message_id, "text": text},
        )
        assert ack == {"ok": True}, ack
        pushed = [await self.next_event() for _ in range(3)]
        assert [name for name, _ in pushed] == ["turn", "turn", "session"], pushed
        return [data for _, data in pushed]

    async def close(self) -> None:
        await self.sio.disconnect()
