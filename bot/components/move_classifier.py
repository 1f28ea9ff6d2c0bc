"""Intent classifier that reads a learner reply as a set of moves.

A reply often makes two moves at once ("I'm so sorry, I've rebooked you on the
18:40"). Rasa's multi-intent support names such a reply with a combined intent
(``apologize+offer_solution``), but a flat classifier learns every combined
intent as a class of its own, from its few examples, in competition with the two
moves it is made of. This classifier learns each move once, from every example
that makes it (single or combined), as an independent yes/no decision over the
featurizers' sentence features, counts scaled to log(1 + count) (one
class-balanced logistic regression per move). At run time it scores every
intent of the training data, single or combined, by how likely exactly its
moves are, and no others:

    score(intent) = sum over moves m of log p(m) if m is in the intent,
                    else log (1 - p(m))

where p(m) is the regression's probability with its log-odds shifted by
``move_log_odds_shift``.

The intent ranking is the softmax of those scores, so the confidence is the
probability of the intent among the intents the bot knows; the FallbackClassifier
after it works as with any other classifier. Rasa stays in charge: the intent
is an ordinary intent of the domain, and rules and policies act on it.

The weights are stored as plain arrays (``numpy.savez`` without pickles) and
the move and intent names as JSON in Rasa's model storage.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.featurizers.featurizer import Featurizer
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression

logger = logging.getLogger(__name__)

WEIGHTS_FILE = "move_weights.npz"
LABELS_FILE = "labels.json"
EPSILON = 1e-9


def moves_of(intent: str, split_symbol: str = "+") -> tuple[str, ...]:
    """The moves an intent name makes: ``a+b`` makes ``a`` and ``b``."""
    return tuple(part for part in intent.split(split_symbol) if part)


def intent_move_matrix(
    intents: list[str], moves: list[str], split_symbol: str = "+"
) -> np.ndarray:
    """A 0/1 matrix, one row per intent, 1 where the intent makes the move."""
    index = {move: column for column, move in enumerate(moves)}
    matrix = np.zeros((len(intents), len(moves)))
    for row, intent in enumerate(intents):
        for move in moves_of(intent, split_symbol):
            matrix[row, index[move]] = 1.0
    return matrix


def intent_probabilities(
    move_probabilities: np.ndarray, membership: np.ndarray
) -> np.ndarray:
    """Probability of each intent given independent move probabilities.

    Args:
        move_probabilities: shape (messages, moves), p(reply makes the move).
        membership: shape (intents, moves), from :func:`intent_move_matrix`.

    Returns:
        Shape (messages, intents): each row sums to 1 over the known intents.
    """
    p = np.clip(move_probabilities, EPSILON, 1 - EPSILON)
    log_yes, log_no = np.log(p), np.log1p(-p)
    scores = log_yes @ membership.T + log_no @ (1 - membership).T
    scores -= scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    return weights / weights.sum(axis=1, keepdims=True)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class MoveClassifier(GraphComponent, IntentClassifier):
    """One logistic regression per learner move; intents decoded from the moves."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Featurizer]

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn"]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            # Inverse regularisation strength of each move's regression.
            "C": 1.0,
            # Added to every move's log-odds before decoding. The regressions are
            # trained class-balanced; a reading with two moves needs both to clear
            # the bar, so a small positive shift keeps the second move of a
            # combined reply from being dropped. Chosen with `make eval-nlu`.
            "move_log_odds_shift": 0.5,
            "max_iter": 1000,
            "intent_split_symbol": "+",
            "ranking_length": LABEL_RANKING_LENGTH,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        *,
        moves: list[str] | None = None,
        intents: list[str] | None = None,
        weights: np.ndarray | None = None,
        bias: np.ndarray | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._use(
            moves or [],
            intents or [],
            weights if weights is not None else np.zeros((0, 0)),
            bias if bias is not None else np.zeros(0),
        )

    def _use(
        self,
        moves: list[str],
        intents: list[str],
        weights: np.ndarray,
        bias: np.ndarray,
    ) -> None:
        self.moves, self.intents, self.weights, self.bias = (
            moves,
            intents,
            weights,
            bias,
        )
        self._membership = intent_move_matrix(
            intents, moves, self.config["intent_split_symbol"]
        )

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MoveClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit one balanced logistic regression per move, then persist."""
        examples = [
            example
            for example in training_data.intent_examples
            if example.get(INTENT) and example.get(TEXT)
        ]
        if not examples:
            logger.debug("MoveClassifier: no intent examples, nothing to train.")
            return self._resource
        split = self.config["intent_split_symbol"]
        intents = sorted({example.get(INTENT) for example in examples})
        moves = sorted({move for intent in intents for move in moves_of(intent, split)})
        features = self._features(examples)
        labels = intent_move_matrix(
            [example.get(INTENT) for example in examples], moves, split
        )
        weights = np.zeros((len(moves), features.shape[1]))
        bias = np.zeros(len(moves))
        for column, move in enumerate(moves):
            weights[column], bias[column] = self._fit_move(features, labels[:, column])
            logger.debug(f"MoveClassifier: fitted '{move}'.")
        self._use(moves, intents, weights, bias)
        self.persist()
        return self._resource

    def _fit_move(
        self, features: scipy.sparse.csr_matrix, target: np.ndarray
    ) -> tuple[np.ndarray, float]:
        if target.min() == target.max():  # every example, or none, makes the move
            return np.zeros(features.shape[1]), 30.0 if target[0] else -30.0
        regression = LogisticRegression(
            C=self.config["C"],
            class_weight="balanced",
            max_iter=self.config["max_iter"],
            solver="lbfgs",
        )
        regression.fit(features, target)
        return regression.coef_[0], float(regression.intercept_[0])

    def move_probabilities(self, messages: list[Message]) -> np.ndarray:
        """p(the message makes the move), shape (messages, moves)."""
        logits = self._features(messages) @ self.weights.T + self.bias
        logits += self.config["move_log_odds_shift"]
        return 1.0 / (1.0 + np.exp(-np.asarray(logits)))

    def process(self, messages: list[Message]) -> list[Message]:
        """Set ``intent`` and ``intent_ranking`` on each message."""
        if not self.intents or not messages:
            return messages
        probabilities = intent_probabilities(
            self.move_probabilities(messages), self._membership
        )
        length = self.config["ranking_length"]
        for message, row in zip(messages, probabilities, strict=True):
            order = np.argsort(-row, kind="stable")
            if length > 0:
                order = order[:length]
            ranking = [
                {"name": self.intents[i], "confidence": float(row[i])} for i in order
            ]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def _features(self, messages: list[Message]) -> scipy.sparse.csr_matrix:
        rows = []
        for message in messages:
            _, sparse = message.get_sparse_features(TEXT)
            _, dense = message.get_dense_features(TEXT)
            parts = [
                scipy.sparse.csr_matrix(feature.features)
                for feature in (sparse, dense)
                if feature is not None
            ]
            rows.append(scipy.sparse.hstack(parts) if parts else None)
        if any(row is None for row in rows):
            raise ValueError(
                "MoveClassifier needs sentence features: put a featurizer such as "
                "CountVectorsFeaturizer before it in the pipeline"
            )
        features = scipy.sparse.vstack(rows).tocsr().astype(np.float64)
        # Counts grow with the length of a reply; log(1 + count) keeps a long
        # reply's many character n-grams from drowning its few telling words.
        features.data = np.log1p(np.abs(features.data)) * np.sign(features.data)
        return features

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            np.savez(directory / WEIGHTS_FILE, weights=self.weights, bias=self.bias)
            (directory / LABELS_FILE).write_text(
                json.dumps({"moves": self.moves, "intents": self.intents})
            )

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> MoveClassifier:
        try:
            with model_storage.read_from(resource) as directory:
                labels = json.loads((directory / LABELS_FILE).read_text())
                with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as arrays:
                    weights, bias = arrays["weights"], arrays["bias"]
        except ValueError:  # nothing was persisted: trained on no examples
            return cls.create(config, model_storage, resource, execution_context)
        return cls(
            config,
            model_storage,
            resource,
            moves=labels["moves"],
            intents=labels["intents"],
            weights=weights,
            bias=bias,
        )
