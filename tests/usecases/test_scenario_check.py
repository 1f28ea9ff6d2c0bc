"""*Check this scenario*: a trainer plays a scenario's scripts, good learners
(its model answers) and rude learners through the practice use case before
publishing, and the check leaves nothing behind.

The customer is the simulation core with a phrase-table ear
(tests/support/in_process_customer.py); tests/stack/test_scenario_check.py
plays the same check through the real bot.
"""

from __future__ import annotations

import asyncio
import re

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.support.factories import make_user
from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import parse_scenario
from trainer_api.storage.models import PracticeSession, Turn
from trainer_api.usecases import authoring, scenario_check
from trainer_api.usecases.practice import PracticeService
from trainer_api.usecases.refusal import Kind, Refused
from trainer_api.usecases.scenario_check import RUDE_REPLIES, check_scenario

FLIGHT = (PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text("utf-8")
SCRIPTS = parse_scenario(FLIGHT).scripts


@pytest.fixture
def trainer(db_sessions: sessionmaker[Session]) -> int:
    with db_sessions.begin() as db:
        return make_user(db, role="trainer").id


def run(
    practice: PracticeService,
    db_sessions: sessionmaker[Session],
    trainer: int,
    scenario_id: str,
) -> dict:
    return asyncio.run(
        check_scenario(
            practice, db_sessions, user_id=trainer, scenario_id=scenario_id, seed=7
        )
    )


def test_a_published_scenario_is_played_every_way_and_leaves_nothing(
    practice: PracticeService, db_sessions: sessionmaker[Session], trainer: int
) -> None:
    report = run(practice, db_sessions, trainer, "flight_delay")

    kinds = [c["kind"] for c in report["conversations"]]
    assert kinds.count("script") == report["scripts"]["of"] == len(SCRIPTS)
    assert kinds.count("good") == report["good"]["of"] == 3
    assert kinds.count("rude") == report["rude"]["of"] == 3
    for conversation in report["conversations"]:
        assert conversation["turns"][0]["speaker"] == "customer"
        learner_turns = [t for t in conversation["turns"] if t["speaker"] == "learner"]
        assert len(learner_turns) == conversation["replies"] > 0
        assert conversation["passed"] == (
            conversation["outcome"] in conversation["expect"]
        )
    rude = [c for c in report["conversations"] if c["kind"] == "rude"]
    assert report["rude"]["ended"] == 3, [c["outcome"] for c in rude]
    said = {t["text"] for c in rude for t in c["turns"] if t["speaker"] == "learner"}
    assert said <= set(RUDE_REPLIES["en"])
    good = [c for c in report["conversations"] if c["kind"] == "good"]
    assert all(c["replies"] >= 1 for c in good)
    assert report["ok"] == all(c["passed"] for c in report["conversations"])
    with db_sessions() as db:
        left = db.scalar(
            select(func.count())
            .select_from(PracticeSession)
            .where(PracticeSession.learner_id == trainer)
        )
        turns = db.scalar(select(func.count()).select_from(Turn))
    assert left == 0, "the check's conversations are deleted"
    assert turns == 0


def test_the_draft_is_checked_when_there_is_one(
    practice: PracticeService, db_sessions: sessionmaker[Session], trainer: int
) -> None:
    without_answers = re.sub(r"\n    model_answers:\n(      - .*\n)+", "\n", FLIGHT)
    with db_sessions.begin() as db:
        saved = authoring.save_draft(
            db, scenario_id="flight_delay", content=without_answers, user_id=trainer
        )
        assert saved.scenario is not None, saved.errors
    report = run(practice, db_sessions, trainer, "flight_delay")

    assert report["version"] == saved.scenario.content_hash
    assert report["good"] == {"resolved": 0, "of": 0, "median_replies": None}
    assert report["notes"] and "model_answers" in report["notes"][0]
    assert report["ok"] is False


def test_a_broken_draft_or_an_unknown_scenario_is_refused(
    practice: PracticeService, db_sessions: sessionmaker[Session], trainer: int
) -> None:
    with pytest.raises(Refused) as unknown:
        run(practice, db_sessions, trainer, "no_such_scenario")
    assert unknown.value.kind is Kind.NOT_FOUND
    with db_sessions.begin() as db:
        authoring.save_draft(
            db,
            scenario_id="flight_delay",
            content="id: flight_delay\n",
            user_id=trainer,
        )
    with pytest.raises(Refused) as broken:
        run(practice, db_sessions, trainer, "flight_delay")
    assert broken.value.code == "invalid_scenario"


def test_a_check_that_runs_out_of_time_stops_and_says_where(
    practice: PracticeService,
    db_sessions: sessionmaker[Session],
    trainer: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(scenario_check, "TIME_BUDGET_SECONDS", -1.0)
    report = run(practice, db_sessions, trainer, "flight_delay")

    for conversation in report["conversations"]:
        assert conversation["outcome"] == "active"
        assert conversation["replies"] == 0
        assert conversation["problem"] == "The check ran out of time here."
        assert conversation["passed"] is False
    assert report["ok"] is False
