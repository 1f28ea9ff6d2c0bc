"""Refusals and scenario problems read in the reader's language, values and all.

The French catalogue is translated elsewhere; here a small stand-in catalogue
(``trainer_api.i18n.translations`` patched) holds the few messages these tests
read, so they check the plumbing: the English message id and its values go
through the request's locale, while the English text stays for tests and logs.
"""

from __future__ import annotations

import pytest
from babel.support import NullTranslations
from starlette.testclient import TestClient

from tests.web.conftest import login
from trainer_api import i18n
from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import ScenarioError, parse_scenario
from trainer_api.usecases.refusal import Kind, Refused

FLIGHT = (PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text(encoding="utf-8")
FRENCH = {
    "There is no scenario {scenario}.": "Il n'y a pas de scénario {scenario}.",
    "placeholder {{{name}}} names no fact; known facts: {known}": (
        "le paramètre {{{name}}} ne nomme aucun fait ; faits connus : {known}"
    ),
}


class StandInFrench(NullTranslations):
    """Translates the messages of :data:`FRENCH`; any other stays English."""

    def ugettext(self, message: str) -> str:
        return FRENCH.get(message, message)

    gettext = ugettext


@pytest.fixture(autouse=True)
def french_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    def translations(locale: str) -> NullTranslations:
        if i18n.language_of(locale) == "fr":
            return StandInFrench()
        return NullTranslations()

    monkeypatch.setattr(i18n, "translations", translations)


def in_french(client: TestClient) -> TestClient:
    login(client, "trainer", "trainer-demo")
    client.cookies.set(i18n.LANGUAGE_COOKIE, "fr-CA")
    return client


def test_a_refusal_reads_in_french_with_its_value(client: TestClient) -> None:
    response = in_french(client).get("/api/trainer/scenarios/no_such_scenario")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "unknown_scenario"
    assert error["message"] == "Il n'y a pas de scénario 'no_such_scenario'."

    client.cookies.set(i18n.LANGUAGE_COOKIE, "en")
    english = client.get("/api/trainer/scenarios/no_such_scenario").json()["error"]
    assert english["message"] == "There is no scenario 'no_such_scenario'."


def test_a_scenario_problem_reads_in_french_with_its_values(
    client: TestClient,
) -> None:
    broken = FLIGHT.replace("{flight}", "{flight_no}", 1)
    line = next(
        n for n, text in enumerate(broken.splitlines(), 1) if "{flight_no}" in text
    )
    report = in_french(client).post("/api/trainer/validate", json={"content": broken})
    assert report.status_code == 200
    problem = report.json()["errors"][0]
    assert problem["line"] == line and problem["field"] == "opening[0]"
    assert problem["problem"].startswith(
        "le paramètre {flight_no} ne nomme aucun fait ; faits connus : airline, "
    )
    assert problem["message"] == f"draft:{line}: opening[0]: {problem['problem']}"


def test_the_english_text_stays_for_tests_and_logs() -> None:
    with i18n.using("fr-CA"):
        refused = Refused(
            Kind.NOT_FOUND,
            "unknown_scenario",
            "There is no scenario {scenario}.",
            scenario="'late'",
        )
        assert refused.message == "There is no scenario 'late'."
        assert refused.to_dict()["message"] == "Il n'y a pas de scénario 'late'."
        with pytest.raises(ScenarioError) as error:
            parse_scenario(FLIGHT.replace("{flight}", "{flight_no}", 1))
        english = "placeholder {flight_no} names no fact; known facts: airline, "
        assert error.value.problem.startswith(english)
        assert english in str(error.value)
        assert error.value.to_dict()["problem"].startswith("le paramètre {flight_no}")
