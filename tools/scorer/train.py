"""Build the scorer model: ``python -m tools.scorer.train``.

Reads ``data/scorer/replies.jsonl`` and ``splits.json``; never reads the test
situations. Hyperparameters (per head: C and the dense-block scale) are chosen
by leave-one-situation-out cross-validation over the train and dev situations
(so every choice is judged on a situation the fold did not train on; dev is one
of the folds), the dev figures of a train-only fit are printed, and the shipped
model is refitted on train + dev. Deterministic: the same data gives a
byte-identical artefact.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any, TextIO, TypeVar

from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from trainer_api.scoring.features import ReplyFeatures
from trainer_api.scoring.model import MODEL_PATH, PenaltyThreshold
from trainer_api.scoring.result import DIMENSIONS, PENALTIES

from .corpus import (
    DATA_DIR,
    TRAINER_MARKS,
    LabelledReply,
    load_replies,
    load_splits,
    select,
)
from .metrics import f1_for, macro_f1
from .training import (
    HEADS,
    RANDOM_STATE,
    Blocks,
    HeadSettings,
    corpus_digest,
    export,
    featurize,
    fit_head,
    labels_of,
    rule_flags,
)

C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
SCALE_GRID = (1.0, 3.0)
THRESHOLD_GRID = (-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
# A setting within this much of the best CV score counts as a tie: the simpler
# setting (smaller C, smaller scale) and the more cautious threshold win.
TOLERANCE = 0.005
GRID = tuple(HeadSettings(c, s) for c, s in product(C_GRID, SCALE_GRID))
T = TypeVar("T")


def head_score(head: str, gold: Sequence[int], predicted: Sequence[int]) -> float:
    """Selection metric: macro-F1 for a dimension, positive-class F1 for a penalty."""
    if head in DIMENSIONS:
        return macro_f1(gold, predicted)
    return f1_for(gold, predicted, 1)


@dataclass
class CrossValidation:
    """Held-out outputs pooled over folds: a level per dimension, a score per
    penalty (positive means present at threshold 0), and the rule flags."""

    gold: dict[str, list[int]] = field(default_factory=dict)
    outputs: dict[tuple[str, HeadSettings], list[float]] = field(default_factory=dict)
    rules: dict[str, list[bool]] = field(default_factory=dict)

    def decisions(
        self,
        head: str,
        settings: HeadSettings,
        bars: PenaltyThreshold | None = None,
    ) -> list[int]:
        values = self.outputs[(head, settings)]
        if head in DIMENSIONS:
            return [int(v) for v in values]
        bars = bars or PenaltyThreshold()
        rules = self.rules[head]
        return [int(bars.decide(v, r)) for v, r in zip(values, rules, strict=True)]

    def scores(self) -> dict[str, dict[HeadSettings, float]]:
        return {
            head: {
                s: head_score(head, self.gold[head], self.decisions(head, s))
                for s in GRID
            }
            for head in HEADS
        }


def cross_validate(
    records: Sequence[LabelledReply], features: Sequence[ReplyFeatures]
) -> CrossValidation:
    """Leave-one-situation-out outputs of every head and setting."""
    result = CrossValidation(
        gold={head: [] for head in HEADS}, rules={p: [] for p in PENALTIES}
    )
    for held_out in sorted({r.situation for r in records}):
        inside = [r.situation != held_out for r in records]
        train, valid = _split(records, inside)
        train_features, valid_features = _split(features, inside)
        blocks = Blocks.fit(train_features)
        shown = blocks.transform(valid_features)
        for penalty in PENALTIES:
            result.rules[penalty] += rule_flags(valid_features, penalty)
        for head in HEADS:
            result.gold[head] += labels_of(valid, head)
            path = _path(blocks, shown, head, labels_of(train, head))
            for settings, values in path.items():
                result.outputs.setdefault((head, settings), []).extend(values)
    return result


def _split(items: Sequence[T], inside: Sequence[bool]) -> tuple[list[T], list[T]]:
    """Items where inside is true, and the others."""
    pairs = list(zip(items, inside, strict=True))
    return [i for i, keep in pairs if keep], [i for i, keep in pairs if not keep]


def _path(
    blocks: Blocks, shown: Blocks, head: str, y: Sequence[int]
) -> dict[HeadSettings, list[float]]:
    """Held-out outputs along the grid (each C warm-started from the last)."""
    out = {}
    for scale in SCALE_GRID:
        matrix, held_out = blocks.matrix(head, scale), shown.matrix(head, scale)
        classifier = LogisticRegression(
            class_weight="balanced",
            max_iter=5000,
            random_state=RANDOM_STATE,
            warm_start=True,
        )
        for c in C_GRID:
            classifier.set_params(C=c).fit(matrix, y)
            if head in DIMENSIONS:
                values = classifier.predict(held_out)
            else:
                values = classifier.decision_function(held_out)
            out[HeadSettings(c, scale)] = [float(v) for v in values]
    return out


def choose(scores: dict[str, dict[HeadSettings, float]]) -> dict[str, HeadSettings]:
    """Per head, the first setting in grid order (strongest regularisation, then
    smallest dense scale) scoring within ``TOLERANCE`` of the best."""
    chosen = {}
    for head in HEADS:
        best = max(scores[head].values())
        chosen[head] = next(s for s in GRID if scores[head][s] >= best - TOLERANCE)
    return chosen


def choose_thresholds(
    cv: CrossValidation, settings: dict[str, HeadSettings]
) -> dict[str, PenaltyThreshold]:
    """Per penalty, the bars (with and without a rule span) with the best CV F1.

    Balanced class weights make the rare penalties look likelier than they
    are; a penalty named on a reply that does not deserve it costs the learner
    points and trust, so near-ties (within ``TOLERANCE``) go to the higher bar
    for the model alone, then to the lower bar where a rule agrees.
    """
    chosen = {}
    for penalty in PENALTIES:
        candidates = [
            PenaltyThreshold(with_rule, without_rule)
            for with_rule, without_rule in product(THRESHOLD_GRID, repeat=2)
        ]
        gold = cv.gold[penalty]
        f1 = {
            bars: f1_for(gold, cv.decisions(penalty, settings[penalty], bars), 1)
            for bars in candidates
        }
        best = max(f1.values())
        near = [bars for bars in candidates if f1[bars] >= best - TOLERANCE]
        chosen[penalty] = max(near, key=lambda b: (b.without_rule, -b.with_rule))
    return chosen


def fit_all(
    records: Sequence[LabelledReply],
    features: Sequence[ReplyFeatures],
    settings: dict[str, HeadSettings],
) -> tuple[Blocks, dict[str, Any]]:
    blocks = Blocks.fit(features)
    classifiers = {
        head: fit_head(blocks, head, labels_of(records, head), settings[head])
        for head in HEADS
    }
    return blocks, classifiers


def dev_scores(
    train: Sequence[LabelledReply],
    dev: Sequence[LabelledReply],
    settings: dict[str, HeadSettings],
    thresholds: dict[str, PenaltyThreshold],
) -> dict[str, float]:
    """Scores on dev of the heads fitted on train only."""
    blocks, classifiers = fit_all(train, featurize(train), settings)
    dev_features = featurize(dev)
    shown = blocks.transform(dev_features)
    out = {}
    for head in HEADS:
        matrix = shown.matrix(head, settings[head].dense_scale)
        if head in DIMENSIONS:
            predicted = [int(p) for p in classifiers[head].predict(matrix)]
        else:
            values = classifiers[head].decision_function(matrix)
            flags = rule_flags(dev_features, head)
            bars = thresholds[head]
            predicted = [
                int(bars.decide(v, r)) for v, r in zip(values, flags, strict=True)
            ]
        out[head] = head_score(head, labels_of(dev, head), predicted)
    return out


def _trainer_marks(data_dir: Path, report: TextIO) -> list[LabelledReply]:
    """Trainers' marks exported by `empathy-trainer export-marks`, if any."""
    path = data_dir / TRAINER_MARKS
    if not path.is_file():
        return []
    marks = load_replies(path)
    report.write(f"added {len(marks)} trainer-marked replies from {path.name}\n")
    return marks


