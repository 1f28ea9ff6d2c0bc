"""Transparent rule-based empathy scorer (``rules-1``).

Score formula
-------------
Each dimension has a level 0, 1 or 2. At level 2 it earns its full weight,
at level 1 half, at level 0 nothing:

    emotional_reaction 25, interpretation 20, exploration 15,
    ownership 15, resolution 25                       (sum 100)

Each penalty found subtracts a fixed amount:

    blame 25, dismissal 25, policy_wall 25, hostility 35

The total is clamped to 0..100 and rounded half up. A dismissal or a policy
wall in the reply cancels emotional_reaction and interpretation (their level
becomes 0; the spans stay in the evidence with effect "-"): "I understand, but
policy is policy" earns nothing for "I understand". A reply that repeats an
earlier reply of the same conversation is capped at ``REPEAT_CAP``.

Bands: poor < 40 <= developing < 60 <= good < 80 <= excellent.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from .extractors import Span, extract_all, find_filler
from .feedback import EMPTY_TIP, NO_WORDS_TIP, build_feedback
from .result import (
    DIMENSION_WEIGHTS,
    DIMENSIONS,
    PENALTIES,
    PENALTY_WEIGHTS,
    Evidence,
    ScoreResult,
    band_for,
)
from .text import (
    ReplyView,
    build_view,
    content_keys,
    content_words,
    has_words,
    is_repeat,
    word_key,
)

REPEAT_CAP = 40
CANCELLED_BY = ("dismissal", "policy_wall")
CANCELLABLE = ("emotional_reaction", "interpretation")
_FILLER_MIN_WORDS = 40


def score_reply(
    reply: str,
    customer_message: str = "",
    context: Mapping[str, Any] | None = None,
) -> ScoreResult:
    """Score one learner reply for empathy.

    Args:
        reply: what the learner wrote.
        customer_message: the customer message the reply answers.
        context: optional ``previous_replies`` (earlier learner replies in this
            conversation) and ``customer_facts`` (details of the customer's
            situation, e.g. "daughter's cello recital").

    Returns:
        The score, band, dimension levels, penalties, evidence spans and tips.

    Raises:
        TypeError: if reply or customer_message is not a string.
    """
    _check_text("reply", reply)
    _check_text("customer_message", customer_message)
    if not reply.strip():
        return _blank_result(EMPTY_TIP)
    facts = _strings(context, "customer_facts")
    view = build_view(reply, [customer_message, *facts])
    found = extract_all(view)
    penalties = [name for name in PENALTIES if found[name]]
    cancelled = any(name in penalties for name in CANCELLED_BY)
    levels = _levels(found, cancelled)
    repeated = is_repeat(reply, _strings(context, "previous_replies"))
    score = _score(levels, penalties, repeated)
    evidence = _evidence(reply, found, cancelled)
    tips = _feedback(reply, view, found, levels, cancelled, repeated, customer_message)
    return ScoreResult(score, band_for(score), levels, penalties, evidence, tips)


def _check_text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")


def _strings(context: Mapping[str, Any] | None, key: str) -> list[str]:
    """String items of context[key]; anything else is ignored."""
    value = (context or {}).get(key)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def _blank_result(tip: str) -> ScoreResult:
    levels = dict.fromkeys(DIMENSIONS, 0)
    return ScoreResult(0, band_for(0), levels, [], [], [tip])


def _levels(found: Mapping[str, list[Span]], cancelled: bool) -> dict[str, int]:
    levels = {}
    for dimension in DIMENSIONS:
        level = max((span.level for span in found[dimension]), default=0)
        levels[dimension] = 0 if cancelled and dimension in CANCELLABLE else level
    return levels


def _score(levels: Mapping[str, int], penalties: Sequence[str], repeated: bool) -> int:
    earned = sum(DIMENSION_WEIGHTS[d] * levels[d] / 2 for d in DIMENSIONS)
    lost = sum(PENALTY_WEIGHTS[p] for p in penalties)
    score = math.floor(min(100.0, max(0.0, earned - lost)) + 0.5)
    return min(score, REPEAT_CAP) if repeated else score


def _evidence(
    reply: str, found: Mapping[str, list[Span]], cancelled: bool
) -> list[Evidence]:
    items = []
    for label in (*DIMENSIONS, *PENALTIES):
        negative = label in PENALTIES or (cancelled and label in CANCELLABLE)
        for span in found[label]:
            text = reply[span.start : span.end]
            items.append(
                Evidence(label, span.start, span.end, text, "-" if negative else "+")
            )
    return sorted(items, key=lambda e: (e.start, e.end, e.dimension))


def _feedback(
    reply: str,
    view: ReplyView,
    found: Mapping[str, list[Span]],
    levels: Mapping[str, int],
    cancelled: bool,
    repeated: bool,
    customer_message: str,
) -> list[str]:
    if not has_words(reply):
        return [NO_WORDS_TIP]
    offending = {p: _text(reply, found[p][0]) for p in PENALTIES if found[p]}
    undone = [s for d in CANCELLABLE for s in found[d]] if cancelled else []
    return build_feedback(
        levels=levels,
        offending=offending,
        cancelled=_text(reply, min(undone, key=_start)) if undone else None,
        repeated=repeated,
        filler=_filler(reply, view),
        unmentioned=_unmentioned(reply, customer_message),
    )


def _start(span: Span) -> int:
    return span.start


def _text(reply: str, span: Span) -> str:
    return reply[span.start : span.end]


def _filler(reply: str, view: ReplyView) -> str | None:
    """The first stock phrase, if the reply leans on them."""
    spans = find_filler(view)
    if len(spans) >= 2 or (spans and len(reply.split()) >= _FILLER_MIN_WORDS):
        return _text(reply, spans[0])
    return None


def _unmentioned(reply: str, customer_message: str) -> list[str]:
    """Customer's content words the reply does not pick up, in their order."""
    said = content_keys([reply])
    return [w for w in content_words(customer_message) if word_key(w) not in said]
