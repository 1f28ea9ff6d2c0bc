"""GET /api/health names the part of the product that is down."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from starlette.testclient import TestClient

from tools.stack import free_port
from trainer_api.edge.app import create_app
from trainer_api.settings import Settings

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


class _Up(BaseHTTPRequestHandler):
    """Answers 200 on the bot's and the action server's health paths."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        ok = self.path in ("/webhooks/learner/", "/health")
        self.send_response(200 if ok else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def fake_bot() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Up)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _health(settings: Settings) -> tuple[int, dict]:
    with TestClient(create_app(settings)) as client:
        answer = client.get("/api/health")
        return answer.status_code, answer.json()


def test_everything_up_is_200(settings: Settings, fake_bot: str) -> None:
    status, body = _health(
        replace(settings, rasa_url=fake_bot, action_url=f"{fake_bot}/webhook")
    )
    assert status == 200, body
    assert body["status"] == "ok" and body["down"] == []
    assert set(body["parts"]) == {
        "database",
        "customer_bot",
        "action_server",
        "scorer",
    }
    assert all(part["up"] for part in body["parts"].values())


def test_an_absent_bot_is_named(settings: Settings, fake_bot: str) -> None:
    nobody = f"http://127.0.0.1:{free_port()}"
    status, body = _health(
        replace(settings, rasa_url=nobody, action_url=f"{fake_bot}/webhook")
    )
    assert status == 503
    assert body["down"] == ["customer_bot"]
    assert body["parts"]["customer_bot"]["problem"] == "not reachable"
    assert body["parts"]["database"]["up"]
    assert nobody not in str(body), "no addresses on a public page"


def test_a_broken_action_server_and_redis_are_named(
    settings: Settings, fake_bot: str
) -> None:
    status, body = _health(
        replace(
            settings,
            rasa_url=fake_bot,
            action_url=f"{fake_bot}/elsewhere/webhook",  # answers 404
            redis_url=f"redis://127.0.0.1:{free_port()}/0",
        )
    )
    assert status == 503
    assert set(body["down"]) == {"action_server", "redis"}
    assert body["parts"]["action_server"]["problem"] == "answered HTTP 404"


def test_a_running_redis_is_up(settings: Settings, fake_bot: str) -> None:
    status, body = _health(replace(settings, rasa_url=fake_bot, redis_url=REDIS_URL))
    assert status == 200, body
    assert body["parts"]["redis"]["up"]
