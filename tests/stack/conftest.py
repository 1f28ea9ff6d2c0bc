"""The real product: trained model, Rasa server, action server and trainer_api.

These tests start real processes on free loopback ports. The database is
PostgreSQL when TEST_DATABASE_URL is set, else a SQLite file.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest

from tests.conftest import throwaway_postgres
from trainer_api.bot_model import ensure_model
from trainer_api.cli import migrate, seed_demo
from trainer_api.settings import Settings
from trainer_api.stack import Stack, StackConfig


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def stack_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = os.environ.get("TEST_DATABASE_URL")
    if server:
        yield from throwaway_postgres(server)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'trainer.db'}"


@pytest.fixture(scope="session")
def stack(
    tmp_path_factory: pytest.TempPathFactory, stack_database_url: str
) -> Iterator[Stack]:
    model, _ = ensure_model()
    settings = Settings(environment="test", database_url=stack_database_url)
    migrate(settings)
    seed_demo(settings)
    base = tmp_path_factory.mktemp("stack")
    running = Stack(
        StackConfig(
            model=model,
            database_url=stack_database_url,
            tracker_url=f"sqlite:///{base / 'tracker.db'}",
            log_dir=base / "logs",
            versions_dir=base / "versions",
            web_port=free_port(),
            rasa_port=free_port(),
            action_port=free_port(),
            extra_env={"EMPATHY_ENV": "test"},
        )
    )
    running.start()
    yield running
    running.stop()
