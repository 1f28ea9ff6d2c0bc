"""Coaching a class over HTTP: assignments and their states, a learner's home
and progress, debriefs, comments and the cohort dashboard, checked against
what is in the database."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tests.support.classroom import COLD, WARM, played
from tests.web.conftest import login
from trainer_api.scoring import DIMENSIONS
from trainer_api.settings import Settings
from trainer_api.storage import repository
from trainer_api.storage.models import PracticeSession


def assign(client: TestClient, **fields: Any) -> Any:
    return client.post(
        "/api/assignments", json={"scenario_id": "flight_delay", **fields}
    )


def test_an_assignment_reaches_the_learner_and_follows_their_attempts(
    client: TestClient, classroom: dict, db_sessions: sessionmaker[Session]
) -> None:
    login(client, "trainer", "trainer-demo")
    due = (datetime.now(timezone.utc) + timedelta(days=3)).isoformat()
    made = assign(client, cohort_id=classroom["cohort_id"], due_at=due, attempt_limit=2)
    assert made.status_code == 201, made.text
    assignment_id = made.json()["assignments"][0]["id"]

    login(client, "learner", "learner-demo")
    [todo] = client.get("/api/home").json()["assignments"]
    assert (todo["state"], todo["can_start"], todo["attempts_left"]) == (
        "to_do",
        True,
        2,
    )
    assert todo["scenario"]["pass_score"] == 60 and not todo["overdue"]

    cold = played(db_sessions, "learner", COLD, assignment_id=assignment_id)
    [failed] = client.get("/api/home").json()["assignments"]
    with db_sessions() as db:
        session = repository.get_session(db=db, session_id=cold)
        assert session is not None and session.status != "active"
        scores = [t.score.score for t in session.turns if t.score is not None]
    assert failed["state"] == "failed" and failed["attempts_left"] == 1
    assert failed["attempts"][0]["average_score"] == round(sum(scores) / len(scores))

    played(db_sessions, "learner", WARM, assignment_id=assignment_id)
    [passed] = client.get("/api/home").json()["assignments"]
    assert passed["state"] == "passed", passed["attempts"]
    assert passed["attempts_left"] == 0 and not passed["can_start"]

    login(client, "trainer", "trainer-demo")
    dashboard = client.get(f"/api/cohorts/{classroom['cohort_id']}/dashboard").json()
    [work] = dashboard["assignments"]
    assert (work["assigned"], work["done"], work["passed"]) == (2, 1, 1)


@pytest.mark.parametrize(
    ("fields", "status", "field"),
    [
        ({"scenario_id": "no_such_scenario"}, 422, "scenario_id"),
        ({"due_at": "2020-01-01T00:00:00Z"}, 422, "due_at"),
        ({"attempt_limit": 0}, 422, None),
        ({"cohort_id": None, "learners": ["stranger"]}, 404, None),
    ],
)
def test_a_bad_assignment_is_refused_and_nothing_is_set(
    client: TestClient, classroom: dict, fields: dict, status: int, field: str | None
) -> None:
    login(client, "trainer", "trainer-demo")
    refused = assign(client, **{"cohort_id": classroom["cohort_id"], **fields})
    assert refused.status_code == status, refused.text
    if field:
        assert refused.json()["error"]["errors"][0]["field"] == field
    login(client, "learner", "learner-demo")
    assert client.get("/api/home").json()["assignments"] == []


def test_the_debrief_explains_the_session_and_hides_trainer_details(
    client: TestClient, classroom: dict, db_sessions: sessionmaker[Session]
) -> None:
    session_id = played(db_sessions, "learner", COLD[:3] + WARM)
    login(client, "learner", "learner-demo")
    view = client.get(f"/api/sessions/{session_id}/debrief").json()
    assert (
        "seed" not in view["session"] and "version" not in view["session"]["scenario"]
    )
    customer = [t for t in view["turns"] if t["speaker"] == "customer"]
    assert [p["anger"] for p in view["mood_curve"]] == [
        t["mood"]["anger"] for t in customer
    ]
    angered = view["turning_points"]["angered"]
    assert angered and angered[0]["text"] in COLD and angered[0]["change"] > 0
    texts = {t["index"]: t["text"] for t in view["turns"]}
    for need in view["needs"]:
        if need["turn"] is not None:
            assert texts[need["turn"]] == need["text"]
    assert view["model_answers"], "cold replies call for model answers"
    assert len(view["next_time"]) == 2
    login(client, "trainer", "trainer-demo")
    coach_view = client.get(f"/api/sessions/{session_id}/debrief").json()
    assert isinstance(coach_view["session"]["seed"], int)
    assert coach_view["session"]["scenario"]["version"]


def test_comments_reach_the_learner_once_and_bad_ones_change_nothing(
    client: TestClient, classroom: dict, db_sessions: sessionmaker[Session]
) -> None:
    session_id = played(db_sessions, "learner", COLD)
    stranger_session = played(db_sessions, "stranger", COLD)
    login(client, "trainer", "trainer-demo")
    detail = client.get(f"/api/sessions/{session_id}/debrief").json()
    turn_id = next(t["id"] for t in detail["turns"] if t["speaker"] == "learner")
    url = f"/api/sessions/{session_id}/comments"
    for body, status, code in (
        ({"text": "x" * 20_000}, 413, None),
        ({"text": "x" * 4001}, 413, "comment_too_long"),
        ({"text": "   "}, 422, "empty_comment"),
        ({"text": "hi", "turn_id": 10**9}, 404, "unknown_turn"),
    ):
        refused = client.post(url, json=body)
        assert refused.status_code == status, refused.text
        if code:
            assert refused.json()["error"]["code"] == code
    assert (
        client.post(
            f"/api/sessions/{stranger_session}/comments", json={"text": "hi"}
        ).status_code
        == 404
    )
    made = client.post(
        url, json={"text": "Try naming the feeling.", "turn_id": turn_id}
    )
    assert made.status_code == 201, made.text

    login(client, "learner", "learner-demo")
    [new] = client.get("/api/home").json()["comments"]
    assert (new["text"], new["session_id"], new["turn_id"]) == (
        "Try naming the feeling.",
        session_id,
        turn_id,
    )
    seen = client.get(f"/api/sessions/{session_id}/debrief").json()["comments"]
    assert [c["text"] for c in seen] == ["Try naming the feeling."]
    assert client.get("/api/home").json()["comments"] == []


def test_progress_and_dashboard_figures_match_the_stored_scores(
    client: TestClient, classroom: dict, db_sessions: sessionmaker[Session]
) -> None:
    played(db_sessions, "learner", COLD, days_ago=15)
    played(db_sessions, "learner", WARM, days_ago=1)
    played(db_sessions, "sam", WARM, days_ago=2, scenario_id="flight_delay")
    with db_sessions() as db:
        learner = repository.get_user(db=db, username="learner")
        sessions = db.query(PracticeSession).filter_by(learner_id=learner.id).all()
        levels = [
            t.score.dimensions
            for s in sessions
            for t in s.turns
            if t.speaker == "learner" and t.score is not None
        ]
    expected = {
        d: round(sum(lv[d] for lv in levels) / len(levels) * 50) for d in DIMENSIONS
    }
    login(client, "learner", "learner-demo")
    mine = client.get("/api/progress").json()
    assert len(mine["weekly"]) >= 2 and mine["replies"] == len(levels)
    assert mine["weakest"]["dimension"] in DIMENSIONS and mine["weakest"]["tip"]

    login(client, "trainer", "trainer-demo")
    url = f"/api/cohorts/{classroom['cohort_id']}/dashboard"
    board = client.get(url).json()
    rows = {row["username"]: row for row in board["learners"]}
    assert set(rows) == {"learner", "sam"}
    assert rows["learner"]["dimensions"] == expected
    assert rows["learner"]["sessions"] == 2 and rows["sam"]["sessions"] == 1
    assert sum(b["count"] for b in board["score_distribution"]) == sum(
        r["replies"] for r in rows.values()
    )
    recent = client.get(url, params={"since": _day(7)}).json()
    assert {r["username"]: r["sessions"] for r in recent["learners"]} == {
        "learner": 1,
        "sam": 1,
    }
    exported = client.get(f"{url}.csv", params={"since": _day(7)})
    assert exported.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(exported.text)))
    assert {r["username"]: r["sessions"] for r in table} == {"learner": "1", "sam": "1"}
    for bad in ({"since": "2026-13-01"}, {"since": _day(1), "until": _day(5)}):
        assert client.get(url, params=bad).status_code == 422


def _day(days_ago: int) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days_ago)).date().isoformat()


@pytest.mark.slow
def test_the_demo_history_fills_the_dashboard_once(
    client: TestClient, settings: Settings, classroom: dict
) -> None:
    from tools.demo_history import DEMO_LEARNERS, seed_demo_history

    made = seed_demo_history(settings)
    assert made >= len(DEMO_LEARNERS) * 4
    assert seed_demo_history(settings) == 0, "a second run adds nothing"
    login(client, "trainer", "trainer-demo")
    board = client.get(f"/api/cohorts/{classroom['cohort_id']}/dashboard").json()
    practised = [row for row in board["learners"] if row["sessions"]]
    assert len(practised) == len(DEMO_LEARNERS) + 1
    assert all(row["weakest"] for row in practised)
    assert len(board["assignments"]) == 2
    assert any(a["done"] for a in board["assignments"])
    login(client, "learner", "learner-demo")
    progress = client.get("/api/progress").json()
    assert len(progress["weekly"]) >= 3
    login(client, "hr", "hr-demo")
    [demo_round] = client.get("/api/rounds").json()["rounds"]
    table = client.get(f"/api/rounds/{demo_round['id']}/results").json()
    scored = [c for c in table["candidates"] if c["score"] is not None]
    assert len(table["candidates"]) == 4 and len(scored) == 3
    assert all(c["finished"] for c in scored)
    fairness = client.get(f"/api/rounds/{demo_round['id']}/fairness").json()
    assert fairness["sample"] == 3
    assert {g["group"]: g["unknown"] for g in fairness["groups"]}["sex"] == 1


@pytest.mark.parametrize("weekday", range(7))
def test_each_demo_week_is_one_calendar_week_whatever_the_day(weekday: int) -> None:
    """The progress chart buckets by calendar week: a simulated week must not
    straddle two, nor two simulated weeks share one, on any day of the week."""
    from datetime import datetime, timedelta, timezone

    from tools.demo_history import WEEKS, week_start

    now = datetime(2026, 11, 30, 10, 30, tzinfo=timezone.utc) + timedelta(days=weekday)
    starts = [week_start(now, WEEKS - week) for week in range(WEEKS)]
    assert all(start.weekday() == 0 and start.hour == 0 for start in starts)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert gaps == [timedelta(weeks=1)] * (WEEKS - 1)
    latest = starts[-1] + timedelta(days=4, hours=17, minutes=59)
    assert latest < now, "the last simulated week is already over"
    assert now - starts[-1] < timedelta(weeks=2)


def rows_about(db: Session, column: str, values: list[Any]) -> list[str]:
    """Every table with ``column`` that still holds one of ``values``."""
    from sqlalchemy import inspect, text

    bind = db.get_bind()
    found = []
    for table in inspect(bind).get_table_names():
        if column not in {c["name"] for c in inspect(bind).get_columns(table)}:
            continue
        for value in values:
            query = text(f"SELECT COUNT(*) FROM {table} WHERE {column} = :v")
            if db.execute(query, {"v": value}).scalar():
                found.append(f"{table}.{column} = {value!r}")
    return found


def test_erasing_a_learner_leaves_nothing_of_them(
    client: TestClient, classroom: dict, db_sessions: sessionmaker[Session]
) -> None:
    """On request, a learner's account and every row about them go."""
    from sqlalchemy import select

    from trainer_api.storage.models import LearningRecord, Turn

    session_id = played(db_sessions, "sam", COLD)
    login(client, "trainer", "trainer-demo")
    comment = client.post(
        f"/api/sessions/{session_id}/comments", json={"text": "Try again."}
    )
    assert comment.status_code == 201
    assert assign(client, learners=["sam"]).status_code == 201
    with db_sessions() as db:
        sam = repository.get_user(db=db, username="sam")
        assert sam is not None
        sam_id = sam.id
        turns = list(db.scalars(select(Turn.id).where(Turn.session_id == session_id)))
        assert db.scalars(select(LearningRecord)).first() is not None
    login(client, "admin", "admin-demo")
    refused = client.delete("/api/people/trainer")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "not_a_learner"
    erased = client.delete("/api/people/sam")
    assert erased.status_code == 200, erased.text
    assert erased.json() == {"username": "sam", "sessions": 1, "accounts": 1}
    with db_sessions() as db:
        left = (
            rows_about(db, "learner_id", [sam_id])
            + rows_about(db, "user_id", [sam_id])
            + rows_about(db, "session_id", [session_id])
            + rows_about(db, "turn_id", turns)
            + rows_about(db, "username", ["sam"])
        )
        assert left == []
        assert repository.get_user(db=db, username="sam") is None
    assert client.delete("/api/people/sam").status_code == 404


def test_the_same_scenario_is_not_assigned_twice_to_the_same_people(
    client: TestClient, classroom: dict
) -> None:
    login(client, "trainer", "trainer-demo")
    assert assign(client, cohort_id=classroom["cohort_id"]).status_code == 201
    again = assign(client, cohort_id=classroom["cohort_id"])
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_assigned"
    limit = assign(client, learners=["sam"], attempt_limit=0)
    assert limit.status_code == 422
    assert "attempt limit" in limit.json()["error"]["message"]


def test_a_cohort_with_any_name_exports_its_dashboard(client: TestClient) -> None:
    login(client, "trainer", "trainer-demo")
    made = client.post("/api/cohorts", json={"name": "Équipe ꙮ du soir"})
    assert made.status_code == 201
    exported = client.get(f"/api/cohorts/{made.json()['id']}/dashboard.csv")
    assert exported.status_code == 200
    assert exported.headers["content-disposition"].isascii()
