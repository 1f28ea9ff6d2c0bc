"""Hiring rounds end to end over HTTP, with the candidate's conversation
played through the practice service (the simulation core as the customer):
a frozen round, invitations, consent, assessment mode, review with reasons,
exports, the audit log, and every refusal the issue names."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tests.web.conftest import login
from trainer_api.settings import Settings
from trainer_api.storage import repository
from trainer_api.storage.models import AuditEntry, Candidate, PracticeSession
from trainer_api.storage.passwords import cost_for
from trainer_api.usecases import assessments
from trainer_api.usecases.practice import PracticeService
from trainer_api.usecases.refusal import Refused

NOW = datetime.now(timezone.utc)
ROUND = {
    "title": "Customer care advisor, January intake",
    "scenario_ids": ["flight_delay"],
    "language": "en",
    "time_limit_minutes": 15,
    "opens_at": (NOW - timedelta(hours=1)).isoformat(),
    "closes_at": (NOW + timedelta(days=7)).isoformat(),
    "pass_mark": 60,
    "contact": "jobs@example.com",
}
REPLIES = (
    "I'm so sorry, Fiona, that must be exhausting after a morning at the airport.",
    "That's on us, and I'll sort it out myself right now.",
    "I've booked you on the 14:20 to Frankfurt, landing in Vienna at 20:25.",
)


@pytest.fixture
def hr(client: TestClient, db_sessions: sessionmaker[Session]) -> TestClient:
    with db_sessions.begin() as db:
        repository.create_user(
            db=db,
            username="second-hr",
            display_name="Second Reviewer",
            role="hr",
            password="second-hr-password",
            cost=cost_for("test"),
        )
    login(client, "hr", "hr-demo")
    return client


def make_round(hr: TestClient, **changes: Any) -> dict[str, Any]:
    answer = hr.post("/api/rounds", json={**ROUND, **changes})
    assert answer.status_code == 201, answer.text
    return answer.json()


def invite(hr: TestClient, round_id: int, *people: tuple[str, str]) -> list[dict]:
    answer = hr.post(
        f"/api/rounds/{round_id}/candidates",
        json={"candidates": [{"name": n, "email": e} for n, e in people]},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["invitations"]


def user_of(db_sessions: sessionmaker[Session], candidate_id: int) -> int:
    with db_sessions() as db:
        candidate = db.get(Candidate, candidate_id)
        assert candidate is not None and candidate.user_id is not None
        return candidate.user_id


def play(practice: PracticeService, user_id: int) -> dict[str, Any]:
    started = asyncio.run(practice.start_assessment(user_id=user_id))
    session_id = started["session"]["id"]
    pushed: list[tuple[str, dict[str, Any]]] = []

    async def emit(event: str, payload: dict[str, Any]) -> None:
        pushed.append((event, payload))

    for number, text in enumerate(REPLIES):
        asyncio.run(
            practice.reply(
                user_id=user_id,
                session_id=session_id,
                message_id=f"m{number}",
                text=text,
                emit=emit,
            )
        )
    return {"started": started, "pushed": pushed, "session_id": session_id}


def test_a_round_from_invitation_to_decision(
    hr: TestClient,
    practice: PracticeService,
    db_sessions: sessionmaker[Session],
) -> None:
    round_ = make_round(hr, second_review=True, reviewers=["second-hr"])
    [pinned] = round_["scenarios"]
    assert pinned["version"] and isinstance(pinned["seed"], int)
    [ana, ben] = invite(
        hr,
        round_["id"],
        ("Ana Ortiz", "ana@example.com"),
        ("Ben Ruiz", "ben@example.com"),
    )
    token = ana["link"].removeprefix("/assess/")

    candidate = TestClient(hr.app)
    notice = candidate.get(f"/api/assess/{token}").json()
    assert notice["consent"] == "pending" and not notice["can_start"]
    assert "No audio, no video" in notice["texts"]["what"]
    assert "jobs@example.com" in notice["texts"]["alternative"]
    with db_sessions() as db:  # nothing recorded before consent
        assert (
            db.scalar(select(Candidate.user_id).where(Candidate.id == ana["id"]))
            is None
        )
    consented = candidate.post(f"/api/assess/{token}/consent", json={"consent": True})
    assert consented.status_code == 200 and consented.json()["can_start"]
    assert (
        candidate.get("/api/sessions").status_code == 403
    )  # the link opens nothing else
    declined = TestClient(hr.app).post(
        f"/api/assess/{ben['link'].removeprefix('/assess/')}/consent",
        json={"consent": False},
    )
    assert declined.json()["consent"] == "declined"

    played = play(practice, user_of(db_sessions, ana["id"]))
    assert played["started"]["session"]["deadline"]
    turns = [p["turn"] for e, p in played["pushed"] if e == "turn"]
    assert turns and all(t["score"] is None for t in turns), "no scores for candidates"
    assert all(t["mood"] is None for t in turns), "nor the mood, which shows them"
    views = [p["session"] for e, p in played["pushed"] if e == "session"]
    assert all(v["needs"] is None and v["average_score"] is None for v in views)
    assert all(v["mood"] is None for v in views)
    with db_sessions() as db:
        session = db.get(PracticeSession, played["session_id"])
        assert session is not None
        assert session.scenario_version.content_hash == pinned["version"]
        assert session.seed == pinned["seed"]

    # the round is frozen once a candidate started; a copy can change
    changed = hr.put(f"/api/rounds/{round_['id']}", json={**ROUND, "title": "New"})
    assert (
        changed.status_code == 409
        and changed.json()["error"]["code"] == "round_started"
    )
    copy = hr.post(f"/api/rounds/{round_['id']}/copy").json()
    assert copy["scenarios"][0]["seed"] == pinned["seed"] and not copy["locked"]

    table = hr.get(f"/api/rounds/{round_['id']}/results").json()
    rows = {r["name"]: r for r in table["candidates"]}
    assert (
        rows["Ana Ortiz"]["score"] is not None
        and rows["Ben Ruiz"]["consent"] == "declined"
    )
    assert rows["Ana Ortiz"]["standing"] == "in_progress"  # still talking
    assert rows["Ben Ruiz"]["standing"] == "declined"
    review = hr.get(f"/api/candidates/{ana['id']}/transcripts").json()
    scored = [
        t for t in review["conversations"][0]["turns"] if t["speaker"] == "learner"
    ]
    assert all(t["score"]["evidence"] is not None for t in scored)

    short = hr.post(
        f"/api/candidates/{ana['id']}/decision",
        json={"decision": "advance", "reason": "good"},
    )
    assert (
        short.status_code == 422 and short.json()["error"]["code"] == "reason_required"
    )
    decided = hr.post(
        f"/api/candidates/{ana['id']}/decision",
        json={
            "decision": "advance",
            "reason": "Named the customer's exhaustion and rebooked her at once.",
        },
    )
    assert decided.json()["candidate"]["standing"] == "awaiting_second_review"
    login(hr, "second-hr", "second-hr-password")
    second = hr.post(
        f"/api/candidates/{ana['id']}/decision",
        json={"decision": "advance", "reason": "Agree: calm, specific, owned the fix."},
    )
    assert second.json()["candidate"]["standing"] == "advance"

    exported = hr.get(f"/api/rounds/{round_['id']}/export.csv")
    lines = list(csv.DictReader(io.StringIO(exported.text)))
    assert {line["name"] for line in lines} == {"Ana Ortiz", "Ben Ruiz"}
    decisions = next(x for x in lines if x["name"] == "Ana Ortiz")["decisions"]
    assert "calm, specific" in decisions
    assert decisions.startswith(str(NOW.year)), "each decision with its time"
    actions = [
        e["action"]
        for e in hr.get(f"/api/rounds/{round_['id']}/audit").json()["entries"]
    ]
    for expected in (
        "create_round",
        "invite",
        "consent",
        "decline",
        "view_results",
        "view_transcript",
        "decide",
        "export",
    ):
        assert expected in actions, expected
    with db_sessions() as db:
        subjects = {e.subject for e in db.scalars(select(AuditEntry))} - {None}
        assert all(s.startswith("C-") for s in subjects), "audit names no candidate"


def test_a_second_attempt_needs_hr_and_an_expired_or_forged_link_is_refused(
    hr: TestClient,
    practice: PracticeService,
    db_sessions: sessionmaker[Session],
) -> None:
    round_ = make_round(hr)
    [ana] = invite(hr, round_["id"], ("Ana Ortiz", "ana@example.com"))
    token = ana["link"].removeprefix("/assess/")
    first_device = TestClient(hr.app)
    first_device.post(f"/api/assess/{token}/consent", json={"consent": True})
    session_id = play(practice, user_of(db_sessions, ana["id"]))["session_id"]
    user_id = user_of(db_sessions, ana["id"])
    with pytest.raises(Refused) as refused:
        asyncio.run(practice.start_assessment(user_id=user_id))
    assert refused.value.code == "no_attempts_left"
    other_device = TestClient(hr.app)
    again = other_device.post(f"/api/assess/{token}/consent", json={"consent": True})
    assert again.status_code == 409 and again.json()["error"]["code"] == "link_in_use"
    assert first_device.get(f"/api/assess/{token}").json()["signed_in"]

    assert hr.post(f"/api/candidates/{ana['id']}/grant-attempt").status_code == 204
    again = other_device.post(f"/api/assess/{token}/consent", json={"consent": True})
    assert again.status_code == 200
    assert again.json()["active_session"] == session_id  # resumed on this device
    assert first_device.get("/api/me").status_code == 401  # the old device is out

    assert TestClient(hr.app).get("/api/assess/forged-link-123").status_code == 404
    with db_sessions.begin() as db:
        db.get(Candidate, ana["id"]).expires_at = NOW - timedelta(minutes=1)
    gone = TestClient(hr.app).get(f"/api/assess/{token}")
    assert gone.status_code == 410 and "expired" in gone.json()["error"]["message"]


def test_time_up_ends_the_conversation(
    hr: TestClient,
    practice: PracticeService,
    db_sessions: sessionmaker[Session],
) -> None:
    round_ = make_round(hr, time_limit_minutes=5)
    [ana] = invite(hr, round_["id"], ("Ana Ortiz", "ana@example.com"))
    TestClient(hr.app).post(
        f"/api/assess/{ana['link'].removeprefix('/assess/')}/consent",
        json={"consent": True},
    )
    user_id = user_of(db_sessions, ana["id"])
    started = asyncio.run(practice.start_assessment(user_id=user_id))
    session_id = started["session"]["id"]
    with db_sessions.begin() as db:
        session = db.get(PracticeSession, session_id)
        session.started_at = NOW - timedelta(minutes=6)

    async def emit(_event: str, _payload: dict[str, Any]) -> None:
        pass

    with pytest.raises(Refused) as refused:
        asyncio.run(
            practice.reply(
                user_id=user_id,
                session_id=session_id,
                message_id="late",
                text="Sorry, still there?",
                emit=emit,
            )
        )
    assert refused.value.code in ("time_up", "session_ended")
    with db_sessions() as db:
        ended = db.get(PracticeSession, session_id)
        assert ended.status == "time_up"
        assert ended.ended_at == assessments.deadline_of(ended), "ends at its deadline"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"scenario_ids": ["no_such"]}, "scenario_ids"),
        ({"language": "de"}, "language"),
        ({"language": "fr"}, "scenario_ids"),  # the scenarios are in English
        ({"closes_at": (NOW - timedelta(days=1)).isoformat()}, "closes_at"),
        ({"reviewers": ["trainer"]}, "reviewers"),
        ({"contact": ""}, "contact"),
    ],
)
def test_a_bad_round_is_refused_with_its_field(
    hr: TestClient, changes: dict, field: str
) -> None:
    answer = hr.post("/api/rounds", json={**ROUND, **changes})
    assert answer.status_code == 422, answer.text
    assert field in {p["field"] for p in answer.json()["error"]["errors"]}
    assert hr.get("/api/rounds").json()["rounds"] == []


def test_a_bad_candidate_list_invites_nobody(hr: TestClient) -> None:
    round_ = make_round(hr)
    invite(hr, round_["id"], ("Ana Ortiz", "ana@example.com"))
    answer = hr.post(
        f"/api/rounds/{round_['id']}/candidates",
        json={
            "csv": "name,email\nCal,cal@example.com\nDup,cal@example.com\n"
            "Bad,not-an-email\nAna Again,ANA@example.com\n"
        },
    )
    assert answer.status_code == 422
    assert [(p["line"], p["column"]) for p in answer.json()["error"]["errors"]] == [
        (3, "email"),
        (4, "email"),
        (5, "email"),
    ]
    table = hr.get(f"/api/rounds/{round_['id']}/results").json()
    assert [c["name"] for c in table["candidates"]] == ["Ana Ortiz"]


def test_an_empty_round_exports_headers_only_and_others_see_no_round(
    hr: TestClient, client: TestClient
) -> None:
    round_ = make_round(hr)
    exported = hr.get(f"/api/rounds/{round_['id']}/export.csv").text
    assert exported.strip().split(",")[0] == "pseudonym" and exported.count("\n") == 1
    login(client, "trainer", "trainer-demo")
    assert client.get(f"/api/rounds/{round_['id']}/results").status_code == 403
    login(client, "second-hr", "second-hr-password")
    assert client.get(f"/api/rounds/{round_['id']}/results").status_code == 404


def test_a_candidate_learns_the_main_factors_and_sends_observations(
    hr: TestClient, practice: PracticeService, db_sessions: sessionmaker[Session]
) -> None:
    round_ = make_round(hr)
    with db_sessions.begin() as db:  # as if its scenarios were in French
        from trainer_api.storage.models import AssessmentRound

        db.get(AssessmentRound, round_["id"]).language = "fr"
    [ana] = invite(hr, round_["id"], ("Ana Ortiz", "ana@example.com"))
    token = ana["link"].removeprefix("/assess/")
    candidate = TestClient(hr.app)
    notice = candidate.get(f"/api/assess/{token}").json()
    assert "Aucun son, aucune vidéo" in notice["texts"]["what"]
    assert candidate.get(f"/api/assess/{token}/factors").status_code == 403
    candidate.post(f"/api/assess/{token}/consent", json={"consent": True})
    assert candidate.get(f"/api/assess/{token}/factors").json()["available"] is False
    played = play(practice, user_of(db_sessions, ana["id"]))
    with db_sessions.begin() as db:  # the conversation ends (time up)
        session = db.get(PracticeSession, played["session_id"])
        session.status, session.ended_at = "time_up", NOW
    factors = candidate.get(f"/api/assess/{token}/factors").json()
    assert factors["available"] and not factors["reviewed"]
    assert any("Réaction émotionnelle" in line for line in factors["factors"])
    assert any("le temps était écoulé" in line for line in factors["factors"])
    empty = candidate.post(f"/api/assess/{token}/observations", json={"text": " "})
    assert empty.status_code == 422
    sent = candidate.post(
        f"/api/assess/{token}/observations",
        json={"text": "The connection dropped twice during my conversation."},
    )
    assert sent.status_code == 204
    row = hr.get(f"/api/candidates/{ana['id']}/transcripts").json()["candidate"]
    assert [o["text"] for o in row["observations"]] == [
        "The connection dropped twice during my conversation."
    ]


def tracker_with(path: Any, senders: list[str]) -> str:
    """A Rasa-like SQL tracker store holding events for these senders."""
    from sqlalchemy import create_engine, text

    url = f"sqlite:///{path}"
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT)")
        )
        for sender in [*senders, "someone-else"]:
            connection.execute(
                text("INSERT INTO events (sender_id) VALUES (:s)"), {"s": sender}
            )
    engine.dispose()
    return url


def test_deleting_a_candidate_leaves_nothing_but_a_pseudonymous_audit(
    settings: Settings,
    hr: TestClient,
    practice: PracticeService,
    db_sessions: sessionmaker[Session],
    tmp_path: Any,
) -> None:
    from dataclasses import replace

    from sqlalchemy import create_engine, text

    from tests.web.test_coaching import rows_about
    from trainer_api.edge.app import create_app

    round_ = make_round(hr)
    [ana, ben] = invite(
        hr,
        round_["id"],
        ("Ana Ortiz", "ana@example.com"),
        ("Ben Ruiz", "ben@example.com"),
    )
    TestClient(hr.app).post(
        f"/api/assess/{ana['link'].removeprefix('/assess/')}/consent",
        json={"consent": True},
    )
    user_id = user_of(db_sessions, ana["id"])
    session_id = play(practice, user_id)["session_id"]
    tracker = tracker_with(tmp_path / "tracker.db", [session_id])
    with TestClient(create_app(replace(settings, tracker_url=tracker))) as app:
        login(app, "hr", "hr-demo")
        assert app.delete("/api/candidates/999999").status_code == 404
        erased = app.delete(f"/api/candidates/{ana['id']}")
        assert erased.status_code == 200, erased.text
        assert erased.json() == {"sessions": 1, "tracker_events": 1}
        table = app.get(f"/api/rounds/{round_['id']}/results").json()
        assert [c["name"] for c in table["candidates"]] == ["Ben Ruiz"]
    with db_sessions() as db:
        left = (
            rows_about(db, "learner_id", [user_id])
            + rows_about(db, "user_id", [user_id])
            + rows_about(db, "session_id", [session_id])
            + rows_about(db, "candidate_id", [ana["id"]])
            + rows_about(db, "email", ["ana@example.com"])
            + rows_about(db, "name", ["Ana Ortiz"])
        )
        assert left == []
        entries = list(db.scalars(select(AuditEntry)))
        assert any(e.action == "delete_candidate" for e in entries)
        dumped = " ".join(str((e.actor, e.subject, e.details)) for e in entries)
        assert "Ana" not in dumped and "ana@example.com" not in dumped
    engine = create_engine(tracker, future=True)
    with engine.connect() as connection:
        senders = [
            r[0] for r in connection.execute(text("SELECT sender_id FROM events"))
        ]
    engine.dispose()
    assert senders == ["someone-else"]


def test_candidates_are_purged_when_their_round_retention_ends(
    hr: TestClient, db_sessions: sessionmaker[Session]
) -> None:
    from trainer_api.storage.models import AssessmentRound
    from trainer_api.usecases import candidate_rights

    round_ = make_round(hr, retention_days=30)
    invite(hr, round_["id"], ("Ana Ortiz", "ana@example.com"))
    with db_sessions.begin() as db:
        assert candidate_rights.purge_expired(db, tracker_url=None) == 0
        closes = db.get(AssessmentRound, round_["id"]).closes_at
        later = closes + timedelta(days=30, seconds=1)
        assert candidate_rights.purge_expired(db, tracker_url=None, now=later) == 1
    with db_sessions() as db:
        assert db.scalars(select(Candidate)).first() is None


def test_a_started_assessment_stays_on_its_device_and_time_up_frees_the_next(
    hr: TestClient, practice: PracticeService, db_sessions: sessionmaker[Session]
) -> None:
    round_ = make_round(hr, scenario_ids=["flight_delay", "double_charge"])
    [ana] = invite(hr, round_["id"], ("Ana Ortiz", "ana@example.com"))
    token = ana["link"].removeprefix("/assess/")
    device = TestClient(hr.app)
    device.post(f"/api/assess/{token}/consent", json={"consent": True})
    user_id = user_of(db_sessions, ana["id"])
    first = asyncio.run(practice.start_assessment(user_id=user_id))["session"]["id"]
    thief = TestClient(hr.app)
    taken = thief.post(f"/api/assess/{token}/consent", json={"consent": True})
    assert taken.status_code == 409, "a started assessment stays on its device"
    with db_sessions.begin() as db:  # the time runs out with no reply sent
        db.get(PracticeSession, first).started_at = NOW - timedelta(minutes=20)
    view = device.get(f"/api/assess/{token}").json()
    assert (
        view["active_session"] is None and view["can_start"] and view["finished"] == 1
    )
    with db_sessions() as db:
        ended = db.get(PracticeSession, first)
        assert ended.status == "time_up"
        assert ended.ended_at == assessments.deadline_of(ended), "ends at its deadline"
    second = asyncio.run(practice.start_assessment(user_id=user_id))["session"]
    assert second["scenario"]["id"] == "double_charge"


def test_a_french_round_speaks_french_to_its_candidate_whatever_the_browser(
    hr: TestClient,
) -> None:
    round_ = make_round(
        hr,
        title="Conseiller clientèle, cohorte de janvier",
        scenario_ids=["carte_bloquee_etranger"],
        language="fr",
    )
    [camille] = invite(hr, round_["id"], ("Camille Roy", "camille@example.com"))
    token = camille["link"].removeprefix("/assess/")

    candidate = TestClient(hr.app)
    english_browser = {"Accept-Language": "en-GB,en;q=0.9"}
    page = candidate.get(f"/assess/{token}", headers=english_browser)
    assert page.headers["content-language"].startswith("fr")
    assert '<html lang="fr' in page.text and "<title>Évaluation</title>" in page.text
    notice = candidate.get(f"/api/assess/{token}", headers=english_browser).json()
    assert "Aucun son, aucune vidéo" in notice["texts"]["what"]
    consented = candidate.post(
        f"/api/assess/{token}/consent",
        json={"consent": True},
        headers=english_browser,
    )
    assert consented.status_code == 200
    # a refusal on the candidate's own link reads in the round's language too
    refused = candidate.post(
        f"/api/assess/{token}/observations",
        json={"text": "   "},
        headers=english_browser,
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["message"].startswith("Écrivez")


def test_a_french_round_takes_only_french_scenarios(hr: TestClient) -> None:
    answer = hr.post(
        "/api/rounds",
        json={**ROUND, "scenario_ids": ["flight_delay"], "language": "fr"},
    )
    assert answer.status_code == 422
    assert "flight_delay" in answer.text or "Delayed flight" in answer.text
