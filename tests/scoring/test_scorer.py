"""Behaviour of the empathy scorer (the learned model with rule evidence) that a
learner would notice."""

from __future__ import annotations

import json
import time

import pytest

from trainer_api.scoring import (
    DIMENSIONS,
    PENALTIES,
    SCORER_VERSION,
    Evidence,
    ScoreResult,
    score_reply,
)
from trainer_api.scoring.moment import moment_score
from trainer_api.scoring.result import band_for
from trainer_api.scoring.scorer import warm_up

CUSTOMER = (
    "I've been stuck at Edinburgh airport since six this morning. Flight NW 482 "
    "was meant to leave at 07:55, it's now delayed four hours, so I'm going to "
    "miss the 12:40 connection in Amsterdam, and nobody at the gate can tell me "
    "anything."
)
EVIDENCE_REPLIES_FOR_FORMULA = [
    "I'm sorry to hear that.",
    "We'll look into it.",
    "I've rebooked you on the 18:40, boarding pass is in your email.",
    "Calm down, it's only a delay.",
]
CANCELLED = "My flight got cancelled and now I'm stuck at the airport with two kids!"

FULL_REPLY = (
    "I'm really sorry, missing your connection after a four-hour delay at the "
    "airport is awful. So you've been stuck at the gate since six with nobody "
    "telling you anything; no wonder you're frustrated. That's our mistake and I'm "
    "going to fix it now: I've rebooked you on the 13:30 via Frankfurt, arriving "
    "in Vienna at 17:10. Is getting there tonight the priority, or would a morning "
    "flight with a hotel work better for you?"
)


def evidence_for(result: ScoreResult, dimension: str) -> list[Evidence]:
    return [item for item in result.evidence if item.dimension == dimension]


def texts_for(result: ScoreResult, dimension: str) -> list[str]:
    return [item.text for item in evidence_for(result, dimension)]


# --- hard cases from RUBRIC.md -----------------------------------------------


def test_sorry_you_feel_that_way_is_a_dismissal_not_an_apology() -> None:
    result = score_reply("Sorry you feel that way.", CUSTOMER)

    assert result.penalties == ["dismissal"]
    assert result.dimensions["emotional_reaction"] == 0
    assert result.dimensions["ownership"] == 0
    assert evidence_for(result, "emotional_reaction") == []  # not even cancelled
    assert result.band == "poor" and result.score <= 15
    assert texts_for(result, "dismissal") == ["Sorry you feel that way"]
    assert result.feedback[0].startswith('"Sorry you feel that way" sounds like')
    assert "apologise for what happened" in result.feedback[0]


def test_sincere_sorry_is_not_a_dismissal() -> None:
    result = score_reply("I'm so sorry your flight got cancelled.", CANCELLED)

    assert result.penalties == []
    assert result.dimensions["emotional_reaction"] == 2


def test_i_understand_is_cancelled_by_a_policy_wall() -> None:
    result = score_reply("I understand, but policy is policy.", CUSTOMER)

    assert result.penalties == ["policy_wall"]
    assert result.dimensions["interpretation"] == 0
    assert result.band == "poor" and result.score <= 15
    [cancelled] = evidence_for(result, "interpretation")
    assert (cancelled.text, cancelled.effect) == ("I understand", "-")
    assert '"policy is policy" hides behind the rules' in result.feedback[0]
    assert 'cancels out your "I understand"' in result.feedback[0]


def test_i_understand_alone_still_earns_interpretation() -> None:
    result = score_reply("I understand.", CUSTOMER)

    assert result.dimensions["interpretation"] == 1
    assert result.penalties == []


def test_policy_with_a_concrete_alternative_is_not_a_wall() -> None:
    wall = score_reply("It's company policy, there's nothing I can do.", CUSTOMER)
    offer = score_reply(
        "It's company policy, but I can offer you a hotel tonight and the 07:10 "
        "flight tomorrow.",
        CUSTOMER,
    )

    assert wall.penalties == ["policy_wall"]
    assert offer.penalties == []
    assert offer.dimensions["resolution"] == 2


