"""Evidence extractors and text helpers, the parts a learned model will reuse."""

from __future__ import annotations

import pytest

from trainer_api.scoring.extractors import (
    Span,
    extract_all,
    find_emotional_reaction,
    find_interpretation,
    find_ownership,
    find_shouting,
)
from trainer_api.scoring.text import build_view, word_key
from trainer_api.simulation.repeats import is_repeat


def spans_text(reply: str, spans: list[Span]) -> list[str]:
    return [reply[span.start : span.end] for span in spans]


@pytest.mark.parametrize(
    "reply",
    ["im sorry", "i'm so sory", "Im SO sorry", "soooo sorry", "sry!", "I\u2019m sorry"],
)
def test_sorry_variants_are_warmth(reply: str) -> None:
    spans = find_emotional_reaction(build_view(reply, []))
    assert spans and spans[0].level == 1


@pytest.mark.parametrize("reply", ["I apologise.", "I apologize.", "apologies!"])
def test_apology_spellings_are_ownership(reply: str) -> None:
    assert [s.level for s in find_ownership(build_view(reply, []))] == [1]


@pytest.mark.parametrize("reply", ["I understand", "i undrstand", "I totally get it"])
def test_understanding_variants(reply: str) -> None:
    assert [s.level for s in find_interpretation(build_view(reply, []))] == [1]


def test_understanding_about_their_situation_is_level_two() -> None:
    view = build_view(
        "I understand your connection is gone.", ["I missed my connection"]
    )
    assert [s.level for s in find_interpretation(view)] == [2]


@pytest.mark.parametrize(
    ("reply", "shouted"),
    [
        ("THIS IS NOT MY PROBLEM", ["THIS IS NOT MY PROBLEM"]),
        ("well I TOLD YOU ALREADY, ok", ["TOLD YOU ALREADY"]),
        ("YOUR FLIGHT NW482 WAS CANCELLED", ["YOUR FLIGHT NW482 WAS CANCELLED"]),
        ("I am VERY sorry", []),
        ("Booking K7RM2P, flight NW 482, ASAP, PNR ok", []),
        ("Your ETA at LHR is 18:40 GMT", []),
        ("NOT MY JOB. but anyway. STOP", []),
    ],
)
def test_shouting_needs_three_capitalised_words(reply: str, shouted: list[str]) -> None:
    assert spans_text(reply, find_shouting(reply)) == shouted


def test_extract_all_returns_every_label_with_offsets_into_the_reply() -> None:
    reply = "I\u2019m so sorry \u2014 but policy is policy. Did you even read it?"
    found = extract_all(build_view(reply, []))

    assert set(found) == {
        "emotional_reaction",
        "interpretation",
        "exploration",
        "ownership",
        "resolution",
        "blame",
        "dismissal",
        "policy_wall",
        "hostility",
    }
    assert spans_text(reply, found["emotional_reaction"]) == ["I\u2019m so sorry"]
    assert spans_text(reply, found["policy_wall"]) == ["policy is policy"]
    assert spans_text(reply, found["blame"]) == ["Did you even read"]
    assert found["exploration"] == []


def test_word_key_folds_spelling_and_inflection() -> None:
    assert word_key("cancelled") == word_key("canceled") == word_key("cancellation")
    assert word_key("flights") == word_key("flight")
    assert word_key("daughter's") == word_key("daughter")


@pytest.mark.parametrize(
    ("reply", "previous", "repeat"),
    [
        ("I'm sorry, I'll look into it.", ["im sorry i'll look into it!!"], True),
        ("ok", ["OK."], True),
        ("ok", ["ok then"], False),
        ("one two three four five six seven eight nine ten", [], False),
        (
            "one two three four five six seven eight nine ten",
            ["one two three four five six seven eight nine ten eleven"],
            True,
        ),
        ("one two three four five", ["one two three four six"], False),
        ("", [""], False),
    ],
)
def test_is_repeat(reply: str, previous: list[str], repeat: bool) -> None:
    assert is_repeat(reply, previous) is repeat
