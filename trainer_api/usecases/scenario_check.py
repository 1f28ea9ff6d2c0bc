"""*Check this scenario*: play a scenario through the real customer before
publishing it, and say whether it behaves.

A trainer's draft (or, without one, the published version) is played through
the same practice use case a learner's chat uses: the real customer, the real
scorer, the real mood. Three kinds of conversation:

* each of the scenario's own ``scripts``, its replies in order, which must
  end as the script ``expect``s;
* ``good`` learners, who answer the first need still open with one of that
  need's model answers (then any model answer not used yet), and should
  leave the customer ``resolved``;
* ``rude`` learners, who answer with blame, dismissal and policy walls in
  the scenario's language, and should make the customer ask for a manager
  or leave.

Every conversation is a test session, deleted once the check is done, so the
check leaves nothing in the trainer's history or the class figures. The
customer draws its own seed for each, as in practice, so two checks can
differ; the report gives each conversation's turns so the trainer can see
why one went wrong.
"""

from __future__ import annotations

import asyncio
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from trainer_api.i18n import localise
from trainer_api.simulation import Scenario
from trainer_api.storage.models import PracticeSession
from trainer_api.usecases import authoring
from trainer_api.usecases.practice import PracticeService
from trainer_api.usecases.refusal import Refused

GOOD_CONVERSATIONS = 3
RUDE_CONVERSATIONS = 3
AT_ONCE = 3
"""Conversations played side by side (each waits on the customer most of the time)."""
TIME_BUDGET_SECONDS = 75.0
"""A check answers within this (the balancers wait 90 s for an answer): a
conversation still going then stops where it is, and says so."""
RUDE_ENDINGS = frozenset({"escalated", "abandoned"})
RUDE_REPLIES: dict[str, tuple[str, ...]] = {
    "en": (
        "Calm down, it's not the end of the world.",
        "That's company policy, there's nothing I can do about it.",
        "You should have read the terms before you booked.",
        "Sorry you feel that way.",
        "I don't make the rules. Take it up with someone else.",
        "It's only a small delay, honestly.",
        "If you'd checked your email you'd have known.",
        "Look, shouting at me won't change anything.",
        "Policy is policy.",
        "Not my department.",
        "Whatever. Is there anything else?",
        "You're overreacting.",
    ),
    "fr": (
        "Calmez-vous, ce n'est pas la fin du monde.",
        "C'est la politique de l'entreprise, je ne peux rien y faire.",
        "Vous auriez dû lire les conditions avant de réserver.",
        "Je suis désolé que vous le preniez comme ça.",
        "Ce n'est pas moi qui fais les règles, voyez ça avec quelqu'un d'autre.",
        "Ce n'est qu'un petit retard, franchement.",
        "Si vous aviez lu vos courriels, vous l'auriez su.",
        "Ça ne sert à rien de crier.",
        "Le règlement, c'est le règlement.",
        "Ce n'est pas mon service.",
        "Bon. Autre chose ?",
        "Vous exagérez.",
    ),
}
"""What a rude learner says, in the customer's language: no scenario's facts."""


@dataclass
class Played:
    """One conversation of the check."""

    kind: str
    name: str
    expect: Sequence[str]
    outcome: str = "active"
    replies: int = 0
    turns: list[dict[str, str]] = field(default_factory=list)
    problem: str = ""

    @property
    def passed(self) -> bool:
        return self.outcome in self.expect

    def view(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "expect": list(self.expect),
            "outcome": self.outcome,
            "replies": self.replies,
            "passed": self.passed,
            "problem": self.problem,
            "turns": self.turns,
        }


