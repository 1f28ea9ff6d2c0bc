"""The customer's language: a scenario's locale decides it, and a learner who
writes in another language is asked, in character, to go back to it."""

from __future__ import annotations

import pytest
import yaml

from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import (
    CustomerState,
    ScenarioError,
    load_library,
    load_scenario,
    open_conversation,
    parse_scenario,
    respond,
)
from trainer_api.simulation.scenario import OTHER_LANGUAGE, OTHER_LANGUAGE_LINES

SCENARIOS = PROJECT_ROOT / "scenarios"
FLIGHT = (SCENARIOS / "flight_delay.yml").read_text(encoding="utf-8")


def _started(scenario_id: str) -> tuple[object, CustomerState]:
    scenario = load_scenario(SCENARIOS, scenario_id)
    return scenario, open_conversation(scenario, seed=3).state


def test_the_library_holds_french_scenarios_of_both_regions() -> None:
    library = load_library(SCENARIOS)
    locales = {scenario.id: scenario.locale for scenario in library}
    french = [sid for sid, locale in locales.items() if locale.startswith("fr")]
    assert len(french) >= 6
    assert {"fr-CA", "fr-FR"} <= set(locales.values())
    for scenario in library:
        assert scenario.language in ("en", "fr")


def test_a_reply_in_english_to_a_french_customer_is_asked_back_into_french() -> None:
    scenario, state = _started("carte_bloquee_etranger")
    turn = respond(
        scenario,
        state,
        ["apologize", "offer_solution"],
        empathy_score=85,
        seed=3,
        language="en",
    )
    assert turn.line in OTHER_LANGUAGE_LINES["fr"]
    assert (turn.state.anger, turn.state.trust) == (state.anger, state.trust)
    assert turn.state.needs_met == state.needs_met
    assert turn.state.turn == state.turn + 1
    # said once, the other line comes next
    again = respond(
        scenario,
        turn.state,
        ["apologize"],
        empathy_score=85,
        seed=3,
        language="en",
        said=[turn.line],
    )
    assert again.line in OTHER_LANGUAGE_LINES["fr"] and again.line != turn.line


def test_a_reply_in_the_customers_language_moves_the_mood_as_before() -> None:
    scenario, state = _started("carte_bloquee_etranger")
    turn = respond(
        scenario, state, ["apologize"], empathy_score=85, seed=3, language="fr"
    )
    assert turn.state.anger < state.anger


def test_a_scenario_may_say_it_in_its_own_words() -> None:
    def own_words(doc: dict) -> None:
        doc["lines"][OTHER_LANGUAGE] = [
            "Sorry love, English please, my French is awful."
        ]

    doc = yaml.safe_load(FLIGHT)
    own_words(doc)
    scenario = parse_scenario(yaml.safe_dump(doc, sort_keys=False), source="flight.yml")
    state = open_conversation(scenario, seed=1).state
    turn = respond(scenario, state, ["greet"], empathy_score=60, seed=1, language="fr")
    assert turn.line == "Sorry love, English please, my French is awful."


@pytest.mark.parametrize("locale", ["de", "english", "fr_CA_x", ""])
def test_a_locale_the_customer_cannot_speak_is_refused_clearly(locale: str) -> None:
    doc = yaml.safe_load(FLIGHT)
    doc["locale"] = locale
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(yaml.safe_dump(doc, sort_keys=False), source="flight.yml")
    assert "locale" in str(caught.value)


@pytest.mark.parametrize("language", ["de", "it", "other"])
def test_a_language_no_customer_speaks_is_heard_as_something_unclear(
    language: str,
) -> None:
    scenario, state = _started("flight_delay")
    turn = respond(
        scenario, state, ["unclear"], empathy_score=None, seed=3, language=language
    )
    assert turn.line not in OTHER_LANGUAGE_LINES["en"]
    assert turn.state.anger > state.anger
