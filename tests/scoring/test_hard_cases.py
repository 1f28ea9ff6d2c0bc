"""RUBRIC.md's hard cases, with the model in place, across different situations.

test_scorer.py checks each hard case on the flight-delay conversation; here
the same cases answer customers of other situations, including a situation
that is in neither the training nor the test data (a missing parcel).
"""

from __future__ import annotations

import pytest

from trainer_api.scoring import score_reply

CUSTOMERS = [
    "The oak table I waited eight weeks for arrived with a snapped leg, and I'm "
    "hosting Christmas dinner for twelve in nine days.",
    "My mum died three weeks ago and your website keeps asking me for her password "
    "to close her account.",
    "My parcel with my son's birthday present was marked delivered but it never "
    "arrived, and his party is tomorrow.",
]


@pytest.fixture(params=CUSTOMERS, ids=["furniture", "bereavement", "parcel"])
def customer(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry you feel that way.",
        "I'm sorry you feel that way, but that's our process.",
    ],
)
def test_sorry_you_feel_that_way_is_a_dismissal(customer: str, reply: str) -> None:
    result = score_reply(reply, customer)

    assert "dismissal" in result.penalties
    assert result.dimensions["emotional_reaction"] == 0
    assert result.dimensions["ownership"] == 0
    assert result.band == "poor" and result.score <= 15


@pytest.mark.parametrize(
    "reply",
    ["I understand, but policy is policy.", "I understand, but rules are rules."],
)
def test_understanding_is_cancelled_by_a_policy_wall(customer: str, reply: str) -> None:
    result = score_reply(reply, customer)

    assert result.penalties == ["policy_wall"]
    assert result.dimensions["interpretation"] == 0
    assert [(e.text, e.effect) for e in result.evidence][0] == ("I understand", "-")


def test_warm_reply_without_help_earns_no_resolution(customer: str) -> None:
    result = score_reply(
        "I'm so sorry, that sounds awful. No wonder you're upset.", customer
    )

    assert result.dimensions["emotional_reaction"] >= 1
    assert result.dimensions["interpretation"] == 2
    assert result.dimensions["resolution"] == 0
    assert result.penalties == []


def test_competent_fix_without_warmth_earns_no_warmth(customer: str) -> None:
    reply = (
        "I've refunded you in full and a replacement will arrive on Thursday "
        "between 8 and 12."
    )
    result = score_reply(reply, customer)

    assert result.dimensions["resolution"] == 2
    assert result.dimensions["emotional_reaction"] == 0
    assert result.feedback[0].startswith("Acknowledge how they feel")


@pytest.mark.parametrize(
    "reply", ["Did you even read the terms?", "Why didn't you check it before signing?"]
)
def test_interrogating_questions_are_penalised(customer: str, reply: str) -> None:
    result = score_reply(reply, customer)

    assert "blame" in result.penalties
    assert result.dimensions["exploration"] == 0


def test_shouting_is_hostile(customer: str) -> None:
    assert score_reply("THIS IS NOT MY PROBLEM", customer).penalties == ["hostility"]


def test_long_reply_that_says_nothing_is_poor(customer: str) -> None:
    reply = (
        "Thank you for contacting us. We value your custom and are committed to "
        "excellence. Your satisfaction is our priority and we strive to deliver the "
        "highest standards. Going forward we will continue to improve."
    )
    result = score_reply(reply, customer)

    assert result.score <= 35 and result.band == "poor"


def test_pasted_template_is_capped(customer: str) -> None:
    reply = "I'm so sorry for the trouble, I will look into this and get back to you."
    result = score_reply(reply, customer, {"previous_replies": [reply]})

    assert result.score <= 40
    assert result.feedback[0].startswith("You pasted the same reply")


@pytest.mark.parametrize(
    ("chat", "written"),
    [
        (
            "im so sorry, thats awful. ive refunded u in full today",
            "I'm so sorry, that's awful. I've refunded you in full today.",
        ),
        (
            "sry!! i undrstand how stressful this is, ill sort it out for u now",
            "Sorry! I understand how stressful this is, I'll sort it out for you now.",
        ),
    ],
)
def test_chat_style_is_not_punished(customer: str, chat: str, written: str) -> None:
    chat_result = score_reply(chat, customer)
    written_result = score_reply(written, customer)

    assert chat_result.dimensions == written_result.dimensions
    assert chat_result.penalties == written_result.penalties == []
    assert chat_result.score == written_result.score > 0


@pytest.mark.parametrize(
    "reply",
    [
        "You were right to keep on at us. You shouldn't have had to.",
        "Honestly, none of this is your fault, and I'm sorry it landed on you.",
        "You've done nothing wrong here, and I'm sorry it landed on you.",
        "Please don't feel you should have checked it yourself; that's our job.",
        "Vous avez eu raison de rappeler, vous n'auriez jamais dû avoir à le faire.",
        "Ce n'est pas du tout votre faute, et je m'en occupe tout de suite.",
    ],
)
def test_clearing_the_customer_is_not_blame(customer: str, reply: str) -> None:
    assert "blame" not in score_reply(reply, customer).penalties


@pytest.mark.parametrize(
    "reply",
    [
        "It's not your fault, but you should have called us sooner.",
        "You shouldn't have had to wait, but you should have read the email.",
        "Honestly, I don't think you should have booked such a tight connection.",
        "Checking the address before ordering is exactly what you should have done.",
        "Ce n'est pas votre faute, mais vous auriez dû vérifier l'adresse.",
    ],
)
def test_blame_beside_a_clearing_phrase_is_still_blame(
    customer: str, reply: str
) -> None:
    assert "blame" in score_reply(reply, customer).penalties
