"""Model answers from the scenario, shown to learners whose reply scores low."""

from __future__ import annotations

from trainer_api.scoring import score_reply
from trainer_api.scoring.feedback import closest_model_answer, model_answer_tip

CUSTOMER = (
    "My flight NW 482 is four hours late and I'm going to miss my connection to "
    "Vienna. My daughter's recital is tonight."
)
ACKNOWLEDGE = (
    "I'm so sorry, Fiona. Missing your daughter's recital after a four-hour wait "
    "would upset anyone."
)
REBOOK = (
    "I can put you on the 15:10 via Frankfurt, landing in Vienna at 21:05. "
    "Shall I book it?"
)
ANSWERS = {"model_answers": [ACKNOWLEDGE, REBOOK]}


def test_low_reply_gets_the_closest_model_answer_after_its_tips() -> None:
    result = score_reply("We'll look at flights to Vienna.", CUSTOMER, ANSWERS)

    assert result.band in {"poor", "developing"}
    assert 2 <= len(result.feedback) <= 3
    assert result.feedback[-1] == f'A stronger reply here: "{REBOOK}"'
    assert not any("A stronger reply" in tip for tip in result.feedback[:-1])


def test_the_answer_closest_to_what_the_learner_tried_is_chosen() -> None:
    result = score_reply("Sorry about the recital.", CUSTOMER, ANSWERS)

    assert result.feedback[-1] == f'A stronger reply here: "{ACKNOWLEDGE}"'


def test_good_reply_gets_no_model_answer() -> None:
    reply = (
        "I'm so sorry, missing your daughter's recital after a four-hour delay is "
        "awful, no wonder you're upset. That's our mistake and I'll fix it now: "
        "I've booked you on the 15:10 via Frankfurt, landing 21:05. Would you like "
        "a hotel voucher too, or is getting there all that matters?"
    )
    result = score_reply(reply, CUSTOMER, ANSWERS)

    assert result.band in {"good", "excellent"}
    assert not any("A stronger reply" in tip for tip in result.feedback)


def test_empty_reply_is_shown_a_model_answer_too() -> None:
    result = score_reply("", CUSTOMER, ANSWERS)

    assert result.feedback[0].startswith("Write a reply")
    assert result.feedback[-1] == f'A stronger reply here: "{ACKNOWLEDGE}"'


def test_without_usable_model_answers_feedback_is_unchanged() -> None:
    plain = score_reply("ok", CUSTOMER).feedback
    for context in ({"model_answers": []}, {"model_answers": ["  ", 7]}, {}):
        assert score_reply("ok", CUSTOMER, context).feedback == plain
    assert len(plain) <= 2


def test_closest_model_answer_by_word_overlap() -> None:
    answers = ["Let me refund the fare.", "I've rebooked your Frankfurt flight."]

    assert closest_model_answer("rebooking via frankfurt?", answers) == answers[1]
    assert closest_model_answer("zzz", answers) == answers[0]  # no overlap: first
    assert closest_model_answer("anything", []) is None
    assert model_answer_tip("x", ["  "]) is None


def test_long_model_answers_are_cut_in_the_tip() -> None:
    tip = model_answer_tip("flight", ["flight " * 100])

    assert tip is not None and len(tip) < 300 and tip.endswith('\u2026"')
