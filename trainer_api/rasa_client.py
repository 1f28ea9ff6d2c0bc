"""The customer bot seen from trainer_api: one message in, the customer's line
and state out.

trainer_api is the only client of the bot's learner channel
(``bot/channels/learner.py``). A learner's reply goes as ``text``, which the
channel always hands to the NLU as words; starting a scenario and nudging a
quiet learner go as ``control``, which only this module sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from trainer_api.simulation import CustomerState, CustomerTurn

CHANNEL_PATH = "/webhooks/learner"
"""The learner channel's routes on the Rasa server: ``/`` (health), ``/webhook``."""


class CustomerUnavailable(RuntimeError):
    """The customer simulator did not answer, or answered something unusable."""


@dataclass(frozen=True)
class CustomerReply:
    turn: CustomerTurn
    moves: list[str]


class RasaClient:
    """Posts to the bot's learner channel (``/webhooks/learner/webhook``)."""

    def __init__(self, base_url: str, *, timeout: float = 30.0) -> None:
        self._url = f"{base_url.rstrip('/')}{CHANNEL_PATH}/webhook"
        self._client = httpx.AsyncClient(timeout=timeout)

    async def start(
        self, *, sender: str, scenario_id: str, version: str, seed: int
    ) -> CustomerReply:
        """Open a conversation with the customer of ``scenario_id``."""
        control = {"name": "start_scenario", "entities": {"scenario_id": scenario_id}}
        metadata = {"scenario_version": version, "seed": seed}
        return await self._post(sender, metadata, control=control)

    async def send(
        self, *, sender: str, text: str, metadata: dict[str, Any]
    ) -> CustomerReply:
        """Send one learner reply (read as words, whatever it starts with)."""
        return await self._post(sender, metadata, text=text)

    async def nudge(self, *, sender: str, metadata: dict[str, Any]) -> CustomerReply:
        """The learner has gone quiet; return the customer's prompt."""
        return await self._post(sender, metadata, control={"name": "learner_silent"})

    async def close(self) -> None:
        await self._client.aclose()

    async def _post(
        self, sender: str, metadata: dict[str, Any], **message: Any
    ) -> CustomerReply:
        body = {"sender": sender, "metadata": metadata, **message}
        try:
            response = await self._client.post(self._url, json=body)
            if response.status_code == 400:
                raise CustomerUnavailable(
                    f"the customer simulator refused the message: {response.text}"
                )
            response.raise_for_status()
            messages = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise CustomerUnavailable(f"the customer simulator failed: {exc}") from exc
        return parse_reply(messages)


def parse_reply(messages: Any) -> CustomerReply:
    """Combine the learner channel's messages into one customer turn.

    A turn that ends the conversation has two customer messages (the reaction,
    then the ending line); the state is the last one's, the reasons all of them.
    """
    if not isinstance(messages, list):
        raise CustomerUnavailable("the customer simulator sent no messages")
    texts = [m["text"] for m in messages if isinstance(m, dict) and m.get("text")]
    customs = [m["custom"] for m in messages if isinstance(m, dict) and m.get("custom")]
    for custom in customs:
        if isinstance(custom, dict) and custom.get("error"):
            raise CustomerUnavailable(str(custom["error"]))
    payloads = [
        c["customer"]
        for c in customs
        if isinstance(c, dict) and isinstance(c.get("customer"), dict)
    ]
    if not texts or not payloads:
        raise CustomerUnavailable("the customer simulator gave no answer to this turn")
    try:
        return _combine(texts, payloads)
    except (KeyError, TypeError, ValueError) as exc:
        raise CustomerUnavailable(f"the customer's state is incomplete: {exc}") from exc


def _combine(texts: list[str], payloads: list[dict[str, Any]]) -> CustomerReply:
    last = payloads[-1]
    state = CustomerState(
        anger=int(last["anger"]),
        trust=int(last["trust"]),
        turn=int(last["turn"]),
        needs_met=tuple(last["needs_met"]),
        status=str(last["status"]),
    )
    turn = CustomerTurn(
        line=" ".join(texts),
        state=state,
        band=str(last["band"]),
        reasons=tuple(str(r) for p in payloads for r in p["reasons"]),
        stage=last.get("stage"),
    )
    moves: list[Any] = next((p["moves"] for p in payloads if p.get("moves")), [])
    return CustomerReply(turn=turn, moves=[str(move) for move in moves])
