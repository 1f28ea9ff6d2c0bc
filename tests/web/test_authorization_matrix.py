"""Who may do what: every HTTP route and Socket.IO event against every identity.

The matrix below is the product's access policy. The tests read the routes
and events from the running app, so a route or event added without a row
here fails the suite until someone decides who may use it.

Identities: ``anonymous``; ``owner``, the learner who owns the practice
session; ``other``, another learner; ``trainer``, who coaches the owner's
cohort; ``outsider``, a trainer of no cohort of the owner's; ``hr``, with no
grant to the owner's cohort; ``admin``; ``fresh``, a learner whose account an
admin created and who has not chosen a password yet; ``candidate``, a hiring
candidate signed in by their assessment link. Any new role must be added to
``IDENTITIES`` and to every row.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
import socketio
from fastapi.routing import APIRoute
from starlette.routing import Mount, Route

from tests.web.conftest import LiveServer, learner_session, writing
from trainer_api.edge.auth import COOKIE_NAME
from trainer_api.provisioning import DEMO_COHORT
from trainer_api.scoring import score_reply
from trainer_api.storage import people, repository
from trainer_api.storage.models import ROLES
from trainer_api.usecases import assessments

IDENTITIES = (
    "anonymous",
    "owner",
    "other",
    "trainer",
    "outsider",
    "hr",
    "admin",
    "fresh",
    "candidate",
)
SESSION = "matrix-session-0000"
SCENARIO = "flight_delay"
OTHER_PASSWORD = "other-learner-password"
NO_COHORT = 999_999
ROUND = {
    "title": "",
    "scenario_ids": [SCENARIO],
    "opens_at": "2026-01-01T00:00:00Z",
    "closes_at": "2099-01-01T00:00:00Z",
    "contact": "jobs@example.com",
}


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(IDENTITIES, status)


def signed_in(status: int, *, anonymous: int = 401) -> dict[str, int]:
    """Everyone signed in with a password of their own gets ``status``; a
    candidate's link opens nothing but their assessment."""
    return {**every(status), "anonymous": anonymous, "fresh": 403, "candidate": 403}


def only(**statuses: int) -> dict[str, int]:
    """403 for the signed-in identities not named; 401 for anonymous."""
    return {**signed_in(403), **statuses}


def trainers_only(status: int) -> dict[str, int]:
    return only(trainer=status, outsider=status)


PAGE = {**every(200), "anonymous": 303, "fresh": 303, "candidate": 303}

