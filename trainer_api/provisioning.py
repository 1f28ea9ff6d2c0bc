"""Setting up a database: the schema, the scenario library, the demo users.

Used by the command line, the stack runner and the tests; it imports nothing
from either, so the tools above it form no import circle.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.orm import Session

from trainer_api.settings import PROJECT_ROOT, Settings
from trainer_api.storage import people, repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.passwords import cost_for

DEMO_USERS = (
    ("learner", "Alex Learner", "learner", "learner-demo"),
    ("trainer", "Taylor Trainer", "trainer", "trainer-demo"),
    ("hr", "Harper HR", "hr", "hr-demo"),
    ("admin", "Ari Admin", "admin", "admin-demo"),
)
DEMO_COHORT = "Demo cohort"
"""The demo learner and trainer share it, so the trainer coaches the learner."""


def alembic_config(database_url: str) -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def migrate(settings: Settings) -> None:
    """Bring the database schema to the newest revision."""
    if settings.database_url.startswith("sqlite:///"):
        Path(settings.database_url.removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    command.upgrade(alembic_config(settings.database_url), "head")
    import_scenarios(settings)


def import_scenarios(settings: Settings) -> list[str]:
    """Import the seed library (``scenarios/``) into the scenario store."""
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine).begin() as db:
            return scenario_store.import_library(db, settings.scenarios_dir)
    finally:
        engine.dispose()


def seed_demo(settings: Settings) -> list[tuple[str, str, str]]:
    """Create the demo learner, trainer, HR user and admin if missing, and the
    demo cohort of the learner and the trainer; their logins."""
    if settings.is_production:
        raise SystemExit(
            "refusing to create demo users with known passwords in production"
        )
    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine).begin() as db:
            for username, name, role, password in DEMO_USERS:
                if repository.get_user(db=db, username=username) is None:
                    repository.create_user(
                        db=db,
                        username=username,
                        display_name=name,
                        role=role,
                        password=password,
                        cost=cost_for(settings.environment),
                    )
            _demo_cohort(db)
    finally:
        engine.dispose()
    return [(role, username, password) for username, _, role, password in DEMO_USERS]


def _demo_cohort(db: Session) -> None:
    cohort = people.cohorts_by_name(db=db, names=[DEMO_COHORT]).get(DEMO_COHORT)
    if cohort is not None:
        return
    cohort = people.create_cohort(db=db, name=DEMO_COHORT)
    for username in ("learner", "trainer"):
        user = repository.get_user(db=db, username=username)
        if user is not None:
            people.add_member(db=db, cohort=cohort, user=user)
