"""The counts of `make eval-customer`, on hand-made conversations.

A tiny scenario written here (not a shipped one) gives every line a known
place, so each count is shown to catch what it should and to leave alone
what it should not.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tools.customer_eval_metrics import (
    Conversation,
    Exchange,
    LineIndex,
    findings_of,
    internal_leaks,
    need_keywords,
    questions,
    reasked_questions,
    restated_lines,
    stem,
    unmade_offers,
    verbatim_repeats,
)
from tools.customer_eval_summary import (
    check_targets,
    nearest_rank,
    summarise,
    verdict,
)
from trainer_api.simulation import Scenario, parse_scenario
from trainer_api.simulation.scenario import REACTION_KEYS

OPENING = "My parcel to {town} never came and I need it for Saturday."
WAITING = "Does anyone there care that my parcel is lost?"
SHARED = "Fine. Go on."
SOLUTION = "Oh good, a courier tomorrow works for me."
BLAME = "My fault? So the courier is my fault?"
RESOLVED = "Thank you, that's sorted then."
HEARD_ASKS = "Does anyone care that the courier lost it?"
SLOTS = ("anger", "needs_met", "status", "trust")


def tiny_scenario() -> Scenario:
    """Two needs; every reaction has its own line, except ``SHARED``."""
    lines: dict[str, Any] = {
        reaction: {
            "calm": [f"Calm {reaction} line."],
            "upset": [f"Upset {reaction} line."],
        }
        for reaction in REACTION_KEYS
    }
    lines["solution"]["calm"] = [SOLUTION, SHARED]
    lines["explanation"]["calm"] = [SHARED]
    lines["blame"]["upset"] = [BLAME]
    lines.update(
        nudge=["Hello?"],
        escalate=["Get me a manager."],
        resolved=[RESOLVED],
        leave=["Forget it."],
    )
    doc = {
        "id": "tiny_parcel",
        "title": "Lost parcel",
        "locale": "en",
        "difficulty": "easy",
        "summary": "A parcel is lost.",
        "persona": {"name": "Sam", "background": "b", "temperament": "t"},
        "facts": {"town": "Leeds"},
        "opening": [OPENING],
        "needs": [
            {
                "id": "heard",
                "description": "Someone recognises the worry about the parcel",
                "met_by": ["acknowledge_feelings"],
                "lines": {"question": {"upset": [WAITING]}},
                "asks": [HEARD_ASKS],
            },
            {
                "id": "delivered",
                "description": "A courier brings the parcel before Saturday",
                "met_by": ["offer_solution"],
            },
        ],
        "mood": {
            "anger": 50,
            "trust": 40,
            "empathy_weight": 0.3,
            "escalate_at": 90,
            "resolve_at": 40,
            "max_turns": 10,
            "bands": {"calm": 40, "upset": 100},
        },
        "lines": lines,
    }
    return parse_scenario(yaml.safe_dump(doc, sort_keys=False))


@pytest.fixture(scope="module")
def index() -> LineIndex:
    return LineIndex.of(tiny_scenario())


def turn(
    customer: str,
    does: tuple[str, ...] | None = ("explain",),
    met: tuple[str, ...] = (),
    status: str = "active",
) -> Exchange:
    return Exchange("a reply", does, customer, status, met)


def talk(
    *exchanges: Exchange, kind: str = "good_random", **fields: Any
) -> Conversation:
    last = exchanges[-1].status if exchanges else "active"
    opening = OPENING.replace("{town}", "Leeds")
    return Conversation(
        "tiny_parcel", kind, opening, list(exchanges), status=last, **fields
    )


def test_a_message_splits_into_its_line_and_the_ending(index: LineIndex) -> None:
    spoken = index.split(f"{SOLUTION} {RESOLVED}")
    assert [line.text for line in spoken] == [SOLUTION, RESOLVED]
    assert spoken[0].origins[0].name == "solution"
    assert spoken[1].origins[0].section == "ending"
    assert index.split("Something nobody wrote.")[0].origins == ()


def test_a_line_said_again_is_a_verbatim_repeat(index: LineIndex) -> None:
    again = talk(turn(SOLUTION), turn("Calm empathy line."), turn(SOLUTION))
    assert [(f.turn, f.text) for f in verbatim_repeats(again, index)] == [(3, SOLUTION)]
    fresh = talk(turn(SOLUTION), turn(f"Calm empathy line. {RESOLVED}"))
    assert verbatim_repeats(fresh, index) == []


def test_a_line_said_again_as_a_repeat_is_counted_apart(index: LineIndex) -> None:
    """ "As I said: ..." is no verbatim repeat, but it is counted, and what
    the restated line does (here: ask about a met need) still counts."""
    again = talk(
        turn(WAITING),
        turn("Calm empathy line."),
        turn(f"As I said: {WAITING}"),
        turn(f"Like I told you: {WAITING}"),
    )
    assert verbatim_repeats(again, index) == []
    assert [(f.turn, f.text) for f in restated_lines(again, index)] == [
        (3, WAITING),
        (4, WAITING),
    ]
    spoken = index.split(f"I'll say it again: {SOLUTION} {RESOLVED}")
    assert [(line.text, line.restated) for line in spoken] == [
        (SOLUTION, True),
        (RESOLVED, False),
    ]
    assert spoken[0].origins[0].name == "solution"
    # a frame before text the scenario does not have is no restatement
    assert index.split("As I said: nothing anyone wrote.")[0].restated is False


def test_repeating_the_opening_counts(index: LineIndex) -> None:
    opening = OPENING.replace("{town}", "Leeds")
    assert len(verbatim_repeats(talk(turn(opening)), index)) == 1


def test_a_need_line_after_the_need_was_met_is_re_asked(index: LineIndex) -> None:
    late = talk(
        turn("Calm empathy line.", met=("heard",)), turn(WAITING, met=("heard",))
    )
    found = reasked_questions(late, index)
    assert [(f.turn, f.detail) for f in found] == [(2, "heard")]


def test_the_turn_that_meets_a_need_is_not_a_re_ask(index: LineIndex) -> None:
    meeting = talk(turn(WAITING, met=("heard",)))
    assert reasked_questions(meeting, index) == []


def test_a_question_about_a_met_need_is_re_asked(index: LineIndex) -> None:
    assert stem("courier") in need_keywords(tiny_scenario())["delivered"]
    delivered = ("heard", "delivered")
    asking = talk(
        turn(SOLUTION, ("offer_solution",), delivered),
        turn("Upset unclear line. So when does the courier come?", met=delivered),
    )
    assert [f.detail for f in reasked_questions(asking, index)] == ["delivered"]
    before = talk(turn("Upset unclear line. So when does the courier come?"))
    assert reasked_questions(before, index) == []


def test_a_need_brought_up_by_its_own_asks_is_about_that_need(
    index: LineIndex,
) -> None:
    """An ``asks`` line of a need still open is about that need, even when it
    holds a word of a met one ("courier"); the same line once its own need is
    met is a re-ask of it."""
    delivered = ("delivered",)
    open_need = talk(
        turn(SOLUTION, ("offer_solution",), delivered),
        turn(HEARD_ASKS, met=delivered),
    )
    assert reasked_questions(open_need, index) == []
    both = ("heard", "delivered")
    met_need = talk(
        turn(SOLUTION, ("offer_solution",), both), turn(HEARD_ASKS, met=both)
    )
    assert [f.detail for f in reasked_questions(met_need, index)] == ["heard"]
    assert index.split(f"{HEARD_ASKS} {RESOLVED}")[0].origins[0].name == "asks"


def test_a_word_two_needs_share_is_no_keyword() -> None:
    keywords = need_keywords(tiny_scenario())["delivered"]
    assert stem("parcel") not in keywords
    assert {stem("courier"), stem("Saturday".lower())} <= keywords


def test_a_retort_to_blame_is_not_a_re_ask(index: LineIndex) -> None:
    delivered = ("heard", "delivered")
    blamed = talk(
        turn(SOLUTION, ("offer_solution",), delivered), turn(BLAME, met=delivered)
    )
    assert reasked_questions(blamed, index) == []


def test_a_need_met_by_feelings_answers_no_question(index: LineIndex) -> None:
    keywords = need_keywords(tiny_scenario())
    assert keywords["heard"] == frozenset()
    worried = talk(
        turn("Calm empathy line.", ("acknowledge_feelings",), ("heard",)),
        turn("Upset unclear line. Do you see why I worry?", met=("heard",)),
    )
    assert reasked_questions(worried, index) == []


def test_taking_up_an_offer_nobody_made_is_counted(index: LineIndex) -> None:
    unmade = talk(turn(SOLUTION, ("explain",)))
    assert [f.detail for f in unmade_offers(unmade, index)] == ["explain"]
    made = talk(turn(SOLUTION, ("apologize", "offer_solution")))
    assert unmade_offers(made, index) == []
    unlabelled = talk(turn(SOLUTION, None))
    assert unmade_offers(unlabelled, index) == []


def test_a_line_also_written_for_another_reaction_is_no_offer(
    index: LineIndex,
) -> None:
    assert unmade_offers(talk(turn(SHARED, ("explain",))), index) == []


@pytest.mark.parametrize(
    "message",
    [
        "utter_greet",
        "Sorry, action_customer_reply failed",
        "needs_met",
        "anger: 40",
        "I'm going to miss {event}.",
    ],
)
def test_internals_shown_to_the_learner_are_leaks(message: str) -> None:
    assert len(internal_leaks(talk(turn(message)), SLOTS)) == 1


def test_plain_words_that_are_slot_names_are_no_leak() -> None:
    plain = talk(turn("My anger is real and my trust is gone. Your turn."))
    assert internal_leaks(plain, SLOTS) == []


def test_questions_are_the_sentences_ending_in_a_question_mark() -> None:
    assert questions("Fine. Is it booked? Good! And the bag?") == [
        "Is it booked?",
        "And the bag?",
    ]


def test_needs_met_at_gives_the_turn_each_need_was_met() -> None:
    played = talk(turn("x", met=("heard",)), turn("y", met=("heard", "delivered")))
    assert played.needs_met_at() == {"heard": 1, "delivered": 2}


def resolved_after(replies: int, kind: str = "good_random") -> Conversation:
    exchanges = [turn("Calm empathy line.") for _ in range(replies - 1)]
    return talk(*exchanges, turn(RESOLVED, status="resolved"), kind=kind)


def played_with(
    conversations: list[Conversation], index: LineIndex
) -> list[tuple[Conversation, Any]]:
    return [(c, findings_of(c, index, SLOTS)) for c in conversations]


def test_summary_rates_and_replies_to_resolution(index: LineIndex) -> None:
    group = [resolved_after(n) for n in (3, 5, 6, 9)]
    group.append(talk(turn("x", status="escalated")))
    summary = summarise(played_with(group, index))
    assert summary.conversations == 5
    assert summary.resolution_rate == pytest.approx(0.8)
    assert summary.median_replies == 5.5
    assert summary.p90_replies == 9
    assert summary.ended_badly_rate == pytest.approx(0.2)


def test_nearest_rank_percentile() -> None:
    assert nearest_rank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9) == 9
    assert nearest_rank([4], 0.9) == 4
    assert nearest_rank([], 0.9) is None


def target(checks: list[Any], name: str, scope: str = "all") -> Any:
    return next(c for c in checks if c.target == name and c.scope == scope)


def test_good_learners_must_resolve_nine_in_ten(index: LineIndex) -> None:
    nine = [resolved_after(4) for _ in range(9)] + [talk(turn("x", status="abandoned"))]
    checks = check_targets(played_with(nine, index), ["tiny_parcel"])
    assert target(checks, "good_random: resolved >= 90 %").met is True
    eight = nine[:8] + [talk(turn("x", status="abandoned"))] * 2
    checks = check_targets(played_with(eight, index), ["tiny_parcel"])
    assert target(checks, "good_random: resolved >= 90 %").met is False
    assert verdict(checks) is False


def test_a_slow_resolution_misses_the_median_target(index: LineIndex) -> None:
    slow = [resolved_after(7) for _ in range(3)]
    checks = check_targets(played_with(slow, index), ["tiny_parcel"])
    name = "good_random: median replies to resolution <= 6"
    assert target(checks, name, "tiny_parcel").met is False
    never = [talk(turn("x", status="abandoned"))]
    assert target(check_targets(played_with(never, index), []), name).met is False


def test_rude_learners_must_end_badly(index: LineIndex) -> None:
    rude = [talk(turn("x", status="escalated"), kind="rude") for _ in range(9)]
    rude.append(resolved_after(3, kind="rude"))
    checks = check_targets(played_with(rude, index), [])
    assert target(checks, "rude: escalated or left >= 90 %").met is True
    rude[0] = resolved_after(3, kind="rude")
    checks = check_targets(played_with(rude, index), [])
    assert target(checks, "rude: escalated or left >= 90 %").met is False


def test_any_repeat_or_leak_misses_its_target(index: LineIndex) -> None:
    clean = [talk(turn(SOLUTION, ("offer_solution",)), kind="odd")]
    checks = check_targets(played_with(clean, index), [])
    assert target(checks, "no verbatim repeats").met is True
    assert target(checks, "nothing internal shown").met is True
    dirty = [talk(turn(SOLUTION, ("offer_solution",)), turn(SOLUTION), kind="odd")]
    dirty.append(talk(turn("utter_greet"), kind="partial"))
    checks = check_targets(played_with(dirty, index), [])
    assert target(checks, "no verbatim repeats").met is False
    assert target(checks, "nothing internal shown").met is False
    assert target(checks, "no accepted offers never made").met is False


def test_a_script_ending_otherwise_than_expected_misses(index: LineIndex) -> None:
    ends = talk(turn("x", status="escalated"), kind="scripted", expect="resolved")
    checks = check_targets(played_with([ends], index), [])
    assert target(checks, "scripts end as expected").met is False
    ends.expect = "escalated"
    assert target(
        check_targets(played_with([ends], index), []), "scripts end as expected"
    ).met


def test_errors_and_lost_turns_miss_their_target(index: LineIndex) -> None:
    broken = talk(turn("x"), kind="odd", lost=1)
    checks = check_targets(played_with([broken], index), [])
    assert target(checks, "no errors or lost turns").met is False


def test_a_target_with_nobody_to_judge_is_not_counted(index: LineIndex) -> None:
    only_odd = [talk(turn("Calm empathy line."), kind="odd")]
    checks = check_targets(played_with(only_odd, index), ["tiny_parcel"])
    assert target(checks, "rude: escalated or left >= 90 %").met is None
    assert verdict(checks) is True


def test_a_line_said_without_its_question_keeps_its_origin(index: LineIndex) -> None:
    for said in ("My fault?", "So the courier is my fault?"):
        [line] = index.split(said)
        assert [origin.name for origin in line.origins] == ["blame"], said
