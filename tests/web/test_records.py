"""Learning records: the xAPI statements of finished sessions, their shape as
a local LRS checks it, sending with retries (an LRS that is down or answers
500 loses nothing), and downloads per learner and cohort."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tests.support.classroom import COLD, WARM, played
from tests.support.factories import make_session
from tests.support.lrs import LocalLrs, statement_problems
from tests.web.conftest import login
from tools.stack import free_port
from trainer_api.adapters.lrs_client import LrsClient
from trainer_api.settings import Settings
from trainer_api.storage import repository
from trainer_api.storage.models import LearningRecord
from trainer_api.usecases import records

BASE = Settings().public_url


def the_records(db_sessions: sessionmaker[Session]) -> list[LearningRecord]:
    with db_sessions() as db:
        return list(db.scalars(select(LearningRecord)))


def test_a_finished_session_makes_its_statements_once(
    client: TestClient,
    classroom: dict,
    db_sessions: sessionmaker[Session],
) -> None:
    session_id = played(db_sessions, "learner", WARM)
    found = {r.verb: [] for r in the_records(db_sessions)}
    for record in the_records(db_sessions):
        found[record.verb].append(record.statement)
    with db_sessions() as db:
        session = repository.get_session(db=db, session_id=session_id)
        assert session is not None and session.status == "resolved"
        scores = [t.score.score for t in session.turns if t.score is not None]
        assert records.record_session(db, session, BASE) == 0, "never twice"
    [completed], [passed] = found["completed"], found["passed"]
    assert "failed" not in found
    assert completed["result"] == {
        "completion": True,
        "duration": completed["result"]["duration"],
    }
    average = round(sum(scores) / len(scores))
    assert passed["result"]["score"]["scaled"] == round(average / 100, 4)
    assert passed["result"]["success"] is True
    rubric = passed["result"]["extensions"][f"{BASE}/xapi/extensions/rubric"]
    assert set(rubric) == {
        "emotional_reaction",
        "interpretation",
        "exploration",
        "ownership",
        "resolution",
    }
    assert passed["object"]["id"] == f"{BASE}/xapi/scenarios/flight_delay"
    assert passed["actor"]["account"] == {"homePage": BASE, "name": "learner"}
    categories = {c["id"] for c in passed["context"]["contextActivities"]["category"]}
    assert records.MOVEON_CATEGORY in categories
    assert len(found["answered"]) == len(scores)
    for statement in found["answered"]:
        levels = statement["result"]["extensions"][f"{BASE}/xapi/extensions/levels"]
        assert set(levels.values()) <= {0, 1, 2}
        assert (
            statement["context"]["contextActivities"]["parent"][0]["id"]
            == (passed["object"]["id"])
        )
        assert WARM[0] not in json.dumps(statement), "the reply's words stay here"
    every = [s for group in found.values() for s in group]
    assert [p for s in every for p in statement_problems(s)] == []


def test_a_failed_attempt_says_failed_and_an_open_session_says_nothing(
    client: TestClient,
    classroom: dict,
    db_sessions: sessionmaker[Session],
) -> None:
    played(db_sessions, "learner", COLD)
    assert {r.verb for r in the_records(db_sessions)} == {
        "completed",
        "failed",
        "answered",
    }
    with db_sessions.begin() as db:
        learner = repository.get_user(db=db, username="sam")
        session_id = make_session(db, learner=learner).id
    with db_sessions() as db:
        session = repository.get_session(db=db, session_id=session_id)
        assert session is not None and session.status == "active"
        assert records.statements_for(session, BASE) == []


@pytest.fixture
def lrs() -> Iterator[LocalLrs]:
    local = LocalLrs()
    with local.running():
        yield local


def test_sending_survives_an_lrs_that_fails_or_is_down(
    client: TestClient,
    classroom: dict,
    db_sessions: sessionmaker[Session],
    lrs: LocalLrs,
) -> None:
    played(db_sessions, "learner", WARM)
    played(db_sessions, "learner", COLD, days_ago=1)
    total = len(the_records(db_sessions))
    retry = timedelta(seconds=30)
    now = datetime.now(timezone.utc)

    lrs.failing = True
    client_ = LrsClient(lrs.endpoint, lrs.username, lrs.password)
    outcome = records.send_due(db_sessions, client_, retry=retry, now=now)
    assert outcome == {"sent": 0, "failed": total}
    kept = the_records(db_sessions)
    assert all(r.sent_at is None and r.attempts == 1 for r in kept)
    assert "HTTP 500" in (kept[0].last_error or "")
    # not due again before the wait is over
    assert records.send_due(db_sessions, client_, retry=retry, now=now)["failed"] == 0

    down = LrsClient(f"http://127.0.0.1:{free_port()}/xapi", "x", "y", timeout=2)
    later = now + timedelta(seconds=31)
    assert (
        records.send_due(db_sessions, down, retry=retry, now=later)["failed"] == total
    )
    kept = the_records(db_sessions)
    assert all(r.attempts == 2 for r in kept)
    assert "did not answer" in (kept[0].last_error or "")
    assert min(r.next_attempt_at for r in kept) >= later + timedelta(seconds=60)

    login(client, "trainer", "trainer-demo")
    status = client.get(
        "/api/records/status", params={"cohort": classroom["cohort_id"]}
    ).json()
    assert status["failing"] == total and status["sent"] == 0
    assert "did not answer" in status["last_error"]

    lrs.failing = False
    much_later = later + timedelta(hours=2)
    outcome = records.send_due(db_sessions, client_, retry=retry, now=much_later)
    assert outcome == {"sent": total, "failed": 0}
    assert len(lrs.statements) == total and not lrs.problems
    assert records.send_due(db_sessions, client_, retry=retry, now=much_later) == {
        "sent": 0,
        "failed": 0,
    }
    client_.close()


def test_statements_download_per_learner_and_cohort_for_those_allowed(
    client: TestClient,
    classroom: dict,
    db_sessions: sessionmaker[Session],
) -> None:
    played(db_sessions, "learner", WARM)
    played(db_sessions, "sam", COLD)
    played(db_sessions, "stranger", COLD)
    login(client, "learner", "learner-demo")
    mine = client.get("/api/records")
    assert mine.headers["content-disposition"].endswith('.json"')
    assert {s["actor"]["account"]["name"] for s in mine.json()} == {"learner"}
    assert client.get("/api/records", params={"learner": "sam"}).status_code == 404
    login(client, "trainer", "trainer-demo")
    cohort = client.get("/api/records", params={"cohort": classroom["cohort_id"]})
    names = {s["actor"]["account"]["name"] for s in cohort.json()}
    assert names == {"learner", "sam"}
    assert client.get("/api/records", params={"learner": "stranger"}).status_code == 404
    both = client.get("/api/records", params={"learner": "sam", "cohort": 1})
    assert both.status_code == 422


def test_the_running_app_sends_records_to_the_configured_lrs(
    settings: Settings,
    db_sessions: sessionmaker[Session],
    lrs: LocalLrs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from trainer_api.edge import record_sender
    from trainer_api.edge.app import create_app
    from trainer_api.provisioning import seed_demo

    monkeypatch.setattr(record_sender, "INTERVAL_SECONDS", 0.1)
    seed_demo(settings)
    configured = replace(
        settings,
        lrs_endpoint=lrs.endpoint,
        lrs_username=lrs.username,
        lrs_password=lrs.password,
    )
    played(db_sessions, "learner", WARM)
    total = len(the_records(db_sessions))
    with TestClient(create_app(configured)):
        deadline = time.monotonic() + 10
        while len(lrs.statements) < total and time.monotonic() < deadline:
            time.sleep(0.1)
    assert len(lrs.statements) == total and not lrs.problems
    assert all(r.sent_at is not None for r in the_records(db_sessions))