# (method, route path) -> (concrete request, expected status per identity).
# Rows run in this order; logout is last so every identity stays signed in.
HTTP: dict[tuple[str, str], tuple[dict[str, Any], dict[str, int]]] = {
    ("GET", "/"): ({"url": "/"}, every(303)),
    ("GET", "/login"): ({"url": "/login"}, every(200)),
    ("GET", "/chat"): ({"url": "/chat"}, PAGE),
    ("GET", "/results"): ({"url": "/results"}, PAGE),
    ("GET", "/password"): (
        {"url": "/password"},
        {**every(200), "anonymous": 303, "candidate": 303},
    ),
    ("GET", "/rounds"): ({"url": "/rounds"}, {**every(303), "hr": 200}),
    ("GET", "/assess/{token}"): ({"url": "/assess/not-a-real-link"}, every(200)),
    ("GET", "/author"): (
        {"url": "/author"},
        {**every(303), "trainer": 200, "outsider": 200},
    ),
    ("GET", "/admin"): ({"url": "/admin"}, {**every(303), "admin": 200}),
    ("GET", "/debrief"): ({"url": "/debrief"}, PAGE),
    ("GET", "/home"): ({"url": "/home"}, {**every(303), "owner": 200, "other": 200}),
    ("GET", "/class"): (
        {"url": "/class"},
        {**every(303), "trainer": 200, "outsider": 200, "hr": 200},
    ),
    ("GET", "/watch"): (
        {"url": "/watch"},
        {**every(303), "trainer": 200, "outsider": 200},
    ),
    ("GET", "/calibration"): (
        {"url": "/calibration"},
        {**every(303), "trainer": 200, "outsider": 200},
    ),
    ("GET", "/healthz"): ({"url": "/healthz"}, every(200)),
    # public, for monitoring; here the customer bot is absent, so 503
    ("GET", "/api/health"): ({"url": "/api/health"}, every(503)),
    ("GET", "/static"): ({"url": "/static/app.css"}, every(200)),
    ("GET", "/openapi.json"): ({"url": "/openapi.json"}, every(200)),
    ("GET", "/api/docs"): ({"url": "/api/docs"}, every(200)),
    ("POST", "/api/login"): (
        # one unknown username per identity, so the throttle never answers
        {"url": "/api/login", "json": {"username": "{identity}?", "password": "x"}},
        every(401),
    ),
    ("GET", "/api/me"): ({"url": "/api/me"}, {**every(200), "anonymous": 401}),
    ("GET", "/api/config"): ({"url": "/api/config"}, every(200)),
    ("PUT", "/api/locale"): (
        {"url": "/api/locale", "json": {"locale": "fr-CA"}},
        every(200),
    ),
    ("GET", "/api/scenarios"): ({"url": "/api/scenarios"}, signed_in(200)),
    ("GET", "/api/sessions"): (
        {"url": "/api/sessions", "params": {"learner": "learner"}},
        {**signed_in(404), "owner": 200, "trainer": 200, "other": 403},
    ),
    ("GET", "/api/sessions/{session_id}"): (
        {"url": f"/api/sessions/{SESSION}"},
        {**signed_in(404), "owner": 200, "trainer": 200},
    ),
    ("GET", "/api/learners"): (
        {"url": "/api/learners"},
        only(trainer=200, outsider=200, hr=200),
    ),
    ("GET", "/api/people"): ({"url": "/api/people"}, only(admin=200)),
    # a bad username: whoever may create accounts gets past the door
    ("POST", "/api/people"): (
        {"url": "/api/people", "json": {"username": "!", "display_name": "X"}},
        only(admin=422, trainer=422, outsider=422),
    ),
    ("POST", "/api/people/import"): (
        {"url": "/api/people/import", "json": {"csv": "name,username\nX,!\n"}},
        only(admin=422, trainer=422, outsider=422),
    ),
    ("POST", "/api/people/{username}/reset-password"): (
        {"url": "/api/people/nobody-here/reset-password"},
        only(admin=404),
    ),
    ("DELETE", "/api/people/{username}"): (
        {"url": "/api/people/nobody-here"},
        only(admin=404),
    ),
    ("PUT", "/api/people/{username}/active"): (
        {"url": "/api/people/nobody-here/active", "json": {"active": False}},
        only(admin=404),
    ),
    ("GET", "/api/cohorts"): (
        {"url": "/api/cohorts"},
        only(trainer=200, outsider=200, hr=200, admin=200),
    ),
    ("POST", "/api/cohorts"): (
        {"url": "/api/cohorts", "json": {"name": "Demo cohort"}},
        only(admin=409, trainer=409, outsider=409),
    ),
    ("POST", "/api/cohorts/{cohort_id}/members"): (
        {"url": f"/api/cohorts/{NO_COHORT}/members", "json": {"username": "other"}},
        only(admin=404, trainer=404, outsider=404),
    ),
    ("DELETE", "/api/cohorts/{cohort_id}/members/{username}"): (
        {"url": f"/api/cohorts/{NO_COHORT}/members/other"},
        only(admin=404, trainer=404, outsider=404),
    ),
    ("GET", "/api/home"): ({"url": "/api/home"}, only(owner=200, other=200)),
    ("GET", "/api/progress"): (
        {"url": "/api/progress", "params": {"learner": "learner"}},
        {**signed_in(404), "owner": 200, "trainer": 200},
    ),
    # a cohort nobody coaches: the trainers get past the door
    ("POST", "/api/assignments"): (
        {
            "url": "/api/assignments",
            "json": {"scenario_id": SCENARIO, "cohort_id": NO_COHORT},
        },
        trainers_only(404),
    ),
    ("DELETE", "/api/assignments/{assignment_id}"): (
        {"url": f"/api/assignments/{NO_COHORT}"},
        trainers_only(404),
    ),
    ("GET", "/api/sessions/{session_id}/debrief"): (
        {"url": f"/api/sessions/{SESSION}/debrief"},
        {**signed_in(404), "owner": 200, "trainer": 200},
    ),
    # an empty comment: the coach gets past the door and is told to write one
    ("POST", "/api/sessions/{session_id}/comments"): (
        {"url": f"/api/sessions/{SESSION}/comments", "json": {"text": " "}},
        only(trainer=422, outsider=404),
    ),
    ("GET", "/api/cohorts/{cohort_id}/dashboard"): (
        {"url": "/api/cohorts/{cohort_id}/dashboard"},
        {**signed_in(404), "trainer": 200},
    ),
    ("GET", "/api/cohorts/{cohort_id}/dashboard.csv"): (
        {"url": "/api/cohorts/{cohort_id}/dashboard.csv"},
        {**signed_in(404), "trainer": 200},
    ),
    ("GET", "/api/records"): (
        {"url": "/api/records", "params": {"learner": "learner"}},
        {**signed_in(404), "owner": 200, "trainer": 200},
    ),
    ("GET", "/api/records/status"): (
        {"url": "/api/records/status", "params": {"learner": "learner"}},
        {**signed_in(404), "owner": 200, "trainer": 200},
    ),
    # a wrong current password: everyone signed in gets past the door
    ("POST", "/api/password"): (
        {
            "url": "/api/password",
            "json": {"current_password": "wrong", "new_password": "x" * 12},
        },
        {**every(422), "anonymous": 401, "candidate": 403},
    ),
    ("GET", "/api/rounds"): ({"url": "/api/rounds"}, only(hr=200)),
    # an empty title: HR gets past the door and is told what to fix
    ("POST", "/api/rounds"): (
        {"url": "/api/rounds", "json": "round"},
        only(hr=422),
    ),
    ("GET", "/api/rounds/{round_id}"): (
        {"url": f"/api/rounds/{NO_COHORT}"},
        only(hr=404),
    ),
    ("PUT", "/api/rounds/{round_id}"): (
        {"url": f"/api/rounds/{NO_COHORT}", "json": "round"},
        only(hr=404),
    ),
    ("POST", "/api/rounds/{round_id}/copy"): (
        {"url": f"/api/rounds/{NO_COHORT}/copy"},
        only(hr=404),
    ),
    ("POST", "/api/rounds/{round_id}/candidates"): (
        {
            "url": f"/api/rounds/{NO_COHORT}/candidates",
            "json": {"candidates": [{"name": "A", "email": "a@example.com"}]},
        },
        only(hr=404),
    ),
    ("GET", "/api/rounds/{round_id}/results"): (
        {"url": f"/api/rounds/{NO_COHORT}/results"},
        only(hr=404),
    ),
    ("GET", "/api/rounds/{round_id}/export.csv"): (
        {"url": f"/api/rounds/{NO_COHORT}/export.csv"},
        only(hr=404),
    ),
    ("GET", "/api/rounds/{round_id}/export.json"): (
        {"url": f"/api/rounds/{NO_COHORT}/export.json"},
        only(hr=404),
    ),
    ("GET", "/api/rounds/{round_id}/transcripts.html"): (
        {"url": f"/api/rounds/{NO_COHORT}/transcripts.html"},
        only(hr=404),
    ),
    ("GET", "/api/rounds/{round_id}/fairness"): (
        {"url": f"/api/rounds/{NO_COHORT}/fairness"},
        only(hr=404),
    ),
    ("GET", "/api/rounds/{round_id}/fairness.csv"): (
        {"url": f"/api/rounds/{NO_COHORT}/fairness.csv"},
        only(hr=404),
    ),
    ("GET", "/api/fairness"): ({"url": "/api/fairness"}, only(hr=200)),
    ("GET", "/api/fairness.csv"): ({"url": "/api/fairness.csv"}, only(hr=200)),
    ("PUT", "/api/assess/{token}/self-declaration"): (
        {
            "url": "/api/assess/forged-link/self-declaration",
            "json": {"answers": {"sex": "female"}},
        },
        every(404),
    ),
    ("DELETE", "/api/assess/{token}/self-declaration"): (
        {"url": "/api/assess/forged-link/self-declaration"},
        every(404),
    ),
    ("GET", "/api/rounds/{round_id}/audit"): (
        {"url": f"/api/rounds/{NO_COHORT}/audit"},
        only(hr=404),
    ),
    ("GET", "/api/candidates/{candidate_id}/transcripts"): (
        {"url": "/api/candidates/{candidate_id}/transcripts"},
        only(hr=404),  # the matrix's candidate is in a round the demo HR is not in
    ),
    ("POST", "/api/candidates/{candidate_id}/decision"): (
        {
            "url": "/api/candidates/{candidate_id}/decision",
            "json": {"decision": "advance", "reason": "x"},
        },
        only(hr=404),
    ),
    ("POST", "/api/candidates/{candidate_id}/grant-attempt"): (
        {"url": "/api/candidates/{candidate_id}/grant-attempt"},
        only(hr=404),
    ),
    ("DELETE", "/api/candidates/{candidate_id}"): (
        {"url": "/api/candidates/{candidate_id}"},
        only(hr=404),
    ),
    ("GET", "/api/assess/{token}/factors"): (
        {"url": "/api/assess/forged-link/factors"},
        every(404),
    ),
    ("POST", "/api/assess/{token}/observations"): (
        {"url": "/api/assess/forged-link/observations", "json": {"text": "hello"}},
        every(404),
    ),
    # a forged link: the same clear 404 for everyone (the link is the key)
    ("GET", "/api/assess/{token}"): ({"url": "/api/assess/forged-link"}, every(404)),
    ("POST", "/api/assess/{token}/consent"): (
        {"url": "/api/assess/forged-link/consent", "json": {"consent": True}},
        every(404),
    ),
    ("GET", "/api/trainer/scenarios"): (
        {"url": "/api/trainer/scenarios"},
        trainers_only(200),
    ),
    ("GET", "/api/trainer/scenarios/{scenario_id}"): (
        {"url": f"/api/trainer/scenarios/{SCENARIO}"},
        trainers_only(200),
    ),
    ("POST", "/api/trainer/validate"): (
        {"url": "/api/trainer/validate", "json": {"content": "id: x"}},
        trainers_only(200),
    ),
    ("PUT", "/api/trainer/scenarios/{scenario_id}/draft"): (
        {"url": "/api/trainer/scenarios/matrix_draft/draft", "json": {"content": "x"}},
        trainers_only(200),
    ),
    ("DELETE", "/api/trainer/scenarios/{scenario_id}/draft"): (
        {"url": "/api/trainer/scenarios/matrix_draft/draft"},
        trainers_only(204),
    ),
    ("POST", "/api/trainer/scenarios/{scenario_id}/publish"): (
        {"url": f"/api/trainer/scenarios/{SCENARIO}/publish"},
        trainers_only(404),  # no draft to publish: the trainer gets past the door
    ),
    ("POST", "/api/trainer/scenarios/{scenario_id}/check"): (
        {"url": "/api/trainer/scenarios/no_such_scenario/check"},
        trainers_only(404),  # nothing to play: the trainer gets past the door
    ),
    ("GET", "/api/trainer/scenario-template"): (
        {"url": "/api/trainer/scenario-template", "params": {"scenario_id": "x_y"}},
        trainers_only(200),
    ),
    ("GET", "/api/trainer/scenarios/{scenario_id}/export"): (
        {"url": f"/api/trainer/scenarios/{SCENARIO}/export"},
        trainers_only(200),
    ),
    ("PUT", "/api/trainer/turns/{turn_id}/mark"): (
        {"url": "/api/trainer/turns/{turn_id}/mark", "json": "mark"},
        trainers_only(200),
    ),
    ("GET", "/api/trainer/calibration"): (
        {"url": "/api/trainer/calibration"},
        trainers_only(200),
    ),
    ("POST", "/api/logout"): ({"url": "/api/logout"}, every(204)),
}

