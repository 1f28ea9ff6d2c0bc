"""Levels, penalties and their evidence spans, from the rules or from the model.

Rules (``rules-1``): a dimension's level is the highest level of its extractor
spans; a penalty applies when its extractor finds a span.

Model (``model-1``): the classifiers in :mod:`.model` decide every level and
penalty; the extractors still supply the evidence, reconciled with what the
model decided:

* level 0 (or penalty absent): no evidence is shown for it, even if a rule
  fired ("+" spans for a level the model denies would contradict the score);
* level > 0 (or penalty present) with rule spans: the rule spans are shown;
* level > 0 (or penalty present) without a rule span: the evidence is the
  sentence of the reply whose words push the model hardest towards that
  decision; if no sentence does (the decision rests on the bias or the dense
  features only), the rule decision is kept instead (level 0, no penalty), so
  nothing is ever scored without a span to show for it.

Replies the model cannot read are judged by the rules: fewer than
``MIN_KNOWN_WORDS`` of their words seen in training (other languages, keyboard
mash), or a long run of the same few words (``MIN_VARIETY`` distinct words per
word over ``VARIETY_MIN_WORDS`` words: "sorry sorry sorry ...").

In both, a dismissal or a policy wall cancels emotional_reaction and
interpretation: their level becomes 0 and their rule spans are shown with
effect "-" ("I understand, but policy is policy").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .extractors import Span, clears_customer
from .features import reply_features, token_spans, word_ngrams
from .model import EmpathyModel
from .result import DIMENSIONS, PENALTIES
from .sentence_model import ReplyVectors, SentenceModel
from .text import ReplyView

CANCELLED_BY = ("dismissal", "policy_wall")
CANCELLABLE = ("emotional_reaction", "interpretation")
MIN_KNOWN_WORDS = 0.5
MIN_VARIETY = 0.15
VARIETY_MIN_WORDS = 30


@dataclass(frozen=True)
class Judgement:
    """Final levels and penalties, with the spans to show as evidence for each."""

    levels: dict[str, int]
    penalties: list[str]
    spans: dict[str, list[Span]]
    cancelled: bool


def rules_judgement(found: Mapping[str, list[Span]]) -> Judgement:
    """Levels and penalties straight from the extractor spans."""
    penalties = [name for name in PENALTIES if found[name]]
    cancelled = any(name in penalties for name in CANCELLED_BY)
    levels = {}
    for dimension in DIMENSIONS:
        level = max((span.level for span in found[dimension]), default=0)
        levels[dimension] = 0 if cancelled and dimension in CANCELLABLE else level
    spans = {label: list(found[label]) for label in (*DIMENSIONS, *PENALTIES)}
    return Judgement(levels, penalties, spans, cancelled)


def model_judgement(
    view: ReplyView, found: Mapping[str, list[Span]], model: EmpathyModel
) -> Judgement:
    """The model's levels and penalties, with evidence reconciled as documented."""
    features = reply_features(view.reply, view, found)
    prediction = model.predict(features)
    unreadable = prediction.known_words < MIN_KNOWN_WORDS or (
        prediction.variety < MIN_VARIETY and len(features.words) > VARIETY_MIN_WORDS
    )
    if unreadable:
        return rules_judgement(found)
    pointer = _Pointer(view, model)
    spans: dict[str, list[Span]] = {}
    for penalty in PENALTIES:
        present = penalty in prediction.penalties
        spans[penalty] = (found[penalty] or pointer.best(penalty, 1)) if present else []
    return _judged(
        prediction.levels,
        spans,
        found,
        lambda dimension, level: found[dimension] or pointer.best(dimension, level),
    )


