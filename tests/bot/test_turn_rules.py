"""TurnRulePolicy (bot/components/turn_rules.py) predicts, on the trained bot,
exactly what RulePolicy predicts reading the whole tracker, at every step of
long conversations made of every intent the learner can produce."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest
from components.turn_rules import TurnRulePolicy, reads_only_recent_turns, recent_turns
from rasa.core.policies.rule_policy import RulePolicy
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from tools.bot_model import ensure_model
from tools.stack import BOT_DIR

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def trained() -> Iterator[tuple[TurnRulePolicy, Domain]]:
    model, _ = ensure_model()
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.chdir(BOT_DIR)
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    assert agent.processor is not None
    nodes = agent.processor.graph_runner._instantiated_nodes  # type: ignore[attr-defined]
    policies = [
        node._component
        for node in nodes.values()
        if isinstance(getattr(node, "_component", None), RulePolicy)
    ]
    assert [type(p) for p in policies] == [TurnRulePolicy]
    yield policies[0], agent.domain
    monkeypatch.undo()


def whole_tracker_prediction(
    policy: TurnRulePolicy, tracker: DialogueStateTracker, domain: Domain
) -> Any:
    return RulePolicy.predict_action_probabilities(policy, tracker, domain)


def same(first: Any, second: Any) -> bool:
    return (
        first.probabilities == second.probabilities
        and first.events == second.events
        and first.is_end_to_end_prediction == second.is_end_to_end_prediction
        and first.is_no_user_prediction == second.is_no_user_prediction
        and first.hide_rule_turn == second.hide_rule_turn
    )


def learner_intents(domain: Domain) -> list[str]:
    return [i for i in domain.intents if i not in {"restart", "back", "session_start"}]


def test_the_bot_domain_lets_the_policy_read_only_recent_turns(
    trained: tuple[TurnRulePolicy, Domain],
) -> None:
    _, domain = trained
    assert reads_only_recent_turns(domain)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_predictions_on_the_last_turns_equal_those_on_the_whole_tracker(
    trained: tuple[TurnRulePolicy, Domain], seed: int
) -> None:
    policy, domain = trained
    rng = random.Random(seed)
    tracker = DialogueStateTracker("equivalence", domain.slots)
    for event in (
        ActionExecuted(ACTION_SESSION_START_NAME),
        SessionStarted(),
        ActionExecuted(ACTION_LISTEN_NAME),
    ):
        tracker.update(event, domain)
    intents = ["start_scenario"] + [
        rng.choice([*learner_intents(domain), "nlu_fallback"]) for _ in range(40)
    ]
    compared = 0
    for turn, intent in enumerate(intents):
        tracker.update(UserUttered(f"turn {turn}", {"name": intent}), domain)
        for _ in range(3):  # at most: an action, then action_listen
            mine = policy.predict_action_probabilities(tracker, domain)
            full = whole_tracker_prediction(policy, tracker, domain)
            assert same(mine, full), (turn, intent)
            compared += 1
            action = domain.action_names_or_texts[
                max(range(len(full.probabilities)), key=full.probabilities.__getitem__)
            ]
            tracker.update(ActionExecuted(action), domain)
            if action == ACTION_LISTEN_NAME:
                break
            tracker.update(BotUttered(f"customer line {turn}"), domain)
            tracker.update(SlotSet("anger", float(rng.randint(0, 100))), domain)
        assert tracker.latest_action_name == ACTION_LISTEN_NAME, (turn, intent)
    assert compared >= 2 * len(intents)


def test_a_short_tracker_is_read_whole(
    trained: tuple[TurnRulePolicy, Domain],
) -> None:
    _, domain = trained
    tracker = DialogueStateTracker("short", domain.slots)
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME), domain)
    tracker.update(UserUttered("hi", {"name": "greet"}), domain)
    assert recent_turns(tracker, domain) is tracker


def test_the_cut_starts_at_the_second_last_listen(
    trained: tuple[TurnRulePolicy, Domain],
) -> None:
    _, domain = trained
    tracker = DialogueStateTracker("cut", domain.slots)
    for turn in range(5):
        tracker.update(ActionExecuted(ACTION_LISTEN_NAME), domain)
        tracker.update(UserUttered(f"reply {turn}", {"name": "greet"}), domain)
        tracker.update(ActionExecuted("action_customer_reply"), domain)
    recent = recent_turns(tracker, domain)
    assert [e.text for e in recent.events if isinstance(e, UserUttered)] == [
        "reply 3",
        "reply 4",
    ]
    assert isinstance(recent.events[0], ActionExecuted)


def played(domain: Domain, turns: int) -> DialogueStateTracker:
    """A conversation of ``turns`` learner replies, each answered."""
    tracker = DialogueStateTracker("played", domain.slots)
    for event in (
        ActionExecuted(ACTION_SESSION_START_NAME),
        SessionStarted(),
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered("/start_scenario", {"name": "start_scenario"}),
        ActionExecuted("action_customer_opening"),
        BotUttered("opening line"),
    ):
        tracker.update(event, domain)
    for turn in range(turns):
        for event in (
            ActionExecuted(ACTION_LISTEN_NAME),
            UserUttered(f"reply {turn}", {"name": "apologize"}),
            ActionExecuted("action_customer_reply"),
            BotUttered(f"line {turn}"),
        ):
            tracker.update(event, domain)
    return tracker


SPECIAL_ENDINGS: dict[str, list[Event]] = {
    # `back`: Rasa's action_back undoes the command and the turn before it
    "back": [
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered("/back", {"name": "back"}),
        ActionExecuted("action_back"),
        UserUtteranceReverted(),
        UserUtteranceReverted(),
    ],
    "restart": [
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered("/restart", {"name": "restart"}),
    ],
    "restarted": [
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered("/restart", {"name": "restart"}),
        ActionExecuted("action_restart"),
        Restarted(),
    ],
    "session expired": [
        ActionExecuted(ACTION_SESSION_START_NAME),
        SessionStarted(),
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered("reply after a break", {"name": "apologize"}),
    ],
    "silent": [
        ActionExecuted(ACTION_LISTEN_NAME),
        UserUttered("/learner_silent", {"name": "learner_silent"}),
    ],
}


@pytest.mark.parametrize("ending", sorted(SPECIAL_ENDINGS))
def test_commands_that_undo_or_reset_predict_as_on_the_whole_tracker(
    trained: tuple[TurnRulePolicy, Domain], ending: str
) -> None:
    policy, domain = trained
    tracker = played(domain, 6)
    for event in SPECIAL_ENDINGS[ending]:
        tracker.update(event, domain)
    for _ in range(3):
        mine = policy.predict_action_probabilities(tracker, domain)
        full = whole_tracker_prediction(policy, tracker, domain)
        assert same(mine, full), ending
        action = domain.action_names_or_texts[
            max(range(len(full.probabilities)), key=full.probabilities.__getitem__)
        ]
        if action == ACTION_LISTEN_NAME:
            break
        tracker.update(ActionExecuted(action), domain)