def test_warm_reply_without_help_is_told_to_offer_a_next_step() -> None:
    reply = (
        "I'm so sorry, being stuck at the airport since six with no news sounds "
        "exhausting. No wonder you're upset."
    )
    result = score_reply(reply, CUSTOMER)

    assert result.dimensions["emotional_reaction"] == 2
    assert result.dimensions["interpretation"] == 2
    assert result.dimensions["resolution"] == 0
    assert result.feedback[0].startswith("Offer a concrete next step")


def test_competent_fix_without_warmth_is_told_to_acknowledge_feelings() -> None:
    reply = "I've rebooked you on the 18:40, boarding pass is in your email."
    result = score_reply(reply, CUSTOMER)

    assert result.dimensions["resolution"] == 2
    assert result.dimensions["emotional_reaction"] == 0
    assert result.feedback[0].startswith("Acknowledge how they feel")
    # At a complaint a real fix counts most: good, though not excellent, and the
    # warm, complete reply scores well above it.
    assert result.band == "good"
    assert score_reply(FULL_REPLY, CUSTOMER).score - result.score >= 25


@pytest.mark.parametrize(
    "reply",
    [
        "Did you even read the terms?",
        "Why didn't you check in online?",
        "Are you even listening to me?",
    ],
)
def test_interrogating_questions_are_penalised_and_do_not_explore(reply: str) -> None:
    result = score_reply(reply, CUSTOMER)

    assert {"blame", "hostility"} & set(result.penalties)
    assert result.dimensions["exploration"] == 0
    assert result.score == 0


def test_open_question_about_needs_explores() -> None:
    reply = "Would a morning flight with a hotel work better for you, or tonight?"
    result = score_reply(reply, CUSTOMER)

    assert result.dimensions["exploration"] == 2
    assert result.penalties == []


def test_long_reply_that_says_nothing_scores_low() -> None:
    reply = (
        "Thank you for contacting us today. We value your business and we are always "
        "committed to excellence in everything we do. At our company, customer "
        "satisfaction is our top priority, and we strive to provide the highest "
        "standards of service to every valued customer. We appreciate your patience "
        "and understanding at this point in time, and we want to assure you that your "
        "feedback is important to us. Going forward we will continue to do our very "
        "best to meet your expectations and to deliver excellent service across all "
        "of our channels, now and in the future."
    )
    assert len(reply.split()) >= 80

    result = score_reply(reply, CUSTOMER)

    assert result.score < 40
    assert result.band == "poor"
    assert result.feedback[0].startswith('Cut stock phrases like "We value your')


def test_same_template_pasted_again_is_named_and_capped() -> None:
    first = score_reply(FULL_REPLY, CUSTOMER)
    pasted = score_reply(
        FULL_REPLY, CUSTOMER, {"previous_replies": ["Hello!", FULL_REPLY.upper()]}
    )

    assert first.score > 40
    assert pasted.score <= 40
    assert pasted.feedback[0].startswith("You pasted the same reply")


def test_near_identical_template_counts_as_pasted() -> None:
    tweaked = FULL_REPLY.replace("Frankfurt", "Munich")
    result = score_reply(tweaked, CUSTOMER, {"previous_replies": [FULL_REPLY]})

    assert result.score <= 40
    assert "same reply" in result.feedback[0]


def test_a_new_reply_is_not_treated_as_pasted() -> None:
    result = score_reply(
        FULL_REPLY, CUSTOMER, {"previous_replies": ["I'm so sorry, let me check."]}
    )

    assert result.score == 90  # 35 + 55 + 10: the most a complaint gives
    assert not any("same reply" in tip for tip in result.feedback)


def test_capitals_read_as_hostility() -> None:
    result = score_reply("THIS IS NOT MY PROBLEM", CUSTOMER)

    assert result.penalties == ["hostility"]
    assert texts_for(result, "hostility") == ["THIS IS NOT MY PROBLEM"]
    assert "capitals reads as shouting" in result.feedback[0]


