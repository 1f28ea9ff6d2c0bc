"""A customer for the fast tests: the simulation core itself, no Rasa.

It follows ``trainer_api.adapters.customer.Customer`` exactly as the bot does:
it reads the conversation's scenario version from the scenario store by
content hash, keeps the customer's state per sender, and answers with
``open_conversation``, ``respond`` and ``nudge``. Only the hearing differs:
instead of the bot's NLU, a short phrase table turns a reply into moves, so a
test says which moves it means by the words it writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from trainer_api.adapters.customer import CustomerReply, CustomerUnavailable
from trainer_api.simulation import (
    UNCLEAR,
    CustomerState,
    Scenario,
    is_repeat,
    nudge,
    open_conversation,
    respond,
)
from trainer_api.storage.scenarios import UnknownVersion, VersionReader

HEARD = (
    (r"\bcalm down\b|\brelax\b", "dismiss"),
    (r"\bpolicy\b", "cite_policy"),
    (r"\byou should have\b", "blame_customer"),
    (r"\bsorry\b|\bapologi[sz]e\b", "apologize"),
    (r"\bour (mistake|fault)\b", "take_ownership"),
    (r"\bi understand\b|\bmust be\b|\bno wonder\b", "acknowledge_feelings"),
    (r"\bi've (re)?booked\b|\brefund(ed)?\b|\bi've sent\b", "offer_solution"),
    (r"\bvoucher\b|\bcredit\b", "offer_compensation"),
    (r"\bmanager\b|\bsupervisor\b", "transfer_or_escalate"),
)


def hear(text: str) -> list[str]:
    """The moves the phrase table finds in ``text``, in table order."""
    lowered = text.lower()
    moves = [move for pattern, move in HEARD if re.search(pattern, lowered)]
    return moves or [UNCLEAR]


@dataclass
class _Conversation:
    scenario: Scenario
    seed: int
    state: CustomerState
    replies: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    nudges: int = 0
    answered: dict[str, CustomerReply] = field(default_factory=dict)


class InProcessCustomer:
    """One simulated customer per sender, in this process."""

    def __init__(self, database_url: str) -> None:
        self._versions = VersionReader(database_url)
        self._conversations: dict[str, _Conversation] = {}
        self.unavailable = False
        self.calls: list[tuple[str, str]] = []

    async def start(
        self, *, sender: str, scenario_id: str, version: str, seed: int
    ) -> CustomerReply:
        self._check(sender, "start")
        if sender in self._conversations:
            raise CustomerUnavailable("this conversation has already started")
        try:
            scenario = self._versions.scenario(version)
        except UnknownVersion as error:
            raise CustomerUnavailable(str(error)) from error
        if scenario.id != scenario_id:
            raise CustomerUnavailable(f"version {version} is not {scenario_id!r}")
        opening = open_conversation(scenario, seed)
        self._conversations[sender] = _Conversation(
            scenario, seed, opening.state, said=[opening.line]
        )
        return CustomerReply(turn=opening, moves=[])

    async def send(
        self, *, sender: str, text: str, metadata: dict[str, Any]
    ) -> CustomerReply:
        self._check(sender, "send")
        talk = self._conversation(sender)
        message_id = metadata.get("message_id")
        if message_id and message_id in talk.answered:
            return talk.answered[message_id]  # a resend: answered once, as the bot
        moves = hear(text)
        empathy = metadata.get("empathy") or {}
        score = empathy.get("score")
        turn = respond(
            talk.scenario,
            talk.state,
            moves,
            empathy_score=score,
            seed=talk.seed,
            repeated=is_repeat(text, talk.replies),
            said=talk.said,
            penalised=bool(empathy.get("penalties")),
        )
        talk.replies.append(text)
        talk.said.append(turn.line)
        talk.state, talk.nudges = turn.state, 0
        answer = CustomerReply(turn=turn, moves=moves)
        if message_id:
            talk.answered[message_id] = answer
        return answer

    async def nudge(self, *, sender: str, metadata: dict[str, Any]) -> CustomerReply:
        self._check(sender, "nudge")
        talk = self._conversation(sender)
        talk.nudges += 1
        turn = nudge(
            talk.scenario,
            talk.state,
            seed=talk.seed,
            count=talk.nudges,
            said=talk.said,
        )
        talk.state = turn.state
        talk.said.append(turn.line)
        return CustomerReply(turn=turn, moves=[])

    async def close(self) -> None:
        self._conversations.clear()

    def _check(self, sender: str, call: str) -> None:
        self.calls.append((call, sender))
        if self.unavailable:
            raise CustomerUnavailable("the customer simulator failed: test outage")

    def _conversation(self, sender: str) -> _Conversation:
        talk = self._conversations.get(sender)
        if talk is None:
            raise CustomerUnavailable(f"no conversation {sender!r}")
        if talk.state.ended:
            raise CustomerUnavailable(
                f"the conversation has ended ({talk.state.status})"
            )
        return talk
