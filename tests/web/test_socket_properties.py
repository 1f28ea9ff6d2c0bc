"""Property: every Socket.IO event is answered, whatever its payload.

Hypothesis sends each event arbitrary JSON (objects with the expected fields
holding odd values, lone surrogates, NUL, huge integers, deep nesting, wrong
types) over a real connection to a running trainer_api. Every call must get
an answer within the timeout, and the answer must be a refusal the browser
can show, never an internal error.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import socketio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import LiveServer, learner_session, writing
from trainer_api.edge.auth import COOKIE_NAME

EVENTS = ("start_session", "resume_session", "learner_reply", "learner_idle")
FIELDS = ("session_id", "scenario_id", "message_id", "text", "draft")
REFUSALS = {
    "bad_request",
    "bad_text",
    "empty_reply",
    "reply_too_long",
    "unknown_session",
    "unknown_scenario",
    "scenario_invalid",
    "forbidden",
    "no_draft",
    "bad_scenario_id",
    "customer_unavailable",
    "nudge_limit",
    "session_ended",
}

odd_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["\ud800", "a\udfffb", "\x00", "/start_scenario{}", " ", "x" * 5000, "é" * 9]
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    odd_text,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(max_size=8), inner, max_size=3),
    ),
    max_leaves=12,
)
SESSION = "property-session-0001"
field_values = {name: json_values for name in FIELDS}
field_values["session_id"] = st.one_of(st.just(SESSION), json_values)
field_values["scenario_id"] = st.one_of(st.just("flight_delay"), json_values)
payloads = st.one_of(
    json_values,
    st.fixed_dictionaries({}, optional=field_values),
    # Well-formed calls on a real session, so odd text reaches storage.
    st.fixed_dictionaries(
        {"session_id": st.just(SESSION), "text": odd_text},
        optional={"message_id": odd_text},
    ),
)


@pytest.fixture
def practice_session(live_server: LiveServer) -> str:
    """A session of ``learner``'s, so that payloads can reach its storage."""
    with writing(live_server) as db:
        learner_session(db, live_server, SESSION)
    return SESSION


@pytest.mark.fuzz
def test_every_event_gets_an_answer_a_browser_can_show(
    live_server: LiveServer, practice_session: str
) -> None:
    token = live_server.login("learner")
    loop = asyncio.new_event_loop()
    client = socketio.AsyncClient(reconnection=False)
    loop.run_until_complete(
        client.connect(
            live_server.url,
            headers={"Cookie": f"{COOKIE_NAME}={token}"},
            transports=["websocket"],
            wait_timeout=5,
        )
    )

    @settings(
        max_examples=120,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(event=st.sampled_from(EVENTS), payload=payloads)
    def check(event: str, payload: Any) -> None:
        answer = loop.run_until_complete(client.call(event, payload, timeout=10))
        assert isinstance(answer, dict), answer
        if not answer["ok"]:
            assert answer["error"]["code"] in REFUSALS, answer
            assert answer["error"]["message"]

    try:
        check()
    finally:
        loop.run_until_complete(client.disconnect())
        loop.close()
