"""Shared fixtures: databases (SQLite; also PostgreSQL if TEST_DATABASE_URL is set)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker
from starlette.testclient import TestClient

from tests.support.in_process_customer import InProcessCustomer
from tools.stack import throwaway_postgres
from trainer_api.edge.app import create_app
from trainer_api.provisioning import migrate, seed_demo
from trainer_api.settings import Settings
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.usecases.practice import PracticeService

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """An empty database on each configured backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
    else:
        with throwaway_postgres(os.environ["TEST_DATABASE_URL"]) as url:
            yield url


@pytest.fixture
def settings(database_url: str) -> Settings:
    migrate(Settings(database_url=database_url))
    return Settings(environment="test", database_url=database_url)


@pytest.fixture
def db_sessions(settings: Settings) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(settings.database_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """The whole app in process, with the demo users (no Rasa needed)."""
    seed_demo(settings)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def customer(settings: Settings) -> InProcessCustomer:
    """The simulation core with a phrase-table ear, in place of the bot."""
    return InProcessCustomer(settings.database_url)


@pytest.fixture
def practice(
    settings: Settings,
    db_sessions: sessionmaker[Session],
    customer: InProcessCustomer,
) -> Iterator[PracticeService]:
    """The practice use case over ``customer`` (no Rasa)."""
    service = PracticeService(settings, db_sessions, customer)
    yield service
    asyncio.run(service.close())
