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

Languages apart. English and French learners share the pipeline and the
featurizers, but a move's words differ by language, and one regression over
both spends part of its fit on the other language. With ``languages`` set
(``["en", "fr"]`` in config.yml) every language gets its own regressions: a
small language regression over the same features (trained on the examples
``langid`` names with confidence) says how likely each language is; each
example trains the regressions of every language it is at least
``language_share`` likely to be in (so "ok" or "merci" teach both), and at run
time the intent ranking is the mixture of the languages' rankings weighted by
those likelihoods. A reply in the other language than the scenario's is still
read, by its own language's regressions.

The weights are stored as plain arrays (``numpy.savez`` without pickles) and
the move and intent names as JSON in Rasa's model storage.
"""

from __future__ import annotations

import json
import logging
import re
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
LANGUAGE_MIN_WORDS = 4
"""Fewer different words than this and ``langid`` is not asked: too short."""
LANGUAGE_SURE = 0.9
"""``langid``'s probability (among the configured languages) that names an
example's language for the language regression."""
LANGUAGE_MIN_EXAMPLES = 20
"""Each language needs this many named examples to be read apart."""
_WORD = re.compile(r"[^\W\d_]+")


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

    def arrays(self, prefix: str = "") -> dict[str, np.ndarray]:
        return {
            f"{prefix}weights": self.weights,
            f"{prefix}bias": self.bias,
            f"{prefix}interactions": self.interactions,
        }

    def names(self) -> dict[str, list[str]]:
        return {"moves": self.moves, "intents": self.intents}

    @classmethod
    def from_arrays(
        cls, names: dict[str, list[str]], arrays: Any, prefix: str = ""
    ) -> MoveModel:
        return cls(
            names["moves"],
            names["intents"],
            arrays[f"{prefix}weights"],
            arrays[f"{prefix}bias"],
            arrays[f"{prefix}interactions"],
        )


