"""The fairness report and candidates' self-declaration over HTTP: answers
are optional, changeable and withdrawable, kept apart from what reviewers
see, counted only in the report, deleted with the candidate; the report is
HR's, per round and over a period, as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tests.web.conftest import login
from tests.web.test_assessments import (
    NOW,
    hr,
    invite,
    make_round,
    play,
    user_of,
)
from trainer_api.provisioning import migrate
from trainer_api.settings import Settings
from trainer_api.storage.models import AuditEntry, PracticeSession, SelfDeclaration
from trainer_api.usecases.practice import PracticeService

__all__ = ["hr"]  # a fixture used below

DECLARED = {
    "Ana Ortiz": {"sex": "female", "race_ethnicity": "hispanic_latino"},
    "Bea Chan": {"sex": "female", "race_ethnicity": "asian"},
    "Cal Moore": {"sex": "male", "race_ethnicity": "white"},
    "Dev Rao": {"sex": None, "race_ethnicity": None},  # prefers not to say
}
DECISIONS = {"Ana Ortiz": "advance", "Bea Chan": "reject", "Cal Moore": "advance"}


@pytest.fixture
def settings(database_url: str) -> Settings:
    """One candidate per category is enough to show rates in these tests."""
    migrate(Settings(database_url=database_url))
    return Settings(environment="test", database_url=database_url, fairness_min_group=1)


def take_part(
    hr: TestClient,
    practice: PracticeService,
    db_sessions: sessionmaker[Session],
    round_id: int,
    name: str,
) -> tuple[dict, TestClient]:
    """Invite ``name``, consent on their own device, play and finish."""
    [invited] = invite(hr, round_id, (name, f"{name.split()[0].lower()}@example.com"))
    device = TestClient(hr.app)
    token = invited["link"].removeprefix("/assess/")
    assert device.post(
        f"/api/assess/{token}/consent", json={"consent": True}
    ).is_success
    played = play(practice, user_of(db_sessions, invited["id"]))
    with db_sessions.begin() as db:
        session = db.get(PracticeSession, played["session_id"])
        assert session is not None
        session.status = "time_up"
        session.ended_at = session.started_at + timedelta(minutes=9)
    return {**invited, "token": token}, device


def test_a_round_counts_declarations_that_reviewers_never_see(
    hr: TestClient, practice: PracticeService, db_sessions: sessionmaker[Session]
) -> None:
    round_ = make_round(hr)
    assert round_["demographic_questions"] == ["sex", "race_ethnicity"]
    people = {}
    for name, answers in DECLARED.items():
        person, device = take_part(hr, practice, db_sessions, round_["id"], name)
        form = device.get(f"/api/assess/{person['token']}").json()["self_declaration"]
        assert [q["id"] for q in form["questions"]] == ["sex", "race_ethnicity"]
        assert form["answers"] is None
        saved = device.put(
            f"/api/assess/{person['token']}/self-declaration",
            json={"answers": answers},
        )
        assert saved.status_code == 204, saved.text
        again = device.get(f"/api/assess/{person['token']}").json()
        assert again["self_declaration"]["answers"] == answers  # shown to them
        people[name] = (person, device)
    for name, decision in DECISIONS.items():
        decided = hr.post(
            f"/api/candidates/{people[name][0]['id']}/decision",
            json={"decision": decision, "reason": "Read the whole conversation twice."},
        )
        assert decided.status_code == 201, decided.text

    # reviewers see no declaration anywhere
    seen = [
        hr.get(f"/api/rounds/{round_['id']}/results").text,
        hr.get(f"/api/rounds/{round_['id']}/export.csv").text,
        hr.get(f"/api/rounds/{round_['id']}/export.json").text,
        *(
            hr.get(f"/api/candidates/{p['id']}/transcripts").text
            for p, _ in people.values()
        ),
    ]
    for text in seen:
        for word in ("hispanic", "asian", "female", "declar"):
            assert word not in text.lower()

    report = hr.get(f"/api/rounds/{round_['id']}/fairness").json()
    assert report["sample"] == 4 and report["decided"] == 3
    groups = {g["group"]: g for g in report["groups"]}
    assert set(groups) == {"sex", "race_ethnicity", "sex x race_ethnicity"}
    assert groups["sex"]["unknown"] == 1 and groups["race_ethnicity"]["unknown"] == 1
    sex = {c["category"]: c for c in groups["sex"]["categories"]}
    assert (sex["female"]["count"], sex["male"]["count"]) == (2, 1)
    assert sex["female"]["selection_rate"] == 0.5 and sex["male"]["selection_rate"] == 1
    assert sex["female"]["selection_impact_ratio"] == 0.5
    assert sex["female"]["selection_below_four_fifths"] is True
    assert report["labels"]["hispanic_latino"] == "Hispanic or Latino"

    exported = hr.get(f"/api/rounds/{round_['id']}/fairness.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    female = next(r for r in rows if (r["group"], r["category"]) == ("sex", "female"))
    assert female["selection_rate"] == "0.5000"
    assert "Ana" not in exported.text and "@" not in exported.text

    period = hr.get("/api/fairness").json()
    assert period["sample"] == 4 and round_["id"] in period["scope"]["rounds"]
    later = (NOW + timedelta(days=2)).date().isoformat()
    assert hr.get(f"/api/fairness?start={later}&end={later}").json()["sample"] == 0
    backwards = hr.get(f"/api/fairness?start={later}&end={NOW.date().isoformat()}")
    assert backwards.status_code == 422
    assert backwards.json()["error"]["code"] == "invalid_period"
    assert hr.get("/api/fairness.csv").text.startswith("group,category,count")

    # a candidate withdraws: their answers are gone and count as unknown
    ana, ana_device = people["Ana Ortiz"]
    assert (
        ana_device.delete(f"/api/assess/{ana['token']}/self-declaration").status_code
        == 204
    )
    after = hr.get(f"/api/rounds/{round_['id']}/fairness").json()
    assert {g["group"]: g["unknown"] for g in after["groups"]}["sex"] == 2

    with db_sessions() as db:
        actions = [e.action for e in db.scalars(select(AuditEntry))]
        logged = json.dumps([e.details for e in db.scalars(select(AuditEntry))])
    assert actions.count("view_fairness") >= 4
    assert "female" not in logged and "asian" not in logged


def test_declarations_are_checked_and_only_the_candidates_own_device_can_give_them(
    hr: TestClient, practice: PracticeService, db_sessions: sessionmaker[Session]
) -> None:
    round_ = make_round(hr)
    person, device = take_part(hr, practice, db_sessions, round_["id"], "Eve Lund")
    where = f"/api/assess/{person['token']}/self-declaration"
    for answers, code in (
        ({"religion": "none"}, "invalid_declaration"),
        ({"sex": "robot"}, "invalid_declaration"),
    ):
        refused = device.put(where, json={"answers": answers})
        assert refused.status_code == 422 and refused.json()["error"]["code"] == code
    stranger = TestClient(hr.app).put(where, json={"answers": {"sex": "male"}})
    assert stranger.status_code == 403
    forged = device.put(
        "/api/assess/not-a-real-link/self-declaration", json={"answers": {}}
    )
    assert forged.status_code == 404
    with db_sessions() as db:
        assert db.scalars(select(SelfDeclaration)).all() == []

    device.put(where, json={"answers": {"sex": "female"}})
    changed = device.put(where, json={"answers": {"sex": "another"}})
    assert changed.status_code == 204
    with db_sessions() as db:
        assert [d.sex for d in db.scalars(select(SelfDeclaration))] == ["another"]
    assert hr.delete(f"/api/candidates/{person['id']}").status_code == 200
    with db_sessions() as db:  # deleted with the candidate
        assert db.scalars(select(SelfDeclaration)).all() == []


def test_a_round_may_ask_nothing_or_only_some_questions(
    hr: TestClient, practice: PracticeService, db_sessions: sessionmaker[Session]
) -> None:
    silent = make_round(hr, demographic_questions=[])
    person, device = take_part(hr, practice, db_sessions, silent["id"], "Finn Holt")
    assert (
        device.get(f"/api/assess/{person['token']}").json()["self_declaration"] is None
    )
    refused = device.put(
        f"/api/assess/{person['token']}/self-declaration",
        json={"answers": {"sex": "male"}},
    )
    assert refused.status_code == 409
    assert hr.get(f"/api/rounds/{silent['id']}/fairness").json()["groups"] == []

    only_sex = make_round(hr, demographic_questions=["sex"])
    assert only_sex["demographic_questions"] == ["sex"]
    report = hr.get(f"/api/rounds/{only_sex['id']}/fairness").json()
    assert [g["group"] for g in report["groups"]] == ["sex"]
    bad = hr.post(
        "/api/rounds", json={**_round_body(), "demographic_questions": ["religion"]}
    )
    assert bad.status_code == 422 and "religion" in bad.json()["error"]["message"]


def test_only_the_rounds_hr_reads_its_report(
    hr: TestClient, client: TestClient
) -> None:
    round_ = make_round(hr)
    login(client, "second-hr", "second-hr-password")
    assert client.get(f"/api/rounds/{round_['id']}/fairness").status_code == 404
    assert client.get(f"/api/rounds/{round_['id']}/fairness.csv").status_code == 404
    assert round_["id"] not in client.get("/api/fairness").json()["scope"]["rounds"]
    login(client, "trainer", "trainer-demo")
    assert client.get(f"/api/rounds/{round_['id']}/fairness").status_code == 403
    assert client.get("/api/fairness").status_code == 403


def _round_body() -> dict:
    from tests.web.test_assessments import ROUND

    return dict(ROUND)
