"""Faults under load with nothing lost: learners keep practising while the Rasa
server, the action server and trainer_api are each killed with SIGKILL and
started again by the supervisor (``Stack.restart_dead``, what ``make run``
does). Every reply is answered once the service is back (a learner sends it
again under the same message id, as the chat page does), none is answered
twice, and the transcripts hold every reply once, in order."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import socketio
from sqlalchemy import create_engine, text

from tests.stack.learner_client import login_cookie
from tools.bot_model import ensure_model
from tools.learner_socket import LearnerSocket
from tools.stack import Stack, throwaway_stack

pytestmark = pytest.mark.stack

LEARNERS = 4
REPLIES = (
    "Hello, thanks for holding. I'm looking at this now.",
    "Could you tell me a little more about what happened?",
    "I'm sorry, that sounds really frustrating.",
    "Let me check the options for you.",
    "Thanks for bearing with me.",
)
REPLY_DEADLINE = 120.0
"""A reply not answered this long after it was first sent counts as lost."""


@pytest.fixture(scope="module")
def supervised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    model, _ = ensure_model()
    work = tmp_path_factory.mktemp("faults")
    stack = throwaway_stack(
        model=model, database_url=f"sqlite:///{work / 'trainer.db'}", work_dir=work
    )
    stack.start()
    stop = threading.Event()

    def supervise() -> None:
        while not stop.wait(0.5):
            stack.restart_dead()

    supervisor = threading.Thread(target=supervise, daemon=True)
    supervisor.start()
    try:
        yield stack
    finally:
        stop.set()
        supervisor.join()
        stack.stop()


@dataclass
class Tally:
    sent: dict[str, list[str]] = field(default_factory=dict)
    """Per session, the replies answered, in the order sent."""
    lost: int = 0
    resends: int = 0
    answered_at: list[float] = field(default_factory=list)


async def _learner(base: str, index: int, until: float, tally: Tally) -> None:
    """Practise until ``until`` (a loop clock time): open a conversation, reply,
    and when the answer does not come, reconnect, resume and send again."""
    cookie = await login_cookie(base, "learner", "learner-demo")
    rng = random.Random(index)
    socket = await _connect(base, cookie)
    session_id = ""
    number = 0
    while time.monotonic() < until:
        if not session_id:
            started = await socket.call(
                "start_session", {"scenario_id": "flight_delay"}
            )
            if not started.get("ok"):
                await asyncio.sleep(1)
                socket = await _reconnect(socket, base, cookie, "")
                continue
            session_id = started["session"]["id"]
            tally.sent[session_id] = []
        number += 1
        reply = REPLIES[number % len(REPLIES)]
        payload = {
            "session_id": session_id,
            "message_id": f"l{index}-{number}",
            "text": reply,
        }
        answered, socket = await _until_answered(socket, base, cookie, payload, tally)
        if answered is None:
            tally.lost += 1
            session_id = ""
            continue
        tally.sent[session_id].append(reply)
        tally.answered_at.append(time.monotonic())
        if answered.get("status") != "active":
            session_id = ""
        await asyncio.sleep(rng.uniform(0.2, 1.0))
    await socket.close()


async def _until_answered(
    socket: LearnerSocket,
    base: str,
    cookie: str,
    payload: dict[str, Any],
    tally: Tally,
) -> tuple[dict[str, Any] | None, LearnerSocket]:
    """Send, and send again under the same id until answered (or lost)."""
    deadline = time.monotonic() + REPLY_DEADLINE
    first = True
    while time.monotonic() < deadline:
        if not first:
            tally.resends += 1
            await asyncio.sleep(1)
        first = False
        session_id = payload["session_id"]
        try:
            ack = await socket.call("learner_reply", payload)
            if not ack.get("ok"):
                socket = await _reconnect(socket, base, cookie, session_id)
                continue
            _, session = await socket.answer(session_id)
            return session, socket
        except (asyncio.TimeoutError, socketio.exceptions.SocketIOError, OSError):
            socket = await _reconnect(socket, base, cookie, session_id)
    return None, socket


async def _connect(base: str, cookie: str) -> LearnerSocket:
    while True:
        socket = LearnerSocket(base, cookie, call_timeout=40, push_timeout=40)
        try:
            await socket.connect()
            return socket
        except (socketio.exceptions.ConnectionError, OSError):
            await asyncio.sleep(1)


async def _reconnect(
    socket: LearnerSocket, base: str, cookie: str, session_id: str
) -> LearnerSocket:
    """A connection that is up and in the session's room (as the chat page
    resumes after a reconnect)."""
    if socket.sio.connected:
        return socket
    try:
        await socket.close()
    except Exception:  # already gone
        pass
    socket = await _connect(base, cookie)
    if session_id:
        await socket.call("resume_session", {"session_id": session_id})
    return socket


def _kill(stack: Stack, name: str) -> None:
    """SIGKILL, as a crash; the supervisor starts it again."""
    os.killpg(stack.pids()[name], signal.SIGKILL)


def _wait_back(stack: Stack, name: str, old_pid: int) -> None:
    """Until the supervisor has started ``name`` again and it answers (read
    here, not through the stack's own wait, which the supervisor's thread
    could race)."""
    health = {
        "rasa": f"{stack.config.rasa_url}/webhooks/learner/",
        "actions": f"{stack.config.action_url}/health",
        "trainer_api": f"{stack.config.web_url}/healthz",
    }[name]
    deadline = time.monotonic() + 180
    while True:
        assert time.monotonic() < deadline, f"{name} was not started again"
        if stack.pids().get(name) not in (None, old_pid):
            try:
                if httpx.get(health, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
        time.sleep(0.5)


def _double_applied(tracker_url: str) -> int:
    """Replies whose resend moved the customer again: a message id the customer
    had already answered, followed by a change of the ``turn`` slot before the
    next message. (A copy that got no answer, the action server having died
    under it, moved nothing: its resend is the first to count.)"""
    engine = create_engine(tracker_url, future=True)
    doubles = 0
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT sender_id, type_name, data FROM events ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    answered: dict[str, set[str]] = {}
    current: dict[str, str] = {}
    repeat: dict[str, bool] = {}
    for sender, kind, raw in rows:
        data = json.loads(raw)
        if kind == "user":
            message_id = (data.get("metadata") or {}).get("message_id") or ""
            current[sender] = message_id
            repeat[sender] = bool(message_id) and message_id in answered.get(
                sender, set()
            )
        elif kind == "bot" and "customer" in (
            (data.get("data") or {}).get("custom") or {}
        ):
            if current.get(sender):
                answered.setdefault(sender, set()).add(current[sender])
        elif kind == "slot" and data.get("name") == "turn" and repeat.get(sender):
            doubles += 1
            repeat[sender] = False
    return doubles


def _transcripts(database_url: str) -> dict[str, list[tuple[str, str]]]:
    engine = create_engine(database_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT session_id, speaker, text FROM turn "
                    'ORDER BY session_id, "index"'
                )
            ).all()
    finally:
        engine.dispose()
    found: dict[str, list[tuple[str, str]]] = {}
    for session_id, speaker, said in rows:
        found.setdefault(session_id, []).append((speaker, said))
    return found


def test_crashes_under_load_lose_nothing_and_apply_nothing_twice(
    supervised: Stack,
) -> None:
    tally = Tally()

    async def practise_through_crashes() -> None:
        until = time.monotonic() + 10_000
        learners = [
            asyncio.create_task(_learner(supervised.config.web_url, i, until, tally))
            for i in range(LEARNERS)
        ]
        for name in ("rasa", "actions", "trainer_api"):
            await asyncio.sleep(6)
            old = supervised.pids()[name]
            _kill(supervised, name)
            await asyncio.to_thread(_wait_back, supervised, name, old)
        # every learner is answered again after the last restart
        back = time.monotonic()
        deadline = back + 120
        while sum(t > back for t in tally.answered_at) < 2 * LEARNERS:
            assert time.monotonic() < deadline, "the learners were not answered again"
            await asyncio.sleep(0.5)
        for task in learners:  # a reply cut off here is neither lost nor answered
            task.cancel()
        await asyncio.gather(*learners, return_exceptions=True)

    asyncio.run(practise_through_crashes())
    answered = sum(len(replies) for replies in tally.sent.values())
    assert answered >= 3 * LEARNERS, "the learners barely practised"
    assert tally.lost == 0
    assert tally.resends > 0, "no crash reached a learner: the test proved nothing"
    assert _double_applied(supervised.config.tracker_url) == 0
    transcripts = _transcripts(supervised.config.database_url)
    for session_id, replies in tally.sent.items():
        turns = transcripts.get(session_id, [])
        learner = [said for speaker, said in turns if speaker == "learner"]
        # every answered reply once and in order (a reply cut off when the
        # test stopped may follow, unanswered)
        assert learner[: len(replies)] == replies, session_id
        for position, (speaker, _) in enumerate(turns[1:], start=1):
            expected = "learner" if position % 2 else "customer"
            assert speaker == expected, (session_id, turns)