@dataclass(frozen=True)
class LanguageRouter:
    """How likely each language is, from the same features as the moves."""

    languages: list[str]
    weights: np.ndarray  # (1, features) for two languages, else (languages, features)
    bias: np.ndarray  # (1,) or (languages,)

    def probabilities(self, features: scipy.sparse.spmatrix) -> np.ndarray:
        """Shape (messages, languages), each row summing to 1."""
        logits = np.asarray(features @ self.weights.T) + self.bias
        if len(self.languages) == 2:
            second = 1.0 / (1.0 + np.exp(-np.clip(logits[:, 0], -500, 500)))
            return np.column_stack([1.0 - second, second])
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        return weights / weights.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class ReadingModel:
    """Everything the classifier learnt: one move model per language (or one
    for all, under the language ``""``) and, with languages, the router."""

    models: dict[str, MoveModel]
    router: LanguageRouter | None = None

    @property
    def intents(self) -> list[str]:
        return sorted({i for model in self.models.values() for i in model.intents})

    def save(self, directory: Path) -> None:
        arrays: dict[str, np.ndarray] = {}
        for language, model in self.models.items():
            arrays.update(model.arrays(f"{language}__" if language else ""))
        names: dict[str, Any]
        if self.router is None:
            names = self.models[""].names()
        else:
            arrays["router__weights"] = self.router.weights
            arrays["router__bias"] = self.router.bias
            names = {
                "languages": self.router.languages,
                "models": {lang: m.names() for lang, m in self.models.items()},
            }
        np.savez(directory / WEIGHTS_FILE, **arrays)  # type: ignore[arg-type]
        (directory / LABELS_FILE).write_text(json.dumps(names))

    @classmethod
    def read(cls, directory: Path) -> ReadingModel:
        names = json.loads((directory / LABELS_FILE).read_text())
        with np.load(directory / WEIGHTS_FILE, allow_pickle=False) as arrays:
            if "languages" not in names:
                return cls({"": MoveModel.from_arrays(names, arrays)})
            models = {
                language: MoveModel.from_arrays(
                    names["models"][language], arrays, f"{language}__"
                )
                for language in names["languages"]
            }
            router = LanguageRouter(
                names["languages"], arrays["router__weights"], arrays["router__bias"]
            )
            return cls(models, router)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True
)
class MoveClassifier(GraphComponent, IntentClassifier):
    """One logistic regression per learner move (per language, when set);
    intents decoded from the moves."""

    @classmethod
    def required_components(cls) -> list[type]:
        return [Featurizer]

    @staticmethod
    def required_packages() -> list[str]:
        return ["sklearn", "langid"]

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
            # Languages read by regressions of their own (ISO 639-1 codes that
            # langid knows); [] reads every language with the same regressions.
            "languages": [],
            # An example teaches a language's regressions fully when it is at
            # least this likely to be in that language, and with this weight
            # otherwise (0: not at all).
            "language_share": 0.2,
            "other_language_weight": 0.0,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: ReadingModel | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._adopt(model or ReadingModel({"": MoveModel.empty()}))

    def _adopt(self, reading: ReadingModel) -> None:
        self.reading = reading
        self.intents = reading.intents
        split = self.config["intent_split_symbol"]
        column = {intent: index for index, intent in enumerate(self.intents)}
        self._membership = {
            language: intent_move_matrix(model.intents, model.moves, split)
            for language, model in reading.models.items()
        }
        self._columns = {
            language: np.array([column[i] for i in model.intents], dtype=int)
            for language, model in reading.models.items()
        }

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
        """Fit the language regression (with languages), then one balanced
        logistic regression per move and language, then persist."""
        examples = [
            example
            for example in training_data.intent_examples
            if example.get(INTENT) and example.get(TEXT)
        ]
        if not examples:
            logger.debug("MoveClassifier: no intent examples, nothing to train.")
            return self._resource
        features = self._features(examples)
        intents = [example.get(INTENT) for example in examples]
        router = self._fit_router(examples, features)
        weights = self._language_weights(router, features)
        if router is None or weights is None:
            self._adopt(ReadingModel({"": self._fit_moves(features, intents)}))
        else:
            models = {}
            for language, weight in zip(router.languages, weights, strict=True):
                rows = np.flatnonzero(weight > 0)
                models[language] = self._fit_moves(
                    features[rows], [intents[row] for row in rows], weight[rows]
                )
            self._adopt(ReadingModel(models, router))
        self.persist()
        return self._resource

    def _language_weights(
        self, router: LanguageRouter | None, features: scipy.sparse.csr_matrix
    ) -> list[np.ndarray] | None:
        """Each language's weight for every example: 1 where the example is at
        least ``language_share`` likely to be in it, ``other_language_weight``
        elsewhere; None (one model for all) when a language would learn from
        no example of its own."""
        if router is None:
            return None
        shares = router.probabilities(features)
        weights = []
        for index, language in enumerate(router.languages):
            ours = shares[:, index] >= self.config["language_share"]
            logger.debug(f"MoveClassifier: {ours.sum()} examples for '{language}'.")
            if not ours.any():
                return None
            weights.append(np.where(ours, 1.0, self.config["other_language_weight"]))
        return weights

    def _fit_router(
        self, examples: list[Message], features: scipy.sparse.csr_matrix
    ) -> LanguageRouter | None:
        """The language regression, trained on the examples langid is sure of;
        None when fewer than two languages have enough of them."""
        languages = list(self.config["languages"])
        if len(languages) < 2:
            return None
        named = [example_language(e.get(TEXT), languages) for e in examples]
        counts = {lang: named.count(lang) for lang in languages}
        if min(counts.values()) < LANGUAGE_MIN_EXAMPLES:
            logger.debug(f"MoveClassifier: too few examples per language {counts}.")
            return None
        rows = [row for row, language in enumerate(named) if language]
        regression = self._regression()
        target = [languages.index(str(named[row])) for row in rows]
        regression.fit(features[rows], target)
        return LanguageRouter(
            languages, regression.coef_, np.asarray(regression.intercept_)
        )

    def _fit_moves(
        self,
        features: scipy.sparse.csr_matrix,
        example_intents: list[str],
        weight: np.ndarray | None = None,
    ) -> MoveModel:
        split = self.config["intent_split_symbol"]
        intents = sorted(set(example_intents))
        moves = sorted({move for intent in intents for move in moves_of(intent, split)})
        labels = intent_move_matrix(example_intents, moves, split)
        weights = np.zeros((len(moves), features.shape[1]))
        bias = np.zeros(len(moves))
        interactions = np.zeros((len(moves), len(moves)))
        for column, move in enumerate(moves):
            others = labels.copy()
            others[:, column] = 0.0
            coefficients, bias[column] = self._fit_move(
                scipy.sparse.hstack([features, scipy.sparse.csr_matrix(others)]),
                labels[:, column],
                weight,
            )
            weights[column] = coefficients[: features.shape[1]]
            interactions[column] = coefficients[features.shape[1] :]
            interactions[column, column] = 0.0
            logger.debug(f"MoveClassifier: fitted '{move}'.")
        return MoveModel(moves, intents, weights, bias, interactions)

    def _fit_move(
        self,
        features: scipy.sparse.spmatrix,
        target: np.ndarray,
        weight: np.ndarray | None = None,
    ) -> tuple[np.ndarray, float]:
        if target.min() == target.max():  # every example, or none, makes the move
            return np.zeros(features.shape[1]), 30.0 if target[0] else -30.0
        regression = self._regression()
        regression.fit(features.tocsr(), target, sample_weight=weight)
        return regression.coef_[0], float(regression.intercept_[0])

    def _regression(self) -> LogisticRegression:
        """A class-balanced logistic regression, as configured."""
        return LogisticRegression(
            C=self.config["C"],
            class_weight="balanced",
            max_iter=self.config["max_iter"],
            solver="lbfgs",
        )

    def intent_probabilities(self, messages: list[Message]) -> np.ndarray:
        """p(intent | message), shape (messages, intents of :attr:`intents`)."""
        features = self._features(messages)
        router = self.reading.router
        shares = (
            np.ones((len(messages), 1))
            if router is None
            else router.probabilities(features)
        )
        mixture = np.zeros((len(messages), len(self.intents)))
        for index, (language, model) in enumerate(self.reading.models.items()):
            text_logits = np.asarray(features @ model.weights.T) + model.bias
            text_logits += self.config["move_log_odds_shift"]
            probabilities = intent_probabilities(
                text_logits, self._membership[language], model.interactions
            )
            mixture[:, self._columns[language]] += shares[:, [index]] * probabilities
        return mixture

    def process(self, messages: list[Message]) -> list[Message]:
        """Set ``intent`` and ``intent_ranking`` on each message."""
        if not self.intents or not messages:
            return messages
        length = self.config["ranking_length"]
        intents = self.intents
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
            self.reading.save(directory)

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
                reading = ReadingModel.read(directory)
        except ValueError:  # nothing was persisted: trained on no examples
            return cls.create(config, model_storage, resource, execution_context)
        return cls(config, model_storage, resource, reading)


_identifiers: dict[tuple[str, ...], Any] = {}


def example_language(text: str, languages: list[str]) -> str | None:
    """The language ``langid`` is sure ``text`` is in, among ``languages``;
    None for a short text or when it is unsure."""
    if len({word.casefold() for word in _WORD.findall(text)}) < LANGUAGE_MIN_WORDS:
        return None
    key = tuple(sorted(languages))
    if key not in _identifiers:
        from langid.langid import LanguageIdentifier, model

        identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)
        identifier.set_languages(list(key))
        _identifiers[key] = identifier
    language, probability = _identifiers[key].classify(text)
    return str(language) if probability >= LANGUAGE_SURE else None
