"""Translation between Rasa slots and the simulation core's customer state."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from trainer_api.simulation import LEARNER_MOVES, CustomerState, CustomerTurn

UNCLEAR = "unclear"


def state_from_tracker(tracker: Tracker) -> CustomerState:
    """The customer's state as the slots recorded it after the last turn."""
    return CustomerState(
        anger=int(tracker.get_slot("anger") or 0),
        trust=int(tracker.get_slot("trust") or 0),
        turn=int(tracker.get_slot("turn") or 0),
        needs_met=tuple(tracker.get_slot("needs_met") or ()),
        status=str(tracker.get_slot("status") or "active"),
    )


def state_events(customer: CustomerTurn) -> list[EventType]:
    state = customer.state
    return [
        SlotSet("anger", float(state.anger)),
        SlotSet("trust", float(state.trust)),
        SlotSet("turn", float(state.turn)),
        SlotSet("needs_met", list(state.needs_met)),
        SlotSet("status", state.status),
    ]


def learner_moves(tracker: Tracker) -> list[str]:
    """The moves of the latest learner message: ``a+b`` intents count as both."""
    intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
    moves = [move for move in intent.split("+") if move in LEARNER_MOVES]
    return moves or [UNCLEAR]


def message_metadata(tracker: Tracker) -> dict[str, Any]:
    metadata = tracker.latest_message.get("metadata") or {}
    return metadata if isinstance(metadata, dict) else {}


def customer_payload(
    customer: CustomerTurn, moves: list[str], *, ending: bool = False
) -> dict[str, Any]:
    """What trainer_api receives next to the customer's line."""
    state = customer.state
    return {
        "customer": {
            "anger": state.anger,
            "trust": state.trust,
            "turn": state.turn,
            "needs_met": list(state.needs_met),
            "status": state.status,
            "band": customer.band,
            "stage": customer.stage,
            "reasons": list(customer.reasons),
            "moves": moves,
            "ending": ending,
        }
    }


def repeats_earlier_reply(tracker: Tracker) -> bool:
    """Whether the latest learner message repeats an earlier one word for word."""
    latest = _normalised(tracker.latest_message.get("text"))
    if not latest or latest.startswith("/"):
        return False
    said = [
        _normalised(event.get("text"))
        for event in tracker.events
        if event.get("event") == "user"
    ]
    return latest in said[:-1]  # the last user event is the message itself


def _normalised(text: Any) -> str:
    if not isinstance(text, str):
        return ""
    return " ".join(
        "".join(c for c in text.lower() if c.isalnum() or c.isspace()).split()
    )
