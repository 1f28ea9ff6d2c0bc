"""The customer bot seen from trainer_api: one message in, the customer's line
and state out.

trainer_api is the only client of the bot's learner channel
(``bot/channels/learner.py``). A learner's reply goes as ``text``, which the
channel always hands to the NLU as words; starting a scenario and nudging a
quiet learner go as ``control``, which only this module sends.
"""

from __future__ import annotations

from typing import Any

import httpx

from trainer_api.adapters.customer import CustomerReply, CustomerUnavailable
from trainer_api.simulation import ContractError, CustomerAnswer
from trainer_api.simulation.contract import ANSWER_KEY, ERROR_KEY

CHANNEL_PATH = "/webhooks/learner"
"""The learner channel's routes on the Rasa server: ``/`` (health), ``/webhook``."""


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
    """The customer's answer among the learner channel's messages.

    The action server sends one answer per turn (contract version 2). An
    action server of the previous release (version 1) sends a turn that ends
    the conversation as two messages, the reaction and then the parting line;
    they are joined into one answer: the state is the last one's, the reasons
    all of them. Reading version 1 goes with the next release.

    Raises:
        CustomerUnavailable: no answer, an error instead of one, or an answer
            that breaks the contract.
    """
    if not isinstance(messages, list):
        raise CustomerUnavailable("the customer simulator sent no messages")
    texts = [m["text"] for m in messages if isinstance(m, dict) and m.get("text")]
    customs = [m["custom"] for m in messages if isinstance(m, dict) and m.get("custom")]
    for custom in customs:
        if isinstance(custom, dict) and custom.get(ERROR_KEY):
            raise CustomerUnavailable(str(custom[ERROR_KEY]))
    payloads = [
        c[ANSWER_KEY]
        for c in customs
        if isinstance(c, dict) and isinstance(c.get(ANSWER_KEY), dict)
    ]
    if not texts or not payloads:
        raise CustomerUnavailable("the customer simulator gave no answer to this turn")
    try:
        if len(payloads) == 1 and "version" in payloads[0]:
            answer = CustomerAnswer.from_payload(payloads[0])
        else:
            answer = CustomerAnswer.from_payload(_version_1(texts, payloads))
    except ContractError as exc:
        raise CustomerUnavailable(f"the customer's answer is unusable: {exc}") from exc
    return CustomerReply(turn=answer.turn, moves=list(answer.moves))


def _version_1(texts: list[str], payloads: list[dict[str, Any]]) -> dict[str, Any]:
    """One answer from a version-1 turn: the reaction and, if any, the parting line."""
    if any("version" in payload for payload in payloads):
        raise ContractError("a turn must carry exactly one versioned answer")
    reasons: list[Any] = []
    for payload in payloads:
        listed = payload.get("reasons")
        if not isinstance(listed, list):
            raise ContractError("'reasons' must be a list of texts")
        reasons += listed
    return {
        **payloads[-1],
        "line": " ".join(texts),
        "reasons": reasons,
        "moves": next((p["moves"] for p in payloads if p.get("moves")), []),
    }
