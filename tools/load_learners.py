"""Simulated learners for ``make load``: one through the product, one straight
to the bot, both driven by the same open-loop schedule.

A learner's replies are due at times drawn in advance (a Poisson process: the
gaps are exponential with the mean think time), whatever the server does. A
learner cannot type over an unanswered reply, so a late answer delays the next
send; each reply's latency runs from the moment it was due, not from the
moment it could go, so a slow server is not flattered by its own slowness.
"""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx

from tools.learner_socket import LearnerSocket, error_code, login_cookie
from trainer_api.adapters.customer import CustomerUnavailable
from trainer_api.adapters.rasa_client import RasaClient
from trainer_api.usecases.practice import reply_metadata


@dataclass
class Sent:
    """One reply: when it was due, when its answer came (None: never)."""

    due: float
    answered: float | None = None
    error: str | None = None

    @property
    def latency(self) -> float | None:
        return None if self.answered is None else self.answered - self.due


@dataclass
class Tally:
    """What the learners of one step did."""

    replies: list[Sent] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    """Seconds each conversation took to open."""
    start_errors: list[str] = field(default_factory=list)


class Conversation(Protocol):
    """A learner's side of the product (or of the bare bot)."""

    async def join(self) -> None:
        """Log in (if the target has logins) and open a conversation."""

    async def restart(self) -> None:
        """Open a new conversation (the last one ended)."""

    async def reply(self, text: str) -> bool:
        """Send a reply and wait for the customer's answer; whether the
        conversation is still going."""

    async def leave(self) -> None:
        """Disconnect."""


class Refused(RuntimeError):
    """The target answered with an error (the code says which)."""


class ProductLearner:
    """A learner of the product: login, Socket.IO, ``start_session``, replies."""

    def __init__(
        self,
        base_url: str,
        login: tuple[str, str],
        scenario_id: str,
        web: httpx.AsyncClient,
        timeout: float,
    ) -> None:
        self.base_url = base_url
        self.login = login
        self.scenario_id = scenario_id
        self.web = web
        self.timeout = timeout
        self.socket: LearnerSocket | None = None
        self.session_id = ""
        self.sent = 0

    async def join(self) -> None:
        cookie = await login_cookie(self.base_url, *self.login, client=self.web)
        # the learner gives up at ``timeout`` (practise); the socket waits
        # longer, so a slow answer is counted lost, never as an error
        self.socket = LearnerSocket(
            self.base_url,
            cookie,
            call_timeout=2 * self.timeout,
            push_timeout=2 * self.timeout,
        )
        await self.socket.connect()
        await self.restart()

    async def restart(self) -> None:
        assert self.socket is not None
        while not self.socket.pushed.empty():  # a late answer to a lost reply
            self.socket.pushed.get_nowait()
        started = await self.socket.call(
            "start_session", {"scenario_id": self.scenario_id}
        )
        if not started.get("ok"):
            raise Refused(error_code(started))
        self.session_id = str(started["session"]["id"])

    async def reply(self, text: str) -> bool:
        assert self.socket is not None
        self.sent += 1
        ack = await self.socket.call(
            "learner_reply",
            {
                "session_id": self.session_id,
                "message_id": f"l{self.sent}",
                "text": text,
            },
        )
        if not ack.get("ok"):
            raise Refused(error_code(ack))
        _, session = await self.socket.answer(self.session_id)
        return bool(session.get("status") == "active")

    async def leave(self) -> None:
        if self.socket is not None:
            await self.socket.close()


class BotLearner:
    """The same learner talking to the bot's learner channel directly: what
    trainer_api would send, without trainer_api (the reply's score is worked
    out beforehand, as trainer_api would have sent it)."""

    def __init__(
        self,
        rasa: RasaClient,
        scenario: tuple[str, str],
        empathy: dict[str, dict[str, Any]],
    ) -> None:
        self.rasa = rasa
        self.scenario_id, self.version = scenario
        self.empathy = empathy
        """Each reply's ``empathy`` metadata, worked out beforehand."""
        self.sender = ""
        self.sent = 0

    async def join(self) -> None:
        await self.restart()

    async def restart(self) -> None:
        self.sender = f"load-{uuid.uuid4().hex}"
        await self._call(
            self.rasa.start(
                sender=self.sender,
                scenario_id=self.scenario_id,
                version=self.version,
                seed=1,
            )
        )

    async def reply(self, text: str) -> bool:
        self.sent += 1
        metadata = reply_metadata(
            session_id=self.sender,
            scenario_id=self.scenario_id,
            scenario_version=self.version,
            seed=1,
            message_id=f"l{self.sent}",
            empathy=self.empathy[text],
        )
        answer = await self._call(
            self.rasa.send(sender=self.sender, text=text, metadata=metadata)
        )
        return not answer.turn.state.ended

    async def leave(self) -> None:
        return None

    @staticmethod
    async def _call(call: Any) -> Any:
        try:
            return await call
        except CustomerUnavailable as error:
            raise Refused("customer_unavailable") from error


async def practise(
    conversation: Conversation,
    replies: Sequence[str],
    *,
    rng: random.Random,
    think: float,
    start: float,
    end: float,
    timeout: float,
    tally: Tally,
) -> None:
    """Reply on an open-loop schedule from ``start`` until ``end``
    (``time.monotonic`` clock); record every reply in ``tally``."""
    due = start + rng.expovariate(1 / think)
    turn = 0
    while due < end:
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        sent = Sent(due)
        tally.replies.append(sent)
        text = replies[turn % len(replies)]
        turn += 1
        try:
            going = await asyncio.wait_for(conversation.reply(text), timeout)
            sent.answered = time.monotonic()
        except asyncio.TimeoutError:
            going = False  # lost: the learner gives up on this conversation
        except Refused as refused:
            sent.error = str(refused)
            going = False
        except Exception as error:  # a dropped connection, say: counted, not fatal
            sent.error = type(error).__name__
            going = False
        if not going:
            if not await _reopen(conversation, timeout, tally):
                return
        due += rng.expovariate(1 / think)


async def _reopen(conversation: Conversation, timeout: float, tally: Tally) -> bool:
    began = time.monotonic()
    try:
        await asyncio.wait_for(conversation.restart(), timeout)
    except Exception as error:
        tally.start_errors.append(str(error) or type(error).__name__)
        return False
    tally.starts.append(time.monotonic() - began)
    return True
