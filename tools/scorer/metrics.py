"""Evaluation metrics, dependency-free so evaluation stays light and testable."""

from __future__ import annotations

import math
from collections.abc import Sequence


def accuracy(gold: Sequence[int], predicted: Sequence[int]) -> float:
    """Share of exact matches."""
    _check(gold, predicted)
    return (
        sum(g == p for g, p in zip(gold, predicted, strict=False)) / len(gold)
        if gold
        else 0.0
    )


def f1_for(gold: Sequence[int], predicted: Sequence[int], label: int) -> float:
    """F1 of one class (0 when it is neither predicted nor present)."""
    precision, recall = precision_recall(gold, predicted, label)
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def macro_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    """Unweighted mean F1 over the classes present in gold or predictions."""
    _check(gold, predicted)
    labels = sorted(set(gold) | set(predicted))
    if not labels:
        return 0.0
    return sum(f1_for(gold, predicted, label) for label in labels) / len(labels)


def precision_recall(
    gold: Sequence[int], predicted: Sequence[int], label: int = 1
) -> tuple[float, float]:
    """Precision and recall of one class; 0.0 where the denominator is zero."""
    _check(gold, predicted)
    hits = sum(g == label and p == label for g, p in zip(gold, predicted, strict=False))
    said = sum(p == label for p in predicted)
    true = sum(g == label for g in gold)
    return (hits / said if said else 0.0, hits / true if true else 0.0)


def pearson(first: Sequence[float], second: Sequence[float]) -> float:
    """Pearson correlation; 0.0 when either side is constant."""
    _check(first, second)
    n = len(first)
    if n < 2:
        return 0.0
    mean_a, mean_b = sum(first) / n, sum(second) / n
    cov = sum((a - mean_a) * (b - mean_b) for a, b in zip(first, second, strict=False))
    var_a = sum((a - mean_a) ** 2 for a in first)
    var_b = sum((b - mean_b) ** 2 for b in second)
    if var_a == 0 or var_b == 0:
        return 0.0
    return cov / math.sqrt(var_a * var_b)


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(first: Sequence[float], second: Sequence[float]) -> float:
    """Spearman rank correlation (Pearson on tie-averaged ranks)."""
    return pearson(ranks(first), ranks(second))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation, as numpy's default."""
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _check(first: Sequence[object], second: Sequence[object]) -> None:
    if len(first) != len(second):
        raise ValueError(f"lengths differ: {len(first)} and {len(second)}")


def quadratic_kappa(
    gold: Sequence[int], predicted: Sequence[int], levels: int = 3
) -> float:
    """Cohen's kappa with quadratic weights (agreement beyond chance, 1 = perfect)."""
    _check(gold, predicted)
    n = len(gold)
    if not n:
        return 0.0
    observed = [[0.0] * levels for _ in range(levels)]
    for g, p in zip(gold, predicted, strict=True):
        observed[g][p] += 1
    gold_totals = [sum(row) for row in observed]
    pred_totals = [sum(observed[g][p] for g in range(levels)) for p in range(levels)]
    top = bottom = 0.0
    for g in range(levels):
        for p in range(levels):
            weight = (g - p) ** 2 / (levels - 1) ** 2
            top += weight * observed[g][p]
            bottom += weight * gold_totals[g] * pred_totals[p] / n
    return 1.0 - top / bottom if bottom else 1.0


def confusion(
    gold: Sequence[int], predicted: Sequence[int], levels: int = 3
) -> list[list[int]]:
    """Counts: row = gold level, column = predicted level."""
    _check(gold, predicted)
    table = [[0] * levels for _ in range(levels)]
    for g, p in zip(gold, predicted, strict=True):
        table[g][p] += 1
    return table
