"""Intent classifier that reads a learner reply as a set of moves.

A reply often makes two moves at once ("I'm so sorry, I've rebooked you on the
18:40"). Rasa's multi-intent support names such a reply with a combined intent
(``apologize+offer_solution``), but a flat classifier learns every combined
intent as a class of its own, from its few examples, in competition with the two
moves it is made of. This classifier learns each move once, from every example
that makes it (single or combined): one class-balanced logistic regression per
move over the featurizers' sentence features (counts scaled to log(1 + count))
and over the other moves of the example. The second part lets a move's
regression explain away words that belong to a move it often comes with:
"policy" shows up in most replies that dismiss *and* cite policy, but it is
the citing, not the dismissing, that the word stands for.

At run time every intent of the training data, single or combined, is scored
by how likely exactly its moves are, each move's regression reading the text
and the intent's other moves:

    score(intent) = sum over moves m of log p(m | text, other moves of intent)
                    if m is in the intent, else log (1 - p(m | ...))

with every log-odds shifted by ``move_log_odds_shift``. The intent ranking is
the softmax of those scores, so the confidence is the probability of the intent
among the intents the bot knows; the FallbackClassifier after it works as with
any other classifier. Rasa stays in charge: the intent is an ordinary intent of
the domain, and rules and policies act on it.

The weights are stored as plain arrays (``numpy.savez`` without pickles) and
the move and intent names as JSON in Rasa's model storage.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
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
    text_logits: np.ndarray,
    membership: np.ndarray,
    interactions: np.ndarray | None = None,
) -> np.ndarray:
    """Probability of each intent from its moves' log-odds.

    Args:
        text_logits: shape (messages, moves), each move's log-odds from the text.
        membership: shape (intents, moves), from :func:`intent_move_matrix`.
        interactions: shape (moves, moves), ``[m, o]`` is what the presence of
            move ``o`` adds to the log-odds of move ``m`` (zero diagonal); None
            treats the moves as independent.

    Returns:
        Shape (messages, intents): each row sums to 1 over the known intents.
    """
    logits = text_logits[:, None, :]  # (messages, 1, moves)
    if interactions is not None:
        logits = logits + (membership @ interactions.T)[None, :, :]
    log_yes = -np.logaddexp(0.0, -logits)  # log sigmoid(logit)
    log_no = -np.logaddexp(0.0, logits)  # log (1 - sigmoid(logit))
    scores = (log_yes * membership + log_no * (1.0 - membership)).sum(axis=2)
    scores -= scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    return weights / weights.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class MoveModel:
    """What training learns: per move, text weights, a bias and interactions."""

    moves: list[str]
    intents: list[str]
    weights: np.ndarray  # (moves, features)
    bias: np.ndarray  # (moves,)
    interactions: np.ndarray  # (moves, moves), zero diagonal

    @classmethod
    def empty(cls) -> MoveModel:
        return cls([], [], np.zeros((0, 0)), np.zeros(0), np.zeros((0, 0)))

    def save(self, directory: Path) -> None:
        np.savez(
            directory / WEIGHTS_FILE,
            weights=self.weights,
            bias=self.bias,
            interactions=self.interactions,
        )
        names = {"moves": self.moves, "intents": self.intents}
        (directory / LABELS_FILE).write_text(json.dumps(names))

    @classmethod
    def read(cls, directory: Path) -> MoveModel:
        names = json.loads((directory / LABELS_FILE).read_text())
        with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as arrays:
            return cls(
                names["moves"],
                names["intents"],
                arrays["weights"],
                arrays["bias"],
                arrays["interactions"],
            )


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
            # Added to every move's log-odds before decoding: above 0 favours
            # readings with more moves. 0 measured best with `make eval-nlu`
            # (0.5 helped before the regressions saw the other moves).
            "move_log_odds_shift": 0.0,
            "max_iter": 1000,
            "intent_split_symbol": "+",
            "ranking_length": LABEL_RANKING_LENGTH,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: MoveModel | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._adopt(model or MoveModel.empty())

    def _adopt(self, model: MoveModel) -> None:
        self.model = model
        self._membership = intent_move_matrix(
            model.intents, model.moves, self.config["intent_split_symbol"]
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
        interactions = np.zeros((len(moves), len(moves)))
        for column, move in enumerate(moves):
            others = labels.copy()
            others[:, column] = 0.0
            coefficients, bias[column] = self._fit_move(
                scipy.sparse.hstack([features, scipy.sparse.csr_matrix(others)]),
                labels[:, column],
            )
            weights[column] = coefficients[: features.shape[1]]
            interactions[column] = coefficients[features.shape[1] :]
            interactions[column, column] = 0.0
            logger.debug(f"MoveClassifier: fitted '{move}'.")
        self._adopt(MoveModel(moves, intents, weights, bias, interactions))
        self.persist()
        return self._resource

    def _fit_move(
        self, features: scipy.sparse.spmatrix, target: np.ndarray
    ) -> tuple[np.ndarray, float]:
        if target.min() == target.max():  # every example, or none, makes the move
            return np.zeros(features.shape[1]), 30.0 if target[0] else -30.0
        regression = LogisticRegression(
            C=self.config["C"],
            class_weight="balanced",
            max_iter=self.config["max_iter"],
            solver="lbfgs",
        )
        regression.fit(features.tocsr(), target)
        return regression.coef_[0], float(regression.intercept_[0])

    def intent_probabilities(self, messages: list[Message]) -> np.ndarray:
        """p(intent | message), shape (messages, intents)."""
        text_logits = self._features(messages) @ self.model.weights.T
        text_logits = np.asarray(text_logits) + self.model.bias
        text_logits += self.config["move_log_odds_shift"]
        return intent_probabilities(
            text_logits, self._membership, self.model.interactions
        )

    def process(self, messages: list[Message]) -> list[Message]:
        """Set ``intent`` and ``intent_ranking`` on each message."""
        if not self.model.intents or not messages:
            return messages
        length = self.config["ranking_length"]
        intents = self.model.intents
        for message, row in zip(
            messages, self.intent_probabilities(messages), strict=True
        ):
            order = np.argsort(-row, kind="stable")
            if length > 0:
                order = order[:length]
            ranking = [{"name": intents[i], "confidence": float(row[i])} for i in order]
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
            self.model.save(directory)

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
                model = MoveModel.read(directory)
        except ValueError:  # nothing was persisted: trained on no examples
            return cls.create(config, model_storage, resource, execution_context)
        return cls(config, model_storage, resource, model)
