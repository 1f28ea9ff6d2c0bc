"""The Alembic history: one head, a full round trip, and models that match it."""

from __future__ import annotations

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from trainer_api.provisioning import alembic_config, migrate
from trainer_api.settings import Settings
from trainer_api.storage.db import make_engine
from trainer_api.storage.models import metadata


def test_history_has_one_head(tmp_path) -> None:
    script = ScriptDirectory.from_config(alembic_config(f"sqlite:///{tmp_path}/x.db"))
    assert len(script.get_heads()) == 1


def test_upgrade_downgrade_round_trip(database_url: str) -> None:
    config = alembic_config(database_url)
    migrate(Settings(database_url=database_url))
    engine = make_engine(database_url)
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())
    command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    command.upgrade(config, "head")
    assert set(metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_models_match_the_migrations(database_url: str) -> None:
    migrate(Settings(database_url=database_url))
    command.check(alembic_config(database_url))  # raises if autogenerate finds a diff
