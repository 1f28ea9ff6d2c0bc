"""Setting up a database: the schema, the scenario library, the demo users.

Used by the command line, the stack runner and the tests; it imports nothing
from either, so the tools above it form no import circle.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from trainer_api.settings import PROJECT_ROOT, Settings
from trainer_api.storage import repository
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.passwords import cost_for

DEMO_USERS = (
    ("learner", "Alex Learner", "learner", "learner-demo"),
    ("trainer", "Taylor Trainer", "trainer", "trainer-demo"),
    ("hr", "Harper HR", "hr", "hr-demo"),
)


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
    """Create the demo learner, trainer and HR user if missing; their logins."""
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
    finally:
        engine.dispose()
    return [(role, username, password) for username, _, role, password in DEMO_USERS]