REFUSED_SESSION = {"ok": False, "code": "unknown_session"}
NOT_SIGNED_IN = {"ok": False, "code": "not_authenticated"}
# The customer simulator is not running in these tests, so an allowed event
# that reaches the customer ends in "customer_unavailable": the door opened.
REACHED_CUSTOMER = {"ok": False, "code": "customer_unavailable"}

# event -> (payload, expected answer per signed-in identity). Anonymous
# connections are refused before any event (checked separately).
SOCKET: dict[str, tuple[dict[str, Any], dict[str, dict[str, Any]]]] = {
    "watch_session": (
        {"session_id": SESSION},
        {
            "owner": REFUSED_SESSION,
            "other": REFUSED_SESSION,
            "trainer": {"ok": True},
            "outsider": REFUSED_SESSION,
            "hr": REFUSED_SESSION,
            "admin": REFUSED_SESSION,
            "candidate": REFUSED_SESSION,
        },
    ),
    "unwatch_session": (
        {"session_id": SESSION},
        {
            who: {"ok": True}
            for who in (
                "owner",
                "other",
                "trainer",
                "outsider",
                "hr",
                "admin",
                "candidate",
            )
        },
    ),
    "start_assessment": (
        {},
        {
            **{
                who: {"ok": False, "code": "forbidden"}
                for who in ("owner", "other", "trainer", "outsider", "hr", "admin")
            },
            "candidate": REACHED_CUSTOMER,
        },
    ),
    "resume_session": (
        {"session_id": SESSION},
        {
            "owner": {"ok": True},
            "other": REFUSED_SESSION,
            "trainer": REFUSED_SESSION,
            "outsider": REFUSED_SESSION,
            "hr": REFUSED_SESSION,
            "admin": REFUSED_SESSION,
            "candidate": REFUSED_SESSION,
        },
    ),
    "learner_reply": (
        {"session_id": SESSION, "message_id": "matrix-1", "text": "I'm so sorry."},
        {
            "owner": REACHED_CUSTOMER,
            "other": REFUSED_SESSION,
            "trainer": REFUSED_SESSION,
            "outsider": REFUSED_SESSION,
            "hr": REFUSED_SESSION,
            "admin": REFUSED_SESSION,
            "candidate": REFUSED_SESSION,
        },
    ),
    "learner_idle": (
        {"session_id": SESSION},
        {
            "owner": REACHED_CUSTOMER,
            "other": REFUSED_SESSION,
            "trainer": REFUSED_SESSION,
            "outsider": REFUSED_SESSION,
            "hr": REFUSED_SESSION,
            "admin": REFUSED_SESSION,
            "candidate": REFUSED_SESSION,
        },
    ),
    "start_session": (
        {"scenario_id": SCENARIO, "draft": True},
        {
            "owner": {"ok": False, "code": "forbidden"},
            "other": {"ok": False, "code": "forbidden"},
            "trainer": {"ok": False, "code": "no_draft"},
            "outsider": {"ok": False, "code": "no_draft"},
            "hr": {"ok": False, "code": "forbidden"},
            "admin": {"ok": False, "code": "forbidden"},
            "candidate": {"ok": False, "code": "forbidden"},
        },
    ),
}


