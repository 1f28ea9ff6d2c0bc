"""The Rasa REST channel, seen from trainer_api: one learner message in, the
customer's line and state out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx

from trainer_api.simulation import CustomerState, CustomerTurn


class CustomerUnavailable(RuntimeError):
    """The customer simulator did not answer, or answered something unusable."""


@dataclass(frozen=True)
class CustomerReply:
    turn: CustomerTurn
    moves: list[str]


class RasaClient:
    """Sends learner messages to Rasa's REST channel (``/webhooks/rest/webhook``)."""

    def __init__(self, base_url: str, *, timeout: float = 30.0) -> None:
        self._url = f"{base_url.rstrip('/')}/webhooks/rest/webhook"
        self._client = httpx.AsyncClient(timeout=timeout)

    async def start(
        self, *, sender: str, scenario_id: str, version: str, seed: int
    ) -> CustomerReply:
        """Open a conversation with the customer of ``scenario_id``."""
        message = "/start_scenario" + json.dumps({"scenario_id": scenario_id})
        return await self.send(
            sender=sender,
            text=message,
            metadata={"scenario_version": version, "seed": seed},
        )

    async def send(
        self, *, sender: str, text: str, metadata: dict[str, Any]
    ) -> CustomerReply:
        """Send one learner message; return the customer's answer."""
        body = {"sender": sender, "message": text, "metadata": metadata}
        try:
            response = await self._client.post(self._url, json=body)
            response.raise_for_status()
            messages = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise CustomerUnavailable(f"the customer simulator failed: {exc}") from exc
        return parse_reply(messages)

    async def close(self) -> None:
        await self._client.aclose()


def parse_reply(messages: Any) -> CustomerReply:
    """Combine the REST channel's text and custom messages into one reply."""
    if not isinstance(messages, list):
        raise CustomerUnavailable("the customer simulator sent no messages")
    texts = [m["text"] for m in messages if isinstance(m, dict) and m.get("text")]
    customs = [m["custom"] for m in messages if isinstance(m, dict) and m.get("custom")]
    for custom in customs:
        if isinstance(custom, dict) and custom.get("error"):
            raise CustomerUnavailable(str(custom["error"]))
    payload = next(
        (c["customer"] for c in customs if isinstance(c, dict) and "customer" in c),
        None,
    )
    if not texts or not isinstance(payload, dict):
        raise CustomerUnavailable("the customer simulator gave no answer to this turn")
    try:
        state = CustomerState(
            anger=int(payload["anger"]),
            trust=int(payload["trust"]),
            turn=int(payload["turn"]),
            needs_met=tuple(payload["needs_met"]),
            status=str(payload["status"]),
        )
        turn = CustomerTurn(
            line=" ".join(texts),
            state=state,
            band=str(payload["band"]),
            reasons=tuple(payload["reasons"]),
        )
        moves = [str(move) for move in payload["moves"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise CustomerUnavailable(f"the customer's state is incomplete: {exc}") from exc
    return CustomerReply(turn=turn, moves=moves)
