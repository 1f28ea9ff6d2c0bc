"""The conversation score: the documented formula, its edge cases and bad input."""

from __future__ import annotations

import pytest

from trainer_api.scoring.conversation import ScoredReply, conversation_score
from trainer_api.scoring.result import DIMENSIONS


def reply(score: int, levels: tuple[int, ...], *penalties: str) -> ScoredReply:
    return ScoredReply(score, dict(zip(DIMENSIONS, levels, strict=True)), penalties)


WARM = reply(80, (2, 2, 0, 1, 2))
PLAIN = reply(60, (0, 0, 2, 1, 2))
BLAMING = reply(10, (0, 0, 0, 0, 0), "blame")


def test_a_resolved_call_follows_the_formula() -> None:
    result = conversation_score(
        [WARM, PLAIN], needs_met=3, needs_total=4, status="resolved"
    )
    assert result is not None
    # 0.5 x 70 + 0.3 x 75 + 0.2 x 100 = 77.5
    assert (result.score, result.band, result.final) == (78, "good", True)
    assert result.to_dict()["parts"] == {
        "replies": 70,
        "needs": 75,
        "outcome": 100,
        "penalised_replies": 0,
    }


def test_penalised_replies_cost_again_up_to_a_cap() -> None:
    one = conversation_score(
        [WARM, BLAMING], needs_met=2, needs_total=4, status="escalated"
    )
    assert one is not None
    # 0.5 x 45 + 0.3 x 50 + 0.2 x 0 - 5 = 32.5
    assert (one.score, one.band, one.penalised_replies) == (33, "poor", 1)
    many = conversation_score(
        [BLAMING] * 8, needs_met=0, needs_total=4, status="abandoned"
    )
    assert many is not None and many.score == 0


def test_an_ongoing_call_is_provisional_without_an_outcome() -> None:
    result = conversation_score([WARM], needs_met=1, needs_total=4, status="active")
    assert result is not None
    # (0.5 x 80 + 0.3 x 25) / 0.8 = 59.375
    assert (result.score, result.final, result.outcome) == (59, False, None)


def test_dimension_sub_scores_credit_showing_it_once_and_keeping_it_up() -> None:
    result = conversation_score(
        [WARM, PLAIN], needs_met=4, needs_total=4, status="resolved"
    )
    assert result is not None
    assert result.dimensions == {
        "emotional_reaction": 75,  # best 2, mean 1: 100 x 3 / 4
        "interpretation": 75,
        "exploration": 75,
        "ownership": 50,  # best 1, mean 1
        "resolution": 100,
    }


def test_no_scored_reply_means_no_score_yet() -> None:
    assert conversation_score([], needs_met=0, needs_total=3, status="active") is None


@pytest.mark.parametrize(("met", "total"), [(5, 4), (-1, 4), (0, -1)])
def test_impossible_needs_counts_are_refused(met: int, total: int) -> None:
    with pytest.raises(ValueError, match="impossible"):
        conversation_score([WARM], needs_met=met, needs_total=total, status="active")
