"""Measure the scorer on the independent test set: ``make eval-scorer``.

The test set is the replies of the writers in ``corpus.TEST_WRITERS``: they
never saw the training corpus and wrote in situations it does not have. Gold
labels are the blind second labelling of those replies (``data/scorer/blind``);
the writer's own labels are used where no second label exists, and the
report says how many.

Printed per language (English, French) and per scorer (``model-2``, the
product's; ``model-1`` and ``rules-1``, the previous ones, on the same set):

* per dimension: quadratic weighted kappa, macro-F1, accuracy, confusion;
* per penalty and pooled: precision and recall;
* the 0-100 score against the score the moment formula gives the gold labels
  (Pearson) and against the coach's whole-reply judgement (Spearman with the
  band, and exact band agreement);

then the people's own agreement, measured the same way (writer against
second labeller), on the test set and on the training sample that was
labelled twice; then speed (p50/p99 ms per reply on one core) and the peak
resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tools.scorer.corpus import (
    OVERALL,
    TEST_WRITERS,
    LabelledReply,
    load_replies,
    load_voices,
    with_second_labels,
)
from tools.scorer.evaluate import pin_to_one_core
from tools.scorer.metrics import (
    accuracy,
    confusion,
    macro_f1,
    pearson,
    percentile,
    precision_recall,
    quadratic_kappa,
    spearman,
)
from trainer_api.scoring.moment import DEFAULT_MOMENT, moment_score
from trainer_api.scoring.result import DIMENSIONS, PENALTIES, ScoreResult, band_for
from trainer_api.scoring.scorer import (
    score_reply,
    score_reply_model1,
    score_reply_rules,
)
from trainer_api.scoring.sentence_model import CUSTOMER_LINES

Scorer = Callable[..., ScoreResult]
BAND_MIDPOINT = {"poor": 20, "developing": 50, "good": 70, "excellent": 90}
SCORERS: tuple[tuple[str, Scorer], ...] = (
    ("model-2", score_reply),
    ("model-1", score_reply_model1),
    ("rules-1", score_reply_rules),
)


@dataclass(frozen=True)
class Item:
    """One test reply with its gold labels and whole-reply judgement."""

    record: LabelledReply
    labels: Mapping[str, int]
    overall: str


def gold_items(
    records: Sequence[LabelledReply], second: Mapping[str, Mapping[str, Any]]
) -> list[Item]:
    items = []
    for record in records:
        blind = second.get(record.id)
        labels = blind["labels"] if blind else record.labels
        overall = (blind or {}).get("overall") or record.overall
        items.append(Item(record, labels, overall))
    return items


def context_of(record: LabelledReply) -> dict[str, Any]:
    return {
        "previous_replies": list(record.context.get("previous_replies", [])),
        "moment": record.moment or DEFAULT_MOMENT,
        "language": record.lang,
    }


def agreement_lines(
    gold: Sequence[Mapping[str, int]],
    predicted: Sequence[Mapping[str, int]],
    *,
    with_confusion: bool = False,
) -> list[str]:
    lines = [f"  {'dimension':<20} {'kappa':>6} {'macroF1':>8} {'acc':>6}"]
    for d in DIMENSIONS:
        g = [labels[d] for labels in gold]
        p = [labels[d] for labels in predicted]
        line = (
            f"  {d:<20} {quadratic_kappa(g, p):6.2f} {macro_f1(g, p):8.2f} "
            f"{accuracy(g, p):6.2f}"
        )
        if with_confusion:
            line += f"   confusion {confusion(g, p)}"
        lines.append(line)
    pooled_g: list[int] = []
    pooled_p: list[int] = []
    for penalty in PENALTIES:
        g = [labels[penalty] for labels in gold]
        p = [labels[penalty] for labels in predicted]
        pooled_g += g
        pooled_p += p
        precision, recall = precision_recall(g, p)
        lines.append(
            f"  {penalty:<20} precision {precision:.2f} recall {recall:.2f} "
            f"(gold {sum(g)})"
        )
    precision, recall = precision_recall(pooled_g, pooled_p)
    lines.append(
        f"  {'penalties, pooled':<20} precision {precision:.2f} recall {recall:.2f}"
    )
    return lines


def as_labels(result: ScoreResult) -> dict[str, int]:
    found = dict(result.dimensions)
    found.update({p: int(p in result.penalties) for p in PENALTIES})
    return found


def score_lines(items: Sequence[Item], results: Sequence[ScoreResult]) -> list[str]:
    formula = [
        moment_score(
            item.labels,
            [p for p in PENALTIES if item.labels[p]],
            item.record.moment or DEFAULT_MOMENT,
        )
        for item in items
    ]
    scores = [float(r.score) for r in results]
    judged = [item for item in items if item.overall in OVERALL]
    judged_scores = [
        float(r.score)
        for r, i in zip(results, items, strict=True)
        if i.overall in OVERALL
    ]
    ranks = [float(OVERALL.index(i.overall)) for i in judged]
    bands = [band_for(int(s)) for s in judged_scores]
    same = sum(b == i.overall for b, i in zip(bands, judged, strict=True))
    return [
        "  score vs formula on gold labels: Pearson "
        f"{pearson(scores, [float(f) for f in formula]):.2f}",
        f"  score vs coach's judgement: Spearman {spearman(judged_scores, ranks):.2f}, "
        f"same band {same / len(judged):.2f} ({len(judged)} replies)"
        if judged
        else "",
    ]


def evaluate_language(items: Sequence[Item], language: str, out: Any) -> None:
    out.write(
        f"\n=== {language}: {len(items)} replies, "
        f"{len({i.record.writer for i in items})} writers, "
        f"{len({i.record.situation for i in items})} situations\n"
    )
    gold = [i.labels for i in items]
    for name, scorer in SCORERS:
        results = [
            scorer(i.record.reply, i.record.customer, context_of(i.record))
            for i in items
        ]
        out.write(f"-- {name}\n")
        lines = agreement_lines(
            gold, [as_labels(r) for r in results], with_confusion=name == "model-2"
        )
        out.write("\n".join([*lines, *score_lines(items, results)]) + "\n")


def people_lines(
    records: Sequence[LabelledReply],
    second: Mapping[str, Mapping[str, Any]],
    title: str,
) -> list[str]:
    paired = [r for r in records if r.id in second]
    if not paired:
        return [f"{title}: no reply labelled twice yet"]
    lines = [
        f"{title}: {len(paired)} replies labelled twice "
        "(writer vs blind second labeller)"
    ]
    lines += agreement_lines(
        [second[r.id]["labels"] for r in paired], [r.labels for r in paired]
    )
    both = [r for r in paired if r.overall and second[r.id].get("overall")]
    if both:
        same = sum(r.overall == second[r.id]["overall"] for r in both)
        lines.append(f"  whole-reply band: same {same / len(both):.2f}")
    return lines


def speed_lines(items: Sequence[Item], repeats: int) -> list[str]:
    """Per reply, the fastest of ``repeats`` runs: "first" with the customer's
    line never seen by this process, "again" with it already encoded (the
    common case in play: a scenario's lines come back turn after turn)."""
    for item in items[:20]:
        score_reply(item.record.reply, item.record.customer, context_of(item.record))
    first: list[float] = []
    again: list[float] = []
    for item in items:
        record = item.record
        context = context_of(record)
        cold, warm = [], []
        for _ in range(repeats):
            CUSTOMER_LINES.clear()
            cold.append(_timed(record.reply, record.customer, context))
            warm.append(_timed(record.reply, record.customer, context))
        first.append(min(cold))
        again.append(min(warm))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        f"speed ({pin_to_one_core()}), {len(items)} replies: "
        f"customer line new p50 {percentile(first, 50):.1f} ms, "
        f"p99 {percentile(first, 99):.1f} ms; "
        f"seen before p50 {percentile(again, 50):.1f} ms, "
        f"p99 {percentile(again, 99):.1f} ms",
        f"peak resident memory of this process: {peak:.0f} MB",
    ]


