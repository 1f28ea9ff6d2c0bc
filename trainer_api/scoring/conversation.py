"""The conversation score: one figure for a whole practice session, for
trainers and HR, with a sub-score per rubric dimension.

=================  ======  ==================================================
part               weight  what it is (each 0-100)
=================  ======  ==================================================
replies              50 %  the mean score of the learner's scored replies
needs met            30 %  the share of the customer's needs the learner met
outcome              20 %  resolved 100; escalated or abandoned 0
=================  ======  ==================================================

conversation = 0.5 x replies + 0.3 x needs + 0.2 x outcome
               - 5 for each reply with a penalty (at most 25)

A customer remembers a blame or a "calm down" after the next good reply, so a
penalised reply costs again here, on top of its own low score. While the
session is still going the outcome is unknown: the score is the other two
parts re-weighted (0.5 and 0.3 over 0.8) and marked ``final: false``.
Replies the scorer could not read (another language) count in neither.

Each dimension's sub-score is 100 x (best level + mean level) / 4 over the
scored replies: showing it once fully counts for half (an apology need not be
repeated), keeping it up counts for the other half.

Bands as for a reply: poor < 40 <= developing < 60 <= good < 80 <= excellent.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .result import DIMENSIONS, band_for

REPLIES_WEIGHT = 0.5
NEEDS_WEIGHT = 0.3
OUTCOME_WEIGHT = 0.2
PENALISED_REPLY_COST = 5
PENALTY_COST_CAP = 25
OUTCOMES = {"resolved": 100, "escalated": 0, "abandoned": 0, "time_up": 0}


@dataclass(frozen=True)
class ScoredReply:
    """What the conversation score reads of one scored learner reply."""

    score: int
    dimensions: Mapping[str, int]
    penalties: Sequence[str]


@dataclass(frozen=True)
class ConversationScore:
    score: int
    band: str
    final: bool
    replies: int
    needs: int
    outcome: int | None
    penalised_replies: int
    dimensions: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "band": self.band,
            "final": self.final,
            "parts": {
                "replies": self.replies,
                "needs": self.needs,
                "outcome": self.outcome,
                "penalised_replies": self.penalised_replies,
            },
            "dimensions": dict(self.dimensions),
        }


def conversation_score(
    replies: Sequence[ScoredReply],
    *,
    needs_met: int,
    needs_total: int,
    status: str,
) -> ConversationScore | None:
    """The score of a session (the table above); None before any scored reply.

    Raises:
        ValueError: if the needs counts are impossible.
    """
    if needs_total < 0 or not 0 <= needs_met <= max(needs_total, 0):
        raise ValueError(f"needs met {needs_met} of {needs_total} is impossible")
    if not replies:
        return None
    mean_reply = sum(r.score for r in replies) / len(replies)
    needs = 100.0 * needs_met / needs_total if needs_total else 100.0
    outcome = OUTCOMES.get(status)
    if outcome is None:
        raw = (REPLIES_WEIGHT * mean_reply + NEEDS_WEIGHT * needs) / (
            REPLIES_WEIGHT + NEEDS_WEIGHT
        )
    else:
        raw = (
            REPLIES_WEIGHT * mean_reply
            + NEEDS_WEIGHT * needs
            + OUTCOME_WEIGHT * outcome
        )
    penalised = sum(1 for r in replies if r.penalties)
    raw -= min(PENALISED_REPLY_COST * penalised, PENALTY_COST_CAP)
    score = _round(max(0.0, min(100.0, raw)))
    return ConversationScore(
        score=score,
        band=band_for(score),
        final=outcome is not None,
        replies=_round(mean_reply),
        needs=_round(needs),
        outcome=outcome,
        penalised_replies=penalised,
        dimensions={d: _dimension(replies, d) for d in DIMENSIONS},
    )


def _dimension(replies: Sequence[ScoredReply], dimension: str) -> int:
    levels = [int(r.dimensions.get(dimension, 0)) for r in replies]
    return _round(100 * (max(levels) + sum(levels) / len(levels)) / 4)


def _round(value: float) -> int:
    return math.floor(value + 0.5)
