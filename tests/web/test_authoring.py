"""Trainers author scenarios: validate, draft, publish, export; learners see none."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from trainer_api.edge.app import create_app
from trainer_api.provisioning import seed_demo
from trainer_api.settings import PROJECT_ROOT, Settings
from trainer_api.simulation.scenario import content_hash

FLIGHT = (PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text(encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    shutil.copytree(PROJECT_ROOT / "scenarios", folder)
    return folder


@pytest.fixture
def client(settings: Settings, library: Path, tmp_path: Path) -> Iterator[TestClient]:
    seed_demo(settings)
    local = dataclasses.replace(settings, scenarios_dir=library)
    with TestClient(create_app(local)) as test_client:
        yield test_client


def log_in(client: TestClient, who: str) -> None:
    response = client.post(
        "/api/login", json={"username": who, "password": f"{who}-demo"}
    )
    assert response.status_code == 200


def test_only_trainers_author(client: TestClient) -> None:
    log_in(client, "learner")
    assert client.get("/api/trainer/scenarios").status_code == 403
    assert client.get("/author", follow_redirects=False).status_code == 303
    log_in(client, "trainer")
    ids = [
        row["id"] for row in client.get("/api/trainer/scenarios").json()["scenarios"]
    ]
    assert "flight_delay" in ids and len(ids) >= 8


def test_validation_reports_the_line_of_each_problem(client: TestClient) -> None:
    log_in(client, "trainer")
    broken = FLIGHT.replace("{flight}", "{flight_no}", 1)
    report = client.post("/api/trainer/validate", json={"content": broken}).json()
    line = next(
        n for n, text in enumerate(broken.splitlines(), 1) if "{flight_no}" in text
    )
    assert report["valid"] is False and report["summary"] is None
    assert report["errors"][0]["line"] == line
    assert "flight_no" in report["errors"][0]["message"]
    good = client.post("/api/trainer/validate", json={"content": FLIGHT}).json()
    assert good["valid"] and good["summary"]["id"] == "flight_delay"


def test_validation_lists_every_problem_in_file_order(client: TestClient) -> None:
    log_in(client, "trainer")
    broken = FLIGHT.replace("difficulty: medium", "difficulty: brutal", 1).replace(
        "{flight}", "{flight_no}", 1
    )
    report = client.post("/api/trainer/validate", json={"content": broken}).json()
    assert report["valid"] is False
    assert [e["field"] for e in report["errors"]][0] == "difficulty"
    assert "flight_no" in report["errors"][1]["message"]
    lines = [e["line"] for e in report["errors"]]
    assert len(lines) == 2 and lines == sorted(lines)


def test_an_invalid_draft_is_kept_but_never_published(
    client: TestClient, library: Path
) -> None:
    log_in(client, "trainer")
    broken = FLIGHT.replace("pass_score:", "pass_scor:", 1)
    saved = client.put(
        "/api/trainer/scenarios/flight_delay/draft", json={"content": broken}
    )
    assert saved.json()["saved"] and not saved.json()["validation"]["valid"]
    refused = client.post("/api/trainer/scenarios/flight_delay/publish")
    assert refused.status_code == 422
    assert refused.json()["error"]["errors"][0]["field"] == "pass_scor"
    assert (library / "flight_delay.yml").read_text(encoding="utf-8") == FLIGHT


def test_publishing_records_a_new_version_and_learners_see_it(
    client: TestClient, library: Path
) -> None:
    log_in(client, "trainer")
    edited = FLIGHT.replace("title:", "title: Revised", 1).replace(
        "title: Revised ", "title: Revised - ", 1
    )
    assert edited != FLIGHT
    client.put("/api/trainer/scenarios/flight_delay/draft", json={"content": edited})
    assert client.get("/api/trainer/scenarios/flight_delay").json()["source"] == "draft"
    published = client.post("/api/trainer/scenarios/flight_delay/publish").json()
    assert published["version"] == content_hash(edited)
    # The database is the store: the seed library's file is left as it was.
    assert (library / "flight_delay.yml").read_text(encoding="utf-8") == FLIGHT
    detail = client.get("/api/trainer/scenarios/flight_delay").json()
    assert detail["source"] == "published" and detail[
        "published_version"
    ] == content_hash(edited)
    assert client.get("/api/trainer/scenarios/flight_delay/export").text == edited
    log_in(client, "learner")
    titles = [s["title"] for s in client.get("/api/scenarios").json()["scenarios"]]
    assert any(title.startswith("Revised") for title in titles)


def test_learners_never_see_an_unpublished_draft(client: TestClient) -> None:
    log_in(client, "trainer")
    new = FLIGHT.replace("id: flight_delay", "id: brand_new", 1)
    client.put("/api/trainer/scenarios/brand_new/draft", json={"content": new})
    rows = client.get("/api/trainer/scenarios").json()["scenarios"]
    row = next(r for r in rows if r["id"] == "brand_new")
    assert row["published"] is None and row["draft"]["valid"]
    log_in(client, "learner")
    ids = [s["id"] for s in client.get("/api/scenarios").json()["scenarios"]]
    assert "brand_new" not in ids


def test_bad_requests_change_nothing(client: TestClient, library: Path) -> None:
    log_in(client, "trainer")
    before = sorted(p.name for p in library.iterdir())
    bad_id = client.put(
        "/api/trainer/scenarios/Bad..Id/draft", json={"content": FLIGHT}
    )
    assert (
        bad_id.status_code == 422
        and bad_id.json()["error"]["code"] == "bad_scenario_id"
    )
    huge = client.post("/api/trainer/validate", json={"content": "#" * 300_000})
    assert huge.status_code == 413
    assert client.post("/api/trainer/scenarios/nothing_here/publish").status_code == 404
    malformed = client.post("/api/trainer/validate", json={"text": "x"})
    assert malformed.status_code == 422
    assert sorted(p.name for p in library.iterdir()) == before


def test_a_new_scenario_starts_from_a_valid_template(client: TestClient) -> None:
    log_in(client, "trainer")
    response = client.get(
        "/api/trainer/scenario-template", params={"scenario_id": "late_parcel"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/yaml")
    check = client.post("/api/trainer/validate", json={"content": response.text})
    assert check.json()["valid"] is True, check.json()["errors"]
    assert check.json()["summary"]["id"] == "late_parcel"
    assert check.json()["summary"]["title"] == "Late parcel"
    bad = client.get(
        "/api/trainer/scenario-template", params={"scenario_id": "Late parcel"}
    )
    assert bad.status_code == 422
