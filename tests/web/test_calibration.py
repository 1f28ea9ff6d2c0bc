"""Trainers mark learner turns; the product reports agreement and exports marks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score
from starlette.testclient import TestClient

from tools.scorer.corpus import parse_record
from trainer_api.cli import export_marks
from trainer_api.edge.app import create_app
from trainer_api.provisioning import seed_demo
from trainer_api.scoring import DIMENSIONS, score_reply
from trainer_api.settings import PROJECT_ROOT, Settings
from trainer_api.simulation import load_scenario, open_conversation
from trainer_api.storage import repository
from trainer_api.usecases.calibration import quadratic_weighted_kappa

REPLIES = [
    "Sorry you feel that way.",
    "I'm so sorry, that sounds exhausting. I've rebooked you on the 18:40.",
]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ([0, 1, 2, 2, 1, 0], [0, 1, 2, 2, 1, 0]),
        ([0, 1, 2, 2, 1, 0], [0, 2, 2, 1, 1, 0]),
        ([0, 0, 2, 2], [2, 2, 0, 0]),
        ([1, 2, 0, 1, 1, 2, 0], [1, 1, 0, 2, 1, 2, 1]),
    ],
)
def test_kappa_matches_the_reference_implementation(first, second) -> None:
    expected = cohen_kappa_score(first, second, weights="quadratic", labels=[0, 1, 2])
    assert quadratic_weighted_kappa(first, second) == pytest.approx(expected, abs=1e-3)


def test_kappa_is_undefined_without_marks() -> None:
    assert quadratic_weighted_kappa([], []) is None


@pytest.fixture
def scored_turns(settings: Settings, db_sessions) -> list[int]:
    seed_demo(settings)
    scenario = load_scenario(PROJECT_ROOT / "scenarios", "flight_delay")
    with db_sessions.begin() as db:
        learner = repository.get_user(db=db, username="learner")
        version = repository.record_scenario_version(db=db, scenario=scenario)
        session = repository.create_session(
            db=db,
            session_id="calibration-session",
            learner=learner,
            version=version,
            seed=1,
            opening=open_conversation(scenario, 1),
        )
        return [
            repository.add_learner_turn(
                db=db,
                session=session,
                text=text,
                message_id=f"m{number}",
                score=score_reply(text),
            ).id
            for number, text in enumerate(REPLIES)
        ]


@pytest.fixture
def trainer(settings: Settings, scored_turns: list[int]) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        client.post(
            "/api/login", json={"username": "trainer", "password": "trainer-demo"}
        )
        yield client


def levels(value: int) -> dict[str, int]:
    return {name: value for name in DIMENSIONS}


def test_marks_are_stored_shown_and_measured(
    trainer: TestClient, scored_turns: list[int], settings: Settings, tmp_path: Path
) -> None:
    assert trainer.get("/api/trainer/calibration").json()["marks"] == 0
    for turn_id in scored_turns:
        saved = trainer.put(
            f"/api/trainer/turns/{turn_id}/mark",
            json={"dimensions": levels(1), "penalties": ["dismissal"]},
        )
        assert saved.status_code == 200, saved.text
    again = trainer.put(
        f"/api/trainer/turns/{scored_turns[0]}/mark",
        json={"dimensions": levels(0), "penalties": ["dismissal"]},
    )
    assert again.json()["mark"]["dimensions"] == levels(0)

    report = trainer.get("/api/trainer/calibration").json()
    assert report["marks"] == 2
    assert set(report["dimensions"]) == set(DIMENSIONS)
    assert report["penalties"]["dismissal"]["n"] == 2

    detail = trainer.get("/api/sessions/calibration-session").json()
    learner_turns = [t for t in detail["turns"] if t["speaker"] == "learner"]
    assert learner_turns[0]["mark"]["trainer"] == "trainer"

    target = tmp_path / "marks.jsonl"
    assert export_marks(settings, target) == 0
    examples = [json.loads(line) for line in target.read_text().splitlines()]
    assert [e["reply"] for e in examples] == REPLIES
    assert examples[0]["labels"]["dismissal"] == 1
    assert examples[0]["customer"]
    parsed = [parse_record(example) for example in examples]  # the corpus's format
    assert parsed[0].labels["emotional_reaction"] == 0


def test_bad_marks_are_refused_and_change_nothing(
    trainer: TestClient, scored_turns: list[int]
) -> None:
    url = f"/api/trainer/turns/{scored_turns[0]}/mark"
    too_high = trainer.put(url, json={"dimensions": levels(3), "penalties": []})
    assert (
        too_high.status_code == 422
        and "use 0, 1 or 2" in too_high.json()["error"]["message"]
    )
    missing = trainer.put(url, json={"dimensions": {"ownership": 1}, "penalties": []})
    assert missing.status_code == 422
    unknown = trainer.put(
        url, json={"dimensions": levels(1), "penalties": ["rudeness"]}
    )
    assert unknown.status_code == 422
    nowhere = trainer.put(
        "/api/trainer/turns/999999/mark",
        json={"dimensions": levels(1), "penalties": []},
    )
    assert nowhere.status_code == 404
    assert trainer.get("/api/trainer/calibration").json()["marks"] == 0


def test_learners_cannot_mark(settings: Settings, scored_turns: list[int]) -> None:
    with TestClient(create_app(settings)) as client:
        client.post(
            "/api/login", json={"username": "learner", "password": "learner-demo"}
        )
        response = client.put(
            f"/api/trainer/turns/{scored_turns[0]}/mark",
            json={"dimensions": levels(1), "penalties": []},
        )
        assert response.status_code == 403
        detail = client.get("/api/sessions/calibration-session").json()
        assert all("mark" not in turn for turn in detail["turns"])
