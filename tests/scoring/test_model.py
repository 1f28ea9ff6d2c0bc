"""The learned model: its artefact, determinism, and evidence consistent with it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tools.scorer.corpus import LabelledReply
from tools.scorer.training import (
    HEADS,
    Blocks,
    HeadSettings,
    export,
    featurize,
    fit_head,
    labels_of,
)
from trainer_api.scoring import DIMENSIONS, PENALTIES, SCORER_VERSION, score_reply
from trainer_api.scoring.extractors import extract_all
from trainer_api.scoring.features import DENSE_FEATURES, tokens
from trainer_api.scoring.judgement import Judgement, model_judgement, rules_judgement
from trainer_api.scoring.model import (
    MODEL_PATH,
    EmpathyModel,
    ModelError,
    PenaltyThreshold,
    Vocabulary,
    default_model,
    load_model,
    model_from_payload,
)
from trainer_api.scoring.result import MODEL1_VERSION
from trainer_api.scoring.scorer import (
    make_scorer,
    score_reply_model1,
    score_reply_rules,
)
from trainer_api.scoring.text import build_view

CUSTOMER = (
    "My flight NW 482 is four hours late, I'm going to miss my connection to "
    "Vienna and my daughter's recital is tonight."
)


def test_shipped_artefact_is_small_json_loaded_without_pickle() -> None:
    assert MODEL_PATH.suffix == ".json"
    assert MODEL_PATH.stat().st_size < 5_000_000
    payload = json.loads(MODEL_PATH.read_text())

    assert payload["scorer_version"] == MODEL1_VERSION == "model-1"
    assert payload["dense"] == list(DENSE_FEATURES)
    assert set(payload["columns"]) == set(HEADS)


def test_model_has_three_columns_per_dimension_and_one_per_penalty() -> None:
    model = default_model()

    assert isinstance(model, EmpathyModel)
    assert all(len(model.columns[d]) == 3 for d in DIMENSIONS)
    assert all(len(model.columns[p]) == 1 for p in PENALTIES)
    assert model.weights.shape == (model.dense_offset + len(DENSE_FEATURES), 19)
    assert model.metadata["records"] >= 900


def test_missing_or_foreign_artefact_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read the scorer model"):
        load_model(tmp_path / "absent.json")
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"format": 99}))
    with pytest.raises(ModelError, match="format 99 unsupported"):
        load_model(foreign)


def test_every_result_carries_the_model_version() -> None:
    assert SCORER_VERSION == "model-2"
    assert score_reply("I'm so sorry.", CUSTOMER).scorer_version == "model-2"
    assert score_reply("", CUSTOMER).scorer_version == "model-2"
    assert score_reply_model1("I'm so sorry.", CUSTOMER).scorer_version == "model-1"
    assert score_reply_rules("I'm so sorry.", CUSTOMER).scorer_version == "rules-1"


def tiny_corpus() -> list[LabelledReply]:
    replies = [
        ("I'm so sorry, I've rebooked you on the 18:40.", (2, 0, 0, 0, 2), ()),
        ("Sorry for the inconvenience.", (0, 0, 0, 1, 0), ()),
        ("Calm down, it's only a delay.", (0, 0, 0, 0, 0), ("dismissal",)),
        ("I understand, but policy is policy.", (0, 0, 0, 0, 0), ("policy_wall",)),
        ("No wonder you're upset. What matters most?", (0, 2, 2, 0, 0), ()),
        ("I understand. Anything else?", (0, 1, 1, 0, 0), ()),
        ("You should have checked the app.", (0, 0, 0, 0, 0), ("blame",)),
        ("THIS IS NOT MY PROBLEM.", (0, 0, 0, 0, 0), ("hostility",)),
        ("That's our mistake, I'll fix it. We'll look into it.", (1, 0, 0, 2, 1), ()),
        ("Oh no, that's awful. I'll check.", (1, 0, 0, 0, 1), ()),
    ]
    out = []
    for index, (reply, levels, penalties) in enumerate(replies * 2):
        labels = dict(zip(DIMENSIONS, levels, strict=True))
        labels.update({p: int(p in penalties) for p in PENALTIES})
        out.append(LabelledReply(f"t-{index}", "t", CUSTOMER, reply, labels))
    return out


def fit_tiny() -> str:
    records = tiny_corpus()
    settings = dict.fromkeys(HEADS, HeadSettings(1.0, 1.0))
    blocks = Blocks.fit(featurize(records))
    classifiers = {
        head: fit_head(blocks, head, labels_of(records, head), settings[head])
        for head in HEADS
    }
    artefact = export(blocks, classifiers, settings, {"trained_on": ["t"]})
    return json.dumps(artefact, sort_keys=True)


def test_training_is_deterministic_and_round_trips_through_json() -> None:
    first, second = fit_tiny(), fit_tiny()
    assert first == second

    model = model_from_payload(json.loads(first))
    scorer = make_scorer(model)
    result = scorer("I'm so sorry, I've rebooked you on the 18:40.", CUSTOMER)
    assert result.dimensions["resolution"] == 2
    assert scorer("You should have checked the app.", CUSTOMER).penalties == ["blame"]


def test_scoring_with_the_model_is_deterministic() -> None:
    replies = ["I'm so sorry, missing the recital is awful.", "Calm down.", "ok"]
    first = [score_reply(r, CUSTOMER).to_dict() for r in replies]
    assert [score_reply(r, CUSTOMER).to_dict() for r in replies] == first


def test_chat_spellings_fold_to_the_written_tokens() -> None:
    assert tokens("im sooo sory ur flight got cancelled, ill sort it 4 u") == tokens(
        "I'm so sorry your flight got cancelled, I'll sort it 4 you"
    )
    assert tokens("We'll look into it") == ["we'll", "look", "into", "it"]


EVIDENCE_REPLIES = [
    "I'm so sorry, Fiona, missing your daughter's recital after a four-hour wait "
    "is awful. I've booked you on the 13:30 via Frankfurt, landing 17:10.",
    "Sorry you feel that way.",
    "I understand, but policy is policy.",
    "Well, you could always swim to Vienna.",
    "Four hours at the gate with nobody telling you anything, I would be furious "
    "too. Is tonight the priority?",
    "omg so sorry!! lemme check whats available 4 u",
    "Look, I've got forty other passengers in the same boat.",
]


@pytest.mark.parametrize("reply", EVIDENCE_REPLIES)
def test_evidence_agrees_with_the_models_levels(reply: str) -> None:
    result = score_reply(reply, CUSTOMER)
    plus = {e.dimension for e in result.evidence if e.effect == "+"}
    minus = {e.dimension for e in result.evidence if e.effect == "-"}

    for dimension, level in result.dimensions.items():
        assert (dimension in plus) == (level > 0), dimension
    assert minus & set(PENALTIES) == set(result.penalties)
    for item in result.evidence:
        assert reply[item.start : item.end] == item.text


STUB_WORDS = "saga thanks for waiting what a your family back soon sorry".split()


def stub_model(word_weight: float, er_bias: float) -> EmpathyModel:
    """A model knowing a few words; only "saga" pushes emotional_reaction to 2."""
    n_columns = 3 * len(DIMENSIONS) + len(PENALTIES)
    columns = {d: [3 * i, 3 * i + 1, 3 * i + 2] for i, d in enumerate(DIMENSIONS)}
    columns.update({p: [15 + i] for i, p in enumerate(PENALTIES)})
    weights = np.zeros((len(STUB_WORDS) + len(DENSE_FEATURES), n_columns))
    weights[0, columns["emotional_reaction"][2]] = word_weight
    bias = np.full(n_columns, -5.0)
    bias[[cols[0] for cols in columns.values() if len(cols) == 3]] = 0.0
    bias[columns["emotional_reaction"][2]] = er_bias
    return EmpathyModel(
        words=Vocabulary(
            {w: i for i, w in enumerate(STUB_WORDS)}, np.ones(len(STUB_WORDS))
        ),
        chars=Vocabulary({}, np.ones(0)),
        dense_scale=1.0,
        weights=weights,
        bias=bias,
        columns=columns,
        thresholds={p: PenaltyThreshold() for p in PENALTIES},
        metadata={},
    )


def judge(reply: str, model: EmpathyModel) -> Judgement:
    view = build_view(reply, [CUSTOMER])
    return model_judgement(view, extract_all(view), model)


def test_a_level_without_a_rule_span_points_at_its_most_telling_sentence() -> None:
    reply = "Thanks for waiting. What a saga for your family. Back soon."
    judgement = judge(reply, stub_model(word_weight=8.0, er_bias=-1.0))

    assert judgement.levels["emotional_reaction"] == 2
    [span] = judgement.spans["emotional_reaction"]
    assert reply[span.start : span.end] == "What a saga for your family."


def test_a_level_nothing_in_the_reply_supports_falls_back_to_the_rules() -> None:
    reply = "Thanks for waiting. Back soon."  # the bias alone says level 2
    judgement = judge(reply, stub_model(word_weight=8.0, er_bias=3.0))

    assert judgement.levels["emotional_reaction"] == 0
    assert judgement.spans["emotional_reaction"] == []


def test_unreadable_replies_are_judged_by_the_rules() -> None:
    for reply in ("Lo siento mucho, vamos a resolverlo.", "sorry " * 40):
        judgement = judge(reply, stub_model(word_weight=8.0, er_bias=3.0))
        rules = rules_judgement(extract_all(build_view(reply, [CUSTOMER])))
        assert judgement == rules
