"""``model-2``: rubric heads over multilingual sentence embeddings.

What a head reads (one vector per reply, the same in training and scoring):

* the embedding of the whole reply (512 values, :mod:`.encoder`), chat
  spellings written out first (:func:`.features.fold_chat`);
* the element-wise maximum of its sentences' embeddings (512), so one strong
  sentence in a long reply is not averaged away;
* the rule extractors' signals and a few text counts (``DENSE_FEATURES``);
* the cosine between the reply and the customer's message.

Each dimension has a three-class logistic head; its level is read from the
expected level (the probabilities weighted by 0, 1, 2) cut at
``cutpoints``, which keeps near-misses between 1 and 2 from flipping to 0.
Each penalty has a binary logistic head with its own threshold, chosen by
cross-validation over writers when the model is built
(``python -m tools.scorer.train_sentence``). The weights live in
``empathy_model2.json``: plain numbers, no pickles, deterministic.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .encoder import DIMENSION, embed
from .extractors import Span
from .features import DENSE_FEATURES, dense_features, fold_chat
from .result import DIMENSIONS, PENALTIES
from .text import ReplyView

MODEL2_PATH = Path(__file__).with_name("empathy_model2.json")
MODEL2_FORMAT = "sentence-heads-1"
LEVELS = np.array([0.0, 1.0, 2.0])
MAX_SENTENCES = 40
MAX_CHARS = 2000
"""Long replies are read up to these bounds: enough to judge, bounded time."""


class SentenceModelError(RuntimeError):
    """The model file is missing, malformed or built for other features."""


@dataclass(frozen=True)
class ReplyVectors:
    """A reply's feature vector and its sentences' embeddings (for evidence)."""

    features: np.ndarray
    sentences: np.ndarray
    spans: tuple[tuple[int, int], ...]
    customer: np.ndarray


def reply_vectors(
    view: ReplyView, found: Mapping[str, list[Span]], customer_message: str
) -> ReplyVectors:
    reply = view.reply
    spans = (tuple(view.sentences) or ((0, len(reply)),))[:MAX_SENTENCES]
    whole_text = fold_chat(reply[:MAX_CHARS])
    parts = [fold_chat(reply[a:b][:MAX_CHARS]) for a, b in spans]
    customer_text = fold_chat(customer_message[:MAX_CHARS]) or " "
    texts = [whole_text] if parts == [whole_text] else [whole_text, *parts]
    customer = CUSTOMER_LINES.get(customer_text)
    if customer is None:  # one encoder call either way
        vectors = embed([*texts, customer_text])
        customer = CUSTOMER_LINES.put(customer_text, vectors[-1])
        vectors = vectors[:-1]
    else:
        vectors = embed(texts)
    whole = vectors[0]
    sentences = vectors if len(vectors) == 1 else vectors[1:]
    features = np.concatenate(
        [
            whole,
            sentences.max(axis=0),
            np.asarray(dense_features(view, found), dtype=np.float32),
            [float(whole @ customer) if customer_message.strip() else 0.0],
        ]
    ).astype(np.float32)
    return ReplyVectors(features, sentences, spans, customer)


class LineCache:
    """Customer lines' embeddings: the same few lines come back turn after
    turn and learner after learner, so each is encoded once per process
    (at most ``size`` kept, the least recently used dropped first)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            vector = self._vectors.get(text)
            if vector is not None:
                self._vectors.move_to_end(text)
            return vector

    def put(self, text: str, vector: np.ndarray) -> np.ndarray:
        kept = np.array(vector, dtype=np.float32)
        kept.flags.writeable = False
        with self._lock:
            self._vectors[text] = kept
            self._vectors.move_to_end(text)
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)
        return kept

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


CUSTOMER_LINES = LineCache(512)


def feature_count() -> int:
    return 2 * DIMENSION + len(DENSE_FEATURES) + 1


@dataclass(frozen=True)
class SentencePrediction:
    levels: dict[str, int]
    expected: dict[str, float]
    penalties: list[str]
    penalty_probability: dict[str, float]


