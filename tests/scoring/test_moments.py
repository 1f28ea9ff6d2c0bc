"""A reply is judged against what the moment calls for (RUBRIC.md, "The moment
matters"): a warm closing once the problem is solved, a reply that does what the
customer is waiting for, and a plain condolence are good replies.

Each case is written several ways, so the test is about the kind of reply, not
one wording. The figures are the scorer's on text written for these tests: an
upper bound on how it does with other writers (see ``make eval-scorer``).
"""

from __future__ import annotations

import pytest

from trainer_api.scoring import score_reply

RELIEVED = (
    "Right, that's the 14:20 to Frankfurt and on to Vienna tonight, and my bag "
    "goes through. Thank you, honestly."
)
CLOSINGS = [
    "You're all set, Fiona. Thanks for bearing with me through all of that, and I "
    "hope Ella's recital goes beautifully tomorrow.",
    pytest.param(
        "That's everything booked. Thank you for your patience today; give Ella a "
        "big hug from all of us and enjoy the concert.",
        marks=pytest.mark.xfail(
            strict=True,
            reason="known model-2 error (README): warm wishes with no 'sorry' or "
            "feeling word get no rubric level, so the closing scores 50",
        ),
    ),
    "Glad we got you sorted. Safe travels tonight, and I really hope the recital is "
    "wonderful.",
    "It was a pleasure to help. Have a smooth trip, and I hope you have a lovely "
    "time watching your daughter play.",
]


@pytest.mark.parametrize("reply", CLOSINGS)
def test_a_warm_closing_after_the_fix_is_good(reply: str) -> None:
    result = score_reply(reply, RELIEVED, {"needs_open": []})

    assert result.moment == "resolved"
    assert result.score >= 60, result
    assert result.penalties == []
    assert not any("concrete next step" in tip for tip in result.feedback)


GRIEVING = (
    "My dad died three weeks ago and I've just opened a letter addressed to him "
    "saying his account is overdue. I can't keep doing this."
)
CONDOLENCES = [
    "I'm so sorry for the loss of your father. Please take your time, there's no "
    "rush at all, and I'll help you with whatever you need.",
    "I'm really sorry about your dad. Getting a letter like that after everything "
    "this month must have been so hard.",
    "Oh, I'm so sorry. Losing your father and then having to deal with letters in "
    "his name is a lot. We'll take this one step at a time.",
]


@pytest.mark.parametrize("reply", CONDOLENCES)
def test_a_plain_condolence_is_good(reply: str) -> None:
    result = score_reply(reply, GRIEVING)

    assert result.moment == "grief"
    assert result.score >= 60, result
    assert result.dimensions["emotional_reaction"] == 2


WAITING = (
    "I have to be in Vienna for ten tomorrow morning. My daughter's first cello "
    "recital. What are you actually going to do?"
)
MEETS_THE_NEED = [
    "Of course you want to be there for Ella. I've put you on the 14:20 to "
    "Frankfurt with a connection landing in Vienna at 19:05, your bag is "
    "transferred, and here's a meal voucher for the wait.",
    "You'll be there for the recital: I've booked you on tonight's 14:20 via "
    "Frankfurt, arriving 19:05, and your suitcase is checked through.",
    "Being there for Ella is what matters, so I've rebooked you via Frankfurt this "
    "afternoon; you land in Vienna at five past seven tonight.",
]


@pytest.mark.parametrize("reply", MEETS_THE_NEED)
def test_a_reply_that_does_what_the_customer_waits_for_is_good(reply: str) -> None:
    context = {"needs_open": ["rebooked"], "called_for": ["resolution"]}
    result = score_reply(reply, WAITING, context)

    assert result.moment != "resolved"
    assert result.dimensions["resolution"] == 2
    assert result.score >= 60, result


def test_an_apology_once_made_need_not_be_repeated() -> None:
    reply = "I've booked you on the 14:20 via Frankfurt, landing in Vienna at 19:05."
    first = score_reply(reply, WAITING)
    later = score_reply(
        reply, WAITING, {"earlier_levels": {"emotional_reaction": 2, "ownership": 2}}
    )

    assert later.score > first.score
    assert not any(tip.startswith("Own the company") for tip in later.feedback)


def test_no_fix_is_proposed_once_the_problem_is_solved() -> None:
    result = score_reply("Okay, bye.", RELIEVED, {"needs_open": []})

    assert result.moment == "resolved"
    assert all("next step" not in tip for tip in result.feedback)


def test_tips_agree_with_the_band() -> None:
    """A low score is never praised; an excellent one with nothing wrong is."""
    from trainer_api.scoring.feedback import build_feedback, tip

    praise = tip("praise", "en")
    all_done = dict.fromkeys(
        ("emotional_reaction", "interpretation", "exploration", "ownership"), 2
    )
    low = build_feedback(
        levels={**all_done, "resolution": 0},
        offending={},
        weights={
            "emotional_reaction": 25,
            "interpretation": 10,
            "exploration": 0,
            "ownership": 0,
            "resolution": 0,
        },
        band="poor",
    )
    assert praise not in low and low
    top = build_feedback(
        levels={**all_done, "resolution": 1}, offending={}, band="excellent"
    )
    assert top == [praise]
    blamed = build_feedback(
        levels={**all_done, "resolution": 2},
        offending={"blame": "you should have checked"},
        band="excellent",
    )
    assert praise not in blamed


@pytest.mark.parametrize("reply", CLOSINGS[:1] + CONDOLENCES[:1])
def test_no_praise_under_a_low_score_in_play(reply: str) -> None:
    for context in ({"needs_open": []}, {"needs_open": ["x"]}, {}):
        result = score_reply(reply, RELIEVED, context)
        if result.band in ("poor", "developing"):
            assert not any(t.startswith("Strong reply") for t in result.feedback)
