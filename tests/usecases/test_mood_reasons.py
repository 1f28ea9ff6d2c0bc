"""The customer's mood reasons, stored in English, read in the reader's language."""

from __future__ import annotations

import pytest

from trainer_api import i18n
from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import load_scenario, open_conversation, respond
from trainer_api.usecases.mood_reasons import localise_reason, localise_reasons


def _reasons() -> list[str]:
    """Reasons the simulation core really writes, of every kind."""
    scenario = load_scenario(PROJECT_ROOT / "scenarios", "flight_delay")
    state = open_conversation(scenario, seed=2).state
    warm = respond(scenario, state, ["acknowledge_feelings"], empathy_score=80, seed=2)
    flat = respond(scenario, warm.state, ["greet"], empathy_score=20, seed=2)
    again = respond(
        scenario, flat.state, ["apologize"], empathy_score=60, seed=2, repeated=True
    )
    other = respond(
        scenario, again.state, ["greet"], empathy_score=60, seed=2, language="fr"
    )
    return [*warm.reasons, *flat.reasons, *again.reasons, *other.reasons]


def test_english_readers_see_the_reasons_as_stored() -> None:
    reasons = _reasons()
    with i18n.using("en"):
        assert localise_reasons(reasons) == reasons


def test_french_readers_see_every_kind_of_reason_in_french() -> None:
    reasons = _reasons()
    assert any("need met:" in r for r in reasons)
    assert any("stronger for empathy score" in r for r in reasons)
    assert any("repeated the same words" in r for r in reasons)
    assert any("not in the customer's language" in r for r in reasons)
    with i18n.using("fr-CA"):
        french = localise_reasons(reasons)
    for stored, shown in zip(reasons, french, strict=True):
        assert shown != stored, stored
        assert not any(
            word in shown for word in ("anger", "trust", "stronger", "need met")
        ), shown
    # numbers and the scenario's own words come through unchanged
    assert any("+" in shown or "-" in shown for shown in french)


@pytest.mark.parametrize(
    "reason", ["something the core may say one day", "anger +3: an unknown reason"]
)
def test_a_reason_it_does_not_know_is_shown_as_stored(reason: str) -> None:
    with i18n.using("fr-FR"):
        assert localise_reason(reason) == reason