def test_acronyms_codes_and_one_emphasised_word_are_not_shouting() -> None:
    reply = "I'm REALLY sorry, your flight NW482 is rebooked ASAP, PNR K7RM2P, OK?"
    result = score_reply(reply, CUSTOMER)

    assert result.penalties == []
    assert result.dimensions["resolution"] >= 1


CHAT_PAIRS = [
    (
        "im so sorry ur flight got cancelled, that sounds rly stressful. ive rebooked "
        "u on the 18:40",
        "I'm so sorry your flight got cancelled, that sounds really stressful. I've "
        "rebooked you on the 18:40.",
    ),
    (
        "i undrstand how frustrating this is. ill sort it out for u now",
        "I understand how frustrating this is. I'll sort it out for you now.",
    ),
    (
        "so sory for the inconvenience, pls let me know what works best for u, thx",
        "So sorry for the inconvenience, please let me know what works best for you.",
    ),
    (
        "i apologize, thats our mistake. ill refund £40 today",
        "I apologise, that's our mistake. I'll refund £40 today.",
    ),
    pytest.param(
        "omg im sooo sorry, being stuck w 2 kids at the airport must be exhausting. "
        "would a hotel 2nite or the first flight tmrw work better for u?",
        "I'm so sorry, being stuck with two kids at the airport must be exhausting. "
        "Would a hotel tonight or the first flight tomorrow work better for you?",
        marks=pytest.mark.xfail(
            strict=True,
            reason="known model-2 error (README): two options asked as a question "
            "read as resolution 2 in chat spelling and 1 written (80 against 70)",
        ),
    ),
    pytest.param(
        "no wonder ur upset, u must be exhausted",
        "No wonder you're upset, you must be exhausted.",
        marks=pytest.mark.xfail(
            strict=True,
            reason="known model-2 error (README): the dismissal head fires on a "
            "short validation that names the emotion, in both spellings",
        ),
    ),
    (
        "I\u2019m so sorry, that\u2019s our mistake and I\u2019ll fix it.",
        "I'm so sorry, that's our mistake and I'll fix it.",
    ),
]


@pytest.mark.parametrize(("chat", "written"), CHAT_PAIRS)
def test_chat_style_and_typos_score_like_the_written_reply(
    chat: str, written: str
) -> None:
    chat_result = score_reply(chat, CANCELLED)
    written_result = score_reply(written, CANCELLED)

    assert written_result.score > 0
    assert abs(chat_result.score - written_result.score) <= 15
    assert (
        chat_result.band == written_result.band
        or abs(chat_result.score - written_result.score) <= 5
    )
    assert chat_result.penalties == written_result.penalties == []


def test_typo_sentence_from_the_brief_scores_well() -> None:
    chat, _ = CHAT_PAIRS[0]
    result = score_reply(chat, CANCELLED)

    assert result.dimensions["emotional_reaction"] == 2
    assert result.dimensions["resolution"] == 2
    assert result.band in ("good", "excellent")


# --- levels, formula, bands ---------------------------------------------------


def test_full_reply_reaches_every_strong_level() -> None:
    result = score_reply(FULL_REPLY, CUSTOMER)

    assert result.dimensions == dict.fromkeys(DIMENSIONS, 2)
    assert result.score == 90  # 35 + 55 + 10: the most a complaint gives
    assert result.band == "excellent"
    assert result.feedback[0].startswith("Strong reply")


