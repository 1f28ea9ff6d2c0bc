"""Sparse features for how a reply and each of its clauses open.

A bag of words sees "which card was charged twice?" and "the card was charged
twice because ..." as nearly the same reply; what tells a question from an
explanation is how the sentence opens and how it ends. This featurizer adds,
as sentence features:

- the reply's first word, its second word and its first two words together;
- the first word of every clause (clauses split at punctuation and at "but",
  "so", "and", "because", and their French "mais", "donc", "et", "car",
  "parce que"), which marks the second move of a combined reply
  ("I'm so sorry, **I've** rebooked you", "Désolée, **je** vous ai réservé");
- whether the reply ends with a question mark, and whether it holds one.

The vocabulary is learnt from the training data and stored as JSON in Rasa's
model storage; features never seen in training are ignored at run time.
"""

from __future__ import annotations

import json
import re
from typing import Any

import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.sparse_featurizer.sparse_featurizer import SparseFeaturizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from .folding_tokenizer import fold

VOCABULARY_FILE = "clause_vocabulary.json"
WORD = re.compile(r"[a-z0-9']+")
CLAUSE_BREAK = re.compile(
    r"[,.;:!?]+|\b(?:but|so|and|because|mais|donc|et|car|parce que)\b"
)


def clause_features(text: str) -> set[str]:
    """The opening and question features of one reply (see the module doc)."""
    lowered = fold(text)
    words = WORD.findall(lowered)
    features = {f"reply_word{i}:{word}" for i, word in enumerate(words[:2], 1)}
    if len(words) >= 2:
        features.add(f"reply_opening:{words[0]} {words[1]}")
    for clause in CLAUSE_BREAK.split(lowered):
        clause_words = WORD.findall(clause)
        if clause_words:
            features.add(f"clause_opening:{clause_words[0]}")
    if "?" in text:
        features.add("has_question_mark")
    if text.rstrip().endswith("?"):
        features.add("ends_with_question_mark")
    return features


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True
)
class ClauseOpeningFeaturizer(SparseFeaturizer, GraphComponent):
    """Sentence features for the openings of a reply and of its clauses."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**SparseFeaturizer.get_default_config()}

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Nothing to configure beyond the featurizer alias."""

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        vocabulary: dict[str, int] | None = None,
    ) -> None:
        super().__init__(
            execution_context.node_name or "clause_featurizer",
            {**self.get_default_config(), **config},
        )
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary or {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ClauseOpeningFeaturizer:
        return cls(config, model_storage, resource, execution_context)

    def train(self, training_data: TrainingData) -> Resource:
        """Learn the vocabulary of features from the training examples."""
        seen = {
            feature
            for message in training_data.training_examples
            if message.get(TEXT)
            for feature in clause_features(message.get(TEXT))
        }
        self.vocabulary = {feature: i for i, feature in enumerate(sorted(seen))}
        with self._model_storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text(json.dumps(self.vocabulary))
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Add the sentence features to every message that has text."""
        if not self.vocabulary:
            return messages
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            columns = sorted(
                self.vocabulary[feature]
                for feature in clause_features(text)
                if feature in self.vocabulary
            )
            sentence = scipy.sparse.coo_matrix(
                ([1.0] * len(columns), ([0] * len(columns), columns)),
                shape=(1, len(self.vocabulary)),
            )
            self.add_features_to_message(None, sentence, TEXT, message)
        return messages

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ClauseOpeningFeaturizer:
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = json.loads((directory / VOCABULARY_FILE).read_text())
        except ValueError:  # nothing was persisted: trained on no examples
            vocabulary = {}
        return cls(config, model_storage, resource, execution_context, vocabulary)
