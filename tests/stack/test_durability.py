"""Conversations survive a restart of the Rasa server (SQL tracker store)."""

from __future__ import annotations

import asyncio

import pytest

from tests.stack.learner_client import LearnerClient, login_cookie
from tools.stack import Stack

pytestmark = pytest.mark.stack

FIRST = "I'm so sorry about the delay, that sounds exhausting."
SECOND = "Could you tell me what time you need to be in Vienna?"


async def connected(stack: Stack) -> LearnerClient:
    learner = LearnerClient(stack.config.web_url)
    cookie = await login_cookie(stack.config.web_url, "learner", "learner-demo")
    await learner.connect(cookie)
    return learner


def test_a_rasa_restart_mid_conversation_resumes_where_it_was(stack: Stack) -> None:
    async def before() -> tuple[str, dict]:
        learner = await connected(stack)
        started = await learner.call("start_session", {"scenario_id": "flight_delay"})
        session_id = started["session"]["id"]
        _, customer, _ = await learner.reply(session_id, "d1", FIRST)
        await learner.close()
        return session_id, customer["turn"]["mood"]

    session_id, mood = asyncio.run(before())
    stack.restart("rasa")

    async def after() -> dict:
        learner = await connected(stack)
        resumed = await learner.call("resume_session", {"session_id": session_id})
        assert resumed["ok"] and len(resumed["turns"]) == 3
        _, customer, pushed = await learner.reply(session_id, "d2", SECOND)
        await learner.close()
        return {"customer": customer["turn"], "session": pushed["session"]}

    result = asyncio.run(after())
    # The customer remembers: the mood moves on from where it was, not from the start.
    reasons = result["customer"]["mood"]["reasons"]
    expected = mood["anger"] + sum(
        int(reason.split(":")[0].split()[1])
        for reason in reasons
        if reason.startswith("anger ")
    )
    assert result["customer"]["mood"]["anger"] == max(0, min(100, expected))
    assert result["session"]["status"] == "active"
