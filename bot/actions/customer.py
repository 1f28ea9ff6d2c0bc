"""The customer's two actions: open the conversation, answer a learner move."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import (
    customer_payload,
    learner_moves,
    message_metadata,
    state_events,
    state_from_tracker,
)
from trainer_api.settings import load_settings
from trainer_api.simulation import (
    Scenario,
    ScenarioError,
    UnknownScenario,
    load_scenario,
    open_conversation,
    respond,
)

logger = logging.getLogger(__name__)


class ActionCustomerOpening(Action):
    """Loads the scenario named in the start message and says the opening line."""

    def name(self) -> str:
        return "action_customer_opening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        metadata = message_metadata(tracker)
        scenario_id = next(tracker.get_latest_entity_values("scenario_id"), None)
        try:
            scenario = scenario_for(scenario_id, metadata.get("scenario_version"))
        except (UnknownScenario, ScenarioError, VersionMismatch) as error:
            logger.warning("cannot open scenario %r: %s", scenario_id, error)
            dispatcher.utter_message(json_message={"error": str(error)})
            return []
        seed = int(metadata.get("seed") or 0)
        opening = open_conversation(scenario, seed)
        dispatcher.utter_message(
            text=opening.line, json_message=customer_payload(opening, [])
        )
        return [
            SlotSet("scenario_id", scenario.id),
            SlotSet("scenario_version", scenario.content_hash),
            SlotSet("seed", float(seed)),
            *state_events(opening),
        ]


class ActionCustomerReply(Action):
    """Moves the customer's mood with the learner's move and empathy, and answers."""

    def name(self) -> str:
        return "action_customer_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        state = state_from_tracker(tracker)
        try:
            scenario = scenario_for(
                tracker.get_slot("scenario_id"), tracker.get_slot("scenario_version")
            )
        except (UnknownScenario, ScenarioError, VersionMismatch) as error:
            dispatcher.utter_message(json_message={"error": str(error)})
            return []
        if state.ended:
            dispatcher.utter_message(
                json_message={"error": f"the conversation has ended ({state.status})"}
            )
            return []
        moves = learner_moves(tracker)
        customer = respond(
            scenario,
            state,
            moves,
            empathy_score=_empathy_score(message_metadata(tracker)),
            seed=int(tracker.get_slot("seed") or 0),
        )
        dispatcher.utter_message(
            text=customer.line, json_message=customer_payload(customer, moves)
        )
        return state_events(customer)


class VersionMismatch(LookupError):
    """The scenario file on disk is not the version the session was started with."""


def scenario_for(scenario_id: Any, version: Any) -> Scenario:
    """The scenario with this id, checked against the expected content hash."""
    scenario = _load(str(scenario_id))
    if version and scenario.content_hash != version:
        _load.cache_clear()
        scenario = _load(str(scenario_id))
    if version and scenario.content_hash != version:
        raise VersionMismatch(
            f"scenario {scenario.id!r} is now version {scenario.content_hash}, "
            f"but this conversation runs version {version}"
        )
    return scenario


@lru_cache(maxsize=64)
def _load(scenario_id: str) -> Scenario:
    return load_scenario(load_settings().scenarios_dir, scenario_id)


def _empathy_score(metadata: dict[str, Any]) -> int | None:
    empathy = metadata.get("empathy")
    if not isinstance(empathy, dict):
        return None
    score = empathy.get("score")
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        return None
    return max(0, min(100, int(score)))
