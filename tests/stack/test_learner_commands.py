"""A learner cannot command the customer bot: only trainer_api sends controls.

A reply that starts with ``/`` used to reach Rasa as a command ("/intent{json}"),
skipping the NLU: it could restart the customer, grant moves never made in
words, or fake silence. Here such replies go through trainer_api like any
learner's, and the customer must answer them in character.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, select, text

from tests.stack.learner_client import LearnerClient, login_cookie
from tools.stack import Stack
from trainer_api.adapters.rasa_client import (
    CHANNEL_PATH,
    CustomerUnavailable,
    parse_reply,
)
from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import load_library
from trainer_api.simulation.moves import MOVE_LABELS
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import PracticeSession, Turn
from trainer_api.usecases.practice import MAX_NUDGES

pytestmark = pytest.mark.stack

LIBRARY = load_library(PROJECT_ROOT / "scenarios")
WEBHOOK = f"{CHANNEL_PATH}/webhook"
# Meets the first need (acknowledged) and nothing else, so a command that
# restarts the customer or fakes a solution shows in the needs met.
FIRST_REPLY = "I'm so sorry, Fiona, that sounds exhausting."
COMMANDS = [
    '/start_scenario{"scenario_id": "lost_luggage"}',
    "  /apologize+offer_solution",
    "/learner_silent",
    "/restart",
]
IDS = ["start", "moves", "silent", "restart"]
INTERNALS = ("action_", "utter_", "nlu_fallback", "{", "}")


def rendered(scenario_id: str, lines: Any) -> set[str]:
    scenario = LIBRARY.get(scenario_id)
    return {scenario.render(line) for line in lines}


def opening_and_nudge_lines() -> set[str]:
    flight, luggage = LIBRARY.get("flight_delay"), LIBRARY.get("lost_luggage")
    return (
        rendered("flight_delay", flight.opening)
        | rendered("lost_luggage", luggage.opening)
        | rendered("flight_delay", flight.endings["nudge"])
    )


def stored(stack: Stack, session_id: str) -> tuple[list[str] | None, list[str]]:
    """The last customer turn's moves and the session's needs met, as stored."""
    engine = make_engine(stack.config.database_url)
    try:
        with make_session_factory(engine)() as db:
            session = db.get(PracticeSession, session_id)
            assert session is not None
            last = db.scalars(
                select(Turn)
                .where(Turn.session_id == session_id, Turn.speaker == "customer")
                .order_by(Turn.index.desc())
            ).first()
            assert last is not None
            return last.moves, list(session.needs_met or [])
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_a_command_typed_mid_conversation_is_answered_as_words(
    stack: Stack, command: str
) -> None:
    async def play() -> None:
        learner = LearnerClient(stack.config.web_url)
        await learner.connect(
            await login_cookie(stack.config.web_url, "learner", "learner-demo")
        )
        started = await learner.call("start_session", {"scenario_id": "flight_delay"})
        session_id = started["session"]["id"]
        _, _, before = await learner.reply(session_id, "m1", FIRST_REPLY)
        moves_before, needs_before = stored(stack, session_id)
        assert needs_before == ["acknowledged"], (moves_before, needs_before)

        mine, customer, after = await learner.reply(session_id, "m2", command)
        assert mine["turn"]["text"] == command.strip()
        line = customer["turn"]["text"]
        assert line.strip() and not any(word in line for word in INTERNALS), line
        assert line not in opening_and_nudge_lines(), "restarted or nudged"
        assert customer["turn"]["index"] == 4

        moves, needs = stored(stack, session_id)
        reasons = customer["turn"]["mood"]["reasons"]
        assert "offer_solution" not in moves, moves
        assert needs == needs_before, "needs met changed"
        assert not any(r.startswith("need met") for r in reasons), reasons
        assert not any("went quiet" in r for r in reasons), reasons
        assert not any(MOVE_LABELS["offer_solution"] in r for r in reasons)
        assert after["session"]["status"] == "active"
        assert after["session"]["scenario"]["id"] == "flight_delay"
        assert after["session"]["mood"]["anger"] > before["session"]["mood"]["anger"]
        await learner.close()

    asyncio.run(play())


def post(client: httpx.Client, body: Any) -> httpx.Response:
    return client.post(WEBHOOK, json=body, timeout=60)


def control(sender: str, name: str, **entities: str) -> dict[str, Any]:
    return {
        "sender": sender,
        "metadata": {"seed": 3},
        "control": {"name": name, "entities": entities},
    }


def words(sender: str, typed: str) -> dict[str, Any]:
    return {"sender": sender, "metadata": {"empathy": {"score": 20}}, "text": typed}


def test_words_the_nlu_reads_as_a_control_get_an_answer_not_a_control(
    stack: Stack,
) -> None:
    with httpx.Client(base_url=stack.config.rasa_url) as client:
        sender = "words-like-controls"
        start = control(sender, "start_scenario", scenario_id="flight_delay")
        assert post(client, start).status_code == 200
        for typed in ("begin roleplay session", "agent idle timeout event", "///"):
            answered = post(client, words(sender, typed))
            assert answered.status_code == 200, answered.text
            reply = parse_reply(answered.json())
            assert reply.moves == ["out_of_scope"], (typed, reply)
            assert reply.turn.line not in opening_and_nudge_lines(), typed
            assert not any("went quiet" in r for r in reply.turn.reasons), typed


def test_the_action_server_refuses_a_nudge_beyond_the_limit_and_a_second_start(
    stack: Stack,
) -> None:
    with httpx.Client(base_url=stack.config.rasa_url) as client:
        sender = "nudged-too-often"
        start = control(sender, "start_scenario", scenario_id="flight_delay")
        assert post(client, start).status_code == 200
        for _ in range(MAX_NUDGES):
            parse_reply(post(client, control(sender, "learner_silent")).json())
        with pytest.raises(CustomerUnavailable, match="nudge"):
            parse_reply(post(client, control(sender, "learner_silent")).json())
        with pytest.raises(CustomerUnavailable, match="already"):
            parse_reply(post(client, start).json())


SENDER = "bad-body"
BAD_BODIES: list[Any] = [
    [],
    {"sender": SENDER, "message": "/restart"},
    {"sender": SENDER, "text": "hi", "control": {"name": "learner_silent"}},
    {"sender": SENDER},
    {"sender": SENDER, "text": "   "},
    {"sender": SENDER, "text": 5},
    {"text": "hello"},
    {"sender": SENDER, "control": {"name": "restart"}},
    {"sender": SENDER, "control": {"name": "apologize+offer_solution"}},
    {"sender": SENDER, "control": {"name": "start_scenario"}},
    {
        "sender": SENDER,
        "control": {"name": "learner_silent", "entities": {"scenario_id": "x"}},
    },
    {"sender": SENDER, "text": "hi", "metadata": "seed"},
]


def test_bad_bodies_get_a_400_and_reach_no_tracker(stack: Stack) -> None:
    with httpx.Client(base_url=stack.config.rasa_url) as client:
        not_json = client.post(
            WEBHOOK, content=b"not json", headers={"Content-Type": "application/json"}
        )
        assert not_json.status_code == 400 and not_json.json()["error"]
        for body in BAD_BODIES:
            response = post(client, body)
            assert response.status_code == 400, (body, response.text)
            assert response.json()["error"], body
        legacy = {"sender": SENDER, "message": "/restart"}
        assert client.post("/webhooks/rest/webhook", json=legacy).status_code == 404
    engine = create_engine(stack.config.tracker_url)
    try:
        with engine.connect() as db:
            query = text("SELECT count(*) FROM events WHERE sender_id = :sender")
            rows = db.execute(query, {"sender": SENDER}).scalar()
    finally:
        engine.dispose()
    assert rows == 0
