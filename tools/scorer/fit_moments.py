"""Fit the moment table of ``trainer_api.scoring.moment`` to coaches' judgements.

For each moment, non-negative least squares of the coach's whole-reply
judgement (poor 20, developing 50, good 70, excellent 90) on the labelled
levels of the training writers' replies without penalties:

    value ~ base + sum(weight_d x level_d / 2) + strong x [some level is 2]

then rounded to multiples of 5. ``strong`` is what a reply earns for doing
one thing fully, whatever it is (RUBRIC.md: a reply that touches one dimension
well can be good). Prints the table and its mean absolute error against the
coaches on the training writers and on the independent test writers.

    python -m tools.scorer.fit_moments
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import numpy as np
from scipy.optimize import nnls

from tools.scorer.corpus import MOMENTS, TEST_WRITERS, LabelledReply, load_voices
from trainer_api.scoring.result import DIMENSIONS, PENALTIES

VALUE = {"poor": 20, "developing": 50, "good": 70, "excellent": 90}
STEP = 5
COLUMNS = ("base", *DIMENSIONS, "strong")


def row(labels: dict[str, int]) -> list[float]:
    strong = 1.0 if max(labels[d] for d in DIMENSIONS) == 2 else 0.0
    return [1.0, *(labels[d] / 2 for d in DIMENSIONS), strong]


def unpenalised(records: Sequence[LabelledReply]) -> list[LabelledReply]:
    return [
        r
        for r in records
        if r.overall in VALUE and not any(r.labels[p] for p in PENALTIES)
    ]


def fit(records: Sequence[LabelledReply]) -> dict[str, dict[str, int]]:
    """The rounded table, moment -> column -> points."""
    table = {}
    for moment in MOMENTS:
        chosen = [r for r in records if r.moment == moment]
        if not chosen:
            raise SystemExit(f"no labelled replies at the moment {moment!r}")
        a = np.array([row(r.labels) for r in chosen])
        y = np.array([VALUE[r.overall] for r in chosen], dtype=float)
        weights, _ = nnls(a, y)
        table[moment] = {
            c: int(STEP * round(w / STEP))
            for c, w in zip(COLUMNS, weights, strict=True)
        }
    return table


def error(table: dict[str, dict[str, int]], records: Sequence[LabelledReply]) -> float:
    errors = []
    for r in records:
        points = table[r.moment]
        raw = sum(p * x for p, x in zip(points.values(), row(r.labels), strict=True))
        errors.append(abs(min(100.0, max(0.0, raw)) - VALUE[r.overall]))
    return float(np.mean(errors))


def main() -> None:
    voices = load_voices()
    train = unpenalised([r for r in voices if r.writer not in TEST_WRITERS])
    test = unpenalised([r for r in voices if r.writer in TEST_WRITERS])
    table = fit(train)
    _say(f"fitted on {len(train)} replies without penalties (training writers)")
    _say(f"{'moment':10}" + "".join(f"{c[:14]:>15}" for c in COLUMNS))
    for moment, points in table.items():
        _say(f"{moment:10}" + "".join(f"{points[c]:>15}" for c in COLUMNS))
    _say(f"mean absolute error vs coaches: training {error(table, train):.1f}")
    _say(f"                                test writers {error(table, test):.1f}")


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
