"""NLU quality report: cross-validate the bot's intent classifier and summarise it.

Usage::

    python -m tools.nlu_eval [--folds 5] [--out DIR] [--results DIR]

Runs ``rasa test nlu --cross-validation`` from ``bot/`` with the ``rasa`` next to
the current interpreter, then reads what Rasa 3.6 writes into the output folder:

- ``intent_report.json``: scikit-learn's classification report, one entry per
  intent (``precision``, ``recall``, ``f1-score``, ``support``, ``confused_with``)
  plus ``accuracy``, ``macro avg``, ``weighted avg`` and ``micro avg``. In
  cross-validation it covers the test predictions of every fold together.
- ``intent_errors.json``: every misclassified test example, as
  ``{"text", "intent", "intent_prediction": {"name", "confidence"}}``.

and prints the intent macro-F1 and weighted F1, the F1 of every intent (worst
first) and the worst confusions (true -> predicted, count). ``--results DIR``
summarises an existing output folder without running Rasa.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer_api.settings import PROJECT_ROOT

BOT_DIR = PROJECT_ROOT / "bot"
REPORT_FILE = "intent_report.json"
ERRORS_FILE = "intent_errors.json"
SUMMARY_KEYS = frozenset({"accuracy", "macro avg", "weighted avg", "micro avg"})
WORST_CONFUSIONS = 10
ESTABLISHED = 30
"""Intents with at least this many examples: their F1 is a stable figure.
Rare combinations (three to ten replies of real agents' mixes of moves) are
learnt through their moves; their own cross-validated F1 swings widely."""


class NluEvalError(RuntimeError):
    """Rasa failed, or its output folder does not hold what we expect."""


@dataclass(frozen=True)
class IntentScore:
    """F1 of one intent over the cross-validation test predictions."""

    intent: str
    f1: float
    support: int


@dataclass(frozen=True)
class Confusion:
    """How often examples of ``true_intent`` were predicted as ``predicted``."""

    true_intent: str
    predicted: str
    count: int


@dataclass(frozen=True)
class NluSummary:
    """Everything the report prints."""

    macro_f1: float
    weighted_f1: float
    intents: list[IntentScore]
    confusions: list[Confusion]

    @property
    def established(self) -> list[IntentScore]:
        """The intents with at least ``ESTABLISHED`` examples, worst first."""
        return [s for s in self.intents if s.support >= ESTABLISHED]

    @property
    def established_macro_f1(self) -> float:
        scores = [s.f1 for s in self.established]
        return sum(scores) / len(scores) if scores else 0.0


def average_f1(report: Mapping[str, Any], average: str) -> float:
    """The ``f1-score`` of an average row (``macro avg``, ``weighted avg``)."""
    try:
        return float(report[average]["f1-score"])
    except (KeyError, TypeError) as error:
        raise NluEvalError(f"intent report has no '{average}' f1-score") from error


def intent_scores(report: Mapping[str, Any]) -> list[IntentScore]:
    """Per-intent F1, worst first (ties by intent name); summary rows skipped."""
    scores = [
        IntentScore(intent=name, f1=float(row["f1-score"]), support=int(row["support"]))
        for name, row in report.items()
        if name not in SUMMARY_KEYS and isinstance(row, Mapping) and "f1-score" in row
    ]
    return sorted(scores, key=lambda score: (score.f1, score.intent))


def confusions_from_errors(
    errors: Iterable[Mapping[str, Any]], limit: int = WORST_CONFUSIONS
) -> list[Confusion]:
    """Count (true, predicted) pairs in ``intent_errors.json``, most frequent first.

    Args:
        errors: the misclassified examples Rasa wrote.
        limit: how many pairs to keep.

    Returns:
        Up to ``limit`` confusions, by count descending, then by names.
    """
    pairs: Counter[tuple[str, str]] = Counter()
    for error in errors:
        prediction = error.get("intent_prediction") or {}
        true_intent, predicted = error.get("intent"), prediction.get("name")
        if true_intent and predicted and true_intent != predicted:
            pairs[(str(true_intent), str(predicted))] += 1
    return _most_frequent(pairs, limit)


def confusions_from_report(
    report: Mapping[str, Any], limit: int = WORST_CONFUSIONS
) -> list[Confusion]:
    """Confusions from the report's ``confused_with`` (Rasa keeps the top few).

    Used when there is no ``intent_errors.json`` (Rasa writes none without errors).
    """
    pairs: Counter[tuple[str, str]] = Counter()
    for name, row in report.items():
        if name in SUMMARY_KEYS or not isinstance(row, Mapping):
            continue
        for predicted, count in (row.get("confused_with") or {}).items():
            pairs[(name, str(predicted))] += int(count)
    return _most_frequent(pairs, limit)


def _most_frequent(pairs: Counter[tuple[str, str]], limit: int) -> list[Confusion]:
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    return [Confusion(true, predicted, count) for (true, predicted), count in ranked][
        :limit
    ]


def summarise(
    report: Mapping[str, Any],
    errors: Sequence[Mapping[str, Any]] | None,
    limit: int = WORST_CONFUSIONS,
) -> NluSummary:
    """Build the summary from the parsed report and (if present) the errors."""
    confusions = (
        confusions_from_errors(errors, limit)
        if errors is not None
        else confusions_from_report(report, limit)
    )
    return NluSummary(
        macro_f1=average_f1(report, "macro avg"),
        weighted_f1=average_f1(report, "weighted avg"),
        intents=intent_scores(report),
        confusions=confusions,
    )


def format_summary(summary: NluSummary, folds: int | None = None) -> str:
    """The report as plain text, one fact a line."""
    heading = "NLU intent classification"
    if folds:
        heading += f" ({folds}-fold cross-validation)"
    width = max((len(score.intent) for score in summary.intents), default=10)
    lines = [
        heading,
        f"intent macro-F1:    {summary.macro_f1:.3f}",
        f"intent weighted F1: {summary.weighted_f1:.3f}",
        f"intent macro-F1 of the {len(summary.established)} intents with at least "
        f"{ESTABLISHED} examples: {summary.established_macro_f1:.3f}",
        "",
        "per-intent F1, worst first (support):",
    ]
    lines += [
        f"  {score.intent:<{width}}  {score.f1:.3f}  ({score.support})"
        for score in summary.intents
    ]
    lines += [
        "",
        f"worst confusions (true -> predicted: count), top {WORST_CONFUSIONS}:",
    ]
    lines += [
        f"  {c.true_intent} -> {c.predicted}: {c.count}" for c in summary.confusions
    ] or ["  none"]
    return "\n".join(lines) + "\n"


def read_results(results_dir: Path) -> NluSummary:
    """Parse the report (and errors, when Rasa wrote them) in ``results_dir``."""
    report_path = results_dir / REPORT_FILE
    if not report_path.is_file():
        raise NluEvalError(f"{report_path}: missing; did `rasa test nlu` finish?")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    errors_path = results_dir / ERRORS_FILE
    errors = (
        json.loads(errors_path.read_text(encoding="utf-8"))
        if errors_path.is_file()
        else None
    )
    return summarise(report, errors)


def rasa_command(folds: int, out_dir: Path) -> list[str]:
    """The cross-validation command, with the current interpreter's ``rasa``."""
    rasa = Path(sys.executable).parent / "rasa"
    return [
        str(rasa),
        "test",
        "nlu",
        "--cross-validation",
        "--folds",
        str(folds),
        "--config",
        "config.yml",
        "--nlu",
        "data",
        "--out",
        str(out_dir),
    ]


def run_cross_validation(folds: int, out_dir: Path, bot_dir: Path = BOT_DIR) -> None:
    """Run Rasa's NLU cross-validation into ``out_dir``; raise if it fails."""
    result = subprocess.run(
        rasa_command(folds, out_dir),
        cwd=bot_dir,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-3000:]
        raise NluEvalError(f"rasa test nlu exited {result.returncode}:\n{tail}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.nlu_eval",
        description="Cross-validate the bot's NLU and report intent F1 and confusions.",
    )
    parser.add_argument("--folds", type=int, default=5, help="folds (default 5)")
    parser.add_argument(
        "--out", type=Path, help="keep Rasa's output here (default: a temp folder)"
    )
    parser.add_argument(
        "--results",
        type=Path,
        help="summarise an existing `rasa test nlu` output folder; do not run Rasa",
    )
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run (or read) the cross-validation and write the report to stdout."""
    args = parse_args(argv)
    try:
        if args.results:
            summary, folds = read_results(args.results), None
        elif args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            run_cross_validation(args.folds, args.out.resolve())
            summary, folds = read_results(args.out), args.folds
        else:
            with tempfile.TemporaryDirectory(prefix="nlu-eval-") as tmp:
                run_cross_validation(args.folds, Path(tmp))
                summary, folds = read_results(Path(tmp)), args.folds
    except (NluEvalError, OSError, json.JSONDecodeError) as error:
        sys.stderr.write(f"nlu_eval: {error}\n")
        return 1
    sys.stdout.write(format_summary(summary, folds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
