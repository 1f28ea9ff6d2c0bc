"""NLU quality report: cross-validate the bot's intent classifier and summarise it.

Usage::

    python -m tools.nlu_eval [--folds 5] [--out DIR] [--results DIR] [--language fr]

Runs ``rasa test nlu --cross-validation`` from ``bot/`` with the ``rasa`` next to
the current interpreter, then reads what Rasa 3.6 writes into the output folder:

- ``intent_report.json``: scikit-learn's classification report, one entry per
  intent (``precision``, ``recall``, ``f1-score``, ``support``, ``confused_with``)
  plus ``accuracy``, ``macro avg``, ``weighted avg`` and ``micro avg``. In
  cross-validation it covers the test predictions of every fold together.
- ``intent_errors.json``: every misclassified test example, as
  ``{"text", "intent", "intent_prediction": {"name", "confidence"}}``.

- ``intent_successes.json``: every example classified right (``--successes``).

and prints the intent macro-F1 and weighted F1, the F1 of every intent (worst
first) and the worst confusions (true -> predicted, count), then the intent
macro-F1 of each language's examples on their own (the files
``data/nlu_fr_*.yml`` hold French, the others English). ``--results DIR``
summarises an existing output folder without running Rasa.

``--language fr`` cross-validates a model trained on one language's examples
only (with the same entity patterns): set beside the figures of the one
model for both languages, it measures what sharing a model costs or gives.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from trainer_api.settings import PROJECT_ROOT

BOT_DIR = PROJECT_ROOT / "bot"
REPORT_FILE = "intent_report.json"
ERRORS_FILE = "intent_errors.json"
SUCCESSES_FILE = "intent_successes.json"
LANGUAGES = ("en", "fr")
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


def language_of_file(path: Path) -> str:
    """``fr`` for the French NLU files (``nlu_fr_*.yml``), else ``en``."""
    return "fr" if path.name.startswith("nlu_fr") else "en"


def data_files(bot_dir: Path = BOT_DIR) -> list[Path]:
    return sorted((bot_dir / "data").glob("nlu*.yml"))


ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def example_languages(bot_dir: Path = BOT_DIR) -> dict[str, str]:
    """Each training example's text (entity annotations removed) and its language."""
    languages: dict[str, str] = {}
    for path in data_files(bot_dir):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in document.get("nlu") or []:
            if "intent" not in item:
                continue
            for line in str(item.get("examples") or "").splitlines():
                text = line.strip()
                if text.startswith("- "):
                    plain = ANNOTATION.sub(r"\1", text[2:]).strip()
                    languages[plain] = language_of_file(path)
    return languages


def language_macro_f1(
    predictions: Iterable[Mapping[str, Any]], languages: Mapping[str, str]
) -> dict[str, tuple[float, float, int]]:
    """Per language, from Rasa's successes and errors together (every test
    prediction of the cross-validation): the intent macro-F1 over all the
    language's intents, over those with at least ``ESTABLISHED`` examples in
    it, and the number of examples."""
    pairs: dict[str, list[tuple[str, str]]] = {}
    for prediction in predictions:
        text = str(prediction.get("text") or "").strip()
        language = languages.get(text)
        true_intent = prediction.get("intent")
        predicted = (prediction.get("intent_prediction") or {}).get("name")
        if language and true_intent:
            pairs.setdefault(language, []).append((str(true_intent), str(predicted)))
    return {
        language: (_macro_f1(found), _macro_f1(found, ESTABLISHED), len(found))
        for language, found in sorted(pairs.items())
    }


def _macro_f1(pairs: Sequence[tuple[str, str]], least: int = 0) -> float:
    """Macro-F1 over the true intents with at least ``least`` examples (as
    scikit-learn's report computes it)."""
    support = Counter(true for true, _ in pairs)
    scores = []
    for intent in sorted(i for i, n in support.items() if n >= least):
        hits = sum(1 for true, got in pairs if true == intent and got == intent)
        predicted = sum(1 for _, got in pairs if got == intent)
        actual = sum(1 for true, _ in pairs if true == intent)
        precision = hits / predicted if predicted else 0.0
        recall = hits / actual if actual else 0.0
        total = precision + recall
        scores.append(2 * precision * recall / total if total else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def read_language_figures(
    results_dir: Path, bot_dir: Path = BOT_DIR
) -> dict[str, tuple[float, float, int]]:
    predictions: list[Mapping[str, Any]] = []
    for name in (SUCCESSES_FILE, ERRORS_FILE):
        path = results_dir / name
        if path.is_file():
            predictions += json.loads(path.read_text(encoding="utf-8"))
    return language_macro_f1(predictions, example_languages(bot_dir))


def format_languages(figures: Mapping[str, tuple[float, float, int]]) -> str:
    lines = [
        "",
        "intent macro-F1 per language: over all its intents; over those with at "
        f"least {ESTABLISHED} examples in it (examples):",
    ]
    lines += [
        f"  {language}: {f1:.3f}; {established:.3f}  ({count})"
        for language, (f1, established, count) in figures.items()
    ] or ["  none (no intent_successes.json: run with Rasa)"]
    return "\n".join(lines) + "\n"


def one_language_data(language: str, target: Path, bot_dir: Path = BOT_DIR) -> Path:
    """A copy of the NLU data holding one language's examples and every entity
    pattern: the data a model for that language alone would learn from."""
    target.mkdir(parents=True, exist_ok=True)
    for path in data_files(bot_dir):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items = document.get("nlu") or []
        keep = [
            item
            for item in items
            if "intent" not in item or language_of_file(path) == language
        ]
        if keep:
            (target / path.name).write_text(
                yaml.safe_dump({"version": "3.1", "nlu": keep}, allow_unicode=True),
                encoding="utf-8",
            )
    return target


def rasa_command(folds: int, out_dir: Path, data: str = "data") -> list[str]:
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
        data,
        "--out",
        str(out_dir),
        "--successes",
    ]


def run_cross_validation(
    folds: int, out_dir: Path, bot_dir: Path = BOT_DIR, data: str = "data"
) -> None:
    """Run Rasa's NLU cross-validation into ``out_dir``; raise if it fails."""
    result = subprocess.run(
        rasa_command(folds, out_dir, data),
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
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help="cross-validate a model of this language's examples alone",
    )
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run (or read) the cross-validation and write the report to stdout."""
    args = parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="nlu-eval-") as tmp:
            data = "data"
            if args.language:
                data = str(one_language_data(args.language, Path(tmp) / "data"))
            if args.results:
                out, folds = args.results, None
            else:
                out, folds = (args.out or Path(tmp) / "out").resolve(), args.folds
                out.mkdir(parents=True, exist_ok=True)
                run_cross_validation(args.folds, out, data=data)
            summary = read_results(out)
            languages = read_language_figures(out)
    except (NluEvalError, OSError, json.JSONDecodeError) as error:
        sys.stderr.write(f"nlu_eval: {error}\n")
        return 1
    if args.language:
        sys.stdout.write(f"model of the {args.language} examples alone\n")
    sys.stdout.write(format_summary(summary, folds) + format_languages(languages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
