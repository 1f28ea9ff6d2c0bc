"""The mood engine: empathy calms, blame inflames, endings, determinism."""

from __future__ import annotations

import pytest

from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import (
    ABANDONED,
    ACTIVE,
    ESCALATED,
    RESOLVED,
    CustomerState,
    load_scenario,
    open_conversation,
    respond,
)
from trainer_api.simulation.mood import UnknownMove


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(PROJECT_ROOT / "scenarios", "flight_delay")


def test_opening_starts_at_the_scenario_mood(scenario) -> None:
    opening = open_conversation(scenario, seed=1)
    assert opening.state.anger == scenario.mood.anger
    assert opening.line in {scenario.render(line) for line in scenario.opening}


def test_empathy_calms_and_dismissal_inflames(scenario) -> None:
    start = open_conversation(scenario, seed=1).state
    calmer = respond(
        scenario, start, ["acknowledge_feelings"], empathy_score=85, seed=1
    )
    angrier = respond(scenario, start, ["dismiss"], empathy_score=10, seed=1)
    assert calmer.state.anger < start.anger < angrier.state.anger
    assert calmer.state.trust > start.trust > angrier.state.trust


def test_every_change_has_a_reason(scenario) -> None:
    start = open_conversation(scenario, seed=1).state
    turn = respond(scenario, start, ["cite_policy"], empathy_score=20, seed=1)
    effect = scenario.mood.moves["cite_policy"].anger
    assert f"anger {effect:+d}: cited policy" in turn.reasons
    assert any(reason.endswith("empathy score 20") for reason in turn.reasons)


def test_same_seed_same_customer_different_seed_may_differ(scenario) -> None:
    def play(seed: int) -> list[str]:
        state = open_conversation(scenario, seed).state
        lines = []
        for move in ["greet", "apologize", "ask_question", "explain_situation"]:
            turn = respond(scenario, state, [move], empathy_score=60, seed=seed)
            state = turn.state
            lines.append(turn.line)
        return lines

    assert play(7) == play(7)
    assert any(play(7) != play(seed) for seed in range(8, 20))


def test_meeting_every_need_calmly_resolves(scenario) -> None:
    state = open_conversation(scenario, seed=3).state
    for need in scenario.needs:
        turn = respond(scenario, state, [need.met_by[0]], empathy_score=95, seed=3)
        state = turn.state
    while state.status == ACTIVE:
        turn = respond(
            scenario, state, ["acknowledge_feelings"], empathy_score=95, seed=3
        )
        state = turn.state
    assert state.status == RESOLVED
    assert turn.line in {scenario.render(line) for line in scenario.endings["resolved"]}


def test_repeated_blame_escalates_to_a_manager(scenario) -> None:
    state = open_conversation(scenario, seed=3).state
    while state.status == ACTIVE:
        turn = respond(scenario, state, ["blame_customer"], empathy_score=0, seed=3)
        state = turn.state
    assert state.status == ESCALATED
    assert turn.line in {scenario.render(line) for line in scenario.endings["escalate"]}


def test_the_customer_leaves_after_the_turn_limit(scenario) -> None:
    state = CustomerState(anger=60, trust=30, turn=scenario.mood.max_turns - 1)
    turn = respond(scenario, state, ["greet"], empathy_score=50, seed=1)
    assert turn.state.status == ABANDONED


def test_an_ended_conversation_takes_no_more_moves(scenario) -> None:
    ended = CustomerState(anger=95, trust=0, turn=3, status=ESCALATED)
    with pytest.raises(ValueError, match="ended"):
        respond(scenario, ended, ["apologize"], empathy_score=90, seed=1)


def test_unknown_moves_are_refused(scenario) -> None:
    state = open_conversation(scenario, seed=1).state
    with pytest.raises(UnknownMove):
        respond(scenario, state, ["hug"], empathy_score=50, seed=1)


def test_two_moves_in_one_reply_count_as_both(scenario) -> None:
    state = open_conversation(scenario, seed=1).state
    both = respond(
        scenario, state, ["apologize", "offer_solution"], empathy_score=None, seed=1
    )
    moves = scenario.mood.moves
    expected = state.anger + moves["apologize"].anger + moves["offer_solution"].anger
    assert both.state.anger == max(0, expected)
