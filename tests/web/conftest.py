"""trainer_api served for real on a loopback port, without Rasa.

The customer simulator's address is a closed port, so anything that reaches
the customer gets the product's own "customer unavailable" answer; everything
before that (login, origin, validation, access control) is the real thing.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy.orm import Session

from tests.support.classroom import classroom  # noqa: F401 (a fixture)
from tools.stack import free_port
from trainer_api.edge.app import create_app
from trainer_api.edge.auth import COOKIE_NAME
from trainer_api.provisioning import seed_demo
from trainer_api.settings import PROJECT_ROOT, Settings
from trainer_api.simulation import load_scenario, open_conversation
from trainer_api.storage import repository
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.models import PracticeSession

DEMO_PASSWORDS = {
    "learner": "learner-demo",
    "trainer": "trainer-demo",
    "hr": "hr-demo",
    "admin": "admin-demo",
}


@dataclass
class LiveServer:
    url: str
    settings: Settings
    app: Any

    def login(self, username: str, password: str | None = None) -> str:
        """Log in over HTTP; return the login cookie's token."""
        response = httpx.post(
            f"{self.url}/api/login",
            json={
                "username": username,
                "password": password or DEMO_PASSWORDS[username],
            },
        )
        assert response.status_code == 200, response.text
        return response.cookies[COOKIE_NAME]


@contextmanager
def writing(server: LiveServer) -> Iterator[Session]:
    """A transaction on the running server's database (committed at the end)."""
    engine = make_engine(server.settings.database_url)
    try:
        with make_session_factory(engine).begin() as db:
            yield db
    finally:
        engine.dispose()


def learner_session(
    db: Session, server: LiveServer, session_id: str, scenario_id: str = "flight_delay"
) -> PracticeSession:
    """A practice session of the demo ``learner``, opened by the customer."""
    scenario = load_scenario(server.settings.scenarios_dir, scenario_id)
    return repository.create_session(
        db=db,
        session_id=session_id,
        learner=repository.get_user(db=db, username="learner"),
        version=repository.record_scenario_version(db=db, scenario=scenario),
        seed=1,
        opening=open_conversation(scenario, 1),
    )


@contextmanager
def serving(settings: Settings) -> Iterator[LiveServer]:
    """trainer_api for ``settings`` on a free loopback port, until the block ends."""
    port, app = free_port(), create_app(settings)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "trainer_api did not start"
        assert thread.is_alive(), "trainer_api stopped while starting"
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", settings, app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_settings(settings: Settings, tmp_path: Path) -> Settings:
    """Demo users, a copy of the seed library, and no customer simulator."""
    seed_demo(settings)
    library = tmp_path / "scenarios"
    shutil.copytree(PROJECT_ROOT / "scenarios", library)
    return replace(
        settings,
        rasa_url=f"http://127.0.0.1:{free_port()}",
        rasa_timeout=2,
        scenarios_dir=library,
    )


@pytest.fixture
def live_server(live_settings: Settings) -> Iterator[LiveServer]:
    with serving(live_settings) as server:
        yield server


def login(client: Any, username: str, password: str) -> None:
    """Log ``client`` (an in-process TestClient) in; the login must succeed."""
    response = client.post(
        "/api/login", json={"username": username, "password": password}
    )
    assert response.status_code == 200, response.text
