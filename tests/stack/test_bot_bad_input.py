"""Odd learner input reaches the customer bot: it answers in character, never breaks."""

from __future__ import annotations

import httpx
import pytest

from tools.stack import Stack
from trainer_api.adapters.rasa_client import CHANNEL_PATH, parse_reply

pytestmark = pytest.mark.stack

ODD_INPUT = [
    "asdkjh qwe zxcv",
    "¿Dónde está mi maleta? No entiendo nada.",
    "🙂🙂🙂",
    "<script>alert('x')</script>",
    "sorry " * 800,
]


def post(client: httpx.Client, body: dict) -> list:
    response = client.post(f"{CHANNEL_PATH}/webhook", json=body, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def start(client: httpx.Client, sender: str, scenario_id: str, seed: int) -> list:
    control = {"name": "start_scenario", "entities": {"scenario_id": scenario_id}}
    return post(
        client, {"sender": sender, "metadata": {"seed": seed}, "control": control}
    )


def say(client: httpx.Client, sender: str, text: str, **metadata: object) -> list:
    return post(client, {"sender": sender, "metadata": metadata, "text": text})


@pytest.mark.parametrize("text", ODD_INPUT, ids=range(len(ODD_INPUT)))
def test_the_customer_answers_odd_input_in_character(stack: Stack, text: str) -> None:
    with httpx.Client(base_url=stack.config.rasa_url) as client:
        sender = f"odd-{hash(text) & 0xFFFF}"
        start(client, sender, "lost_luggage", seed=5)
        messages = say(client, sender, text, empathy={"score": 10})
    reply = parse_reply(messages)
    assert reply.turn.line.strip()
    for internal in ("action_", "utter_", "nlu_fallback", "{", "}"):
        assert internal not in reply.turn.line


def test_ten_identical_replies_wear_the_customer_down(stack: Stack) -> None:
    with httpx.Client(base_url=stack.config.rasa_url) as client:
        sender = "parrot"
        start(client, sender, "flight_delay", seed=2)
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
