"""Rasa's rule policy, reading only the conversation's last turns.

Rasa's RulePolicy turns the whole tracker into states before each prediction:
it replays every event from the start, twice a prediction, twice a turn. Its
cost grows with the conversation (``make profile-turns``, README "What the
profile found"). The customer's rules (data/rules.yml) each look at one
learner message and the action after it, so the last two turns decide every
prediction. ``TurnRulePolicy`` hands RulePolicy a tracker rebuilt from the
events since the second-last ``action_listen``: the same rules, the same
predictions, at a cost that does not grow.

The cut is exact only when no state depends on anything older: no slot that
influences the conversation and no form (their values come from any point in
the history), and no event in the last turns that undoes older ones (``back``
reverts the turn before the cut). A domain with either, or such an event,
gets RulePolicy's own reading of the whole tracker.
tests/bot/test_turn_rules.py checks, on the trained bot, that both readings
predict the same at every step of long conversations and after commands
that undo or reset.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

TURNS_READ = 2
"""Learner turns the rules see: the current one and the one before."""


def reads_only_recent_turns(domain: Domain) -> bool:
    """Whether the last turns hold everything a state can depend on."""
    return not domain.form_names and not any(
        slot.influence_conversation for slot in domain.slots
    )


def recent_turns(
    tracker: DialogueStateTracker, domain: Domain, turns: int = TURNS_READ
) -> DialogueStateTracker:
    """The tracker rebuilt from its ``turns``-th last ``action_listen`` on
    (the tracker itself when it is not longer than that)."""
    events = tracker.events
    listens = 0
    for index in range(len(events) - 1, 0, -1):
        event = events[index]
        if (
            isinstance(event, ActionExecuted)
            and event.action_name == ACTION_LISTEN_NAME
        ):
            listens += 1
            if listens == turns:
                recent = [events[i] for i in range(index, len(events))]
                if any(
                    isinstance(e, (UserUtteranceReverted, ActionReverted))
                    for e in recent
                ):
                    return tracker  # it may undo events older than the cut
                return DialogueStateTracker.from_events(
                    tracker.sender_id,
                    recent,
                    slots=domain.slots,
                    sender_source=tracker.sender_source,
                    domain=domain,
                )
    return tracker


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class TurnRulePolicy(RulePolicy):
    """RulePolicy on the last turns; trained, configured and saved as RulePolicy."""

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        if reads_only_recent_turns(domain):
            tracker = recent_turns(tracker, domain)
        return super().predict_action_probabilities(
            tracker, domain, rule_only_data, **kwargs
        )
