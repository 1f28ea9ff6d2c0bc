"""Empathy scorer: a learned model (``model-1``) explained by rule evidence.

:func:`score_reply` runs the evidence extractors, lets the classifiers of
:mod:`.model` decide each level and penalty (see :mod:`.judgement` for how
evidence is reconciled with the model), then applies the score formula.
:func:`score_reply_rules` is the transparent rule scorer (``rules-1``), kept as
the evaluation baseline.

Score formula
-------------
Each dimension has a level 0, 1 or 2. At level 2 it earns its full weight,
at level 1 half, at level 0 nothing:

    emotional_reaction 25, interpretation 20, exploration 15,
    ownership 15, resolution 25                       (sum 100)

Each penalty found subtracts a fixed amount:

    blame 25, dismissal 25, policy_wall 25, hostility 35

The total is clamped to 0..100 and rounded half up. A dismissal or a policy
wall cancels emotional_reaction and interpretation (their level becomes 0; the
spans stay in the evidence with effect "-"): "I understand, but policy is
policy" earns nothing for "I understand". A reply that repeats an earlier reply
of the same conversation is capped at ``REPEAT_CAP``.

Bands: poor < 40 <= developing < 60 <= good < 80 <= excellent.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from trainer_api.simulation.repeats import is_repeat

from .extractors import Span, extract_all, find_filler
from .feedback import EMPTY_TIP, NO_WORDS_TIP, build_feedback, model_answer_tip
from .judgement import CANCELLABLE, Judgement, model_judgement, rules_judgement
from .model import EmpathyModel, default_model
from .result import (
    DIMENSION_WEIGHTS,
    DIMENSIONS,
    PENALTIES,
    PENALTY_WEIGHTS,
    RULES_VERSION,
    SCORER_VERSION,
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
    word_key,
)

REPEAT_CAP = 40
LOW_BANDS = ("poor", "developing")
_FILLER_MIN_WORDS = 40

Judge = Callable[[ReplyView, Mapping[str, list[Span]]], Judgement]


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
            conversation), ``customer_facts`` (details of the customer's
            situation, e.g. "daughter's cello recital") and ``model_answers``
            (exemplary replies for this stage; the closest is shown when the
            reply scores poor or developing).

    Returns:
        The score, band, dimension levels, penalties, evidence spans and tips.

    Raises:
        TypeError: if reply or customer_message is not a string.
        ModelError: if the model artefact is missing or out of date.
    """
    judge = _model_judge(default_model())
    return _score(reply, customer_message, context, judge, SCORER_VERSION)


def make_scorer(model: EmpathyModel) -> Callable[..., ScoreResult]:
    """``score_reply`` with another model (for evaluation of a candidate)."""

    def score_with_model(
        reply: str,
        customer_message: str = "",
        context: Mapping[str, Any] | None = None,
    ) -> ScoreResult:
        judge = _model_judge(model)
        return _score(reply, customer_message, context, judge, SCORER_VERSION)

    return score_with_model


def score_reply_rules(
    reply: str,
    customer_message: str = "",
    context: Mapping[str, Any] | None = None,
) -> ScoreResult:
    """Score with the extractor rules only (``rules-1``), the evaluation baseline."""
    return _score(reply, customer_message, context, _rules_judge, RULES_VERSION)


def score_levels(
    levels: Mapping[str, int], penalties: Sequence[str], repeated: bool = False
) -> int:
    """The 0-100 score of given levels and penalties (the formula above)."""
    earned = sum(DIMENSION_WEIGHTS[d] * levels[d] / 2 for d in DIMENSIONS)
    lost = sum(PENALTY_WEIGHTS[p] for p in penalties)
    score = math.floor(min(100.0, max(0.0, earned - lost)) + 0.5)
    return min(score, REPEAT_CAP) if repeated else score


def _model_judge(model: EmpathyModel) -> Judge:
    return lambda view, found: model_judgement(view, found, model)


def _rules_judge(view: ReplyView, found: Mapping[str, list[Span]]) -> Judgement:
    return rules_judgement(found)


def _score(
    reply: str,
    customer_message: str,
    context: Mapping[str, Any] | None,
    judge: Judge,
    version: str,
) -> ScoreResult:
    _check_text("reply", reply)
    _check_text("customer_message", customer_message)
    answers = _strings(context, "model_answers")
    if not reply.strip():
        return _blank_result(EMPTY_TIP, answers, version)
    facts = _strings(context, "customer_facts")
    view = build_view(reply, [customer_message, *facts])
    judgement = judge(view, extract_all(view))
    repeated = is_repeat(reply, _strings(context, "previous_replies"))
    score = score_levels(judgement.levels, judgement.penalties, repeated)
    band = band_for(score)
    tips = _feedback(view, judgement, repeated, customer_message)
    tips = _with_model_answer(tips, band, reply, answers)
    evidence = _evidence(reply, judgement)
    return ScoreResult(
        score, band, judgement.levels, judgement.penalties, evidence, tips, version
    )


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


def _blank_result(tip: str, answers: Sequence[str], version: str) -> ScoreResult:
    levels = dict.fromkeys(DIMENSIONS, 0)
    tips = _with_model_answer([tip], band_for(0), "", answers)
    return ScoreResult(0, band_for(0), levels, [], [], tips, version)


def _with_model_answer(
    tips: list[str], band: str, reply: str, answers: Sequence[str]
) -> list[str]:
    """Add the closest model answer to the tips of a low-scoring reply."""
    if band not in LOW_BANDS:
        return tips
    tip = model_answer_tip(reply, answers)
    return [*tips, tip] if tip else tips


def _evidence(reply: str, judgement: Judgement) -> list[Evidence]:
    items = []
    for label in (*DIMENSIONS, *PENALTIES):
        negative = label in PENALTIES or (judgement.cancelled and label in CANCELLABLE)
        for span in judgement.spans[label]:
            text = reply[span.start : span.end]
            items.append(
                Evidence(label, span.start, span.end, text, "-" if negative else "+")
            )
    return sorted(items, key=lambda e: (e.start, e.end, e.dimension))


def _feedback(
    view: ReplyView, judgement: Judgement, repeated: bool, customer_message: str
) -> list[str]:
    reply = view.reply
    if not has_words(reply):
        return [NO_WORDS_TIP]
    spans = judgement.spans
    offending = {p: _text(reply, spans[p][0]) for p in judgement.penalties}
    undone = [s for d in CANCELLABLE for s in spans[d]] if judgement.cancelled else []
    return build_feedback(
        levels=judgement.levels,
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
