"""A learner's Socket.IO client for the stack tests: login, calls, pushed events."""

from __future__ import annotations

import asyncio
from typing import Any

from tools.learner_socket import LearnerSocket, login_cookie

__all__ = ["LearnerClient", "login_cookie"]


class LearnerClient(LearnerSocket):
    """Connects like the browser does (login cookie, given at ``connect``) and
    records pushed events; calls answer as the server does (a timeout raises)."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url, "")

    @property
    def events(self) -> asyncio.Queue[tuple[str, dict[str, Any]]]:
        return self.pushed

    async def connect(self, cookie: str | None = None) -> None:
        self.cookie = cookie or ""
        await super().connect()

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