def build(data_dir: Path, out: Path, report: TextIO) -> dict[str, Any]:
    """Tune, report, refit on train + dev, write the artefact; returns it."""
    records = load_replies(data_dir / "replies.jsonl")
    splits = load_splits(data_dir / "splits.json")
    train = select(records, splits["train"])
    dev = select(records, splits["dev"])
    pool = train + dev + _trainer_marks(data_dir, report)
    features = featurize(pool)
    cv = cross_validate(pool, features)
    settings = choose(cv.scores())
    thresholds = choose_thresholds(cv, settings)
    on_dev = dev_scores(train, dev, settings, thresholds) if dev and train else {}
    for head in HEADS:
        chosen = settings[head]
        decided = cv.decisions(head, chosen, thresholds.get(head))
        report.write(
            f"{head:20} C={chosen.c:<5} dense x{chosen.dense_scale:<4} "
            f"cv={head_score(head, cv.gold[head], decided):.3f} "
            f"dev={on_dev.get(head, float('nan')):.3f}"
            f"{_threshold_note(head, thresholds)}\n"
        )
    blocks, classifiers = fit_all(pool, features, settings)
    metadata = {
        "trained_on": sorted({r.situation for r in pool}),
        "records": len(pool),
        "corpus_sha256": corpus_digest(pool),
        "selection": "leave-one-situation-out CV over train + dev",
    }
    artefact = export(blocks, classifiers, settings, metadata, thresholds)
    out.write_text(json.dumps(artefact, sort_keys=True) + "\n", encoding="utf-8")
    report.write(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)\n")
    return artefact


def _threshold_note(head: str, thresholds: dict[str, PenaltyThreshold]) -> str:
    if head not in thresholds:
        return ""
    bars = thresholds[head]
    return f" bars: rule {bars.with_rule:+.1f}, model only {bars.without_rule:+.1f}"


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.scorer.train",
        description="Fit the empathy scorer model on data/scorer (train + dev).",
    )
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    with threadpool_limits(limits=1):  # small problems: threads only contend
        build(args.data, args.out, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
