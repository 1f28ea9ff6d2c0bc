"""The JSON API and pages through the real ASGI app (no Rasa needed here)."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from tests.web.conftest import login
from trainer_api.edge.auth import COOKIE_NAME
from trainer_api.scoring import DIMENSIONS, PENALTIES


def test_login_sets_an_http_only_cookie_and_me_answers(client: TestClient) -> None:
    response = client.post(
        "/api/login", json={"username": "learner", "password": "learner-demo"}
    )
    assert response.json() == {
        "user": {
            "username": "learner",
            "display_name": "Alex Learner",
            "role": "learner",
            "must_change_password": False,
            "locale": None,
        }
    }
    assert "httponly" in response.headers["set-cookie"].lower()
    assert client.get("/api/me").json()["user"]["role"] == "learner"


def test_wrong_password_is_refused_clearly(client: TestClient) -> None:
    response = client.post(
        "/api/login", json={"username": "learner", "password": "nope"}
    )
    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "bad_credentials",
        "message": "Wrong username or password. Try again.",
    }
    assert COOKIE_NAME not in client.cookies


def test_malformed_login_says_which_field(client: TestClient) -> None:
    response = client.post("/api/login", json={"username": "learner"})
    assert response.status_code == 422
    assert "password" in response.json()["error"]["message"]


def test_logout_revokes_the_token(client: TestClient) -> None:
    login(client, "learner", "learner-demo")
    token = client.cookies[COOKIE_NAME]
    assert client.post("/api/logout").status_code == 204
    client.cookies.set(COOKIE_NAME, token)
    assert client.get("/api/me").status_code == 401


def test_pages_need_a_login(client: TestClient) -> None:
    response = client.get("/chat", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert "<form" in client.get("/login").text
    login(client, "learner", "learner-demo")
    assert client.get("/chat").status_code == 200
    assert client.get("/", follow_redirects=False).headers["location"] == "/home"


def test_scenarios_are_listed_for_a_learner(client: TestClient) -> None:
    assert client.get("/api/scenarios").status_code == 401
    login(client, "learner", "learner-demo")
    scenarios = client.get("/api/scenarios").json()["scenarios"]
    flight = next(s for s in scenarios if s["id"] == "flight_delay")
    assert flight["title"] and flight["persona_name"] and flight["summary"]


def test_learners_see_only_their_own_sessions(client: TestClient) -> None:
    login(client, "learner", "learner-demo")
    assert client.get("/api/sessions").json() == {"sessions": []}
    assert client.get("/api/sessions?learner=trainer").status_code == 403
    assert client.get("/api/learners").status_code == 403
    missing = client.get("/api/sessions/does-not-exist")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "unknown_session"


def test_trainers_list_the_learners_of_their_cohorts(client: TestClient) -> None:
    login(client, "trainer", "trainer-demo")
    learners = client.get("/api/learners").json()["learners"]
    assert learners == [
        {"username": "learner", "display_name": "Alex Learner", "session_count": 0}
    ]
    assert client.get("/api/sessions?learner=learner").json() == {"sessions": []}
    assert client.get("/api/sessions?learner=ghost").status_code == 404


def test_hr_sees_no_practice_without_a_grant(client: TestClient) -> None:
    login(client, "hr", "hr-demo")
    assert client.get("/api/learners").json() == {"learners": []}
    refused = client.get("/api/sessions?learner=learner")
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "unknown_learner"


def test_config_tells_the_pages_the_server_limits(client: TestClient) -> None:
    config = client.get("/api/config").json()
    assert config["max_reply_chars"] == 1000
    assert config["nudge_after_seconds"] == 60
    assert config["ack_timeout_seconds"] > 30  # longer than the wait for Rasa
    assert re.fullmatch(config["scenario_id_pattern"], "late_parcel")
    assert not re.fullmatch(config["scenario_id_pattern"], "Late parcel")
    rubric = config["rubric"]
    assert [d["code"] for d in rubric["dimensions"]] == list(DIMENSIONS)
    assert sum(d["points"] for d in rubric["dimensions"]) == 100
    assert [p["code"] for p in rubric["penalties"]] == list(PENALTIES)
    assert [b["code"] for b in rubric["bands"]] == [
        "unscored",
        "poor",
        "developing",
        "good",
        "excellent",
    ]


def test_an_unknown_page_is_a_page_and_an_unknown_api_path_is_json(
    client: TestClient,
) -> None:
    page = client.get("/no-such-page", headers={"Accept": "text/html"})
    assert page.status_code == 404 and "Page not found" in page.text
    api = client.get("/api/no-such-thing", headers={"Accept": "text/html"})
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