@pytest.mark.parametrize(
    ("levels", "penalties", "moment", "score"),
    [
        ((0, 0, 0, 0, 0), [], "complaint", 35),  # the base: the reply was civil
        ((1, 0, 0, 0, 0), [], "complaint", 38),  # 35 + 5 x 1/2
        ((0, 0, 0, 0, 2), [], "complaint", 65),  # 35 + 20 + strong 10: a real fix
        ((2, 2, 2, 2, 2), [], "complaint", 90),
        ((2, 0, 0, 0, 0), [], "resolved", 85),  # a warm close needs no fix
        ((2, 1, 0, 0, 0), [], "grief", 70),  # 30 + 25 + 5 + 10: a condolence
        ((0, 0, 0, 0, 2), [], "repeat", 70),
        ((2, 2, 2, 2, 2), ["hostility"], "complaint", 35),  # capped: 90 - 35
        ((0, 0, 0, 0, 0), ["dismissal"], "complaint", 10),  # 35 - 25
        ((0, 0, 0, 0, 0), ["blame", "hostility"], "complaint", 0),
    ],
)
def test_score_follows_the_documented_table(
    levels: tuple[int, ...], penalties: list[str], moment: str, score: int
) -> None:
    given = dict(zip(DIMENSIONS, levels, strict=True))
    assert moment_score(given, penalties, moment) == score


def test_filler_and_repeats_are_capped() -> None:
    levels = dict(zip(DIMENSIONS, (1, 1, 1, 1, 1), strict=True))
    assert moment_score(levels, [], "complaint") == 58
    assert moment_score(levels, [], "complaint", filler=True) == 35
    assert moment_score(levels, [], "complaint", repeated=True) == 40


def test_doing_what_the_customer_waits_for_is_good() -> None:
    owned = dict(zip(DIMENSIONS, (0, 0, 0, 2, 0), strict=True))
    assert moment_score(owned, [], "complaint") == 55
    assert moment_score(owned, [], "complaint", called_for=["ownership"]) == 70
    assert moment_score(owned, [], "complaint", called_for=["resolution"]) == 55
    blaming = moment_score(owned, ["blame"], "complaint", called_for=["ownership"])
    assert blaming == 30


@pytest.mark.parametrize("reply", EVIDENCE_REPLIES_FOR_FORMULA)
def test_score_is_the_table_applied_to_the_levels_found(reply: str) -> None:
    result = score_reply(reply, CUSTOMER, {"moment": "complaint"})
    expected = moment_score(result.dimensions, result.penalties, "complaint")
    assert result.moment == "complaint"
    assert result.score == expected
    assert result.band == band_for(result.score)


def test_generic_sympathy_is_level_one_and_specific_sympathy_level_two() -> None:
    generic = score_reply("I'm so sorry to hear that.", CANCELLED)
    specific = score_reply("I'm so sorry your flight got cancelled.", CANCELLED)

    assert generic.dimensions["emotional_reaction"] == 1
    assert specific.dimensions["emotional_reaction"] == 2


def test_customer_facts_make_a_reply_specific() -> None:
    reply = "I'm so sorry, the recital matters so much."
    facts = {"customer_facts": ["my daughter's cello recital at ten tomorrow"]}

    assert score_reply(reply, CUSTOMER).dimensions["emotional_reaction"] == 1
    assert score_reply(reply, CUSTOMER, facts).dimensions["emotional_reaction"] == 2


def test_ownership_levels() -> None:
    stock = score_reply("Sorry for the inconvenience.", CUSTOMER)
    owned = score_reply("That's our mistake and I'm going to fix it.", CUSTOMER)

    assert stock.dimensions["ownership"] == 1
    assert owned.dimensions["ownership"] == 2


@pytest.mark.xfail(
    strict=True,
    reason="known model-2 error (README): a timed call-back after a vague "
    "'look into it' reads as resolution 1",
)
def test_vague_and_concrete_resolution() -> None:
    vague = score_reply("We'll look into it.", CUSTOMER)
    timed = score_reply("I'll look into it and call you back by 5pm.", CUSTOMER)

    assert vague.dimensions["resolution"] == 1
    assert timed.dimensions["resolution"] == 2


@pytest.mark.parametrize(
    "reply",
    ["Calm down.", "It's only a small delay.", "It's not a big deal.", "Relax."],
)
def test_dismissals(reply: str) -> None:
    assert score_reply(reply, CUSTOMER).penalties == ["dismissal"]


def test_dismissal_cancels_warmth_in_the_same_reply() -> None:
    result = score_reply("I'm so sorry, but calm down.", CUSTOMER)

    assert result.dimensions["emotional_reaction"] == 0
    assert [e.effect for e in evidence_for(result, "emotional_reaction")] == ["-"]


