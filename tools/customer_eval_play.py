"""Playing one simulated learner through trainer_api, as the browser does.

The learner logs in, connects over Socket.IO with the login cookie, starts the
scenario (``start_session``), then sends each reply (``learner_reply``) and
waits for what trainer_api pushes back: the learner's turn, the customer's
turn and the session (status, mood, the needs panel). A refused reply that
trainer_api says is saved (the customer did not answer) is sent again once,
with the same message id, as a learner pressing Send again would.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import socketio

from tools.customer_eval_learners import Learner, PoolReply
from tools.customer_eval_metrics import Conversation, Exchange
from tools.learner_socket import LearnerSocket, error_code

RETRIED_CODES = frozenset({"customer_unavailable"})
NEED_MET = "need met: "


@dataclass(frozen=True)
class Plan:
    """One conversation to play: which scenario, which learner."""

    scenario_id: str
    learner: Learner
    needs: Sequence[tuple[str, str]]
    """The scenario's needs, (id, description), in order: reads the mood's
    reasons when the needs panel is hidden."""
    script: str | None = None
    expect: str | None = None


async def play(base_url: str, cookie: str, plan: Plan, max_turns: int) -> Conversation:
    """Play ``plan`` to its end (or ``max_turns`` replies); the record."""
    socket = LearnerSocket(base_url, cookie)
    try:
        await socket.connect()
    except socketio.exceptions.ConnectionError as error:
        return Conversation(
            plan.scenario_id,
            plan.learner.kind,
            "",
            status=f"not connected: {error}",
            errors=1,
            script=plan.script,
            expect=plan.expect,
        )
    try:
        return await _converse(socket, plan, max_turns)
    finally:
        await socket.close()


async def _converse(socket: LearnerSocket, plan: Plan, max_turns: int) -> Conversation:
    conversation = Conversation(
        scenario_id=plan.scenario_id,
        kind=plan.learner.kind,
        opening="",
        script=plan.script,
        expect=plan.expect,
    )
    started = await socket.call("start_session", {"scenario_id": plan.scenario_id})
    if not started.get("ok"):
        conversation.errors += 1
        conversation.status = f"not started: {error_code(started)}"
        return conversation
    session = started["session"]
    conversation.opening = _last_customer_text(started.get("turns", []))
    met: tuple[str, ...] = ()
    for number in range(max_turns):
        reply = plan.learner.next_reply(_unmet(session))
        if reply is None:
            conversation.out_of_replies = True
            break
        exchange, session = await _exchange(
            socket, conversation, session, f"m{number}", reply, plan, met
        )
        conversation.exchanges.append(exchange)
        met = exchange.needs_met
        conversation.status = exchange.status
        if exchange.problem is not None or exchange.status != "active":
            break
    return conversation


async def _exchange(
    socket: LearnerSocket,
    conversation: Conversation,
    session: dict[str, Any],
    message_id: str,
    reply: PoolReply,
    plan: Plan,
    met: tuple[str, ...],
) -> tuple[Exchange, dict[str, Any]]:
    """Send one reply and read the customer's answer."""
    payload = {"session_id": session["id"], "message_id": message_id}
    ack = await socket.call("learner_reply", {**payload, "text": reply.text})
    if not ack.get("ok"):
        conversation.errors += 1
        if error_code(ack) in RETRIED_CODES:
            ack = await socket.call("learner_reply", {**payload, "text": reply.text})
    if not ack.get("ok"):
        failed = Exchange(reply.text, reply.does, "", session["status"], met)
        return replace(failed, problem=f"error: {error_code(ack)}"), session
    try:
        turns, session = await socket.answer()
    except asyncio.TimeoutError:
        conversation.lost += 1
        lost = Exchange(reply.text, reply.does, "", session["status"], met)
        return replace(lost, problem="lost"), session
    customer = turns.get("customer", {})
    score = turns.get("learner", {}).get("score") or {}
    exchange = Exchange(
        reply=reply.text,
        does=reply.does,
        customer=str(customer.get("text", "")),
        status=str(session["status"]),
        needs_met=_needs_met(session, customer, plan.needs, met),
        score=score.get("score"),
        penalties=tuple(score.get("penalties") or ()),
        reasons=tuple((customer.get("mood") or {}).get("reasons") or ()),
    )
    return exchange, session


def _unmet(session: dict[str, Any]) -> list[str] | None:
    """The needs the learner's needs panel shows as not yet met, in order."""
    panel = session.get("needs")
    if panel is None:
        return None
    return [need["id"] for need in panel if not need.get("met")]


def _needs_met(
    session: dict[str, Any],
    turn: dict[str, Any],
    needs: Sequence[tuple[str, str]],
    before: tuple[str, ...],
) -> tuple[str, ...]:
    """The needs met so far: from the needs panel, or else from the reasons
    the customer's mood gives ("need met: <description>")."""
    panel = session.get("needs")
    if panel is not None:
        return tuple(need["id"] for need in panel if need.get("met"))
    reasons = (turn.get("mood") or {}).get("reasons") or []
    described = {r.removeprefix(NEED_MET) for r in reasons if r.startswith(NEED_MET)}
    met = set(before) | {need for need, text in needs if text in described}
    return tuple(need for need, _ in needs if need in met)


def _last_customer_text(turns: Sequence[dict[str, Any]]) -> str:
    customer = [turn for turn in turns if turn.get("speaker") == "customer"]
    return str(customer[-1]["text"]) if customer else ""


async def play_all(
    base_url: str,
    cookie: str,
    plans: Sequence[Plan],
    *,
    max_turns: int,
    at_once: int,
    done: Callable[[Conversation], None] | None = None,
) -> list[Conversation]:
    """Play every plan, ``at_once`` conversations at a time; the records in
    plan order. ``done`` hears of each conversation as it ends."""
    gate = asyncio.Semaphore(at_once)

    async def limited(plan: Plan) -> Conversation:
        async with gate:
            conversation = await play(base_url, cookie, plan, max_turns)
        if done is not None:
            done(conversation)
        return conversation

    return list(await asyncio.gather(*(limited(plan) for plan in plans)))
