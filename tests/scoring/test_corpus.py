"""The labelled corpus in data/scorer and its split by situation."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tools.scorer.corpus import (
    DATA_DIR,
    CorpusError,
    load_replies,
    load_splits,
    parse_record,
    select,
)
from trainer_api.scoring.model import default_model
from trainer_api.scoring.result import DIMENSIONS, PENALTIES


@pytest.fixture(scope="module")
def corpus() -> list:
    return load_replies()


def test_corpus_is_large_and_covers_many_situations(corpus: list) -> None:
    situations = Counter(record.situation for record in corpus)

    assert len(corpus) >= 1000
    assert len(situations) >= 8
    assert min(situations.values()) >= 80
    assert len({record.id for record in corpus}) == len(corpus)


def test_every_reply_answers_a_customer_and_has_every_label(corpus: list) -> None:
    for record in corpus:
        assert record.customer.strip() and record.reply.strip()
        assert set(record.labels) == {*DIMENSIONS, *PENALTIES}


def test_every_level_and_penalty_occurs(corpus: list) -> None:
    for dimension in DIMENSIONS:
        assert {r.labels[dimension] for r in corpus} == {0, 1, 2}
    for penalty in PENALTIES:
        assert sum(r.labels[penalty] for r in corpus) >= 40


def test_pasted_templates_carry_their_earlier_replies(corpus: list) -> None:
    pasted = [r for r in corpus if r.reply in r.context.get("previous_replies", [])]
    assert len(pasted) >= 20


def test_splits_have_disjoint_situations_that_all_exist(corpus: list) -> None:
    splits = load_splits()
    named = [s for part in ("train", "dev", "test") for s in splits[part]]

    assert len(named) == len(set(named))
    assert set(named) == {record.situation for record in corpus}
    assert len(splits["test"]) >= 2 and len(splits["dev"]) >= 1
    assert select(corpus, splits["test"])


def test_the_shipped_model_never_saw_the_test_situations() -> None:
    trained_on = set(default_model().metadata["trained_on"])
    test = set(load_splits()["test"])

    assert trained_on and not trained_on & test
    assert trained_on == set(load_splits()["train"]) | set(load_splits()["dev"])


def test_overlapping_splits_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "splits.json"
    path.write_text(json.dumps({"train": ["a", "b"], "dev": ["b"], "test": ["c"]}))

    with pytest.raises(CorpusError, match=r"\['b'\] in more than one split"):
        load_splits(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reply": 3}, "'reply' must be a string"),
        ({"labels": {"emotional_reaction": 3}}, "must be 0, 1 or 2"),
        ({"context": []}, "'context' must be an object"),
    ],
)
def test_malformed_records_are_refused(change: dict, message: str) -> None:
    raw = json.loads((DATA_DIR / "replies.jsonl").read_text().splitlines()[0])
    with pytest.raises(CorpusError, match=message):
        parse_record({**raw, **change})
