"""Scale-out on real engines: two of every process behind HAProxy, sharing
PostgreSQL and Redis. A conversation moves between trainer_api replicas and
between Rasa servers, survives a crashed Rasa server and a crashed trainer_api,
and nothing is lost or reordered, in trainer_api's store or in Rasa's."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.stack.learner_client import LearnerClient, login_cookie
from tools.bot_model import ensure_model
from tools.scaled_stack import ScaledStack, throwaway_scaled_stack
from tools.stack import throwaway_postgres
from trainer_api.edge.auth import COOKIE_NAME

pytestmark = pytest.mark.stack

POSTGRES = os.environ.get(
    "TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
REPLIES = [
    "Hello, I'm Sam. Thanks for holding, I'm looking at your booking now.",
    "Can you confirm your booking reference for me?",
    "The delay was caused by a technical fault on the aircraft.",
    "What time do you need to be in Vienna tomorrow?",
    "I'm so sorry, that sounds really stressful with the recital.",
    "Let me check the other flights this afternoon.",
    "I can see a few options here, bear with me a moment.",
]


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledStack]:
    model, _ = ensure_model()
    with (
        throwaway_postgres(POSTGRES) as database,
        throwaway_postgres(POSTGRES) as tracker,
    ):
        stack = throwaway_scaled_stack(
            model=model,
            database_url=database,
            tracker_url=tracker,
            redis_url=REDIS,
            work_dir=tmp_path_factory.mktemp("scaled"),
        )
        stack.start()
        try:
            yield stack
        finally:
            stack.stop()


async def _send(learner: LearnerClient, session_id: str, number: int) -> dict[str, Any]:
    """One reply, sent again under the same id if the customer did not answer
    (as the chat page does); the session pushed after the customer's turn."""
    payload = {
        "session_id": session_id,
        "message_id": f"m{number}",
        "text": REPLIES[number],
    }
    for _ in range(3):
        ack = await learner.call("learner_reply", payload)
        if ack.get("ok"):
            break
        assert ack["error"]["code"] in ("customer_unavailable", "busy"), ack
        await asyncio.sleep(2)
    else:
        pytest.fail(f"reply {number} was never answered")
    while True:
        name, data = await learner.next_event(60)
        if name == "session":
            return data["session"]


def _transcript(stack: ScaledStack, cookie: str, session_id: str) -> list[dict]:
    with httpx.Client(base_url=stack.config.web_url) as web:
        web.cookies.set(COOKIE_NAME, cookie)
        answer = web.get(f"/api/sessions/{session_id}")
        answer.raise_for_status()
        return list(answer.json()["turns"])


def _rasa_user_texts(stack: ScaledStack, session_id: str) -> list[str]:
    """What Rasa's shared tracker store recorded the learner saying, in order."""
    engine = create_engine(stack.config.tracker_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT data FROM events WHERE sender_id = :sender "
                    "AND type_name = 'user' ORDER BY id"
                ),
                {"sender": session_id},
            )
            texts = [json.loads(row[0]).get("text") or "" for row in rows]
    finally:
        engine.dispose()
    return [t for t in texts if not t.startswith("/")]


def test_a_conversation_moves_between_replicas_and_survives_crashes(
    scaled: ScaledStack,
) -> None:
    async def play() -> tuple[str, str, list[dict[str, Any]], int]:
        base = scaled.config.web_url
        cookie = await login_cookie(base, "learner", "learner-demo")
        trainer_cookie = await login_cookie(base, "trainer", "trainer-demo")

        learner = LearnerClient(scaled.replica_url(1))
        await learner.connect(cookie)
        started = await learner.call("start_session", {"scenario_id": "flight_delay"})
        assert started["ok"], started
        session_id = started["session"]["id"]

        # a trainer watching through the other replica sees the learner's turns
        # (Socket.IO rooms fanned out through Redis)
        trainer = LearnerClient(scaled.replica_url(2))
        await trainer.connect(trainer_cookie)
        assert (await trainer.call("watch_session", {"session_id": session_id}))["ok"]

        sent = 0
        for _ in range(2):
            await _send(learner, session_id, sent)
            sent += 1
        watched = []
        while len(watched) < 4:
            name, data = await trainer.next_event(30)
            if name == "turn":
                watched.append(data["turn"]["speaker"])
        assert watched == ["learner", "customer", "learner", "customer"]

        # the learner's socket moves to the other trainer_api replica
        await learner.close()
        learner = LearnerClient(scaled.replica_url(2))
        await learner.connect(cookie)
        resumed = await learner.call("resume_session", {"session_id": session_id})
        assert resumed["ok"] and len(resumed["turns"]) == 5, resumed
        await _send(learner, session_id, sent)
        sent += 1
        served = scaled.served()
        assert served["rasa/rasa1"] > 0 and served["rasa/rasa2"] > 0, served
        assert served["actions/actions1"] > 0 and served["actions/actions2"] > 0

        # a Rasa server crashes: the next turns go to the other one
        scaled.kill("rasa1")
        for _ in range(2):
            await _send(learner, session_id, sent)
            sent += 1

        # the learner's trainer_api crashes: through the balancer they land
        # on the surviving replica and go on
        await learner.close()
        scaled.kill("trainer_api2")
        learner = LearnerClient(base)
        for attempt in range(10):
            try:
                await learner.connect(cookie)
                break
            except Exception:
                learner = LearnerClient(base)
                await asyncio.sleep(1 + attempt)
        resumed = await learner.call("resume_session", {"session_id": session_id})
        assert resumed["ok"], resumed
        session = await _send(learner, session_id, sent)
        sent += 1
        await learner.close()
        await trainer.close()
        return session_id, cookie, session, sent

    session_id, cookie, session, sent = asyncio.run(play())
    turns = _transcript(scaled, cookie, session_id)
    assert [t["index"] for t in turns] == list(range(len(turns)))
    assert [t["speaker"] for t in turns] == ["customer"] + [
        "learner",
        "customer",
    ] * sent
    learner_texts = [t["text"] for t in turns if t["speaker"] == "learner"]
    assert learner_texts == REPLIES[:sent]
    assert _rasa_user_texts(scaled, session_id) == REPLIES[:sent]
    assert session["status"] in ("active", "resolved", "escalated", "abandoned")
