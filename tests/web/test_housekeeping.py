"""The web app purges expired data by itself: candidates past their round's
retention period, expired login tokens, old failed logins; every
``purge_every`` seconds, one process at a time, surviving a failed tick."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tests.web.conftest import login
from tests.web.test_assessments import invite, make_round
from trainer_api.edge import housekeeping as housekeeping_task
from trainer_api.edge.app import create_app
from trainer_api.provisioning import seed_demo
from trainer_api.settings import Settings, SettingsError, load_settings
from trainer_api.storage import repository
from trainer_api.storage.db import make_engine
from trainer_api.storage.models import (
    AssessmentRound,
    AuditEntry,
    AuthToken,
    Candidate,
    utc_now,
)
from trainer_api.usecases import housekeeping

TICK = 0.05  # seconds between purges in these tests
LOG = "trainer_api.edge.housekeeping"


@pytest.fixture
def purging(settings: Settings) -> Settings:
    """The demo users, and settings that purge every ``TICK`` seconds."""
    seed_demo(settings)
    return replace(settings, purge_every=TICK)


def eventually(check: Callable[[], bool], seconds: float = 10) -> None:
    """Wait until ``check()`` holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the purge did not happen in time"
        time.sleep(TICK / 2)


def close_round(
    db_sessions: sessionmaker[Session], round_id: int, *, days_ago: int
) -> None:
    """Move a round into the past: it closed ``days_ago`` days ago."""
    with db_sessions.begin() as db:
        round_ = db.get(AssessmentRound, round_id)
        assert round_ is not None
        round_.closes_at = utc_now() - timedelta(days=days_ago)
        round_.opens_at = round_.closes_at - timedelta(days=7)


def candidate(
    db_sessions: sessionmaker[Session], candidate_id: int
) -> Candidate | None:
    with db_sessions() as db:
        return db.get(Candidate, candidate_id)


def expired_token(db_sessions: sessionmaker[Session]) -> str:
    """A login token of the demo learner that expired long ago."""
    with db_sessions.begin() as db:
        learner = repository.get_user(db=db, username="learner")
        assert learner is not None
        return repository.issue_token(
            db=db, user=learner, now=utc_now() - timedelta(days=30)
        )


def tokens_of_learner(db_sessions: sessionmaker[Session]) -> int:
    with db_sessions() as db:
        learner = repository.get_user(db=db, username="learner")
        assert learner is not None
        return len(
            db.scalars(select(AuthToken).where(AuthToken.user_id == learner.id)).all()
        )


def tasks_of(app: TestClient) -> set[str]:
    """The names of the tasks running in the app's event loop."""

    async def names() -> set[str]:
        return {task.get_name() for task in asyncio.all_tasks()}

    assert app.portal is not None
    return app.portal.call(names)


def test_candidates_past_retention_are_purged_without_the_command(
    purging: Settings,
    db_sessions: sessionmaker[Session],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger=LOG)
    with TestClient(create_app(purging)) as app:
        login(app, "hr", "hr-demo")
        ended, kept = make_round(app), make_round(app)
        [ana] = invite(app, ended["id"], ("Ana Ortiz", "ana@example.com"))
        [ben] = invite(app, kept["id"], ("Ben Ruiz", "ben@example.com"))
        ana_row = candidate(db_sessions, ana["id"])
        assert ana_row is not None
        pseudonym = ana_row.pseudonym
        close_round(db_sessions, ended["id"], days_ago=ended["retention_days"] + 1)
        close_round(db_sessions, kept["id"], days_ago=kept["retention_days"] - 1)
        eventually(
            lambda: candidate(db_sessions, ana["id"]) is None
            and any("1 candidate(s)" in r.getMessage() for r in caplog.records)
        )
        assert candidate(db_sessions, ben["id"]) is not None
    with db_sessions() as db:
        [entry] = db.scalars(
            select(AuditEntry).where(AuditEntry.action == "delete_candidate")
        )
        assert (entry.actor, entry.subject, entry.round_id) == (
            "retention",
            pseudonym,
            ended["id"],
        )
        everything = " ".join(
            str((e.actor, e.subject, e.details)) for e in db.scalars(select(AuditEntry))
        )
    said = " ".join(r.getMessage() for r in caplog.records if r.name == LOG)
    for personal in ("Ana", "Ortiz", "ana@example.com"):
        assert personal not in everything and personal not in said