def test_blame_is_named_with_the_learners_words() -> None:
    result = score_reply("You should have checked the email we sent.", CUSTOMER)

    assert result.penalties == ["blame"]
    assert result.feedback[0].startswith('"You should have checked" puts the fault')


def test_informing_about_an_email_is_not_blame() -> None:
    reply = "You should have received an email from us; I'm sorry it didn't arrive."
    assert score_reply(reply, CUSTOMER).penalties == []


def test_penalties_listed_in_fixed_order() -> None:
    reply = "OBVIOUSLY YOU SHOULD HAVE READ IT. Calm down, policy is policy."
    result = score_reply(reply, CUSTOMER)

    assert result.penalties == ["blame", "dismissal", "policy_wall", "hostility"]
    assert len(result.feedback) == 2
    assert "capitals" in result.feedback[0]  # hostility costs most, so first


# --- evidence and output shape --------------------------------------------------

EVIDENCE_REPLIES = [
    FULL_REPLY,
    "I understand, but policy is policy.",
    "Sorry you feel that way. THIS IS NOT MY PROBLEM!!",
    "im so sory ur flight got cancelled \U0001f622 ive rebooked u on the 18:40",
    "I\u2019m so sorry \u2013 that\u2019s our mistake. \u0130 will fix it.",
    "Hello\u00a0there, I'll look into it.\n\nAnything else?",
]


@pytest.mark.parametrize("reply", EVIDENCE_REPLIES)
def test_evidence_spans_point_into_the_original_reply(reply: str) -> None:
    result = score_reply(reply, CANCELLED)

    assert result.evidence, "every reply here earns or loses something"
    for item in result.evidence:
        assert reply[item.start : item.end] == item.text
        assert item.effect in {"+", "-"}
        assert item.dimension in DIMENSIONS + PENALTIES
    starts = [item.start for item in result.evidence]
    assert starts == sorted(starts)


@pytest.mark.parametrize("reply", EVIDENCE_REPLIES)
def test_every_level_and_penalty_has_evidence(reply: str) -> None:
    result = score_reply(reply, CANCELLED)

    for dimension, level in result.dimensions.items():
        if level:
            assert any(e.effect == "+" for e in evidence_for(result, dimension))
    for penalty in result.penalties:
        assert all(e.effect == "-" for e in evidence_for(result, penalty))
        assert evidence_for(result, penalty)
    assert result.penalties == [p for p in PENALTIES if p in result.penalties]


def test_to_dict_matches_the_rubric_shape() -> None:
    result = score_reply("I understand, but policy is policy.", CUSTOMER)
    data = json.loads(json.dumps(result.to_dict()))

    assert set(data) == {
        "score",
        "band",
        "dimensions",
        "penalties",
        "evidence",
        "feedback",
        "scorer_version",
        "language",
        "moment",
    }
    assert list(data["dimensions"]) == list(DIMENSIONS)
    assert data["scorer_version"] == SCORER_VERSION == "model-2"
    assert (data["language"], data["moment"]) == ("en", "complaint")
    assert data["evidence"][0] == {
        "dimension": "interpretation",
        "start": 0,
        "end": 12,
        "text": "I understand",
        "effect": "-",
    }


def test_feedback_is_one_or_two_tips_addressed_to_the_learner() -> None:
    for reply in EVIDENCE_REPLIES + ["ok", "We'll look into it."]:
        feedback = score_reply(reply, CUSTOMER).feedback
        assert 1 <= len(feedback) <= 2
        assert all(tip and len(tip) < 300 for tip in feedback)


# --- bad input ------------------------------------------------------------------


@pytest.mark.parametrize("reply", ["", "   ", "\n\t "])
def test_empty_reply_asks_for_a_reply(reply: str) -> None:
    result = score_reply(reply, CUSTOMER)

    assert (result.score, result.band) == (0, "poor")
    assert result.dimensions == dict.fromkeys(DIMENSIONS, 0)
    assert result.penalties == [] and result.evidence == []
    assert result.feedback[0].startswith("Write a reply")


