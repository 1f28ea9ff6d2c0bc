"""A learner talks to the real Rasa customer through trainer_api over Socket.IO."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import socketio
from sqlalchemy import func, select

from tests.stack.learner_client import LearnerClient, login_cookie
from tools.stack import Stack
from trainer_api.edge.auth import COOKIE_NAME
from trainer_api.settings import PROJECT_ROOT
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import Turn, TurnScore

pytestmark = pytest.mark.stack

EMPATHIC = (
    "I'm so sorry, Fiona. Missing your daughter's recital after a four-hour delay "
    "would be awful. I've rebooked you on the 18:40 to Vienna tonight."
)
DISMISSIVE = "Calm down, it's only a small delay. Policy is policy."


def count_rows(stack: Stack, session_id: str) -> tuple[int, int]:
    engine = make_engine(stack.config.database_url)
    try:
        with make_session_factory(engine)() as db:
            turns = db.scalar(
                select(func.count(Turn.id)).where(Turn.session_id == session_id)
            )
            scores = db.scalar(
                select(func.count(TurnScore.id))
                .join(Turn, Turn.id == TurnScore.turn_id)
                .where(Turn.session_id == session_id)
            )
            return int(turns or 0), int(scores or 0)
    finally:
        engine.dispose()


def test_empathy_calms_the_customer_and_dismissal_angers_them(stack: Stack) -> None:
    async def play() -> None:
        learner = LearnerClient(stack.config.web_url)
        await learner.connect(
            await login_cookie(stack.config.web_url, "learner", "learner-demo")
        )
        started = await learner.call("start_session", {"scenario_id": "flight_delay"})
        assert started["ok"], started
        session_id = started["session"]["id"]
        opening = started["turns"][0]
        assert opening["speaker"] == "customer" and opening["text"]
        start_anger = started["session"]["mood"]["anger"]

        mine, customer, session = await learner.reply(session_id, "m1", EMPATHIC)
        assert mine["turn"]["speaker"] == "learner"
        empathic_score = mine["turn"]["score"]["score"]
        assert mine["turn"]["score"]["dimensions"]["resolution"] == 2
        assert customer["turn"]["speaker"] == "customer" and customer["turn"]["text"]
        calmer = customer["turn"]["mood"]["anger"]
        assert calmer < start_anger
        assert session["session"]["mood"]["anger"] == calmer

        mine, customer, _ = await learner.reply(session_id, "m2", DISMISSIVE)
        assert "dismissal" in mine["turn"]["score"]["penalties"]
        assert mine["turn"]["score"]["score"] < empathic_score
        assert customer["turn"]["mood"]["anger"] > calmer
        assert any(r.startswith("anger +") for r in customer["turn"]["mood"]["reasons"])

        assert count_rows(stack, session_id) == (5, 2)
        resent = await learner.call(
            "learner_reply",
            {"session_id": session_id, "message_id": "m2", "text": DISMISSIVE},
        )
        assert resent == {"ok": True}
        assert count_rows(stack, session_id) == (5, 2)

        resumed = await learner.call("resume_session", {"session_id": session_id})
        assert [t["index"] for t in resumed["turns"]] == [0, 1, 2, 3, 4]
        assert resumed["session"]["average_score"] is not None
        await learner.close()

    asyncio.run(play())


def test_bad_input_gets_a_clear_error_and_stores_nothing(stack: Stack) -> None:
    async def probe() -> None:
        learner = LearnerClient(stack.config.web_url)
        await learner.connect(
            await login_cookie(stack.config.web_url, "learner", "learner-demo")
        )
        unknown = await learner.call("start_session", {"scenario_id": "../secrets"})
        assert unknown["error"]["code"] == "unknown_scenario"
        started = await learner.call("start_session", {"scenario_id": "flight_delay"})
        session_id = started["session"]["id"]
        cases = {
            "empty_reply": {"session_id": session_id, "message_id": "a", "text": "   "},
            "reply_too_long": {
                "session_id": session_id,
                "message_id": "b",
                "text": "x" * 5000,
            },
            "unknown_session": {
                "session_id": "no-such-session",
                "message_id": "c",
                "text": "Hello",
            },
            "bad_request": {"message_id": "d", "text": "Hello"},
        }
        for code, payload in cases.items():
            ack = await learner.call("learner_reply", payload)
            assert ack["ok"] is False and ack["error"]["code"] == code, (code, ack)
            assert ack["error"]["message"]
        too_long = await learner.call("learner_reply", cases["reply_too_long"])
        assert "5,000 characters" in too_long["error"]["message"]
        assert count_rows(stack, session_id) == (1, 0)
        assert learner.events.empty()
        await learner.close()

    asyncio.run(probe())


def test_a_socket_without_a_login_is_refused(stack: Stack) -> None:
    async def connect() -> None:
        learner = LearnerClient(stack.config.web_url)
        with pytest.raises(socketio.exceptions.ConnectionError):
            await learner.connect("forged-token")

    asyncio.run(connect())


def test_a_quiet_learner_is_nudged_at_most_twice(stack: Stack) -> None:
    async def wait_quietly() -> None:
        learner = LearnerClient(stack.config.web_url)
        await learner.connect(
            await login_cookie(stack.config.web_url, "learner", "learner-demo")
        )
        started = await learner.call("start_session", {"scenario_id": "flight_delay"})
        session_id = started["session"]["id"]
        anger = started["session"]["mood"]["anger"]
        for _ in range(2):
            ack = await learner.call("learner_idle", {"session_id": session_id})
            assert ack == {"ok": True}, ack
            (name, pushed), _ = await learner.next_event(), await learner.next_event()
            assert name == "turn" and pushed["turn"]["speaker"] == "customer"
            assert pushed["turn"]["mood"]["anger"] > anger
            anger = pushed["turn"]["mood"]["anger"]
        third = await learner.call("learner_idle", {"session_id": session_id})
        assert third["error"]["code"] == "nudge_limit"
        assert count_rows(stack, session_id) == (3, 0)
        await learner.close()

    asyncio.run(wait_quietly())


def test_a_trainer_test_chats_a_draft_that_learners_cannot_start(stack: Stack) -> None:
    scenario = (PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text()
    draft = scenario.replace("id: flight_delay", "id: draft_probe", 1)

    async def probe() -> None:
        base = stack.config.web_url
        trainer_cookie = await login_cookie(base, "trainer", "trainer-demo")
        async with httpx.AsyncClient(base_url=base) as web:
            web.cookies.set(COOKIE_NAME, trainer_cookie)
            saved = await web.put(
                "/api/trainer/scenarios/draft_probe/draft", json={"content": draft}
            )
            assert saved.json()["validation"]["valid"], saved.text
        trainer = LearnerClient(base)
        await trainer.connect(trainer_cookie)
        started = await trainer.call(
            "start_session", {"scenario_id": "draft_probe", "draft": True}
        )
        assert started["ok"] and started["session"]["is_test"], started
        _, customer, _ = await trainer.reply(
            started["session"]["id"], "t1", "I'm so sorry, that sounds awful."
        )
        assert customer["turn"]["text"]
        await trainer.close()

        learner = LearnerClient(base)
        await learner.connect(await login_cookie(base, "learner", "learner-demo"))
        as_draft = await learner.call(
            "start_session", {"scenario_id": "draft_probe", "draft": True}
        )
        assert as_draft["error"]["code"] == "forbidden"
        published = await learner.call("start_session", {"scenario_id": "draft_probe"})
        assert published["error"]["code"] == "unknown_scenario"
        await learner.close()

    asyncio.run(probe())