class _Pointer:
    """Finds the sentence whose word n-grams most support a model decision."""

    def __init__(self, view: ReplyView, model: EmpathyModel) -> None:
        self.view = view
        self.model = model
        self._starts = [start for start, _ in view.sentences]
        self._grams: list[tuple[int, int]] | None = None

    def best(self, head: str, level: int) -> list[Span]:
        """The most indicative sentence as a one-span list, or [] if none helps."""
        direction = self.model.word_direction(head, level)
        idf = self.model.words.idf
        totals: dict[int, float] = {}
        for index, start in self._indexed_grams():
            sentence = self._sentence_of(start)
            totals[sentence] = totals.get(sentence, 0.0) + direction[index] * idf[index]
        if not totals or not self._starts:
            return []
        sentence, total = max(totals.items(), key=lambda item: (item[1], -item[0]))
        if total <= 0:
            return []
        start, end = self.view.sentences[sentence]
        return [Span(head, level, start, end)]

    def _indexed_grams(self) -> list[tuple[int, int]]:
        """(vocabulary index, start offset) of each known word n-gram."""
        if self._grams is None:
            spans = token_spans(self.view.reply)
            grams = word_ngrams([token for token, _, _ in spans])
            starts = [start for _, start, _ in spans]
            starts += starts[:-1]  # a bigram starts where its first word does
            index = self.model.words.index
            self._grams = [
                (index[g], s) for g, s in zip(grams, starts, strict=False) if g in index
            ]
        return self._grams

    def _sentence_of(self, offset: int) -> int:
        return max(bisect_right(self._starts, offset) - 1, 0)


RULE_SUPPORT = 0.35
"""A penalty the rules find counts when the model gives it at least this chance
(below its own threshold): the rules are precise on the phrases they know."""


def sentence_judgement(
    view: ReplyView,
    found: Mapping[str, list[Span]],
    model: SentenceModel,
    vectors: ReplyVectors,
) -> Judgement:
    """``model-2``'s levels and penalties, with evidence for each.

    A penalty is present when its head says so, or when a rule finds it and
    the head gives it at least ``RULE_SUPPORT``; blame that only the head
    finds does not count in a reply that clears the customer and does not
    turn on them after it (``extractors.clears_customer``: "you shouldn't
    have had to"). Evidence
    is the rule spans where the rules found the same thing, else the sentence
    pushing the head hardest towards its decision. Levels are the heads'; a
    dismissal or a policy wall cancels emotional_reaction and interpretation
    as in model-1.
    """
    prediction = model.predict(vectors)
    clears = clears_customer(view)
    spans: dict[str, list[Span]] = {}
    for penalty in PENALTIES:
        chance = prediction.penalty_probability[penalty]
        present = (
            penalty in prediction.penalties
            and not (penalty == "blame" and clears and not found[penalty])
        ) or (bool(found[penalty]) and chance >= RULE_SUPPORT)
        spans[penalty] = (
            (found[penalty] or _sentence(model, vectors, penalty, 1)) if present else []
        )
    return _judged(
        prediction.levels,
        spans,
        found,
        lambda dimension, level: [s for s in found[dimension] if s.level == level]
        or _sentence(model, vectors, dimension, level),
    )


def _judged(
    predicted: Mapping[str, int],
    spans: dict[str, list[Span]],
    found: Mapping[str, list[Span]],
    evidence: Callable[[str, int], list[Span]],
) -> Judgement:
    """Levels with their evidence, once the penalties' spans are in ``spans``:
    a dismissal or a policy wall cancels emotional_reaction and
    interpretation, and a level nothing in the reply supports is dropped."""
    penalties = [name for name in PENALTIES if spans[name]]
    cancelled = any(name in penalties for name in CANCELLED_BY)
    levels = {}
    for dimension in DIMENSIONS:
        level = predicted[dimension]
        if cancelled and dimension in CANCELLABLE:
            level, chosen = 0, list(found[dimension])
        elif level == 0:
            chosen = []
        else:
            chosen = evidence(dimension, level)
            level = level if chosen else 0
        levels[dimension], spans[dimension] = level, chosen
    return Judgement(levels, penalties, spans, cancelled)


def _sentence(
    model: SentenceModel, vectors: ReplyVectors, head: str, level: int
) -> list[Span]:
    where = model.best_sentence(vectors, head, level)
    return [Span(head, level, where[0], where[1])] if where else []
