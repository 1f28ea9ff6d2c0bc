"""Empathy scorer ``model-2``: rubric heads over sentence embeddings, judged
against what the moment in the conversation calls for.

:func:`score_reply` (the product's scorer):

1. refuses what cannot be scored: an empty reply or one with no words scores
   0 with a tip; a reply clearly in a language other than English or French is
   returned *unscored* (band ``unscored``), naming the language;
2. reads the levels and penalties with :mod:`.sentence_model` (multilingual
   embeddings + the rule extractors' signals), and shows as evidence the rule
   spans where the rules agree, else the sentence that drove the decision;
   a dismissal or a policy wall cancels emotional_reaction and interpretation;
   a long reply of a few words said over and over is capped like filler;
3. scores them by the moment (:mod:`.moment`: the table of weights, penalties,
   the credit for an apology already made, the repeat cap);
4. writes at most two tips in the reply's language, never with another
   scenario's facts, never proposing what the learner already did, plus the
   closest model answer of the current stage when the reply scores low.

``model-1`` (n-gram heads, English only) and ``rules-1`` (the extractors
alone) stay available through :func:`make_scorer` and
:func:`score_reply_rules` so evaluations can show them side by side; their
0-100 score is the fixed-weight formula of :func:`score_levels`.

Bands: poor < 40 <= developing < 60 <= good < 80 <= excellent.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from trainer_api.simulation.repeats import is_repeat

from .extractors import Span, extract_all, find_filler
from .feedback import (
    EMPTY_TIP,
    LOW_BANDS,
    NO_WORDS_TIP,
    build_feedback,
    model_answer_tip,
    tip,
    unsupported_tip,
)
from .judgement import (
    CANCELLABLE,
    Judgement,
    model_judgement,
    rules_judgement,
    sentence_judgement,
)
from .language import detect
from .model import EmpathyModel, default_model
from .moment import (
    DEFAULT_MOMENT,
    FILLER_CAP,
    REPEAT_CAP,
    called_for,
    credited_levels,
    earlier_levels,
    excluded_moments,
    given_moment,
    moment_score,
    tip_priorities,
)
from .result import (
    DIMENSION_WEIGHTS,
    DIMENSIONS,
    MODEL1_VERSION,
    PENALTIES,
    PENALTY_WEIGHTS,
    RULES_VERSION,
    SCORER_VERSION,
    UNSCORED,
    Evidence,
    ScoreResult,
    band_for,
)
from .sentence_model import SentenceModel, default_sentence_model, reply_vectors
from .text import (
    ReplyView,
    build_view,
    has_words,
)

_FILLER_MIN_WORDS = 40
_MONOTONOUS_MIN_WORDS = 12
_MONOTONOUS_WORDS = 5

Judge = Callable[[ReplyView, Mapping[str, list[Span]]], Judgement]


def score_reply(
    reply: str,
    customer_message: str = "",
    context: Mapping[str, Any] | None = None,
) -> ScoreResult:
    """Score one learner reply for empathy, for the moment it answers.

    Args:
        reply: what the learner wrote.
        customer_message: the customer message the reply answers.
        context: optional; any of ``previous_replies`` (earlier learner
            replies), ``earlier_levels`` (best level per dimension so far),
            ``moment`` (complaint, question, resolved, grief, repeat),
            ``needs_open`` (the customer's needs not yet met; empty means
            resolved), ``called_for`` (the rubric dimensions of the need the
            customer waits for now), ``language`` (the conversation's: "en" or "fr"),
            ``customer_facts`` and ``model_answers`` (of the current stage).

    Returns:
        Score, band, levels, penalties, evidence, tips, language and moment.

    Raises:
        TypeError: if reply or customer_message is not a string.
        SentenceModelError: if the model file is missing or malformed.
    """
    return score_with_sentence_model(
        reply, customer_message, context, default_sentence_model()
    )


def warm_up() -> None:
    """Load the scorer's models now rather than on the first learner's reply
    (the encoder, the language identifier and the heads: a few seconds)."""
    score_reply("Thank you for waiting; I'm sorry about this.", "Where is my order?")


def score_reply_model1(
    reply: str,
    customer_message: str = "",
    context: Mapping[str, Any] | None = None,
) -> ScoreResult:
    """The previous scorer (``model-1``), kept for side-by-side evaluation."""
    judge = _model_judge(default_model())
    return _score(reply, customer_message, context, judge, MODEL1_VERSION)


def make_scorer(model: EmpathyModel) -> Callable[..., ScoreResult]:
    """``score_reply`` with another model (for evaluation of a candidate)."""

    def score_with_model(
        reply: str,
        customer_message: str = "",
        context: Mapping[str, Any] | None = None,
    ) -> ScoreResult:
        judge = _model_judge(model)
        return _score(reply, customer_message, context, judge, MODEL1_VERSION)

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
    tips: list[str],
    band: str,
    reply: str,
    answers: Sequence[str],
    language: str = "en",
) -> list[str]:
    """Add the closest model answer to the tips of a low-scoring reply."""
    if band not in LOW_BANDS:
        return tips
    answer = model_answer_tip(reply, answers, language)
    return [*tips, answer] if answer else tips


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


def _monotonous(reply: str) -> bool:
    """A long reply made of a handful of words said over and over."""
    words = [word.casefold() for word in reply.split()]
    return len(words) >= _MONOTONOUS_MIN_WORDS and len(set(words)) <= _MONOTONOUS_WORDS


def score_with_sentence_model(
    reply: str,
    customer_message: str,
    context: Mapping[str, Any] | None,
    model: SentenceModel,
) -> ScoreResult:
    """``score_reply`` with a given ``model-2`` model (for evaluations)."""
    _check_text("reply", reply)
    _check_text("customer_message", customer_message)
    stated = (context or {}).get("language")
    default = stated if isinstance(stated, str) else "en"
    answers = _strings(context, "model_answers")
    if not reply.strip() or not has_words(reply):
        key = "empty" if not reply.strip() else "no_words"
        said = default if default in ("en", "fr") else "en"
        tips = _with_model_answer([tip(key, said)], "poor", reply, answers, said)
        levels = dict.fromkeys(DIMENSIONS, 0)
        return ScoreResult(0, "poor", levels, [], [], tips, SCORER_VERSION, said)
    language = detect(reply, default)
    if not language.supported:
        levels = dict.fromkeys(DIMENSIONS, 0)
        tips = [unsupported_tip(language.name, default)]
        return ScoreResult(
            0, UNSCORED, levels, [], [], tips, SCORER_VERSION, language.code
        )
    lang = language.code
    facts = _strings(context, "customer_facts")
    view = build_view(reply, [customer_message, *facts])
    found = extract_all(view)
    vectors = reply_vectors(view, found, customer_message)
    judgement = sentence_judgement(view, found, model, vectors)
    moment = (
        given_moment(context)
        or model.moment_of(vectors, excluded_moments(context))
        or DEFAULT_MOMENT
    )
    repeated = is_repeat(reply, _strings(context, "previous_replies"))
    earlier = earlier_levels(context)
    filler = _filler(reply, view)
    wanted = called_for(context)
    score = moment_score(
        credited_levels(judgement.levels, earlier),
        judgement.penalties,
        moment,
        repeated=repeated,
        filler=filler is not None,
        called_for=wanted,
    )
    if _monotonous(reply):
        score = min(score, FILLER_CAP)
    band = band_for(score)
    spans = judgement.spans
    offending = {p: _text(reply, spans[p][0]) for p in judgement.penalties}
    undone = [s for d in CANCELLABLE for s in spans[d]] if judgement.cancelled else []
    tips = build_feedback(
        levels=judgement.levels,
        offending=offending,
        cancelled=_text(reply, min(undone, key=_start)) if undone else None,
        repeated=repeated,
        filler=filler,
        weights=tip_priorities(moment, wanted),
        done=[d for d, level in earlier.items() if level >= 2],
        language=lang,
        band=band,
    )
    tips = _with_model_answer(tips, band, reply, answers, lang)
    evidence = _evidence(reply, judgement)
    return ScoreResult(
        score,
        band,
        judgement.levels,
        judgement.penalties,
        evidence,
        tips,
        SCORER_VERSION,
        lang,
        moment,
    )
