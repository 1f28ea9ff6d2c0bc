"""Evaluation: metrics, gold scores and the report, on tiny fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools.scorer.corpus import LabelledReply
from tools.scorer.evaluate import evaluate, format_report, gold_score
from tools.scorer.metrics import (
    accuracy,
    macro_f1,
    pearson,
    percentile,
    precision_recall,
    ranks,
    spearman,
)
from trainer_api.scoring.result import DIMENSIONS, PENALTIES, ScoreResult

REPO_ROOT = Path(__file__).resolve().parents[2]


def labels(levels: tuple[int, ...] = (0,) * 5, *penalties: str) -> dict[str, int]:
    out = dict(zip(DIMENSIONS, levels, strict=False))
    out.update({p: int(p in penalties) for p in PENALTIES})
    return out


def record(reply: str, levels: tuple[int, ...], *penalties: str) -> LabelledReply:
    return LabelledReply(
        id=f"x-{reply[:8]}",
        situation="x",
        customer="My flight was cancelled.",
        reply=reply,
        labels=labels(levels, *penalties),
    )


def test_accuracy_and_macro_f1_by_hand() -> None:
    gold = [0, 0, 1, 2, 2, 2]
    predicted = [0, 1, 1, 2, 2, 0]
    # class 0: P 1/2 R 1/2 F 0.5; class 1: P 1/2 R 1 F 2/3; class 2: P 1 R 2/3 F 0.8
    assert accuracy(gold, predicted) == pytest.approx(4 / 6)
    assert macro_f1(gold, predicted) == pytest.approx((0.5 + 2 / 3 + 0.8) / 3)


def test_macro_f1_of_a_perfect_and_a_constant_guess() -> None:
    assert macro_f1([0, 1, 2], [0, 1, 2]) == 1.0
    # guessing 0 always: F1(0) = 2*(1/3*1)/(1/3+1) = 0.5, F1(1) = F1(2) = 0
    assert macro_f1([0, 1, 2], [0, 0, 0]) == pytest.approx(0.5 / 3)


def test_precision_and_recall_of_a_penalty() -> None:
    assert precision_recall([1, 1, 0, 0], [1, 0, 1, 0]) == (0.5, 0.5)
    assert precision_recall([0, 0], [0, 0]) == (0.0, 0.0)  # nothing to find
    with pytest.raises(ValueError, match="lengths differ"):
        precision_recall([1], [1, 0])


def test_correlations() -> None:
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0
    assert spearman([1, 2, 3, 4], [1, 4, 9, 16]) == pytest.approx(1.0)
    assert ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]


def test_percentile_interpolates_like_numpy() -> None:
    values = [1.0, 2.0, 3.0, 4.0]
    assert percentile(values, 50) == 2.5
    assert percentile(values, 100) == 4.0
    assert percentile(values, 99) == pytest.approx(3.97)
    assert percentile([], 50) == 0.0


def test_gold_score_applies_the_formula_and_the_repeat_cap() -> None:
    full = record("I've rebooked you.", (2, 2, 2, 2, 2))
    rude = record("Calm down.", (0, 0, 0, 0, 2), "dismissal")
    pasted = LabelledReply(
        **{**vars(full), "context": {"previous_replies": ["I've rebooked you."]}}
    )

    assert gold_score(full) == 100
    assert gold_score(rude) == 0  # 25 - 25
    assert gold_score(pasted) == 40


def fake_scorer(reply: str, customer: str = "", context: object = None) -> ScoreResult:
    """Says level 2 everywhere for replies with 'sorry', else 0; hostility on '!'."""
    level = 2 if "sorry" in reply else 0
    penalties = ["hostility"] if "!" in reply else []
    score = 100 if level else 0
    return ScoreResult(score, "poor", dict.fromkeys(DIMENSIONS, level), penalties)


def test_evaluate_compares_predictions_with_gold_labels() -> None:
    records = [
        record("so sorry", (2, 2, 2, 2, 2)),
        record("no", (0, 0, 0, 0, 0)),
        record("NO!", (0, 0, 0, 0, 0), "hostility"),
        record("sorry!", (2, 2, 2, 2, 0)),
    ]
    report = evaluate("fake", fake_scorer, records)

    assert report.replies == 4
    assert report.dimensions["emotional_reaction"] == (1.0, 1.0)
    assert report.dimensions["resolution"][1] == 0.75
    assert report.penalties["hostility"] == (0.5, 1.0)
    assert report.penalties["blame"] == (0.0, 0.0)
    assert report.pearson > 0.9
    assert len(report.latencies_ms) == 4 and report.p99_ms >= report.p50_ms >= 0


def test_format_report_names_every_figure() -> None:
    report = evaluate("fake", fake_scorer, [record("sorry", (2, 2, 2, 2, 2))] * 2)
    text = format_report(report)

    for word in (*DIMENSIONS, *PENALTIES, "macro-F1", "Pearson", "Spearman", "p99"):
        assert word in text
    assert "replies/s" in text


def test_evaluate_command_on_a_small_corpus(tmp_path: Path) -> None:
    rows = [
        record("I'm so sorry, I've rebooked you on the 18:40.", (2, 0, 0, 0, 2)),
        record("Calm down.", (0, 0, 0, 0, 0), "dismissal"),
    ]
    lines = [json.dumps({**vars(r), "situation": "held_out"}) for r in rows]
    (tmp_path / "replies.jsonl").write_text("\n".join(lines) + "\n")
    splits = {"train": ["a"], "dev": ["b"], "test": ["held_out"]}
    (tmp_path / "splits.json").write_text(json.dumps(splits))

    completed = subprocess.run(
        [sys.executable, "-m", "tools.scorer.evaluate", "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    out = completed.stdout
    assert "split test: held_out (2 replies)" in out
    assert "== model-1: 2 replies" in out and "== rules-1: 2 replies" in out
    assert "peak memory (maxrss):" in out