def test_every_role_is_an_identity_of_the_matrix() -> None:
    assert set(ROLES) - {"learner"} <= set(
        IDENTITIES
    ), "a new role needs a column in the authorization matrix"


@pytest.fixture
def world(live_server: LiveServer) -> Iterator[dict[str, Any]]:
    """A practice session with one scored turn owned by ``learner``."""
    with writing(live_server) as db:
        for username, role in (
            ("other", "learner"),
            ("outsider", "trainer"),
            ("fresh", "learner"),
        ):
            user = repository.create_user(
                db=db,
                username=username,
                display_name=username.title(),
                role=role,
                password=OTHER_PASSWORD,
            )
            user.must_change_password = username == "fresh"
        turn = repository.add_learner_turn(
            db=db,
            session=learner_session(db, live_server, SESSION, SCENARIO),
            text="Sorry you feel that way.",
            message_id="seeded",
            score=score_reply("Sorry you feel that way."),
        )
        turn_id = turn.id
        cohort_id = people.cohorts_by_name(db=db, names=[DEMO_COHORT])[DEMO_COHORT].id
    tokens = {
        "owner": live_server.login("learner"),
        "other": live_server.login("other", OTHER_PASSWORD),
        "trainer": live_server.login("trainer"),
        "outsider": live_server.login("outsider", OTHER_PASSWORD),
        "hr": live_server.login("hr"),
        "admin": live_server.login("admin"),
        "fresh": live_server.login("fresh", OTHER_PASSWORD),
    }
    candidate_id, tokens["candidate"] = signed_in_candidate(live_server)
    yield {
        "tokens": tokens,
        "turn_id": turn_id,
        "cohort_id": cohort_id,
        "candidate_id": candidate_id,
    }


