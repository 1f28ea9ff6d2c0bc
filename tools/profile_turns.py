"""`make profile-turns`: where a Rasa turn's time goes, early and late.

The issue of capacity asks for a turn whose cost does not grow with the
conversation. This loads the trained bot in this process, with the project's
endpoints (the SQL tracker store, the real action server started on a free
port), plays the never-ending copy of flight_delay that ``make bench`` uses
(thirty different neutral replies), and times each phase of every turn by
wrapping Rasa's own methods:

- ``nlu``: reading the reply (the learner channel does it before Rasa's turn);
- ``load``: the tracker store's retrieve (SQL query, JSON, replaying events);
- ``predict``: the policies choosing each next action;
- ``action``: the remote action, i.e. the tracker sent to the action server,
  its work there and the events it returns;
- ``save``: the tracker store's save;
- ``turn``: the whole of ``handle_message`` (the sum above plus the rest).

Medians of turns 1-3 against turns 28-30 over a few conversations, and the
events in the tracker at each end. Nothing is asserted; the findings live in
the README ("What the profile found").
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tools.benchmark import LONG_REPLIES, LONG_TURNS, _long_scenario, _say
from tools.bot_model import ensure_model
from tools.stack import BOT_DIR, throwaway_stack

PHASES = ("nlu", "load", "predict", "action", "save", "turn")


class PhaseClock:
    """Wall time spent in each phase during the current turn."""

    def __init__(self) -> None:
        self.current: dict[str, float] = defaultdict(float)

    def timed_async(self, phase: str, method: Callable[..., Any]) -> Callable[..., Any]:
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return await method(*args, **kwargs)
            finally:
                self.current[phase] += time.perf_counter() - began

        return wrapper

    def timed(self, phase: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.current[phase] += time.perf_counter() - began

        return wrapper

    def take(self) -> dict[str, float]:
        taken = dict(self.current)
        self.current.clear()
        return taken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="conversations")
    parser.add_argument(
        "--tracker-url",
        help="Rasa's tracker store (default: a SQLite file in a scratch folder)",
    )
    args = parser.parse_args(argv)
    model, _ = ensure_model()
    with tempfile.TemporaryDirectory(prefix="empathy-profile-") as work:
        stack = throwaway_stack(
            model=model,
            database_url=f"sqlite:///{Path(work) / 'profile.db'}",
            work_dir=Path(work),
            tracker_url=args.tracker_url,
        )
        stack.start()
        try:
            asyncio.run(_profile(stack, model, args.runs))
        finally:
            stack.stop()
    return 0


async def _profile(stack: Any, model: Path, runs: int) -> None:
    os.environ["EMPATHY_ACTION_URL"] = f"{stack.config.action_url}/webhook"
    os.environ["EMPATHY_TRACKER_URL"] = stack.config.tracker_url
    sys.path.insert(0, str(BOT_DIR))
    os.chdir(BOT_DIR)
    # Loading the learner channel sets up what `rasa run` sets up with it.
    from channels.learner import LearnerInput
    from channels.learner_request import learner_reading
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.log_utils import configure_structlog

    # As `rasa run` logs by default: debug records would dominate the figures.
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("rasa").setLevel(logging.INFO)
    configure_structlog(logging.INFO)

    assert LearnerInput.name() == "learner"
    agent = await load_agent(
        model_path=str(model),
        endpoints=AvailableEndpoints.read_endpoints(str(BOT_DIR / "endpoints.yml")),
    )
    processor = agent.processor
    assert processor is not None
    clock = PhaseClock()
    store = processor.tracker_store
    inner = _innermost(store)
    store.retrieve = clock.timed_async("load", store.retrieve)
    store.save = clock.timed_async("save", store.save)
    processor._predict_next_with_tracker = clock.timed(
        "predict", processor._predict_next_with_tracker
    )
    RemoteAction.run = clock.timed_async("action", RemoteAction.run)

    long = _long_scenario(stack)
    early: dict[str, list[float]] = defaultdict(list)
    late: dict[str, list[float]] = defaultdict(list)
    events: dict[str, list[int]] = defaultdict(list)
    for run in range(runs):
        sender = f"profile-{run}-{time.time_ns()}"
        await agent.handle_message(
            UserMessage(
                '/start_scenario{"scenario_id": "' + long.id + '"}',
                CollectingOutputChannel(),
                sender,
                input_channel="learner",
                metadata={"scenario_version": long.content_hash, "seed": 1},
            )
        )
        clock.take()
        turns: list[dict[str, float]] = []
        for turn in range(LONG_TURNS):
            text = LONG_REPLIES[turn % len(LONG_REPLIES)]
            began = time.perf_counter()
            parse = learner_reading(await agent.parse_message(text))
            clock.current["nlu"] += time.perf_counter() - began
            began = time.perf_counter()
            await agent.handle_message(
                UserMessage(
                    text,
                    CollectingOutputChannel(),
                    sender,
                    parse_data=parse,
                    input_channel="learner",
                    metadata={"empathy": {"score": 50}},
                )
            )
            clock.current["turn"] += time.perf_counter() - began
            turns.append(clock.take())
            if turn in (2, LONG_TURNS - 1):
                tracker = await store.retrieve(sender)
                events["early" if turn == 2 else "late"].append(len(tracker.events))
                clock.take()
        for phase in PHASES:
            early[phase] += [t.get(phase, 0.0) for t in turns[:3]]
            late[phase] += [t.get(phase, 0.0) for t in turns[-3:]]
    _say(
        f"Rasa turn by phase, median of {runs} conversations, "
        f"turns 1-3 against turns {LONG_TURNS - 2}-{LONG_TURNS} "
        f"(tracker store: {stack.config.tracker_url.split(':')[0]}):"
    )
    _say(f"  events in the tracker: {events['early']} -> {events['late']}")
    for phase in PHASES:
        first, last = statistics.median(early[phase]), statistics.median(late[phase])
        ratio = f"{last / first:.2f}x" if first > 0 else "-"
        _say(f"  {phase:8} {1000 * first:7.1f} ms -> {1000 * last:7.1f} ms  {ratio}")
    if hasattr(inner, "hits"):
        _say(
            f"  {type(inner).__name__}: {inner.hits} trackers from memory, "
            f"{inner.misses} read from the table"
        )
    else:
        _say(f"  tracker store: {type(inner).__name__}")


def _innermost(store: Any) -> Any:
    """The project's store inside Rasa's wrappers (awaitable, fail-safe)."""
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store


if __name__ == "__main__":
    sys.exit(main())
