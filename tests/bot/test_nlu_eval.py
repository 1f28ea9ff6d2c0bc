"""The NLU report's parsing and formatting, on a hand-written Rasa 3.6 output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tools import nlu_eval

# The shape of intent_report.json as `rasa test nlu --cross-validation` writes it.
REPORT = {
    "greet": {
        "precision": 1.0,
        "recall": 1.0,
        "f1-score": 1.0,
        "support": 4,
        "confused_with": {},
    },
    "apologize": {
        "precision": 0.6,
        "recall": 0.75,
        "f1-score": 0.6666666666666666,
        "support": 4,
        "confused_with": {"dismiss": 1},
    },
    "dismiss": {
        "precision": 0.5,
        "recall": 0.5,
        "f1-score": 0.5,
        "support": 2,
        "confused_with": {"apologize": 1},
    },
    "apologize+offer_solution": {
        "precision": 1.0,
        "recall": 0.5,
        "f1-score": 0.6666666666666666,
        "support": 2,
        "confused_with": {"apologize": 1},
    },
    "accuracy": 0.8333333333333334,
    "macro avg": {
        "precision": 0.775,
        "recall": 0.6875,
        "f1-score": 0.7083333333333333,
        "support": 12,
    },
    "weighted avg": {
        "precision": 0.8,
        "recall": 0.8333333333333334,
        "f1-score": 0.8055555555555555,
        "support": 12,
    },
    "micro avg": {
        "precision": 0.8333333333333334,
        "recall": 0.8333333333333334,
        "f1-score": 0.8333333333333334,
        "support": 12,
    },
}

# The shape of intent_errors.json: one entry per misclassified test example.
ERRORS = [
    {
        "text": "sorry you feel that way",
        "intent": "dismiss",
        "intent_prediction": {"name": "apologize", "confidence": 0.61},
    },
    {
        "text": "so sorry, I've rebooked you",
        "intent": "apologize+offer_solution",
        "intent_prediction": {"name": "apologize", "confidence": 0.48},
    },
    {
        "text": "sorry about that",
        "intent": "apologize",
        "intent_prediction": {"name": "dismiss", "confidence": 0.52},
    },
    {
        "text": "i'm sorry you think that",
        "intent": "dismiss",
        "intent_prediction": {"name": "apologize", "confidence": 0.55},
    },
    {
        "text": "asdf",
        "intent": "out_of_scope",
        "intent_prediction": {"name": "nlu_fallback", "confidence": 0.35},
    },
]


def test_average_f1_reads_macro_and_weighted() -> None:
    assert nlu_eval.average_f1(REPORT, "macro avg") == pytest.approx(0.7083, abs=1e-4)
    assert nlu_eval.average_f1(REPORT, "weighted avg") == pytest.approx(0.8056, 1e-3)


def test_average_f1_missing_row_is_a_clear_error() -> None:
    with pytest.raises(nlu_eval.NluEvalError, match="macro avg"):
        nlu_eval.average_f1({"greet": REPORT["greet"]}, "macro avg")


def test_intent_scores_are_worst_first_and_skip_summary_rows() -> None:
    scores = nlu_eval.intent_scores(REPORT)
    assert [s.intent for s in scores] == [
        "dismiss",
        "apologize",
        "apologize+offer_solution",
        "greet",
    ]
    assert scores[0] == nlu_eval.IntentScore("dismiss", 0.5, 2)


def test_confusions_are_counted_from_errors_most_frequent_first() -> None:
    confusions = nlu_eval.confusions_from_errors(ERRORS)
    assert confusions[0] == nlu_eval.Confusion("dismiss", "apologize", 2)
    assert [(c.true_intent, c.predicted, c.count) for c in confusions[1:]] == [
        ("apologize", "dismiss", 1),
        ("apologize+offer_solution", "apologize", 1),
        ("out_of_scope", "nlu_fallback", 1),
    ]


def test_confusions_are_limited() -> None:
    assert len(nlu_eval.confusions_from_errors(ERRORS, limit=2)) == 2


def test_confusions_fall_back_to_the_report_without_an_errors_file(
    tmp_path: Path,
) -> None:
    (tmp_path / nlu_eval.REPORT_FILE).write_text(json.dumps(REPORT), "utf-8")
    summary = nlu_eval.read_results(tmp_path)
    assert {(c.true_intent, c.predicted, c.count) for c in summary.confusions} == {
        ("apologize", "dismiss", 1),
        ("dismiss", "apologize", 1),
        ("apologize+offer_solution", "apologize", 1),
    }


def test_report_text_names_the_numbers_a_reader_needs(tmp_path: Path) -> None:
    (tmp_path / nlu_eval.REPORT_FILE).write_text(json.dumps(REPORT), "utf-8")
    (tmp_path / nlu_eval.ERRORS_FILE).write_text(json.dumps(ERRORS), "utf-8")
    text = nlu_eval.format_summary(nlu_eval.read_results(tmp_path), folds=5)
    assert "5-fold cross-validation" in text
    assert "intent macro-F1:    0.708" in text
    assert "intent weighted F1: 0.806" in text
    assert text.index("dismiss  ") < text.index("greet  ")
    assert "dismiss -> apologize: 2" in text


def test_main_with_existing_results_writes_report_and_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / nlu_eval.REPORT_FILE).write_text(json.dumps(REPORT), "utf-8")
    (tmp_path / nlu_eval.ERRORS_FILE).write_text(json.dumps(ERRORS), "utf-8")
    assert nlu_eval.main(["--results", str(tmp_path)]) == 0
    assert "intent macro-F1:    0.708" in capsys.readouterr().out


def test_main_without_a_report_fails_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert nlu_eval.main(["--results", str(tmp_path)]) == 1
    assert "intent_report.json: missing" in capsys.readouterr().err


def test_rasa_command_uses_the_interpreters_rasa_and_the_bot_files() -> None:
    command = nlu_eval.rasa_command(3, Path("/tmp/out"))
    assert command[0] == str(Path(sys.executable).parent / "rasa")
    assert command[1:] == [
        "test",
        "nlu",
        "--cross-validation",
        "--folds",
        "3",
        "--config",
        "config.yml",
        "--nlu",
        "data",
        "--out",
        "/tmp/out",
        "--successes",
    ]


# Three Rasa trainings on about 10,500 replies: about 8-10 min on two cores,
# over the suite's 600 s default.
@pytest.mark.timeout(1800)
def test_cross_validation_of_the_shipped_nlu_stays_above_its_floor(
    tmp_path: Path,
) -> None:
    """A guard against training-data or pipeline regressions, below the
    figures in the README (Rasa draws the folds at random). Rare combined
    intents (a few examples each) are judged with the rest by the weighted F1.
    Three folds (the README's figures use five) keep the suite's time down;
    each language is held to its own floor."""
    nlu_eval.run_cross_validation(3, tmp_path)
    summary = nlu_eval.read_results(tmp_path)
    languages = nlu_eval.read_language_figures(tmp_path)
    report = nlu_eval.format_summary(summary, 3) + nlu_eval.format_languages(languages)
    assert summary.established_macro_f1 >= 0.80, report
    # no established intent collapses. The weakest one is a small combined
    # intent (30-45 examples: explain+blame_customer, small_talk+
    # close_conversation) whose F1 over random 3-fold splits has read
    # 0.478-0.545 in CI; a collapse (wrong labels, a lost intent) reads far
    # below 0.40
    assert summary.established[0].f1 >= 0.40, report
    assert summary.weighted_f1 >= 0.75, report
    assert languages["en"][1] >= 0.80, report
    assert languages["fr"][1] >= 0.85, report
