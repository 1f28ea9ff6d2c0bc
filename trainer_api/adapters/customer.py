"""What practice needs from the simulated customer, whoever plays it.

The product plays the customer with the Rasa bot (``rasa_client.RasaClient``);
anything with these four methods can stand in, such as the fast tests'
customer built directly on the simulation core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from trainer_api.simulation import CustomerTurn


class CustomerUnavailable(RuntimeError):
    """The customer simulator did not answer, or answered something unusable."""


@dataclass(frozen=True)
class CustomerReply:
    """The customer's answer as practice stores it: the turn and the moves heard."""

    turn: CustomerTurn
    moves: list[str]


class Customer(Protocol):
    """One simulated customer per ``sender`` (the practice session's id)."""

    async def start(
        self, *, sender: str, scenario_id: str, version: str, seed: int
    ) -> CustomerReply:
        """Open a conversation: the customer's first message."""

    async def send(
        self, *, sender: str, text: str, metadata: dict[str, Any]
    ) -> CustomerReply:
        """One learner reply; ``metadata`` carries the reply's empathy score."""

    async def nudge(self, *, sender: str, metadata: dict[str, Any]) -> CustomerReply:
        """The learner has gone quiet: the customer's prompt."""

    async def close(self) -> None:
        """Release connections."""
