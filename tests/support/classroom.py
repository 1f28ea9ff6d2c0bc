"""A class for the coaching tests: the demo cohort with a second learner, a
learner in no cohort, and sessions played through the scorer and the
simulation core (``tools.demo_history.play``)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tools.demo_history import play
from trainer_api.provisioning import DEMO_COHORT
from trainer_api.storage import people, repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.passwords import cost_for

WARM = (
    "I'm so sorry, Fiona, stuck at the airport with your connection gone, "
    "that must be exhausting.",
    "That's on us, not you. I'll sort this out myself right now.",
    "The plane has a hydraulic fault, so it can't reach Amsterdam in time for "
    "the 12:40; I'm sorry nobody told you.",
    "I've booked you on the 14:20 to Frankfurt, landing in Vienna at 20:25.",
    "The confirmation email arrives within ten minutes, and I'll text you if "
    "anything changes.",
    "Is there anything else I can do for you today?",
)
COLD = (
    "Calm down, it's only a delay.",
    "You should have booked a longer connection.",
    "It's company policy, there's nothing I can do.",
    "ok",
    "ok",
    "ok",
)


@pytest.fixture
def classroom(client: TestClient, db_sessions: sessionmaker[Session]) -> Iterator[dict]:
    """The demo cohort (learner, trainer) plus a second learner in it and a
    stranger in no cohort."""
    with db_sessions.begin() as db:
        cohort = people.cohorts_by_name(db=db, names=[DEMO_COHORT])[DEMO_COHORT]
        for name in ("sam", "stranger"):
            user = repository.create_user(
                db=db,
                username=name,
                display_name=name.title(),
                role="learner",
                password="a-long-password",
                cost=cost_for("test"),
            )
            if name == "sam":
                people.add_member(db=db, cohort=cohort, user=user)
        cohort_id = cohort.id
    yield {"cohort_id": cohort_id}


def played(
    db_sessions: sessionmaker[Session],
    username: str,
    replies: tuple[str, ...],
    *,
    days_ago: int = 0,
    assignment_id: int | None = None,
    scenario_id: str = "flight_delay",
) -> str:
    with db_sessions.begin() as db:
        learner = repository.get_user(db=db, username=username)
        scenario = scenario_store.published_scenario(db, scenario_id)
        assert learner is not None and scenario is not None
        lines = iter(replies)

        def choose(stage: str | None) -> tuple[str, tuple[str, ...]]:
            text = next(lines, "ok")
            need = scenario.need(stage)
            meant = need.met_by[:1] if need and text in WARM else ()
            return text, meant

        session = play(
            db,
            learner=learner,
            scenario=scenario,
            choose=choose,
            seed=7,
            started_at=datetime.now(timezone.utc) - timedelta(days=days_ago, hours=1),
            assignment_id=assignment_id,
            rng=random.Random(1),
        )
        return session.id
