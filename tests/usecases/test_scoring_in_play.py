"""The score a learner sees in play: every shipped scenario's scripts, played
through the practice use case (the scorer gets the real conversation context:
earlier replies, earlier levels, the stage's model answers, the moment), must
tell a warm, competent agent from a dismissive one.

The customer here is the simulation core with a phrase-table ear (see
tests/support/in_process_customer.py), so a conversation can take a slightly
different path than with the bot; the scores are the product's own.
"""

from __future__ import annotations

import asyncio
from statistics import mean
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.support.factories import make_user
from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import load_library
from trainer_api.usecases import practice as practice_module
from trainer_api.usecases.practice import PracticeService

pytestmark = pytest.mark.slow

LIBRARY = load_library(PROJECT_ROOT / "scenarios")
SEEDS = (11, 2027, 90210)
"""The customer's lines vary with the session's seed; these three are fixed so
a failure can be replayed."""
BELOW_TARGET = {
    ("bereavement_account", "empathic", 11),
    ("bereavement_account", "empathic", 2027),
    ("bereavement_account", "empathic", 90210),
    ("lost_luggage", "empathic", 11),
    ("lost_luggage", "empathic", 2027),
    ("lost_luggage", "empathic", 90210),
    # French scripts (averages 57-63): a warm opener answering "I already told
    # you" earns little at the repeat moment, the procedural opening turns
    # score 25-35 by design, and chat-style offers ("je vous credite toute la
    # semaine") still read as resolution 1 although the rules find level 2.
    ("carte_bloquee_etranger", "familier_empathique", 11),
    ("carte_bloquee_etranger", "familier_empathique", 2027),
    ("carte_bloquee_etranger", "familier_empathique", 90210),
    ("panne_internet_domicile", "familier", 11),
    ("panne_internet_domicile", "familier", 2027),
    ("panne_internet_domicile", "familier", 90210),
    ("commande_livree_erronee", "procedural_puis_empathique", 11),
    ("commande_livree_erronee", "procedural_puis_empathique", 2027),
    ("commande_livree_erronee", "procedural_puis_empathique", 90210),
}
"""Runs where the resolved script averages under the target of 70 (English
66-69.2; README, "The empathy score": the model under-reads resolution and reads
an explanation alone as poor); strict, so a better model has to remove them."""
SCRIPTS = [
    pytest.param(
        scenario.id,
        script,
        seed,
        id=f"{scenario.id}-{script.name}-{seed}",
        marks=pytest.mark.xfail(strict=True, reason="below target, see BELOW_TARGET")
        if (scenario.id, script.name, seed) in BELOW_TARGET
        else (),
    )
    for scenario in LIBRARY
    for script in scenario.scripts
    for seed in SEEDS
]


def play(
    practice: PracticeService,
    db_sessions: sessionmaker[Session],
    scenario_id: str,
    replies: tuple[str, ...],
) -> tuple[list[dict[str, Any]], str]:
    """The score of each reply, until the conversation ends, and its status."""
    with db_sessions.begin() as db:
        learner = make_user(db).id
    session = asyncio.run(practice.start(user_id=learner, scenario_id=scenario_id))
    session_id = session["session"]["id"]
    scores: list[dict[str, Any]] = []
    status = ["active"]
    for number, text in enumerate(replies):
        pushed: list[tuple[str, dict[str, Any]]] = []
        asyncio.run(
            practice.reply(
                user_id=learner,
                session_id=session_id,
                message_id=f"m{number}",
                text=text,
                emit=_collector(pushed),
            )
        )
        turns = [p["turn"] for e, p in pushed if e == "turn"]
        scores.append(turns[0]["score"])
        status += [p["session"]["status"] for e, p in pushed if e == "session"]
        if status[-1] != "active":
            break
    return scores, status[-1]


def _collector(pushed: list[tuple[str, dict[str, Any]]]) -> Any:
    async def emit(event: str, payload: dict[str, Any]) -> None:
        pushed.append((event, payload))

    return emit


@pytest.mark.parametrize(("scenario_id", "script", "seed"), SCRIPTS)
def test_scripted_replies_score_as_their_kind(
    practice: PracticeService,
    db_sessions: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
    scenario_id: str,
    script: Any,
    seed: int,
) -> None:
    monkeypatch.setattr(practice_module.secrets, "randbelow", lambda _: seed)
    scores, _ = play(practice, db_sessions, scenario_id, script.replies)
    trail = "\n".join(
        f"{s['score']:3} {s['band']:10} {s.get('moment')}"
        f" {''.join(str(v) for v in s['dimensions'].values())} {s['penalties']}"
        f" {text[:70]!r}"
        for s, text in zip(scores, script.replies, strict=False)
    )
    average = mean(s["score"] for s in scores)

    if script.expect == "resolved":
        assert average >= 70, trail
        assert all(s["band"] != "poor" for s in scores), trail
    else:
        assert average < 30, trail
        assert all(s["band"] in ("poor", "developing") for s in scores), trail
