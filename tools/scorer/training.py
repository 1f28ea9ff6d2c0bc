"""Fitting the scorer model with scikit-learn (build time only, never at scoring).

One logistic regression per head (five dimensions with classes 0/1/2, four
penalties with 0/1), ``class_weight="balanced"``, lbfgs, fixed ``random_state``,
over three feature blocks: word 1-2-gram TF-IDF, character 2-5-gram TF-IDF
(both sublinear, L2-normalised, min_df 2) and the dense rule/text features of
:mod:`.features` times a per-head scale. The fitted heads are exported as the
JSON artefact :mod:`.model` loads.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from trainer_api.scoring.extractors import extract_all
from trainer_api.scoring.features import (
    DENSE_FEATURES,
    ReplyFeatures,
    head_dense_features,
    reply_features,
)
from trainer_api.scoring.model import MODEL_FORMAT, PenaltyThreshold
from trainer_api.scoring.result import DIMENSIONS, MODEL1_VERSION, PENALTIES
from trainer_api.scoring.text import build_view

from .corpus import LabelledReply

HEADS: tuple[str, ...] = (*DIMENSIONS, *PENALTIES)
RANDOM_STATE = 0
MIN_DF = 2


@dataclass(frozen=True)
class HeadSettings:
    """Hyperparameters of one head: inverse regularisation and dense-block scale."""

    c: float
    dense_scale: float


def featurize(records: Sequence[LabelledReply]) -> list[ReplyFeatures]:
    """Features of every record, exactly as the scorer computes them."""
    out = []
    for record in records:
        facts = record.context.get("customer_facts") or []
        view = build_view(record.reply, [record.customer, *facts])
        out.append(reply_features(record.reply, view, extract_all(view)))
    return out


def _identity(grams: list[str]) -> list[str]:
    return grams


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer=_identity, min_df=MIN_DF, sublinear_tf=True, dtype=np.float64
    )


@dataclass
class Blocks:
    """The fitted n-gram vectorizers and the matrices of one training set."""

    words: TfidfVectorizer
    chars: TfidfVectorizer
    word_matrix: sparse.csr_matrix
    char_matrix: sparse.csr_matrix
    dense: np.ndarray

    @classmethod
    def fit(cls, features: Sequence[ReplyFeatures]) -> Blocks:
        words, chars = _vectorizer(), _vectorizer()
        return cls(
            words,
            chars,
            words.fit_transform([f.words for f in features]),
            chars.fit_transform([f.chars for f in features]),
            np.asarray([f.dense for f in features]),
        )

    def transform(self, features: Sequence[ReplyFeatures]) -> Blocks:
        """The same blocks for other replies, with this training set's vocabulary."""
        return Blocks(
            self.words,
            self.chars,
            self.words.transform([f.words for f in features]),
            self.chars.transform([f.chars for f in features]),
            np.asarray([f.dense for f in features]),
        )

    def matrix(self, head: str, dense_scale: float) -> sparse.csr_matrix:
        """All blocks for one head: its dense features scaled, the others zero."""
        dense = sparse.csr_matrix(self.dense * dense_mask(head) * dense_scale)
        return sparse.hstack([self.word_matrix, self.char_matrix, dense]).tocsr()


def dense_mask(head: str) -> np.ndarray:
    """1 for the dense features a head may use, 0 for the others."""
    allowed = head_dense_features(head)
    return np.asarray([float(name in allowed) for name in DENSE_FEATURES])


def rule_flags(features: Sequence[ReplyFeatures], penalty: str) -> list[bool]:
    """Whether the rule extractor of a penalty fired, per reply."""
    column = DENSE_FEATURES.index(f"rule:{penalty}")
    return [f.dense[column] > 0 for f in features]


def labels_of(records: Sequence[LabelledReply], head: str) -> list[int]:
    """Gold labels of one head."""
    return [record.labels[head] for record in records]


def fit_head(
    blocks: Blocks, head: str, y: Sequence[int], settings: HeadSettings
) -> Any:
    """One balanced logistic regression on the blocks."""
    classifier = LogisticRegression(
        C=settings.c,
        class_weight="balanced",
        max_iter=5000,
        random_state=RANDOM_STATE,
    )
    return classifier.fit(blocks.matrix(head, settings.dense_scale), y)


def export(
    blocks: Blocks,
    classifiers: dict[str, Any],
    settings: dict[str, HeadSettings],
    metadata: dict[str, Any],
    thresholds: dict[str, PenaltyThreshold] | None = None,
) -> dict[str, Any]:
    """The JSON artefact of fitted heads (dense scales folded into the weights)."""
    columns: dict[str, list[int]] = {}
    weight_columns: list[np.ndarray] = []
    bias: list[float] = []
    n_dense = len(DENSE_FEATURES)
    for head in HEADS:
        classifier = classifiers[head]
        coef = np.array(classifier.coef_, dtype=np.float64)
        coef[:, -n_dense:] *= settings[head].dense_scale * dense_mask(head)
        if head in DIMENSIONS and list(classifier.classes_) != [0, 1, 2]:
            raise ValueError(f"{head}: training data lacks a level")
        columns[head] = list(range(len(bias), len(bias) + coef.shape[0]))
        weight_columns.extend(coef)
        bias.extend(float(b) for b in classifier.intercept_)
    weights = np.asarray(weight_columns, dtype="<f4").T.copy()
    return {
        "format": MODEL_FORMAT,
        "scorer_version": MODEL1_VERSION,
        "metadata": {
            **metadata,
            "settings": {h: vars(s) for h, s in settings.items()},
        },
        "word": _block(blocks.words),
        "char": _block(blocks.chars),
        "dense": list(DENSE_FEATURES),
        "dense_scale": 1.0,
        "columns": columns,
        "thresholds": {
            p: vars((thresholds or {}).get(p, PenaltyThreshold())) for p in PENALTIES
        },
        "bias": [round(b, 6) for b in bias],
        "weights": {
            "dtype": "float32",
            "shape": list(weights.shape),
            "data": base64.b64encode(weights.tobytes()).decode("ascii"),
        },
    }


def _block(vectorizer: TfidfVectorizer) -> dict[str, Any]:
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    return {"terms": terms, "idf": [round(float(v), 6) for v in vectorizer.idf_]}


def corpus_digest(records: Sequence[LabelledReply]) -> str:
    """A short hash of the training records, stored in the artefact."""
    digest = hashlib.sha256()
    for record in records:
        line = f"{record.id}\t{record.reply}\t{sorted(record.labels.items())}\n"
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()[:16]
