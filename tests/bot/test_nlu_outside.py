"""The arithmetic of the outside-set NLU report (tools/nlu_outside.py)."""

from __future__ import annotations

import pytest

from tools.nlu_outside import (
    intent_macro_f1,
    intent_of,
    load_pools,
    macro,
    move_scores,
)

KNOWN = frozenset({"apologize", "explain", "apologize+explain", "dismiss"})


def test_moves_are_scored_as_present_or_not() -> None:
    truth = [frozenset({"apologize", "explain"}), frozenset({"explain"})]
    read = [frozenset({"apologize"}), frozenset({"explain", "dismiss"})]
    scores = {s.move: s for s in move_scores(truth, read)}
    assert set(scores) == {"apologize", "explain"}, "only labelled moves are scored"
    assert scores["apologize"].f1 == 1.0
    assert scores["explain"].precision == 1.0 and scores["explain"].recall == 0.5
    assert scores["explain"].f1 == pytest.approx(2 / 3)
    assert macro(scores.values()) == pytest.approx((1 + 2 / 3) / 2)


def test_a_combined_intent_is_found_in_either_order() -> None:
    assert intent_of({"explain", "apologize"}, KNOWN) == "apologize+explain"
    assert intent_of({"dismiss", "explain"}, KNOWN) is None


def test_intent_f1_counts_only_replies_with_a_known_intent() -> None:
    truth = [
        frozenset({"apologize"}),
        frozenset({"apologize", "explain"}),
        frozenset({"dismiss", "explain"}),  # no such intent: left out
    ]
    read = [frozenset({"apologize"}), frozenset({"apologize"}), frozenset({"dismiss"})]
    f1, covered = intent_macro_f1(truth, read, KNOWN)
    assert covered == 2
    # apologize: precision 1/2, recall 1 -> 2/3; apologize+explain: 0
    assert f1 == pytest.approx((2 / 3 + 0) / 2)


def test_the_shipped_pools_use_only_the_bots_moves() -> None:
    replies = load_pools()
    assert len({r.scenario for r in replies}) >= 8
    assert all(r.moves and r.text.strip() for r in replies)
