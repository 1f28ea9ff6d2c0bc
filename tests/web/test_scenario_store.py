"""The database is the one scenario store, shared by every trainer_api process."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.web.conftest import LiveServer, serving
from trainer_api.cli import export_scenarios
from trainer_api.edge.auth import COOKIE_NAME
from trainer_api.provisioning import import_scenarios
from trainer_api.settings import PROJECT_ROOT, Settings
from trainer_api.simulation.scenario import content_hash
from trainer_api.storage import scenarios as store
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.repository import get_user

FLIGHT = (PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text(encoding="utf-8")
REVISED = FLIGHT.replace("title:", "title: Revised -", 1)


def client_for(server: LiveServer, who: str) -> httpx.Client:
    token = server.login(who)
    return httpx.Client(base_url=server.url, cookies={COOKIE_NAME: token})


def test_publishing_on_one_process_is_seen_by_another(live_settings: Settings) -> None:
    with serving(live_settings) as first, serving(live_settings) as second:
        trainer = client_for(first, "trainer")
        saved = trainer.put(
            "/api/trainer/scenarios/flight_delay/draft", json={"content": REVISED}
        )
        assert saved.status_code == 200
        published = trainer.post("/api/trainer/scenarios/flight_delay/publish")
        assert published.json()["version"] == content_hash(REVISED)

        learner = client_for(second, "learner")
        titles = [s["title"] for s in learner.get("/api/scenarios").json()["scenarios"]]
        assert any(title.startswith("Revised") for title in titles)
        other_trainer = client_for(second, "trainer")
        exported = other_trainer.get("/api/trainer/scenarios/flight_delay/export")
        assert exported.text == REVISED
        old = other_trainer.get(
            "/api/trainer/scenarios/flight_delay/export",
            params={"version": content_hash(FLIGHT)},
        )
        assert old.text == FLIGHT  # every version stays readable
    # Nothing was written to the seed library.
    library = live_settings.scenarios_dir / "flight_delay.yml"
    assert library.read_text(encoding="utf-8") == FLIGHT


def test_the_seed_library_never_overwrites_a_trainers_publication(
    live_settings: Settings, tmp_path: Path
) -> None:
    assert import_scenarios(live_settings) == []  # migrate imported it already
    library_file = live_settings.scenarios_dir / "flight_delay.yml"
    library_file.write_text(REVISED, encoding="utf-8")
    assert import_scenarios(live_settings) == [
        f"flight_delay: published version {content_hash(REVISED)}"
    ]
    engine = make_engine(live_settings.database_url)
    sessions = make_session_factory(engine)
    with sessions.begin() as db:
        trainer = get_user(db=db, username="trainer")
        original = store.scenario_of(db, content_hash(FLIGHT))
        store.publish(db, original, user_id=trainer.id)
    assert import_scenarios(live_settings) == []  # the trainer's choice stands
    with sessions() as db:
        assert store.published_hash(db, "flight_delay") == content_hash(FLIGHT)
    engine.dispose()

    out = tmp_path / "exported"
    assert export_scenarios(live_settings, out) == 0
    assert (out / "flight_delay.yml").read_text(encoding="utf-8") == FLIGHT
    assert len(list(out.glob("*.yml"))) == len(
        list((PROJECT_ROOT / "scenarios").glob("*.yml"))
    )


def test_listing_scenarios_parses_nothing_after_the_first_time(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each version is parsed once per process (``make bench`` prints the time)."""
    learner = client_for(live_server, "learner")
    assert learner.get("/api/scenarios").status_code == 200
    parses = []
    real = store.scenario_of
    monkeypatch.setattr(
        store, "scenario_of", lambda db, h: parses.append(h) or real(db, h)
    )
    for _ in range(10):
        listed = learner.get("/api/scenarios").json()["scenarios"]
        assert len(listed) == len(list((PROJECT_ROOT / "scenarios").glob("*.yml")))
    assert parses == []