def _timed(reply: str, customer: str, context: Mapping[str, Any]) -> float:
    started = time.perf_counter()
    score_reply(reply, customer, context)
    return (time.perf_counter() - started) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.scorer.evaluate_independent")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    out = sys.stdout
    voices = load_voices()
    everything = [*load_replies(), *voices]
    second = with_second_labels(everything)
    test = [r for r in voices if r.writer in TEST_WRITERS]
    items = gold_items(test, second)
    blind = sum(r.id in second for r in test)
    out.write(
        f"independent test set: {len(test)} replies by {', '.join(TEST_WRITERS)}; "
        f"gold = blind second labels for {blind}, the writer's own for the rest\n"
    )
    for language, name in (("en", "English"), ("fr", "French")):
        in_language = [i for i in items if i.record.lang == language]
        if in_language:
            evaluate_language(in_language, name, out)
    out.write("\n")
    train = [r for r in everything if r.writer not in TEST_WRITERS]
    for language, name in (("en", "English"), ("fr", "French")):
        for title, records in (("test", test), ("training sample", train)):
            chosen = [r for r in records if r.lang == language]
            out.write(
                "\n".join(people_lines(chosen, second, f"people, {name}, {title}"))
                + "\n"
            )
    out.write("\n" + "\n".join(speed_lines(items, args.repeats)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