def test_purging_every_0_seconds_starts_no_task(purging: Settings) -> None:
    environment = {"EMPATHY_ENV": "test", "EMPATHY_DATABASE_URL": purging.database_url}
    off = load_settings({**environment, "EMPATHY_PURGE_EVERY": "0"})
    assert off.purge_every == 0
    assert load_settings(environment).purge_every == 3600
    with TestClient(create_app(off)) as app:
        assert housekeeping_task.TASK_NAME not in tasks_of(app)
    with TestClient(create_app(purging)) as app:
        assert housekeeping_task.TASK_NAME in tasks_of(app)


def test_a_negative_interval_is_refused_by_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EMPATHY_PURGE_EVERY", "-60")
    with pytest.raises(SettingsError) as refused:
        create_app()
    assert str(refused.value) == (
        "EMPATHY_PURGE_EVERY is -60; it must be positive, or 0 to turn it off"
    )


def test_the_first_purge_comes_soon_after_start_not_an_interval_later(
    purging: Settings,
    db_sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(housekeeping_task, "FIRST_RUN_SECONDS", TICK)
    expired_token(db_sessions)
    with TestClient(create_app(replace(purging, purge_every=3600))):
        eventually(lambda: tokens_of_learner(db_sessions) == 0)


def test_a_failed_tick_is_logged_and_the_next_one_purges(
    purging: Settings,
    db_sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    purge = housekeeping.purge_expired_unless_busy
    ticks: list[int] = []

    def first_tick_fails(*args: Any, **kwargs: Any) -> Any:
        ticks.append(len(ticks))
        if len(ticks) == 1:
            raise RuntimeError("the database went away")
        return purge(*args, **kwargs)

    monkeypatch.setattr(housekeeping, "purge_expired_unless_busy", first_tick_fails)
    expired_token(db_sessions)
    with TestClient(create_app(purging)) as app:
        eventually(lambda: tokens_of_learner(db_sessions) == 0)
        assert app.get("/healthz").status_code == 200
    [failure] = [r for r in caplog.records if r.name == LOG and r.exc_info]
    assert failure.levelno == logging.ERROR
    assert "retrying at the next tick" in failure.getMessage()
    assert len(ticks) >= 2


def test_a_held_lock_makes_the_tick_skip(
    purging: Settings,
    db_sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if make_url(purging.database_url).get_backend_name() != "postgresql":
        pytest.skip("the purge's lock is a PostgreSQL advisory lock")
    purge = housekeeping.purge_expired_unless_busy
    outcomes: list[housekeeping.Purged | None] = []

    def recorded(*args: Any, **kwargs: Any) -> housekeeping.Purged | None:
        outcomes.append(purge(*args, **kwargs))
        return outcomes[-1]

    monkeypatch.setattr(housekeeping, "purge_expired_unless_busy", recorded)
    expired_token(db_sessions)
    other_process = make_engine(purging.database_url)
    try:
        with other_process.connect() as connection:
            connection.execute(housekeeping.LOCK, {"key": housekeeping.PURGE_LOCK_KEY})
            with TestClient(create_app(purging)):
                eventually(lambda: len(outcomes) >= 3)
                assert set(outcomes) == {None}
                assert tokens_of_learner(db_sessions) == 1
                connection.commit()  # the other process's purge ends
                eventually(lambda: tokens_of_learner(db_sessions) == 0)
    finally:
        other_process.dispose()
    assert any(outcome is not None and outcome.tokens == 1 for outcome in outcomes)