def signed_in_candidate(live_server: LiveServer) -> tuple[int, str]:
    """A candidate of an open round owned by another HR user, signed in by
    consenting through their link."""
    with writing(live_server) as db:
        owner = repository.create_user(
            db=db,
            username="other-hr",
            display_name="Other HR",
            role="hr",
            password=OTHER_PASSWORD,
        )
        made = assessments.create_round(
            db,
            owner,
            assessments.RoundRequest(
                title="Matrix round",
                scenario_ids=(SCENARIO,),
                language="en",
                time_limit_minutes=15,
                opens_at=datetime.now(timezone.utc) - timedelta(days=1),
                closes_at=datetime.now(timezone.utc) + timedelta(days=1),
                pass_mark=60,
                contact="jobs@example.com",
            ),
        )
        [invitation] = assessments.invite(
            db, owner, made.id, [(1, "Casey Candidate", "casey@example.com")]
        )
    answer = httpx.post(
        f"{live_server.url}/api/assess/{invitation.token}/consent",
        json={"consent": True},
        headers={"Origin": live_server.url},
    )
    assert answer.status_code == 200, answer.text
    return invitation.candidate.id, answer.cookies[COOKIE_NAME]


def test_every_http_route_is_in_the_matrix(live_server: LiveServer) -> None:
    assert set(_routes(live_server)) == set(HTTP)


