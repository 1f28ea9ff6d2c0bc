"""The edge refuses what an attacker or a careless client sends, and says why.

Each test here failed on the code before the hardening work: foreign origins,
oversized or malformed bodies, lone surrogates, huge ids, events with no data,
sockets that outlived their login, leaked per-session locks, missing headers.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
import socketio
from starlette.testclient import TestClient

from tests.web.conftest import LiveServer, login
from trainer_api.edge.app import create_app
from trainer_api.edge.auth import COOKIE_NAME
from trainer_api.settings import Settings, SettingsError, load_settings
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import ScenarioDraft, TrainerMark

EVIL = "https://evil.example"


def count(settings: Settings, model: Any) -> int:
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as db:
            return db.query(model).count()
    finally:
        engine.dispose()


# --- cross-site requests ------------------------------------------------------


def test_a_state_change_from_another_site_is_refused_and_changes_nothing(
    client: TestClient, settings: Settings
) -> None:
    login(client, "trainer", "trainer-demo")
    for headers in (
        {"Origin": EVIL},
        {"Referer": f"{EVIL}/page.html"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},
    ):
        response = client.put(
            "/api/trainer/scenarios/evil_draft/draft",
            json={"content": "id: evil_draft"},
            headers=headers,
        )
        assert response.status_code == 403, headers
        assert response.json()["error"]["code"] == "cross_origin"
    assert count(settings, ScenarioDraft) == 0


def test_a_form_post_from_another_site_cannot_publish(client: TestClient) -> None:
    login(client, "trainer", "trainer-demo")
    response = client.post(
        "/api/trainer/scenarios/flight_delay/publish",
        content=b"x=1",
        headers={
            "Origin": EVIL,
            "Content-Type": "application/x-www-form-urlencoded",
            "Sec-Fetch-Site": "cross-site",
        },
    )
    assert response.status_code == 403


def test_the_pages_own_origin_and_configured_origins_are_accepted(
    client: TestClient, settings: Settings
) -> None:
    response = client.post(
        "/api/login",
        json={"username": "trainer", "password": "trainer-demo"},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 200
    configured = replace(settings, allowed_origins=("https://training.example.com",))
    with TestClient(create_app(configured)) as other:
        ok = other.post(
            "/api/login",
            json={"username": "trainer", "password": "trainer-demo"},
            headers={"Origin": "https://training.example.com"},
        )
        assert ok.status_code == 200
        # With origins configured, the Host header no longer vouches for itself.
        refused = other.post("/api/logout", headers={"Origin": "http://testserver"})
        assert refused.status_code == 403


def test_allowed_origins_setting_is_checked() -> None:
    settings = load_settings(
        {"EMPATHY_ALLOWED_ORIGINS": "https://a.example, http://b:8000/"}
    )
    assert settings.allowed_origins == ("https://a.example", "http://b:8000")
    with pytest.raises(SettingsError, match="EMPATHY_ALLOWED_ORIGINS"):
        load_settings({"EMPATHY_ALLOWED_ORIGINS": "a.example/path"})


def test_a_socket_from_another_origin_is_refused(live_server: LiveServer) -> None:
    token = live_server.login("learner")

    async def websocket(origin: str) -> bool:
        client = socketio.AsyncClient(reconnection=False)
        try:
            await client.connect(
                live_server.url,
                headers={"Cookie": f"{COOKIE_NAME}={token}", "Origin": origin},
                transports=["websocket"],
                wait_timeout=5,
            )
        except socketio.exceptions.ConnectionError:
            return False
        await client.disconnect()
        return True

    def polling_handshake(origin: str) -> int:
        response = httpx.get(
            f"{live_server.url}/socket.io/",
            params={"EIO": "4", "transport": "polling"},
            headers={"Origin": origin},
            cookies={COOKIE_NAME: token},
        )
        return response.status_code

    assert asyncio.run(websocket(EVIL)) is False
    assert asyncio.run(websocket(live_server.url)) is True
    assert polling_handshake(EVIL) == 400
    assert polling_handshake(live_server.url) == 200


# --- size and shape of requests ---------------------------------------------------


def test_an_oversized_body_is_refused_before_it_is_read(client: TestClient) -> None:
    body = json.dumps({"username": "x" * (10 * 1024 * 1024), "password": "p"})
    response = client.post(
        "/api/login", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert "larger than" in response.json()["error"]["message"]


def test_an_oversized_body_without_a_length_is_cut_off(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"username": "'
        for _ in range(100):
            yield b"x" * 1024
        yield b'", "password": "p"}'

    response = client.post(
        "/api/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    "raw",
    [
        '{"username": "\\ud800", "password": "p"}',
        '{"username": "a\\u0000b", "password": "p"}',
        '{"username": "a", "password": "p", "x": ' + "[" * 5000 + "]" * 5000 + "}",
        '{"username": "a", "password": ' + "9" * 5000 + "}",
    ],
    ids=["lone-surrogate", "nul", "deep-nesting", "huge-number"],
)
def test_malformed_login_bodies_get_a_clear_422(client: TestClient, raw: str) -> None:
    response = client.post(
        "/api/login", content=raw, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"]["message"]


def test_bad_text_in_authoring_says_where_and_stores_nothing(
    client: TestClient, settings: Settings
) -> None:
    login(client, "trainer", "trainer-demo")
    raw = '{"content": "id: x\\ntitle: \\ud800"}'
    for method, path in (
        ("POST", "/api/trainer/validate"),
        ("PUT", "/api/trainer/scenarios/surrogate/draft"),
    ):
        response = client.request(
            method, path, content=raw, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 422, response.text
        assert "content" in response.json()["error"]["message"]
        assert "surrogate" in response.json()["error"]["message"]
    assert count(settings, ScenarioDraft) == 0


def test_a_turn_id_out_of_range_is_a_clear_422(
    client: TestClient, settings: Settings
) -> None:
    login(client, "trainer", "trainer-demo")
    mark = {"dimensions": {}, "penalties": []}
    for turn_id in ("99999999999999999999999", "0", "-1"):
        response = client.put(f"/api/trainer/turns/{turn_id}/mark", json=mark)
        assert response.status_code == 422, (turn_id, response.text)
        assert "turn_id" in response.json()["error"]["message"]
    assert count(settings, TrainerMark) == 0


# --- headers and production settings ------------------------------------------


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/login", "/api/config", "/api/me", "/static/app.css", "/nowhere"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in headers


def test_production_hides_the_api_docs_and_asks_for_https(settings: Settings) -> None:
    production = replace(settings, environment="production", cookie_secure=True)
    with TestClient(create_app(production)) as client:
        assert client.get("/api/docs").status_code == 404
        assert client.get("/openapi.json").status_code == 404
        headers = client.get("/login").headers
        assert headers["strict-transport-security"].startswith("max-age=")
    with TestClient(create_app(settings)) as client:
        assert client.get("/openapi.json").status_code == 200


# --- Socket.IO events ------------------------------------------------------------


async def _connected(live_server: LiveServer, token: str) -> socketio.AsyncClient:
    client = socketio.AsyncClient(reconnection=False)
    await client.connect(
        live_server.url,
        headers={"Cookie": f"{COOKIE_NAME}={token}"},
        transports=["websocket"],
        wait_timeout=5,
    )
    return client


def test_every_event_is_answered_even_without_data(live_server: LiveServer) -> None:
    token = live_server.login("learner")

    async def run() -> list[Any]:
        client = await _connected(live_server, token)
        answers = []
        for event in (
            "start_session",
            "resume_session",
            "learner_reply",
            "learner_idle",
        ):
            answers.append(await client.call(event, timeout=5))
            answers.append(await client.call(event, None, timeout=5))
            answers.append(await client.call(event, [1, 2], timeout=5))
        await client.disconnect()
        return answers

    for answer in asyncio.run(run()):
        assert answer["ok"] is False
        assert answer["error"]["code"] == "bad_request"


def test_lone_surrogates_and_nul_in_socket_events_are_refused(
    live_server: LiveServer,
) -> None:
    token = live_server.login("learner")

    async def run() -> list[Any]:
        client = await _connected(live_server, token)
        answers = [
            await client.call(
                "learner_reply",
                {"session_id": "s", "message_id": "m", "text": "sorry \ud800"},
                timeout=5,
            ),
            await client.call(
                "learner_reply",
                {"session_id": "s", "message_id": "m", "text": "sorry \x00"},
                timeout=5,
            ),
            await client.call("resume_session", {"session_id": "\udfff"}, timeout=5),
            await client.call("start_session", {"scenario_id": "\ud800"}, timeout=5),
        ]
        await client.disconnect()
        return answers

    answers = asyncio.run(run())
    assert [a["error"]["code"] for a in answers] == [
        "bad_text",
        "bad_text",
        "bad_request",
        "bad_request",
    ]


def test_refused_events_leave_no_lock_behind(live_server: LiveServer) -> None:
    token = live_server.login("learner")

    async def run() -> None:
        client = await _connected(live_server, token)
        for index in range(100):
            answer = await client.call(
                "learner_reply",
                {"session_id": f"made-up-{index}", "text": "hello"},
                timeout=5,
            )
            assert answer["error"]["code"] == "unknown_session"
        await client.disconnect()

    asyncio.run(run())
    assert len(live_server.app.other_asgi_app.state.practice._locks) == 0


def test_an_open_socket_stops_working_after_logout(live_server: LiveServer) -> None:
    token = live_server.login("learner")

    async def run() -> list[Any]:
        client = await _connected(live_server, token)
        before = await client.call("resume_session", {"session_id": "x"}, timeout=5)
        response = httpx.post(
            f"{live_server.url}/api/logout", cookies={COOKIE_NAME: token}
        )
        assert response.status_code == 204
        after = [
            await client.call("resume_session", {"session_id": "x"}, timeout=5),
            await client.call(
                "learner_reply", {"session_id": "x", "text": "hi"}, timeout=5
            ),
            await client.call(
                "start_session", {"scenario_id": "flight_delay"}, timeout=5
            ),
        ]
        await client.disconnect()
        return [before, *after]

    before, *after = asyncio.run(run())
    assert before["error"]["code"] == "unknown_session"  # still logged in then
    assert [a["error"]["code"] for a in after] == ["not_authenticated"] * 3


def test_nul_in_query_parameters_is_a_clear_422(
    client: TestClient,
) -> None:
    login(client, "trainer", "trainer-demo")
    response = client.get("/api/sessions", params={"learner": "a\x00b"})
    assert response.status_code == 422, response.text
    assert "learner" in response.json()["error"]["message"]
    # Bytes that are no UTF-8 (an encoded surrogate) decode to U+FFFD: no error.
    response = client.get("/api/sessions?learner=%ED%A0%80")
    assert response.status_code == 404
