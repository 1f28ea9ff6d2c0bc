"""The move classifier: moves learnt once, intents (single or combined) decoded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scipy.sparse
from components.clause_featurizer import ClauseOpeningFeaturizer, clause_features
from components.move_classifier import (
    MoveClassifier,
    intent_move_matrix,
    intent_probabilities,
)
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import CountVectorizer

INTENTS = ["apologize", "dismiss", "offer_solution", "apologize+offer_solution"]
MOVES = ["apologize", "dismiss", "offer_solution"]

EXAMPLES = {
    "apologize": ["so sorry", "sorry about that", "my apologies", "really sorry"],
    "offer_solution": ["I rebooked you", "rebooked you tonight", "I will rebook you"],
    "dismiss": ["calm down", "just calm down", "it is only a delay"],
    "apologize+offer_solution": ["so sorry, I rebooked you", "my apologies, rebook"],
}


def test_the_matrix_marks_each_intents_moves() -> None:
    matrix = intent_move_matrix(INTENTS, MOVES)
    assert matrix.tolist() == [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
        [1, 0, 1],
    ]


def best_intent(logits: list[float], interactions: np.ndarray | None = None) -> str:
    membership = intent_move_matrix(INTENTS, MOVES)
    probabilities = intent_probabilities(np.array([logits]), membership, interactions)
    return INTENTS[int(probabilities.argmax())]


def test_two_likely_moves_make_the_combined_intent() -> None:
    assert best_intent([2.0, -3.0, 1.5]) == "apologize+offer_solution"
    assert best_intent([2.0, -3.0, -2.0]) == "apologize"


def test_interactions_explain_away_a_move_that_rides_along() -> None:
    # Without interactions both moves look likely; if offer_solution is much
    # less likely next to an apology, the apology alone is the better reading.
    interactions = np.zeros((3, 3))
    interactions[2, 0] = -4.0  # apologize present: offer_solution log-odds -4
    assert best_intent([2.0, -3.0, 1.5]) == "apologize+offer_solution"
    assert best_intent([2.0, -3.0, 1.5], interactions) == "apologize"


def test_intent_probabilities_sum_to_one_and_stay_finite() -> None:
    membership = intent_move_matrix(INTENTS, MOVES)
    extremes = np.array([[800.0, -800.0, 800.0], [0.0, 0.0, 0.0], [-50, -50, -50]])
    probabilities = intent_probabilities(extremes, membership, np.ones((3, 3)))
    assert np.isfinite(probabilities).all()
    assert probabilities.sum(axis=1) == pytest.approx([1.0, 1.0, 1.0])


def featurized(texts: list[str], vectorizer: CountVectorizer) -> list[Message]:
    counts = vectorizer.transform(texts)
    messages = []
    for row, text in enumerate(texts):
        message = Message(data={TEXT: text})
        message.add_features(
            Features(
                scipy.sparse.coo_matrix(counts[row]),
                FEATURE_TYPE_SENTENCE,
                TEXT,
                "test",
            )
        )
        messages.append(message)
    return messages


@pytest.fixture
def vectorizer() -> CountVectorizer:
    texts = [text for texts in EXAMPLES.values() for text in texts]
    return CountVectorizer().fit(texts)


def labelled(
    examples_by_intent: dict[str, list[str]], vectorizer: CountVectorizer
) -> TrainingData:
    examples = []
    for intent, texts in examples_by_intent.items():
        for message in featurized(texts, vectorizer):
            message.set(INTENT, intent)
            examples.append(message)
    return TrainingData(training_examples=examples)


@pytest.fixture
def training_data(vectorizer: CountVectorizer) -> TrainingData:
    return labelled(EXAMPLES, vectorizer)


def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name="move_classifier")


def test_trains_persists_and_loads_the_same_classifier(
    tmp_path: Path, training_data: TrainingData, vectorizer: CountVectorizer
) -> None:
    storage = LocalModelStorage.create(tmp_path)
    resource = Resource("move_classifier")
    classifier = MoveClassifier.create({"C": 10.0}, storage, resource, context())
    classifier.train(training_data)

    assert classifier.reading.models[""].moves == MOVES
    texts = ["really sorry, I rebooked you", "calm down", "rebooked you"]
    trained = classifier.process(featurized(texts, vectorizer))
    assert [m.get(INTENT)["name"] for m in trained] == [
        "apologize+offer_solution",
        "dismiss",
        "offer_solution",
    ]

    loaded = MoveClassifier.load({"C": 10.0}, storage, resource, context())
    again = loaded.process(featurized(texts, vectorizer))
    for before, after in zip(trained, again, strict=True):
        assert after.get("intent_ranking") == before.get("intent_ranking")


def test_ranking_is_ordered_and_capped(
    tmp_path: Path, training_data: TrainingData, vectorizer: CountVectorizer
) -> None:
    storage = LocalModelStorage.create(tmp_path)
    classifier = MoveClassifier.create(
        {"ranking_length": 2}, storage, Resource("move_classifier"), context()
    )
    classifier.train(training_data)
    [message] = classifier.process(featurized(["so sorry"], vectorizer))
    ranking = message.get("intent_ranking")
    assert len(ranking) == 2
    assert ranking[0]["confidence"] >= ranking[1]["confidence"]
    assert message.get(INTENT) == ranking[0]


def test_a_message_without_features_is_refused_with_the_fix(
    tmp_path: Path, training_data: TrainingData
) -> None:
    storage = LocalModelStorage.create(tmp_path)
    classifier = MoveClassifier.create({}, storage, Resource("mc"), context())
    classifier.train(training_data)
    with pytest.raises(ValueError, match="CountVectorsFeaturizer"):
        classifier.process([Message(data={TEXT: "hello"})])


def test_clause_features_mark_openings_and_questions() -> None:
    features = clause_features("Which card was charged twice?")
    assert {
        "reply_word1:which",
        "reply_word2:card",
        "reply_opening:which card",
        "clause_opening:which",
        "ends_with_question_mark",
        "has_question_mark",
    } <= features
    combined = clause_features("I'm so sorry, I've rebooked you but it leaves at 6")
    assert {
        "clause_opening:i'm",
        "clause_opening:i've",
        "clause_opening:it",
    } <= combined
    assert "has_question_mark" not in combined


def test_clause_featurizer_learns_its_vocabulary_and_skips_unseen_features(
    tmp_path: Path,
) -> None:
    storage = LocalModelStorage.create(tmp_path)
    resource = Resource("clause_featurizer")
    featurizer = ClauseOpeningFeaturizer.create({}, storage, resource, context())
    featurizer.train(TrainingData([Message(data={TEXT: "which card?"})]))
    loaded = ClauseOpeningFeaturizer.load({}, storage, resource, context())
    assert loaded.vocabulary == featurizer.vocabulary

    [message] = loaded.process([Message(data={TEXT: "which flight, the late one?"})])
    _, sentence = message.get_sparse_features(TEXT)
    present = {
        feature
        for feature, column in loaded.vocabulary.items()
        if sentence.features.toarray()[0, column]
    }
    assert present == {
        "reply_word1:which",
        "clause_opening:which",
        "has_question_mark",
        "ends_with_question_mark",
    }


THINGS_EN = ["the delay", "the wait", "the mix up", "your bag", "the charge"]
THINGS_FR = ["le retard", "l'attente", "la confusion", "votre valise", "les frais"]
BILINGUAL = {
    "apologize": [
        *(f"I am so sorry about {thing} today" for thing in THINGS_EN),
        *(f"I really do apologise for {thing}" for thing in THINGS_EN),
        *(f"je suis vraiment désolée pour {thing}" for thing in THINGS_FR),
        *(f"toutes mes excuses pour {thing} madame" for thing in THINGS_FR),
    ],
    "offer_solution": [
        *(f"I have fixed {thing} for you now" for thing in THINGS_EN),
        *(f"let me sort out {thing} right away" for thing in THINGS_EN),
        *(f"je vais régler {thing} tout de suite" for thing in THINGS_FR),
        *(f"j'ai corrigé {thing} pour vous" for thing in THINGS_FR),
    ],
    "dismiss": [
        *(f"calm down, {thing} is not a big deal" for thing in THINGS_EN),
        *(f"there is nothing I can do about {thing}" for thing in THINGS_EN),
        *(f"calmez-vous, {thing} ce n'est rien" for thing in THINGS_FR),
        *(f"je ne peux rien faire pour {thing}" for thing in THINGS_FR),
    ],
}


@pytest.fixture
def bilingual_vectorizer() -> CountVectorizer:
    texts = [text for texts in BILINGUAL.values() for text in texts]
    return CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(texts)


def test_languages_apart_route_each_reply_to_its_language(
    tmp_path: Path, bilingual_vectorizer: CountVectorizer
) -> None:
    storage = LocalModelStorage.create(tmp_path)
    resource = Resource("move_classifier")
    config = {"languages": ["en", "fr"], "C": 10.0}
    classifier = MoveClassifier.create(config, storage, resource, context())
    classifier.train(labelled(BILINGUAL, bilingual_vectorizer))

    router = classifier.reading.router
    assert router is not None and router.languages == ["en", "fr"]
    assert set(classifier.reading.models) == {"en", "fr"}
    texts = [
        "so sorry about the wait",
        "vraiment désolé pour les frais",
        "calmez-vous madame",
        "I will fix your bag",
    ]
    features = classifier._features(featurized(texts, bilingual_vectorizer))
    shares = router.probabilities(features)
    assert shares.sum(axis=1) == pytest.approx([1.0] * 4)
    assert [row.argmax() for row in shares] == [0, 1, 1, 0]

    trained = classifier.process(featurized(texts, bilingual_vectorizer))
    assert [m.get(INTENT)["name"] for m in trained] == [
        "apologize",
        "apologize",
        "dismiss",
        "offer_solution",
    ]
    for message in trained:
        ranking = message.get("intent_ranking")
        assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)

    loaded = MoveClassifier.load(config, storage, resource, context())
    assert loaded.reading.router is not None
    again = loaded.process(featurized(texts, bilingual_vectorizer))
    for before, after in zip(trained, again, strict=True):
        assert after.get("intent_ranking") == pytest.approx(
            before.get("intent_ranking")
        )


def test_one_language_in_the_data_is_read_by_one_model(
    tmp_path: Path, training_data: TrainingData
) -> None:
    # EXAMPLES is English and too short for langid: nothing to read apart.
    storage = LocalModelStorage.create(tmp_path)
    classifier = MoveClassifier.create(
        {"languages": ["en", "fr"]}, storage, Resource("mc"), context()
    )
    classifier.train(training_data)
    assert classifier.reading.router is None
    assert list(classifier.reading.models) == [""]


def test_example_language_is_none_when_short_or_unsure() -> None:
    from components.move_classifier import example_language

    assert example_language("ok merci", ["en", "fr"]) is None
    assert example_language("I am so sorry about the delay", ["en", "fr"]) == "en"
    assert example_language("je suis désolé pour le retard", ["en", "fr"]) == "fr"


def test_a_language_with_no_example_of_its_own_falls_back_to_one_model(
    tmp_path: Path, bilingual_vectorizer: CountVectorizer
) -> None:
    storage = LocalModelStorage.create(tmp_path)
    config = {"languages": ["en", "fr"], "language_share": 1.01}
    classifier = MoveClassifier.create(config, storage, Resource("mc"), context())
    classifier.train(labelled(BILINGUAL, bilingual_vectorizer))
    assert classifier.reading.router is None
    [message] = classifier.process(featurized(["calmez-vous"], bilingual_vectorizer))
    assert message.get(INTENT)["name"] in BILINGUAL
