"""The customer's answer: one contract for the action server and trainer_api."""

from __future__ import annotations

import json
from typing import Any

import pytest

from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import (
    CONTRACT_VERSION,
    ContractError,
    CustomerAnswer,
    CustomerState,
    load_scenario,
    open_conversation,
    respond,
    state_from_slots,
)

SCENARIO = load_scenario(PROJECT_ROOT / "scenarios", "flight_delay")


def rendered(lines: Any) -> set[str]:
    return {SCENARIO.render(line) for line in lines}


def a_reply() -> CustomerAnswer:
    start = open_conversation(SCENARIO, seed=2).state
    turn = respond(
        SCENARIO, start, ["apologize", "offer_solution"], empathy_score=80, seed=2
    )
    return CustomerAnswer.of(turn, ["apologize", "offer_solution"])


def test_an_answer_survives_the_wire_as_plain_json() -> None:
    answer = a_reply()
    payload = json.loads(json.dumps(answer.to_payload()))
    assert payload["version"] == CONTRACT_VERSION
    assert CustomerAnswer.from_payload(payload) == answer
    assert answer.turn.line == answer.line and answer.turn.state == answer.state


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"anger": None}, "'anger' must be a whole number"),
        ({"anger": "12"}, "'anger' must be a whole number"),
        ({"anger": 101}, "'anger' must be from 0 to 100"),
        ({"trust": 4.5}, "'trust' must be a whole number"),
        ({"turn": -1}, "'turn' must be 0 or more"),
        ({"status": "angry"}, "'status' must be one of active, resolved"),
        ({"needs_met": "acknowledged"}, "'needs_met' must be a list of texts"),
        ({"reasons": [1]}, "'reasons' must be a list of texts"),
        ({"moves": ["hug"]}, "unknown learner moves: ['hug']"),
        ({"line": ""}, "'line' must be a non-empty text"),
        ({"stage": 3}, "'stage' must be a non-empty text"),
        ({"version": 3}, "contract version 3; this side reads version 1 or 2"),
        ({"version": True}, "contract version True"),
    ],
)
def test_a_broken_answer_is_refused_with_the_field_and_the_fix(
    change: dict[str, Any], complaint: str
) -> None:
    payload = {**a_reply().to_payload(), **change}
    with pytest.raises(ContractError, match=complaint.replace("[", r"\[")):
        CustomerAnswer.from_payload(payload)


@pytest.mark.parametrize("field", ["line", "anger", "status", "band", "reasons"])
def test_a_missing_field_is_named(field: str) -> None:
    payload = a_reply().to_payload()
    del payload[field]
    with pytest.raises(ContractError, match=f"has no '{field}'"):
        CustomerAnswer.from_payload(payload)


def test_an_answer_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ContractError, match="must be an object, got list"):
        CustomerAnswer.from_payload([])


def test_a_version_1_answer_without_a_version_is_still_read() -> None:
    payload = {**a_reply().to_payload(), "ending": False}
    del payload["version"]
    assert CustomerAnswer.from_payload(payload).version == 1


def test_slots_give_the_state_and_unset_slots_a_fresh_start() -> None:
    assert state_from_slots({}) == CustomerState(anger=0, trust=0)
    slots = {
        "anger": 61.0,
        "trust": 30.0,
        "turn": 2.0,
        "needs_met": ["acknowledged"],
        "status": "active",
    }
    assert state_from_slots(slots) == CustomerState(61, 30, 2, ("acknowledged",))
    with pytest.raises(ContractError, match="'anger'"):
        state_from_slots({**slots, "anger": 61.5})


def test_an_escalating_reply_says_its_parting_words_in_the_same_answer() -> None:
    edge = CustomerState(anger=SCENARIO.mood.escalate_at - 1, trust=20, turn=3)
    turn = respond(SCENARIO, edge, ["blame_customer"], empathy_score=0, seed=5)
    assert turn.state.status == "escalated" and turn.stage is None
    parting = [
        p for p in rendered(SCENARIO.endings["escalate"]) if turn.line.endswith(p)
    ]
    assert parting, turn.line
    reaction = turn.line.removesuffix(parting[0]).removesuffix(" ")
    band = SCENARIO.mood.band(turn.state.anger)
    assert reaction in rendered(SCENARIO.reactions["blame"][band])


def test_a_reply_that_goes_on_has_no_parting_words() -> None:
    answer = a_reply()
    assert answer.state.status == "active" and answer.stage is not None
    endings = ("escalate", "resolved", "leave")
    partings = {line for key in endings for line in rendered(SCENARIO.endings[key])}
    assert not any(answer.line.endswith(parting) for parting in partings)