@pytest.mark.parametrize(
    "reply",
    [
        "\U0001f621\U0001f621\U0001f621",
        "<script>alert(1)</script>",
        "\u975e\u5e38\u62b1\u6b49\uff0c\u6211\u4eec\u4f1a\u5904\u7406\u3002",
        "asdkjh qwpoeiru zxmcnv sorry?",
        "\x00\x1b[31m\ufffd\u202e" * 20,
        "sorry " * 300,
        "?!?!?!?!",
    ],
)
def test_nonsense_never_crashes_or_scores_high(reply: str) -> None:
    result = score_reply(reply, CUSTOMER)

    assert result.band in ("poor", "developing", "unscored")
    assert result.score <= 40
    assert result.feedback


@pytest.mark.parametrize(
    ("reply", "named"),
    [
        ("Es tut mir sehr leid, wir kümmern uns sofort darum.", "German"),
        ("Obrigado pela paciência, vamos resolver isso ainda hoje.", "Portuguese"),
        ("Lo siento mucho, vamos a resolverlo hoy mismo.", None),
    ],
)
def test_a_reply_in_another_language_is_not_scored_but_named(
    reply: str, named: str | None
) -> None:
    result = score_reply(reply, CUSTOMER)

    assert (result.band, result.score, result.scored) == ("unscored", 0, False)
    assert result.penalties == [] and result.evidence == []
    [tip] = result.feedback
    assert "could not be scored" in tip
    assert (named or "other than English or French") in tip
    in_french = score_reply(reply, CUSTOMER, {"language": "fr"})
    assert in_french.feedback[0].startswith("Cette réponse n'a pas pu être évaluée")


def test_emoji_only_reply_is_asked_for_words() -> None:
    result = score_reply("\U0001f621\U0001f621", CUSTOMER)
    assert result.feedback == [
        "Write your reply in plain words the customer can read: acknowledge how "
        "they feel and say what you will do next."
    ]


def test_very_long_reply_is_scored() -> None:
    reply = (FULL_REPLY + " ") * 20
    assert len(reply) > 5000

    result = score_reply(reply, CUSTOMER)

    assert result.score == 90  # 35 + 55 + 10: the most a complaint gives
    assert all(reply[e.start : e.end] == e.text for e in result.evidence)


@pytest.mark.parametrize("filler", ["so ", "really ", "i ", "you ", "i'll just "])
def test_repetitive_input_does_not_backtrack(filler: str) -> None:
    """Four times the text takes about four times as long, not sixteen: a
    ratio, so a slow or busy machine does not fail it (the time itself varied
    from 0.5 s to 5 s for 200 KB with the machine's speed)."""
    warm_up()  # the models load once, not inside the timing

    def seconds(repeats: int) -> float:
        started = time.perf_counter()
        result = score_reply(filler * repeats + "sorry", CUSTOMER)
        assert result.band in ("poor", "developing")
        return time.perf_counter() - started

    short, long = min(seconds(2_500) for _ in range(2)), seconds(10_000)
    assert long / short < 8  # linear: about 4; quadratic: 16


def test_odd_context_values_are_ignored() -> None:
    context = {"previous_replies": [None, 3, FULL_REPLY[:10]], "customer_facts": 7}
    assert score_reply(FULL_REPLY, CUSTOMER, context).score == 90


def test_non_string_reply_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="reply must be a str"):
        score_reply(None, CUSTOMER)  # type: ignore[arg-type]


def test_scoring_is_deterministic() -> None:
    runs = [score_reply(reply, CUSTOMER).to_dict() for reply in EVIDENCE_REPLIES]
    again = [score_reply(reply, CUSTOMER).to_dict() for reply in EVIDENCE_REPLIES]
    assert runs == again


def test_result_is_frozen() -> None:
    result = score_reply("I understand.", CUSTOMER)
    with pytest.raises(AttributeError):
        result.score = 99  # type: ignore[misc]