@dataclass(frozen=True)
class SentenceModel:
    weights: dict[str, np.ndarray]
    bias: dict[str, np.ndarray]
    cutpoints: tuple[float, float]
    thresholds: dict[str, float]
    metadata: dict[str, Any]
    moments: tuple[str, ...] = ()
    moment_weights: np.ndarray | None = None
    moment_bias: np.ndarray | None = None

    def moment_of(
        self, vectors: ReplyVectors, excluded: tuple[str, ...] = ()
    ) -> str | None:
        """What the customer's last message calls for, read from its embedding
        (never one of ``excluded``, e.g. "resolved" while needs are open)."""
        if self.moment_weights is None or self.moment_bias is None:
            return None
        if not float(np.abs(vectors.customer).sum()):
            return None
        scores = self.moment_weights @ vectors.customer + self.moment_bias
        allowed = [i for i, m in enumerate(self.moments) if m not in excluded]
        if not allowed:
            return None
        return self.moments[max(allowed, key=lambda i: float(scores[i]))]

    def predict(self, vectors: ReplyVectors) -> SentencePrediction:
        x = vectors.features
        levels, expected = {}, {}
        for dimension in DIMENSIONS:
            probabilities = _softmax(self.weights[dimension] @ x + self.bias[dimension])
            value = float(probabilities @ LEVELS)
            expected[dimension] = value
            low, high = self.cutpoints
            levels[dimension] = 0 if value < low else 1 if value < high else 2
        chance = {
            p: float(_sigmoid(self.weights[p][0] @ x + self.bias[p][0]))
            for p in PENALTIES
        }
        found = [p for p in PENALTIES if chance[p] >= self.thresholds[p]]
        return SentencePrediction(levels, expected, found, chance)

    def best_sentence(
        self, vectors: ReplyVectors, head: str, level: int
    ) -> tuple[int, int] | None:
        """The sentence that pushes ``head`` hardest towards ``level``, if any."""
        rows = self.weights[head]
        direction = rows[0] if head in PENALTIES else rows[level] - rows[0]
        push = vectors.sentences @ (
            direction[:DIMENSION] + direction[DIMENSION : 2 * DIMENSION]
        )
        if not len(push):
            return None
        return vectors.spans[int(np.argmax(push))]


def model_from_payload(payload: Mapping[str, Any]) -> SentenceModel:
    if payload.get("format") != MODEL2_FORMAT:
        raise SentenceModelError(f"model format must be {MODEL2_FORMAT!r}")
    if payload.get("dense_features") != list(DENSE_FEATURES):
        raise SentenceModelError("the model was built for other rule features")
    size = feature_count()
    weights, bias = {}, {}
    for head in (*DIMENSIONS, *PENALTIES):
        block = payload["heads"][head]
        weights[head] = np.asarray(block["weights"], dtype=np.float32)
        bias[head] = np.asarray(block["bias"], dtype=np.float32)
        rows = 3 if head in DIMENSIONS else 1
        if weights[head].shape != (rows, size) or bias[head].shape != (rows,):
            raise SentenceModelError(f"head {head!r} has the wrong shape")
    low, high = payload["cutpoints"]
    moment = payload.get("moment")
    moments: tuple[str, ...] = ()
    moment_weights, moment_bias = None, None
    if moment is not None:
        moments = tuple(str(m) for m in moment["classes"])
        moment_weights = np.asarray(moment["weights"], dtype=np.float32)
        moment_bias = np.asarray(moment["bias"], dtype=np.float32)
        if moment_weights.shape != (len(moments), DIMENSION):
            raise SentenceModelError("the moment head has the wrong shape")
    return SentenceModel(
        weights,
        bias,
        (float(low), float(high)),
        {p: float(payload["thresholds"][p]) for p in PENALTIES},
        dict(payload.get("metadata", {})),
        moments,
        moment_weights,
        moment_bias,
    )


def load_sentence_model(path: Path = MODEL2_PATH) -> SentenceModel:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SentenceModelError(f"cannot read {path.name}: {error}") from error
    try:
        return model_from_payload(payload)
    except (KeyError, TypeError, ValueError) as error:
        raise SentenceModelError(f"{path.name} is malformed: {error}") from error


@lru_cache(maxsize=1)
def default_sentence_model() -> SentenceModel:
    return load_sentence_model()


def payload_of(
    weights: Mapping[str, np.ndarray],
    bias: Mapping[str, np.ndarray],
    cutpoints: tuple[float, float],
    thresholds: Mapping[str, float],
    metadata: Mapping[str, Any],
    moment: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON document of a model (what the builder writes)."""
    return {
        "moment": dict(moment) if moment else None,
        "format": MODEL2_FORMAT,
        "dense_features": list(DENSE_FEATURES),
        "cutpoints": list(cutpoints),
        "thresholds": dict(thresholds),
        "metadata": dict(metadata),
        "heads": {
            head: {
                "weights": [[round(float(v), 6) for v in row] for row in weights[head]],
                "bias": [round(float(v), 6) for v in bias[head]],
            }
            for head in (*DIMENSIONS, *PENALTIES)
        },
    }


def _softmax(values: np.ndarray) -> np.ndarray:
    shifted = np.exp(values - values.max())
    return shifted / shifted.sum()


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + float(np.exp(-value)))
