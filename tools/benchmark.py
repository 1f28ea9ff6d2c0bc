"""`make bench`: how fast a learner turn goes through the real stack.

Starts the action server, the Rasa server and trainer_api on free loopback
ports with a throwaway SQLite database, then measures:
- a learner turn through the trained bot and action server (the bot's learner
  channel, through trainer_api's own client), sequentially and with 20
  concurrent conversations;
- a whole learner turn through trainer_api over Socket.IO (validate, score,
  store, Rasa, store, push);
- the bare bot's turn early and late in one long conversation (turn 1 against
  turn 30: the tracker grows with every turn);
- the time `rasa train` takes from scratch.
Figures are printed; nothing is asserted (targets live in the README).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import socketio
import yaml

from tools.bot_model import ensure_model, train_into
from tools.stack import Stack, throwaway_stack
from trainer_api.adapters.rasa_client import RasaClient
from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import Scenario, load_scenario
from trainer_api.simulation.moves import MOVE_LABELS

REPLIES = (
    "hi, thanks for waiting, my name is Sam",
    "I'm so sorry, that sounds really stressful.",
    "Can you tell me your booking reference?",
    "The delay was caused by a technical fault on the aircraft.",
    "I've rebooked you on the 18:40, the boarding pass is in your inbox.",
)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="empathy-bench-") as work:
        base = Path(work)
        _say(f"training from scratch: {_training_seconds(base):.1f} s")
        model, _ = ensure_model()
        stack = _start_stack(base, model)
        try:
            asyncio.run(_measure(stack))
        finally:
            stack.stop()
    return 0


def _training_seconds(base: Path) -> float:
    started = time.perf_counter()
    train_into(
        base / "models",
        "bench",
        cache_dir=base / "empty-cache",
        log=base / "train.log",
    )
    return time.perf_counter() - started


def _start_stack(base: Path, model: Path) -> Stack:
    stack = throwaway_stack(
        model=model, database_url=f"sqlite:///{base / 'bench.db'}", work_dir=base
    )
    started = time.perf_counter()
    stack.start()
    seconds = time.perf_counter() - started
    _say(f"stack start (actions, Rasa, trainer_api healthy): {seconds:.1f} s")
    return stack


async def _measure(stack: Stack) -> None:
    rasa = RasaClient(stack.config.rasa_url, timeout=60)
    scenario = load_scenario(PROJECT_ROOT / "scenarios", "flight_delay")
    try:
        await _bot_conversation(rasa, scenario, "warm-up")
        sequential = await _timed_runs(
            lambda i: _bot_conversation(rasa, scenario, f"seq-{i}"), 20, 1
        )
        _report("bot turn (learner channel), sequential", sequential)
        concurrent = await _timed_runs(
            lambda i: _bot_conversation(rasa, scenario, f"par-{i}"), 20, 20
        )
        _report("bot turn (learner channel), 20 concurrent conversations", concurrent)
        await _by_length(rasa, stack)
    finally:
        await rasa.close()
    socket_turns = await _timed_runs(lambda i: _socket_conversation(stack, i), 8, 1)
    _report("whole learner turn via trainer_api Socket.IO, sequential", socket_turns)
    _report("GET /api/scenarios (published list)", await _listing(stack), "calls")


LONG_TURNS = 30
_LONG_OPENINGS = (
    "Let me have a look at",
    "I'm just checking",
    "Bear with me while I bring up",
    "Thanks, I'm reading through",
    "One moment, I'm going over",
    "I'm still looking at",
)
_LONG_OBJECTS = (
    "the booking",
    "the flight notes",
    "the connection times",
    "your baggage record",
    "the seat map",
)
LONG_REPLIES = tuple(
    f"{opening} {thing} now." for thing in _LONG_OBJECTS for opening in _LONG_OPENINGS
)
"""Thirty different neutral replies: the same words again would anger the
customer (a repeat), and the conversation would end early."""


async def _by_length(rasa: RasaClient, stack: Stack, runs: int = 3) -> None:
    """The bare bot's turn at each point of a 30-turn conversation.

    A shipped scenario ends by its 16th turn (``mood.max_turns``); this runs a
    copy of flight_delay that never ends on its own (40 turns allowed, no
    move changes her mood, no escalation, leaving or resolving), with thirty
    different neutral replies (score 50), so the
    tracker the bot loads keeps growing. Turns 1-3 against the last three,
    median of ``runs`` conversations.
    """
    long = _long_scenario(stack)
    early: list[float] = []
    late: list[float] = []
    reached = LONG_TURNS
    for run in range(runs):
        sender = f"long-{run}"
        await rasa.start(
            sender=sender, scenario_id=long.id, version=long.content_hash, seed=1
        )
        timings = []
        for turn in range(LONG_TURNS):
            began = time.perf_counter()
            answer = await rasa.send(
                sender=sender,
                text=LONG_REPLIES[turn % len(LONG_REPLIES)],
                metadata={"empathy": {"score": 50}},
            )
            timings.append(time.perf_counter() - began)
            if answer.turn.state.ended:
                _say(f"  (long conversation {run} ended at turn {turn + 1})")
                break
        if len(timings) >= 6:
            early += timings[:3]
            late += timings[-3:]
            reached = min(reached, len(timings))
    if not early:
        _say("turn cost by conversation length: no conversation reached 6 turns")
        return
    first, last = statistics.median(early), statistics.median(late)
    _say(
        f"bot turn by conversation length: turns 1-3 median {1000 * first:.1f} ms, "
        f"turns {reached - 2}-{reached} median {1000 * last:.1f} ms, "
        f"ratio {last / first:.2f}"
    )


def _long_scenario(stack: Stack) -> Scenario:
    """flight_delay allowed 40 turns, recorded where the action server reads."""
    from trainer_api.simulation import parse_scenario
    from trainer_api.storage import repository
    from trainer_api.storage.db import make_engine, make_session_factory

    source = (PROJECT_ROOT / "scenarios" / "flight_delay.yml").read_text()
    effects = parse_scenario(source).mood.moves
    data = yaml.safe_load(source)
    data["id"] = "flight_delay_long"
    data["mood"].update(
        max_turns=40,
        escalate_at=100,
        leave_at=0,
        resolve_at=0,
        empathy_weight=0,
        # No move angers her or costs trust: she never escalates or leaves.
        moves={
            move: {
                "anger": min(0, effects[move].anger),
                "trust": max(0, effects[move].trust),
            }
            for move in MOVE_LABELS
        },
    )
    scenario = parse_scenario(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    engine = make_engine(stack.config.database_url)
    try:
        with make_session_factory(engine).begin() as db:
            repository.record_scenario_version(db=db, scenario=scenario)
    finally:
        engine.dispose()
    return scenario


async def _listing(stack: Stack, calls: int = 50) -> tuple[list[float], float]:
    """Time the learner's scenario list, the page's first call."""
    async with httpx.AsyncClient(base_url=stack.config.web_url) as web:
        await web.post(
            "/api/login", json={"username": "learner", "password": "learner-demo"}
        )
        await web.get("/api/scenarios")  # the first call parses each version once
        timings = []
        started = time.perf_counter()
        for _ in range(calls):
            began = time.perf_counter()
            (await web.get("/api/scenarios")).raise_for_status()
            timings.append(time.perf_counter() - began)
        return timings, time.perf_counter() - started


async def _timed_runs(
    run: Callable[[int], Awaitable[list[float]]], conversations: int, concurrency: int
) -> tuple[list[float], float]:
    gate = asyncio.Semaphore(concurrency)

    async def limited(index: int) -> list[float]:
        async with gate:
            return await run(index)

    started = time.perf_counter()
    batches = await asyncio.gather(*(limited(i) for i in range(conversations)))
    return [t for batch in batches for t in batch], time.perf_counter() - started


async def _bot_conversation(
    rasa: RasaClient, scenario: Scenario, sender: str
) -> list[float]:
    await rasa.start(
        sender=sender, scenario_id=scenario.id, version=scenario.content_hash, seed=1
    )
    timings = []
    for reply in REPLIES:
        began = time.perf_counter()
        answer = await rasa.send(
            sender=sender, text=reply, metadata={"empathy": {"score": 60}}
        )
        timings.append(time.perf_counter() - began)
        if answer.turn.state.ended:
            break
    return timings


async def _socket_conversation(stack: Stack, index: int) -> list[float]:
    async with httpx.AsyncClient(base_url=stack.config.web_url) as web:
        login = await web.post(
            "/api/login", json={"username": "learner", "password": "learner-demo"}
        )
        cookie = login.cookies["empathy_session"]
    client = socketio.AsyncClient(reconnection=False)
    arrived: asyncio.Queue[dict] = asyncio.Queue()
    client.on("session", lambda data: arrived.put_nowait(data))
    await client.connect(
        stack.config.web_url,
        headers={"Cookie": f"empathy_session={cookie}"},
        transports=["websocket"],
    )
    started = await client.call("start_session", {"scenario_id": "flight_delay"})
    session_id = started["session"]["id"]
    timings = []
    for number, reply in enumerate(REPLIES):
        began = time.perf_counter()
        payload = {"session_id": session_id, "message_id": f"b{number}", "text": reply}
        ack = await client.call("learner_reply", payload, timeout=60)
        if not ack.get("ok"):
            raise RuntimeError(f"reply refused: {ack}")
        await asyncio.wait_for(arrived.get(), 60)
        timings.append(time.perf_counter() - began)
        if (await _status(stack, session_id, cookie)) != "active":
            break
    await client.disconnect()
    return timings


async def _status(stack: Stack, session_id: str, cookie: str) -> str:
    async with httpx.AsyncClient(base_url=stack.config.web_url) as web:
        web.cookies.set("empathy_session", cookie)
        detail = await web.get(f"/api/sessions/{session_id}")
        return str(detail.json()["session"]["status"])


def _report(
    label: str, measured: tuple[list[float], float], unit: str = "turns"
) -> None:
    timings, elapsed = measured
    ms = sorted(t * 1000 for t in timings)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    _say(
        f"{label}: {len(ms)} {unit}, p50 {statistics.median(ms):.1f} ms, "
        f"p95 {p95:.1f} ms, {len(ms) / elapsed:.1f} {unit}/s"
    )


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
