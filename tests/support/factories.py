"""Factories for repository and use-case tests: rows with sensible defaults.

Each takes an open database session and flushes, so the caller's transaction
decides what is kept.
"""

from __future__ import annotations

import itertools
import random
import uuid

from sqlalchemy.orm import Session

from trainer_api.simulation import open_conversation
from trainer_api.storage import repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.models import AppUser, PracticeSession
from trainer_api.storage.passwords import cost_for

_numbers = itertools.count(1)
PASSWORD = "factory-password-1"


def make_user(db: Session, *, role: str = "learner", username: str = "") -> AppUser:
    """A user with the test hashing cost and the password ``PASSWORD``."""
    name = username or f"{role}-{next(_numbers)}"
    return repository.create_user(
        db=db,
        username=name,
        display_name=name.replace("-", " ").title(),
        role=role,
        password=PASSWORD,
        cost=cost_for("test"),
    )


def make_session(
    db: Session,
    *,
    learner: AppUser | None = None,
    scenario_id: str = "flight_delay",
    seed: int | None = None,
) -> PracticeSession:
    """A practice session of a published scenario, opened by its customer."""
    scenario = scenario_store.published_scenario(db, scenario_id)
    assert scenario is not None, f"{scenario_id} is not published"
    seed = random.Random(next(_numbers)).randrange(2**31) if seed is None else seed
    version = repository.record_scenario_version(db=db, scenario=scenario)
    session = repository.create_session(
        db=db,
        session_id=str(uuid.uuid4()),
        learner=learner or make_user(db),
        version=version,
        seed=seed,
        opening=open_conversation(scenario, seed),
    )
    db.flush()
    return session
