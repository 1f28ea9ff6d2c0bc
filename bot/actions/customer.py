"""The customer's actions: open, react to a learner move, and nudge.

Thin adapters: the scenario and the mood engine in trainer_api.simulation do
the work; these translate between Rasa's tracker and that core. Each action
answers with one bot message whose text is the customer's line and whose
custom part is the contract's answer (trainer_api.simulation.contract), or an
error and no line. A reply that ends the conversation carries the customer's
parting words in the same answer, and sets the ``status`` slot.
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
    customer_lines,
    earlier_answer,
    empathy_score,
    learner_moves,
    message_metadata,
    nudges_event,
    repeats_earlier_reply,
    reply_language,
    state_events,
    state_from_tracker,
)
from trainer_api.settings import load_settings
from trainer_api.simulation import (
    CustomerAnswer,
    CustomerState,
    Scenario,
    ScenarioError,
    UnknownScenario,
    nudge,
    open_conversation,
    respond,
)
from trainer_api.simulation.contract import ANSWER_KEY, ERROR_KEY
from trainer_api.storage.scenarios import UnknownVersion, VersionReader

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
            refuse(dispatcher, "this conversation has already started")
            return []
        metadata = message_metadata(tracker)
        scenario_id = next(tracker.get_latest_entity_values("scenario_id"), None)
        try:
            scenario = scenario_for(scenario_id, metadata.get("scenario_version"))
        except (UnknownScenario, ScenarioError, VersionMismatch) as error:
            logger.warning("cannot open scenario %r: %s", scenario_id, error)
            refuse(dispatcher, str(error))
            return []
        seed = int(metadata.get("seed") or 0)
        opening = open_conversation(scenario, seed)
        say(dispatcher, CustomerAnswer.of(opening))
        return [
            SlotSet("scenario_id", scenario.id),
            SlotSet("scenario_version", scenario.content_hash),
            SlotSet("seed", float(seed)),
            SlotSet("nudges", 0.0),
            *state_events(opening.state),
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
            refuse(dispatcher, str(error))
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
    """Moves the customer's mood with the learner's moves and empathy; reacts.

    If the reply ends the conversation, the customer's parting words come in
    the same answer and the ``status`` slot records how it ended.
    """

    def name(self) -> str:
        return "action_customer_reply"

    def act(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        scenario: Scenario,
        seed: int,
    ) -> list[EventType]:
        earlier = earlier_answer(tracker)
        if earlier is not None:  # a resend: the same answer, the mood moved once
            dispatcher.utter_message(
                text=earlier["text"], json_message=earlier["custom"]
            )
            return []
        state = state_from_tracker(tracker)
        if refuse_if_ended(dispatcher, state):
            return []
        moves = learner_moves(tracker)
        metadata = message_metadata(tracker)
        customer = respond(
            scenario,
            state,
            moves,
            empathy_score=empathy_score(metadata),
            penalised=_penalised(metadata),
            seed=seed,
            repeated=repeats_earlier_reply(tracker),
            said=customer_lines(tracker),
            language=reply_language(metadata),
        )
        say(dispatcher, CustomerAnswer.of(customer, moves))
        return [*nudges_event(tracker, 0), *state_events(customer.state, tracker)]


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
            refuse(dispatcher, f"no more than {MAX_NUDGES} nudges in a row")
            return []
        customer = nudge(
            scenario, state, seed=seed, count=count, said=customer_lines(tracker)
        )
        say(dispatcher, CustomerAnswer.of(customer))
        return [*nudges_event(tracker, count), *state_events(customer.state, tracker)]


class _RetiredEnding(Action, ABC):
    """An ending action of contract version 1, kept for one release.

    A Rasa model trained before the ending came in the reply's own answer
    still calls these after an ending reply; that answer already said the
    parting words, so they say nothing. Remove with contract version 1.
    """

    @abstractmethod
    def name(self) -> str:
        """The retired action's name, as old models call it."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return []


class ActionCustomerEscalate(_RetiredEnding):
    def name(self) -> str:
        return "action_customer_escalate"


class ActionCustomerResolve(_RetiredEnding):
    def name(self) -> str:
        return "action_customer_resolve"


class ActionCustomerLeave(_RetiredEnding):
    def name(self) -> str:
        return "action_customer_leave"


def refuse_if_ended(dispatcher: CollectingDispatcher, state: CustomerState) -> bool:
    """Answer with an error (no customer line) if the conversation has ended."""
    if state.ended:
        refuse(dispatcher, f"the conversation has ended ({state.status})")
    return state.ended


def say(dispatcher: CollectingDispatcher, answer: CustomerAnswer) -> None:
    """The customer's answer: the line as text, the contract beside it."""
    dispatcher.utter_message(
        text=answer.line, json_message={ANSWER_KEY: answer.to_payload()}
    )


def refuse(dispatcher: CollectingDispatcher, error: str) -> None:
    """An answer with no customer line: trainer_api reports the error."""
    dispatcher.utter_message(json_message={ERROR_KEY: error})


def scenario_for(scenario_id: Any, version: Any) -> Scenario:
    """The exact version a conversation runs, read from the scenario store.

    trainer_api records every version before a session starts; the action
    server reads it back by content hash, so a session keeps its customer
    whatever is published since.
    """
    if not version:  # a conversation started without a version plays the published
        published = _versions().published(str(scenario_id))
        if published is None:
            raise VersionMismatch(f"scenario {scenario_id!r} is not published")
        return published
    try:
        scenario = _versions().scenario(str(version))
    except UnknownVersion as error:
        raise VersionMismatch(
            f"scenario {scenario_id!r} has no stored version {version!r}"
        ) from error
    if scenario.id != scenario_id:
        raise VersionMismatch(
            f"version {version} is scenario {scenario.id!r}, not {scenario_id!r}"
        )
    return scenario


@lru_cache(maxsize=1)
def _versions() -> VersionReader:
    return VersionReader(load_settings().database_url)


def _penalised(metadata: dict[str, Any]) -> bool:
    """Whether the scorer found a penalty in the reply (blame, dismissal, ...)."""
    empathy = metadata.get("empathy")
    penalties = empathy.get("penalties") if isinstance(empathy, dict) else None
    return isinstance(penalties, list) and bool(penalties)