def test_every_socket_event_is_in_the_matrix(live_server: LiveServer) -> None:
    sio = live_server.app.engineio_server
    events = set(sio.handlers["/"]) - {"connect", "disconnect"}
    assert events == set(SOCKET)


def test_http_routes_answer_each_identity_as_the_matrix_says(
    live_server: LiveServer, world: dict[str, Any]
) -> None:
    mark = {"dimensions": dict.fromkeys(_dimensions(), 1), "penalties": []}
    wrong = []
    for identity in IDENTITIES:
        token = world["tokens"].get(identity)
        cookies = {COOKIE_NAME: token} if token else {}
        with httpx.Client(base_url=live_server.url, cookies=cookies) as client:
            for (method, _path), (request, expected) in HTTP.items():
                call = dict(request)
                call["url"] = call["url"].format(
                    turn_id=world["turn_id"],
                    cohort_id=world["cohort_id"],
                    candidate_id="{candidate_id}",
                )
                call["url"] = call["url"].format(candidate_id=world["candidate_id"])
                if call.get("json") == "mark":
                    call["json"] = mark
                elif call.get("json") == "round":
                    call["json"] = ROUND
                elif "username" in call.get("json", {}):
                    body = call["json"]
                    call["json"] = {
                        **body,
                        "username": body["username"].format(identity=identity),
                    }
                response = client.request(method, follow_redirects=False, **call)
                if response.status_code != expected[identity]:
                    wrong.append(
                        f"{identity} {method} {call['url']}: "
                        f"{response.status_code}, expected {expected[identity]}"
                    )
    assert not wrong, "\n".join(wrong)


def test_socket_events_answer_each_identity_as_the_matrix_says(
    live_server: LiveServer, world: dict[str, Any]
) -> None:
    async def play(identity: str) -> list[str]:
        client = socketio.AsyncClient(reconnection=False)
        await client.connect(
            live_server.url,
            headers={"Cookie": f"{COOKIE_NAME}={world['tokens'][identity]}"},
            transports=["websocket"],
            wait_timeout=5,
        )
        wrong = []
        for event, (payload, expected) in SOCKET.items():
            answer = await client.call(event, payload, timeout=10)
            seen = {"ok": answer["ok"]}
            if not answer["ok"]:
                seen["code"] = answer["error"]["code"]
            if seen != expected[identity]:
                wrong.append(
                    f"{identity} {event}: {seen}, expected {expected[identity]}"
                )
        await client.disconnect()
        return wrong

    players = [who for who in IDENTITIES if who not in ("anonymous", "fresh")]
    wrong = [line for who in players for line in asyncio.run(play(who))]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("identity", ["anonymous", "fresh"])
def test_a_socket_without_a_usable_login_is_refused(
    live_server: LiveServer, world: dict[str, Any], identity: str
) -> None:
    token = world["tokens"].get(identity)

    async def connect() -> None:
        client = socketio.AsyncClient(reconnection=False)
        headers = {"Cookie": f"{COOKIE_NAME}={token}"} if token else {}
        await client.connect(
            live_server.url, headers=headers, transports=["websocket"], wait_timeout=2
        )

    with pytest.raises(socketio.exceptions.ConnectionError):
        asyncio.run(connect())


def _routes(live_server: LiveServer) -> list[tuple[str, str]]:
    api = live_server.app.other_asgi_app
    found = []
    for route in api.routes:
        if isinstance(route, Mount):
            found.append(("GET", route.path))
        elif isinstance(route, APIRoute | Route):
            for method in sorted(route.methods or ()):
                if method != "HEAD":
                    found.append((method, route.path))
    return found


def _dimensions() -> tuple[str, ...]:
    from trainer_api.scoring import DIMENSIONS

    return DIMENSIONS
