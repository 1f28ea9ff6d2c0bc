"""trainer_api's own work on a learner reply, early and late in a conversation.

``make profile-turns`` ends with this (alone: ``python -m tools.profile_reply``).
It runs the practice use case in this process on a throwaway SQLite file,
with a customer that answers at once and never ends the conversation, so what
is timed is trainer_api's work alone: checking the reply, reading the session,
scoring, storing the learner's turn, storing the customer's turn and building
the views pushed to the browser (not Socket.IO, the login check or the HTTP
call to Rasa). It plays thirty replies per conversation and prints the median
reply at turns 1-3 against turns 28-30: a reply that reads every earlier turn
grows with the conversation. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tools.benchmark import LONG_REPLIES, LONG_TURNS, _say
from trainer_api.adapters.customer import CustomerReply
from trainer_api.provisioning import migrate
from trainer_api.scoring.scorer import warm_up
from trainer_api.settings import Settings
from trainer_api.simulation import Scenario
from trainer_api.simulation.mood import open_conversation
from trainer_api.storage import repository
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.passwords import TEST_COST
from trainer_api.storage.scenarios import published_scenario
from trainer_api.usecases.practice import PracticeService

SCENARIO = "flight_delay"


class _Patient:
    """A customer who answers every reply at once with her opening mood:
    the conversation never ends, and costs nothing of its own."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.answers = 0

    async def start(self, *, seed: int, **_: Any) -> CustomerReply:
        return CustomerReply(turn=open_conversation(self.scenario, seed), moves=[])

    async def send(self, **_: Any) -> CustomerReply:
        self.answers += 1
        opening = open_conversation(self.scenario, 0)
        line = f"{opening.line} ({self.answers})"
        return CustomerReply(turn=dataclasses.replace(opening, line=line), moves=[])

    async def nudge(self, **_: Any) -> CustomerReply:
        return await self.send()

    async def close(self) -> None:
        return None


async def _silent(event: str, payload: dict[str, Any]) -> None:
    return None


async def _conversation(practice: PracticeService, user_id: int) -> list[float]:
    view = await practice.start(user_id=user_id, scenario_id=SCENARIO)
    session_id = view["session"]["id"]
    seconds = []
    for turn in range(LONG_TURNS):
        began = time.perf_counter()
        await practice.reply(
            user_id=user_id,
            session_id=session_id,
            message_id=f"m{turn}",
            text=LONG_REPLIES[turn % len(LONG_REPLIES)],
            emit=_silent,
        )
        seconds.append(time.perf_counter() - began)
    return seconds


def measure(runs: int) -> tuple[float, float]:
    """Median seconds of a reply at turns 1-3 and at the last three turns."""
    warm_up()
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite:///{Path(directory) / 'profile.db'}"
        migrate(Settings(database_url=url))
        engine = make_engine(url)
        try:
            sessions = make_session_factory(engine)
            with sessions.begin() as db:
                user_id = repository.create_user(
                    db=db,
                    username="profiled-learner",
                    display_name="Profiled learner",
                    role="learner",
                    password="profiled-learner-password",
                    cost=TEST_COST,
                ).id
                scenario = published_scenario(db, SCENARIO)
            assert scenario is not None, f"{SCENARIO} is not published"
            settings = Settings(environment="test", database_url=url)
            practice = PracticeService(settings, sessions, _Patient(scenario))
            asyncio.run(_conversation(practice, user_id))  # warm the caches
            played = [
                asyncio.run(_conversation(practice, user_id)) for _ in range(runs)
            ]
        finally:
            engine.dispose()
    first = statistics.median(s for run in played for s in run[:3])
    last = statistics.median(s for run in played for s in run[-3:])
    return first, last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="conversations")
    args = parser.parse_args(argv)
    first, last = measure(args.runs)
    _say(
        f"trainer_api's work on a reply (in process, customer answering at once): "
        f"turns 1-3 median {1000 * first:.1f} ms, turns {LONG_TURNS - 2}-{LONG_TURNS} "
        f"median {1000 * last:.1f} ms, ratio {last / first:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
