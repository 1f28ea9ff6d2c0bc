"""Translation between Rasa's tracker and the simulation core's contract."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from trainer_api.simulation import (
    NLU_LANGUAGES,
    STATE_FIELDS,
    CustomerState,
    confirmed_moves,
    is_repeat,
    moves_of_intent,
    moves_of_score,
    state_fields,
    state_from_slots,
)
from trainer_api.simulation.contract import ANSWER_KEY

COMMAND_PREFIX = "/"
"""How Rasa records trainer_api's controls (``/learner_silent``): not learner words."""


def state_from_tracker(tracker: Tracker) -> CustomerState:
    """The customer's state as the slots recorded it after the last turn."""
    return state_from_slots({name: tracker.get_slot(name) for name in STATE_FIELDS})


def state_events(
    state: CustomerState, tracker: Tracker | None = None
) -> list[EventType]:
    """The slot events that record ``state`` (numbers as Rasa's float slots).

    With ``tracker``, only the slots whose value differs from what the
    tracker's slots hold now (a slot never set counts as different): every
    event is stored and sent to the action server on each later turn, so a
    conversation carries no event that changes nothing.
    """
    return [
        SlotSet(name, float(value) if isinstance(value, int) else value)
        for name, value in state_fields(state).items()
        if tracker is None or not _holds(tracker, name, value)
    ]


def nudges_event(tracker: Tracker, count: int) -> list[EventType]:
    """The ``nudges`` slot set to ``count``, unless it holds that already."""
    if _holds(tracker, "nudges", count):
        return []
    return [SlotSet("nudges", float(count))]


def _holds(tracker: Tracker, name: str, value: Any) -> bool:
    held = tracker.get_slot(name)
    return held is not None and held == value


def learner_moves(tracker: Tracker) -> list[str]:
    """The moves of the latest learner message: ``a+b`` intents count as both.

    With the reply's score in the message (trainer_api sends it), the NLU's
    moves count only where the scorer's reading supports them
    (``confirmed_moves``: no "offered a solution" for a reply that offers
    nothing), and a reply in a language the NLU does not know (French, for
    one) is heard through its score (``moves_of_score``), not through an
    English classifier guessing at French words.
    """
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    heard = moves_of_intent(intent)
    metadata = message_metadata(tracker)
    empathy = metadata.get("empathy")
    if not isinstance(empathy, dict) or empathy.get("band") == "unscored":
        return list(heard)
    dimensions, penalties = empathy.get("dimensions"), empathy.get("penalties")
    if not isinstance(dimensions, dict) or not isinstance(penalties, list):
        return list(heard)
    found = [str(p) for p in penalties]
    language = empathy.get("language")
    if isinstance(language, str) and language not in NLU_LANGUAGES:
        return list(moves_of_score(dimensions, found))
    score = empathy_score(metadata)
    return list(confirmed_moves(heard, dimensions, found, score))


def reply_language(metadata: dict[str, Any]) -> str | None:
    """The language the scorer read the reply in (``en``, ``fr``, another
    code), or None when trainer_api sent no score."""
    empathy = metadata.get("empathy")
    if not isinstance(empathy, dict):
        return None
    language = empathy.get("language")
    return language if isinstance(language, str) and language else None


def message_metadata(tracker: Tracker) -> dict[str, Any]:
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata if isinstance(metadata, dict) else {}


def empathy_score(metadata: dict[str, Any]) -> int | None:
    """The reply's 0-100 empathy score trainer_api sent, if it sent one."""
    empathy = metadata.get("empathy")
    if not isinstance(empathy, dict):
        return None
    score = empathy.get("score")
    if isinstance(score, bool) or not isinstance(score, (int, float)):
        return None
    return max(0, min(100, int(score)))


def customer_lines(tracker: Tracker) -> list[str]:
    """What the customer has said so far in this conversation."""
    return [
        str(event.get("text"))
        for event in tracker.events
        if event.get("event") == "bot" and event.get("text")
    ]


def earlier_answer(tracker: Tracker) -> dict[str, Any] | None:
    """The answer already given to this very message, if it is a resend.

    trainer_api sends each learner reply's ``message_id`` in the metadata; a
    reply sent again (its answer timed out on the way back, or a process
    restarted) carries the same id. Its first answer, the customer line and
    contract the bot uttered after the first copy, is returned so the
    customer answers it again without moving twice. None for a new message.
    """
    message_id = message_metadata(tracker).get("message_id")
    if not isinstance(message_id, str) or not message_id:
        return None
    events = list(tracker.events)
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    for index in users[:-1]:  # the last user event is the resend itself
        metadata = events[index].get("metadata") or {}
        if not isinstance(metadata, dict) or metadata.get("message_id") != message_id:
            continue
        for event in events[index + 1 :]:
            if event.get("event") == "user":
                break
            custom = (event.get("data") or {}).get("custom")
            # an answer, not an error: a resend of a refused message is tried
            if (
                event.get("event") == "bot"
                and isinstance(custom, dict)
                and isinstance(custom.get(ANSWER_KEY), dict)
            ):
                return {"text": event.get("text"), "custom": custom}
    return None


def repeats_earlier_reply(tracker: Tracker) -> bool:
    """Whether the latest learner message repeats an earlier one (``is_repeat``)."""
    said = [
        event.get("text") for event in tracker.events if event.get("event") == "user"
    ]
    replies = [text for text in said if _learner_words(text)]
    latest = tracker.latest_message.get("text")
    if not _learner_words(latest):
        return False
    # the last user event is the latest message itself
    return is_repeat(latest, replies[:-1])


def _learner_words(text: Any) -> bool:
    return isinstance(text, str) and not text.lstrip().startswith(COMMAND_PREFIX)
