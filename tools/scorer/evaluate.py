"""Measure the previous scorers (model-1, rules-1) on the first corpus's held-out
situations. The product's scorer is measured by :mod:`.evaluate_independent`.

Usage: ``python -m tools.scorer.evaluate [--split test|dev|train]``.

Prints, for the learned scorer (``model-1``) and the rule baseline
(``rules-1``), on the test situations of ``data/scorer/splits.json``:
macro-F1 and accuracy per dimension, precision and recall per penalty, the
Pearson and Spearman correlation of the 0-100 score with the score the formula
gives the gold labels, latency per reply (p50/p99 ms, replies/s, pinned to one
core where the OS allows; each reply's fastest of ``--repeats`` runs) and the
peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trainer_api.scoring.model import default_model
from trainer_api.scoring.result import DIMENSIONS, PENALTIES, ScoreResult
from trainer_api.scoring.scorer import (
    score_levels,
    score_reply_model1,
    score_reply_rules,
)
from trainer_api.simulation.repeats import is_repeat

from .corpus import DATA_DIR, SPLITS, LabelledReply, load_replies, load_splits, select
from .metrics import accuracy, macro_f1, pearson, percentile, precision_recall, spearman

Scorer = Callable[..., ScoreResult]
TARGET_MACRO_F1 = 0.75
TARGET_P99_MS = 10.0
TARGET_PEAK_MB = 300.0


@dataclass
class Report:
    """Every figure of one scorer on one set of labelled replies."""

    name: str
    replies: int
    dimensions: dict[str, tuple[float, float]] = field(default_factory=dict)
    penalties: dict[str, tuple[float, float]] = field(default_factory=dict)
    pearson: float = 0.0
    spearman: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)

    @property
    def p50_ms(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p99_ms(self) -> float:
        return percentile(self.latencies_ms, 99)

    @property
    def cpu_p99_ms(self) -> float:
        return percentile(self.cpu_ms, 99)

    @property
    def replies_per_second(self) -> float:
        total = sum(self.latencies_ms)
        return 1000 * len(self.latencies_ms) / total if total else 0.0


def gold_score(record: LabelledReply) -> int:
    """The formula applied to the gold labels (with the repeat cap from context)."""
    labels = record.labels
    penalties = [p for p in PENALTIES if labels[p]]
    previous = record.context.get("previous_replies") or []
    return score_levels(labels, penalties, is_repeat(record.reply, previous))


def run_scorer(
    scorer: Scorer, records: Sequence[LabelledReply], repeats: int = 1
) -> tuple[list[ScoreResult], list[float], list[float]]:
    """Score every record, timing each call in wall-clock and CPU milliseconds.

    With ``repeats`` > 1 each record is scored that many times and its fastest
    run is kept (as ``timeit`` does), so a busy machine does not inflate the
    figures; the results of the last run are returned.
    """
    results, wall, cpu = [], [], []
    for record in records:
        runs = [_timed(scorer, record) for _ in range(max(repeats, 1))]
        results.append(runs[-1][0])
        wall.append(min(run[1] for run in runs))
        cpu.append(min(run[2] for run in runs))
    return results, wall, cpu


def _timed(scorer: Scorer, record: LabelledReply) -> tuple[ScoreResult, float, float]:
    started, started_cpu = time.perf_counter(), time.process_time()
    result = scorer(record.reply, record.customer, record.context or None)
    cpu_ms = (time.process_time() - started_cpu) * 1000
    return result, (time.perf_counter() - started) * 1000, cpu_ms


def evaluate(
    name: str, scorer: Scorer, records: Sequence[LabelledReply], repeats: int = 1
) -> Report:
    """Score the records and compare with their gold labels."""
    results, wall, cpu = run_scorer(scorer, records, repeats)
    report = Report(name, len(records), latencies_ms=wall, cpu_ms=cpu)
    for dimension in DIMENSIONS:
        gold = [r.labels[dimension] for r in records]
        predicted = [result.dimensions[dimension] for result in results]
        report.dimensions[dimension] = (
            macro_f1(gold, predicted),
            accuracy(gold, predicted),
        )
    for penalty in PENALTIES:
        gold = [r.labels[penalty] for r in records]
        predicted = [int(penalty in result.penalties) for result in results]
        report.penalties[penalty] = precision_recall(gold, predicted)
    golds = [float(gold_score(r)) for r in records]
    scores = [float(result.score) for result in results]
    report.pearson, report.spearman = pearson(golds, scores), spearman(golds, scores)
    return report


def format_report(report: Report) -> str:
    """The report as the lines printed by the command."""
    lines = [f"== {report.name}: {report.replies} replies"]
    lines.append(f"  {'dimension':20} {'macro-F1':>8} {'accuracy':>8}")
    for dimension, (f1, acc) in report.dimensions.items():
        flag = "" if f1 >= TARGET_MACRO_F1 else "  (below 0.75)"
        lines.append(f"  {dimension:20} {f1:8.3f} {acc:8.3f}{flag}")
    lines.append(f"  {'penalty':20} {'precision':>9} {'recall':>7}")
    for penalty, (precision, recall) in report.penalties.items():
        lines.append(f"  {penalty:20} {precision:9.3f} {recall:7.3f}")
    lines.append(
        f"  score vs gold-label score: Pearson {report.pearson:.3f}, "
        f"Spearman {report.spearman:.3f}"
    )
    lines.append(
        f"  speed: p50 {report.p50_ms:.2f} ms, p99 {report.p99_ms:.2f} ms per reply, "
        f"{report.replies_per_second:.0f} replies/s (CPU time p99 "
        f"{report.cpu_p99_ms:.2f} ms)"
    )
    return "\n".join(lines)


def peak_memory_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def pin_to_one_core() -> str:
    """Restrict the process to one CPU where possible; says what was done."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this OS)"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to CPU {core}"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.scorer.evaluate",
        description="Evaluate the learned scorer and the rule baseline on "
        "held-out situations of data/scorer.",
    )
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="test",
        help="situations to score (default test; the shipped model was fitted on "
        "train and dev, so only test is held out)",
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        help="time each reply this many times and keep its fastest run (default 5)",
    )
    args = parser.parse_args(argv)
    pinned = pin_to_one_core()
    records = load_replies(args.data / "replies.jsonl")
    situations = load_splits(args.data / "splits.json")[args.split]
    chosen = select(records, situations)
    started = time.perf_counter()
    default_model()
    load_ms = (time.perf_counter() - started) * 1000
    out = sys.stdout
    out.write(f"split {args.split}: {', '.join(situations)} ({len(chosen)} replies)\n")
    out.write(
        f"timing {pinned}, fastest of {args.repeats} runs per reply; "
        f"model loaded in {load_ms:.0f} ms\n"
    )
    for name, scorer in (
        ("model-1", score_reply_model1),
        ("rules-1", score_reply_rules),
    ):
        for record in chosen[:20]:  # warm caches
            scorer(record.reply, record.customer)
        report = evaluate(name, scorer, chosen, args.repeats)
        out.write(format_report(report) + "\n")
    out.write(f"peak memory (maxrss): {peak_memory_mb():.0f} MB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
