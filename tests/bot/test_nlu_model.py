"""The trained bot reads learner replies it has never seen as the right moves.

The replies below are written for this test and are not in bot/data; each makes
its moves plainly, so a miss here is a regression a learner would notice (the
customer reacting to something the learner did not do).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from tools.bot_model import ensure_model
from tools.stack import BOT_DIR


@pytest.fixture(scope="module")
def parse() -> Iterator[Any]:
    model, _ = ensure_model()
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.chdir(BOT_DIR)  # the pipeline's custom components import from bot/
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    yield lambda text: asyncio.run(agent.parse_message(text))
    monkeypatch.undo()


def moves(parsed: dict[str, Any]) -> set[str]:
    return set(parsed["intent"]["name"].split("+"))


UNSEEN_REPLIES = [
    ("Honestly, just calm down, it's a two hour wait", {"dismiss"}),
    ("you really should have double checked the address", {"blame_customer"}),
    ("Let me put you through to my team leader", {"transfer_or_escalate"}),
    ("could you tell me the postcode on the account?", {"ask_closed_question"}),
    ("Right, was there anything else before we wrap up?", {"close_conversation"}),
    (
        "I'm truly sorry, I've booked an engineer to come out",
        {"apologize", "offer_solution"},
    ),
    (
        "What a draining week you must be having. What would make today easier?",
        {"acknowledge_feelings", "ask_open_question"},
    ),
    ("I'm afraid the rules are the rules and I can't change them", {"cite_policy"}),
    (
        "I've credited fifty pounds to your account as a goodwill gesture",
        {"offer_compensation"},
    ),
]


@pytest.mark.parametrize(("reply", "expected"), UNSEEN_REPLIES)
def test_unseen_replies_are_read_as_their_moves(
    parse: Any, reply: str, expected: set[str]
) -> None:
    assert moves(parse(reply)) == expected


def test_the_ranking_is_a_distribution_over_known_intents(parse: Any) -> None:
    parsed = parse("so sorry about the wait")
    ranking = parsed["intent_ranking"]
    assert ranking[0] == parsed["intent"]
    confidences = [entry["confidence"] for entry in ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert 0 < sum(confidences) <= 1 + 1e-6


def test_times_amounts_and_references_are_extracted(parse: Any) -> None:
    parsed = parse(
        "I've refunded £42.50 against booking ref 55120 and rebooked you on the 18:40"
    )
    found = {(entity["entity"], entity["value"]) for entity in parsed["entities"]}
    assert found >= {
        ("amount", "£42.50"),
        ("reference", "ref 55120"),
        ("time", "18:40"),
    }
