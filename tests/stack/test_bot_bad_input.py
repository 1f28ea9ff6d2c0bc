"""Odd learner input reaches the customer bot: it answers in character, never breaks."""

from __future__ import annotations

import httpx
import pytest

from trainer_api.rasa_client import parse_reply
from trainer_api.stack import Stack

pytestmark = pytest.mark.stack

ODD_INPUT = [
    "asdkjh qwe zxcv",
    "¿Dónde está mi maleta? No entiendo nada.",
    "🙂🙂🙂",
    "<script>alert('x')</script>",
    "sorry " * 800,
]


def say(client: httpx.Client, sender: str, text: str, **metadata: object) -> list:
    body = {"sender": sender, "message": text, "metadata": metadata}
    response = client.post("/webhooks/rest/webhook", json=body, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("text", ODD_INPUT, ids=range(len(ODD_INPUT)))
def test_the_customer_answers_odd_input_in_character(stack: Stack, text: str) -> None:
    with httpx.Client(base_url=stack.config.rasa_url) as client:
        sender = f"odd-{hash(text) & 0xFFFF}"
        say(client, sender, '/start_scenario{"scenario_id": "lost_luggage"}', seed=5)
        messages = say(client, sender, text, empathy={"score": 10})
    reply = parse_reply(messages)
    assert reply.turn.line.strip()
    for internal in ("action_", "utter_", "nlu_fallback", "{", "}"):
        assert internal not in reply.turn.line


def test_ten_identical_replies_wear_the_customer_down(stack: Stack) -> None:
    with httpx.Client(base_url=stack.config.rasa_url) as client:
        sender = "parrot"
        say(client, sender, '/start_scenario{"scenario_id": "flight_delay"}', seed=2)
        statuses, reasons = [], []
        for _ in range(10):
            reply = parse_reply(
                say(client, sender, "I understand.", empathy={"score": 30})
            )
            statuses.append(reply.turn.state.status)
            reasons += reply.turn.reasons
            if reply.turn.state.ended:
                break
    assert "anger +6: repeated the same words" in reasons
    assert statuses[-1] in {"escalated", "abandoned"}
