"""trainer_api reads the customer's answer from the learner channel's messages."""

from __future__ import annotations

from typing import Any

import pytest

from trainer_api.adapters.rasa_client import CustomerUnavailable, parse_reply
from trainer_api.simulation import CustomerAnswer, CustomerState

ESCALATED = CustomerState(93, 10, 4, ("acknowledged",), "escalated")


def message(payload: dict[str, Any], text: str) -> dict[str, Any]:
    return {"recipient_id": "s-1", "text": text, "custom": {"customer": payload}}


def version_1(line: str, *, reasons: list[str], moves: list[str], **extra: Any) -> dict:
    """A payload as the previous release's action server wrote it."""
    payload = {
        "anger": ESCALATED.anger,
        "trust": ESCALATED.trust,
        "turn": ESCALATED.turn,
        "needs_met": list(ESCALATED.needs_met),
        "status": ESCALATED.status,
        "band": "furious",
        "reasons": reasons,
        "moves": moves,
        **extra,
    }
    return message(payload, line)


def test_one_answer_per_turn_is_read_whole() -> None:
    answer = CustomerAnswer(
        line="That's it. Get me your manager. I'm done here.",
        state=ESCALATED,
        band="furious",
        reasons=("anger +18: blamed the customer",),
        moves=("blame_customer",),
    )
    reply = parse_reply([message(answer.to_payload(), answer.line)])
    assert reply.turn == answer.turn
    assert reply.moves == ["blame_customer"]


def test_the_previous_releases_two_message_ending_is_joined() -> None:
    reaction = version_1(
        "That's it.",
        reasons=["anger +18: blamed the customer"],
        moves=["blame_customer"],
        stage="owned",
        ending=False,
    )
    ending = version_1(
        "Get me your manager.", reasons=[], moves=[], stage=None, ending=True
    )
    reply = parse_reply([reaction, ending])
    assert reply.turn.line == "That's it. Get me your manager."
    assert reply.turn.state == ESCALATED and reply.turn.stage is None
    assert reply.turn.reasons == ("anger +18: blamed the customer",)
    assert reply.moves == ["blame_customer"]


def test_an_error_is_reported_not_answered() -> None:
    refused = [
        {"recipient_id": "s-1", "custom": {"error": "the conversation has ended"}}
    ]
    with pytest.raises(CustomerUnavailable, match="has ended"):
        parse_reply(refused)


@pytest.mark.parametrize(
    ("messages", "complaint"),
    [
        ({"text": "hi"}, "sent no messages"),
        ([], "gave no answer"),
        ([{"text": "Hello?"}], "gave no answer"),
        (
            [message({"version": 2, "line": "Hello?", "anger": 50}, "Hello?")],
            "unusable: the customer's answer has no 'trust'",
        ),
        (
            [
                message({"version": 2, "line": "Hi.", "anger": 50}, "Hi."),
                message({"version": 2, "line": "Bye.", "anger": 50}, "Bye."),
            ],
            "exactly one versioned answer",
        ),
    ],
)
def test_an_unusable_answer_says_why(messages: Any, complaint: str) -> None:
    with pytest.raises(CustomerUnavailable, match=complaint):
        parse_reply(messages)
