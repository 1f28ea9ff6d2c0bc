"""The learned scorer: linear classifiers over n-gram TF-IDF and rule features.

The artefact ``empathy_model.json`` (next to this module) holds everything the
classifiers need, as plain JSON: the word and character n-gram vocabularies
with their IDF weights, the names of the dense rule/text features, and one
weight matrix (base64 of little-endian float32) whose columns are the class
scores of every head: three per dimension (levels 0, 1, 2), one per penalty.
It is built by ``python -m tools.scorer.train`` from ``data/scorer``.
Loading uses only ``json`` and ``numpy``; nothing is unpickled.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .features import DENSE_FEATURES, ReplyFeatures
from .result import DIMENSIONS, PENALTIES

MODEL_PATH = Path(__file__).with_name("empathy_model.json")
MODEL_FORMAT = 1
_RULE_FLAG = {p: DENSE_FEATURES.index(f"rule:{p}") for p in PENALTIES}


class ModelError(RuntimeError):
    """The model artefact is missing or does not match this code."""


@dataclass(frozen=True)
class Vocabulary:
    """Terms of one n-gram block and their IDF weights."""

    index: dict[str, int]
    idf: np.ndarray

    def tfidf(self, grams: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Indices and L2-normalised sublinear TF-IDF values of the known grams."""
        known = [i for i in map(self.index.get, grams) if i is not None]
        if not known:
            return np.zeros(0, dtype=np.intp), np.zeros(0)
        idx, counts = np.unique(np.asarray(known, dtype=np.intp), return_counts=True)
        values = (1.0 + np.log(counts)) * self.idf[idx]
        return idx, values / np.linalg.norm(values)


@dataclass(frozen=True)
class PenaltyThreshold:
    """Score a penalty must exceed: one bar when its rule extractor found a
    span, a separate (usually higher) bar when the model alone suspects it."""

    with_rule: float = 0.0
    without_rule: float = 0.0

    def decide(self, score: float, rule_found: bool) -> bool:
        return score > (self.with_rule if rule_found else self.without_rule)


@dataclass(frozen=True)
class Prediction:
    """Levels and penalties the model predicts for one reply."""

    levels: dict[str, int]
    penalties: list[str]
    known_words: float
    variety: float


@dataclass(frozen=True)
class EmpathyModel:
    """Per-head linear classifiers sharing one feature space.

    Attributes:
        words, chars: the n-gram vocabularies (feature blocks 1 and 2).
        dense_scale: multiplier of the dense rule/text block (block 3).
        weights: (n_features, n_columns) class-score weights.
        bias: (n_columns,) intercepts.
        columns: head name -> its columns (levels 0-2, or one penalty column).
        thresholds: penalty name -> its decision thresholds.
        metadata: what the model was trained on and with which settings.
    """

    words: Vocabulary
    chars: Vocabulary
    dense_scale: float
    weights: np.ndarray
    bias: np.ndarray
    columns: dict[str, list[int]]
    thresholds: dict[str, PenaltyThreshold]
    metadata: dict[str, Any]

    @property
    def char_offset(self) -> int:
        return len(self.words.index)

    @property
    def dense_offset(self) -> int:
        return len(self.words.index) + len(self.chars.index)

    def scores(self, features: ReplyFeatures) -> np.ndarray:
        """Class scores of every column for one reply."""
        w_idx, w_val = self.words.tfidf(features.words)
        c_idx, c_val = self.chars.tfidf(features.chars)
        dense = np.asarray(features.dense) * self.dense_scale
        total = self.bias.copy()
        total += w_val @ self.weights[w_idx]
        total += c_val @ self.weights[c_idx + self.char_offset]
        total += dense @ self.weights[self.dense_offset :]
        return total

    def predict(self, features: ReplyFeatures) -> Prediction:
        """Level per dimension and the penalties found, from the class scores."""
        total = self.scores(features)
        levels = {d: int(np.argmax(total[self.columns[d]])) for d in DIMENSIONS}
        penalties = [
            p
            for p in PENALTIES
            if self.thresholds[p].decide(
                float(total[self.columns[p][0]]), features.dense[_RULE_FLAG[p]] > 0
            )
        ]
        words = [g for g in features.words if " " not in g and g.isalpha()]
        return Prediction(levels, penalties, self.known_share(words), variety(words))

    def known_share(self, words: Sequence[str]) -> float:
        """Share of the reply's words the model has seen in training."""
        if not words:
            return 0.0
        return sum(word in self.words.index for word in words) / len(words)

    def word_direction(self, head: str, level: int) -> np.ndarray:
        """Per-word-term weight pushing the head towards ``level`` (or the penalty)."""
        cols = self.columns[head]
        rows = self.weights[: self.char_offset]
        if len(cols) == 1:
            return rows[:, cols[0]]
        return rows[:, cols[level]] - rows[:, cols[0]]


def variety(words: Sequence[str]) -> float:
    """Distinct words per word: near 0 for "sorry sorry sorry ..."."""
    return len(set(words)) / len(words) if words else 0.0


def load_model(path: Path = MODEL_PATH) -> EmpathyModel:
    """Read a model artefact.

    Raises:
        ModelError: the file is missing, unreadable or of another format.
    """
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the scorer model {path}: {exc}") from exc
    if payload.get("format") != MODEL_FORMAT:
        raise ModelError(f"{path}: model format {payload.get('format')!r} unsupported")
    if tuple(payload["dense"]) != DENSE_FEATURES:
        raise ModelError(f"{path}: dense features differ; retrain the model")
    return model_from_payload(payload)


def model_from_payload(payload: dict[str, Any]) -> EmpathyModel:
    """Build the model from the decoded JSON artefact."""
    matrix = payload["weights"]
    raw = base64.b64decode(matrix["data"])
    weights = np.frombuffer(raw, dtype="<f4").reshape(matrix["shape"])
    return EmpathyModel(
        words=_vocabulary(payload["word"]),
        chars=_vocabulary(payload["char"]),
        dense_scale=float(payload["dense_scale"]),
        weights=weights.astype(np.float64),
        bias=np.asarray(payload["bias"], dtype=np.float64),
        columns={name: list(cols) for name, cols in payload["columns"].items()},
        thresholds={
            name: PenaltyThreshold(**bars)
            for name, bars in payload["thresholds"].items()
        },
        metadata=dict(payload.get("metadata", {})),
    )


def _vocabulary(block: dict[str, Any]) -> Vocabulary:
    terms = block["terms"]
    return Vocabulary(
        {term: i for i, term in enumerate(terms)}, np.asarray(block["idf"], dtype=float)
    )


@lru_cache(maxsize=1)
def default_model() -> EmpathyModel:
    """The shipped model, loaded once on first use."""
    return load_model()