@dataclass
class _Learner:
    """Who writes the next reply, given the needs still open."""

    replies: list[str]
    by_need: dict[str, list[str]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def next_reply(self, open_needs: Sequence[str]) -> str | None:
        for need in open_needs[:1]:
            for reply in self.by_need.get(need, ()):
                if reply not in self.used:
                    self.used.add(reply)
                    return reply
        for reply in self.replies:
            if reply not in self.used:
                self.used.add(reply)
                return reply
        return None


async def check_scenario(
    practice: PracticeService,
    sessions: sessionmaker[Session],
    *,
    user_id: int,
    scenario_id: str,
    seed: int | None = None,
) -> dict[str, Any]:
    """Play the trainer's draft (else the published version) of
    ``scenario_id`` and report each conversation and the totals."""
    scenario, draft = await asyncio.to_thread(_scenario, sessions, scenario_id)
    rng = random.Random(seed)
    plans = _plans(scenario, rng)
    missing = (
        ""
        if any(kind == "good" for kind, *_ in plans)
        else localise(
            "No need has model answers, so no good learner could be played; "
            "add model_answers to the needs."
        )
    )
    created: list[str] = []
    gate = asyncio.Semaphore(AT_ONCE)
    deadline = asyncio.get_running_loop().time() + TIME_BUDGET_SECONDS

    async def play(plan: tuple[str, str, Sequence[str], _Learner]) -> Played:
        async with gate:
            return await _play(
                practice, sessions, user_id, (scenario, draft, deadline), plan, created
            )

    try:
        played = await asyncio.gather(*(play(plan) for plan in plans))
    finally:
        await asyncio.to_thread(_forget, sessions, created)
    return _report(scenario, list(played), missing)


def _scenario(
    sessions: sessionmaker[Session], scenario_id: str
) -> tuple[Scenario, bool]:
    with sessions() as db:
        return authoring.checked_scenario(db, scenario_id=scenario_id)


def _plans(
    scenario: Scenario, rng: random.Random
) -> list[tuple[str, str, Sequence[str], _Learner]]:
    plans: list[tuple[str, str, Sequence[str], _Learner]] = [
        ("script", script.name, (script.expect,), _Learner(list(script.replies)))
        for script in scenario.scripts
    ]
    answers = {need.id: list(need.model_answers) for need in scenario.needs}
    if any(answers.values()):
        for number in range(1, GOOD_CONVERSATIONS + 1):
            by_need = {
                need: rng.sample(lines, len(lines)) for need, lines in answers.items()
            }
            every = [line for lines in by_need.values() for line in lines]
            plans.append(
                (
                    "good",
                    str(number),
                    ("resolved",),
                    _Learner(rng.sample(every, len(every)), by_need),
                )
            )
    rude = RUDE_REPLIES.get(scenario.locale.split("-")[0], RUDE_REPLIES["en"])
    for number in range(1, RUDE_CONVERSATIONS + 1):
        plans.append(
            (
                "rude",
                str(number),
                tuple(sorted(RUDE_ENDINGS)),
                _Learner(rng.sample(rude, len(rude))),
            )
        )
    return plans


async def _play(
    practice: PracticeService,
    sessions: sessionmaker[Session],
    user_id: int,
    playing: tuple[Scenario, bool, float],
    plan: tuple[str, str, Sequence[str], _Learner],
    created: list[str],
) -> Played:
    scenario, draft, deadline = playing
    kind, name, expect, learner = plan
    played = Played(kind, name, expect)
    clock = asyncio.get_running_loop()

    async def heard(event: str, payload: dict[str, Any]) -> None:
        if event == "turn":
            turn = payload["turn"]
            played.turns.append({"speaker": turn["speaker"], "text": turn["text"]})

    try:
        started = await practice.start(
            user_id=user_id, scenario_id=scenario.id, draft=draft, test=True
        )
    except Refused as refused:
        played.problem = refused.to_dict()["message"]
        return played
    session_id = started["session"]["id"]
    created.append(session_id)
    played.turns = [
        {"speaker": t["speaker"], "text": t["text"]} for t in started["turns"]
    ]
    for number in range(scenario.mood.max_turns + 1):
        status, open_needs = await asyncio.to_thread(
            _state, sessions, session_id, scenario
        )
        played.outcome = status
        if status != "active":
            break
        if clock.time() > deadline:
            played.problem = localise("The check ran out of time here.")
            break
        reply = learner.next_reply(open_needs)
        if reply is None:
            break
        try:
            await practice.reply(
                user_id=user_id,
                session_id=session_id,
                message_id=f"check-{number}",
                text=reply,
                emit=heard,
            )
        except Refused as refused:
            played.problem = refused.to_dict()["message"]
            break
        played.replies += 1
    return played


def _state(
    sessions: sessionmaker[Session], session_id: str, scenario: Scenario
) -> tuple[str, list[str]]:
    with sessions() as db:
        session = db.get(PracticeSession, session_id)
        if session is None:
            return "abandoned", []
        met = set(session.needs_met or [])
        return session.status, [n.id for n in scenario.needs if n.id not in met]


def _forget(sessions: sessionmaker[Session], session_ids: Sequence[str]) -> None:
    """The check's test sessions go (turns, scores and the rest cascade)."""
    if not session_ids:
        return
    with sessions.begin() as db:
        db.execute(
            delete(PracticeSession)
            .where(PracticeSession.id.in_(list(session_ids)))
            .where(PracticeSession.is_test.is_(True))
            .execution_options(synchronize_session=False)
        )


def _report(scenario: Scenario, played: list[Played], missing: str) -> dict[str, Any]:
    def of(kind: str) -> list[Played]:
        return [p for p in played if p.kind == kind]

    good = of("good")
    resolved = [p.replies for p in good if p.passed]
    return {
        "scenario": scenario.id,
        "version": scenario.content_hash,
        "scripts": {
            "passed": sum(p.passed for p in of("script")),
            "of": len(of("script")),
        },
        "good": {
            "resolved": len(resolved),
            "of": len(good),
            "median_replies": statistics.median(resolved) if resolved else None,
        },
        "rude": {"ended": sum(p.passed for p in of("rude")), "of": len(of("rude"))},
        "ok": all(p.passed for p in played) and not missing,
        "notes": [missing] if missing else [],
        "conversations": [p.view() for p in played],
    }
