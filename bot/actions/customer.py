"""The customer's actions: open, react to a learner move, nudge, and end.

Thin adapters: the scenario and the mood engine in trainer_api.simulation do
the work; these translate between Rasa's tracker and that core.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.tracker_state import (
    customer_payload,
    learner_moves,
    message_metadata,
    repeats_earlier_reply,
    state_events,
    state_from_tracker,
)
from trainer_api.scenario_store import read_version
from trainer_api.settings import load_settings
from trainer_api.simulation import (
    CustomerState,
    CustomerTurn,
    Scenario,
    ScenarioError,
    UnknownScenario,
    ending_line,
    load_scenario,
    nudge,
    open_conversation,
    respond,
)
from trainer_api.simulation.library import parse_stored

logger = logging.getLogger(__name__)

MAX_NUDGES = 2
"""Nudges in a row; trainer_api refuses more (practice.MAX_NUDGES), and so do we."""


class VersionMismatch(LookupError):
    """The scenario file on disk is not the version the session was started with."""


class ActionCustomerOpening(Action):
    """Loads the scenario named in the start message and says the opening line.

    Once per conversation: a conversation that runs is never restarted.
    """

    def name(self) -> str:
        return "action_customer_opening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        if tracker.get_slot("scenario_id"):
            dispatcher.utter_message(
                json_message={"error": "this conversation has already started"}
            )
            return []
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
        say(dispatcher, opening, [])
        return [
            SlotSet("scenario_id", scenario.id),
            SlotSet("scenario_version", scenario.content_hash),
            SlotSet("seed", float(seed)),
            SlotSet("nudges", 0.0),
            *state_events(opening),
        ]


class _ScenarioAction(Action, ABC):
    """An action on a running conversation: finds its scenario and state.

    Abstract (rasa_sdk registers only concrete Action subclasses).
    """

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        try:
            scenario = scenario_for(
                tracker.get_slot("scenario_id"), tracker.get_slot("scenario_version")
            )
        except (UnknownScenario, ScenarioError, VersionMismatch) as error:
            dispatcher.utter_message(json_message={"error": str(error)})
            return []
        return self.act(
            dispatcher, tracker, scenario, int(tracker.get_slot("seed") or 0)
        )

    @abstractmethod
    def act(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        scenario: Scenario,
        seed: int,
    ) -> list[EventType]:
        """Do this action's work on a running conversation."""


class ActionCustomerReply(_ScenarioAction):
    """Moves the customer's mood with the learner's moves and empathy; reacts."""

    def name(self) -> str:
        return "action_customer_reply"

    def act(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        scenario: Scenario,
        seed: int,
    ) -> list[EventType]:
        state = state_from_tracker(tracker)
        if refuse_if_ended(dispatcher, state):
            return []
        moves = learner_moves(tracker)
        customer = respond(
            scenario,
            state,
            moves,
            empathy_score=_empathy_score(message_metadata(tracker)),
            seed=seed,
            repeated=repeats_earlier_reply(tracker),
        )
        say(dispatcher, customer, moves)
        return [SlotSet("nudges", 0.0), *state_events(customer)]


class ActionCustomerNudge(_ScenarioAction):
    """The learner has gone quiet: the customer prompts them."""

    def name(self) -> str:
        return "action_customer_nudge"

    def act(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        scenario: Scenario,
        seed: int,
    ) -> list[EventType]:
        state = state_from_tracker(tracker)
        if refuse_if_ended(dispatcher, state):
            return []
        count = int(tracker.get_slot("nudges") or 0) + 1
        if count > MAX_NUDGES:
            dispatcher.utter_message(
                json_message={"error": f"no more than {MAX_NUDGES} nudges in a row"}
            )
            return []
        customer = nudge(scenario, state, seed=seed, count=count)
        say(dispatcher, customer, [])
        return [SlotSet("nudges", float(count)), *state_events(customer)]


class _ActionCustomerEnding(_ScenarioAction):
    """Says the customer's last line once Rasa's rules decide the conversation ended."""

    @abstractmethod
    def name(self) -> str:
        """One action per ending, named in the domain."""

    def act(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        scenario: Scenario,
        seed: int,
    ) -> list[EventType]:
        state = state_from_tracker(tracker)
        line = ending_line(scenario, state, seed=seed)
        ending = CustomerTurn(
            line=line, state=state, band=scenario.mood.band(state.anger), reasons=()
        )
        say(dispatcher, ending, [], ending=True)
        return []


class ActionCustomerEscalate(_ActionCustomerEnding):
    def name(self) -> str:
        return "action_customer_escalate"


class ActionCustomerResolve(_ActionCustomerEnding):
    def name(self) -> str:
        return "action_customer_resolve"


class ActionCustomerLeave(_ActionCustomerEnding):
    def name(self) -> str:
        return "action_customer_leave"


def refuse_if_ended(dispatcher: CollectingDispatcher, state: CustomerState) -> bool:
    """Answer with an error (no customer line) if the conversation has ended."""
    if state.ended:
        dispatcher.utter_message(
            json_message={"error": f"the conversation has ended ({state.status})"}
        )
    return state.ended


def say(
    dispatcher: CollectingDispatcher,
    customer: CustomerTurn,
    moves: list[str],
    *,
    ending: bool = False,
) -> None:
    dispatcher.utter_message(
        text=customer.line,
        json_message=customer_payload(customer, moves, ending=ending),
    )


def scenario_for(scenario_id: Any, version: Any) -> Scenario:
    """The exact version a conversation runs, else the published file.

    trainer_api keeps every version it starts a session with; the published
    file is only used (and checked against the hash) when that copy is missing.
    """
    kept = read_version(load_settings().versions_dir, str(version or ""))
    if kept is not None:
        scenario = parse_stored(kept)
        if scenario.id != scenario_id:
            raise VersionMismatch(
                f"version {version} is scenario {scenario.id!r}, not {scenario_id!r}"
            )
        return scenario
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
