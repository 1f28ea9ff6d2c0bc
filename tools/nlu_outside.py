"""How well the customer understands replies written outside the project's data.

Usage::

    python -m tools.nlu_outside [--pools DIR]

Reads the reply pools in ``data/customer_eval/`` (agent replies written by
independent writers from each scenario's situation, never from the NLU data,
each labelled by its writer with the moves it makes) and measures two
readings of every reply against those labels:

- **NLU**: the moves of the intent the trained bot's NLU gives the reply;
- **heard**: what the customer acts on, as the bot's action does it: the
  NLU's moves that the empathy scorer's reading of the same reply supports
  (``trainer_api.simulation.moves.confirmed_moves``).

It prints, for each reading, the move macro-F1 (a reply can make several
moves: each move is scored as present or not), every move's precision, recall
and F1, the intent macro-F1 over the replies whose labelled moves form an
intent the bot knows, and the commonest misreadings. The labels are one
writer's reading; the figures are those of the model against that writer.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation.moves import (
    INTENT_MOVES,
    INTENT_SEPARATOR,
    confirmed_moves,
    moves_of_intent,
)

POOLS = PROJECT_ROOT / "data" / "customer_eval"
AGREEMENT = POOLS / "agreement"
"""Second labellers' blind labels of samples of the pools (one file a sample)."""
KINDS = ("good", "partial", "rude")
WORST = 12


@dataclass(frozen=True)
class Labelled:
    """One pool reply and the moves its writer says it makes."""

    scenario: str
    kind: str
    text: str
    moves: frozenset[str]
    language: str = "en"


@dataclass(frozen=True)
class MoveScore:
    move: str
    precision: float
    recall: float
    f1: float
    support: int


def load_pools(directory: Path = POOLS) -> list[Labelled]:
    """Every labelled reply of every pool file in ``directory``."""
    found = []
    for path in sorted(directory.glob("*.yml")):
        pool = yaml.safe_load(path.read_text(encoding="utf-8"))
        language = scenario_language(pool["scenario"])
        for kind in KINDS:
            for item in pool.get(kind) or []:
                moves = frozenset(item["does"])
                unknown = moves - set(INTENT_MOVES)
                if unknown:
                    raise ValueError(f"{path.name}: unknown move(s) {sorted(unknown)}")
                found.append(
                    Labelled(pool["scenario"], kind, item["text"], moves, language)
                )
    return found


def scenario_language(scenario_id: str) -> str:
    """``en`` or ``fr``: the language of a pool's scenario (its ``locale``)."""
    path = PROJECT_ROOT / "scenarios" / f"{scenario_id}.yml"
    if not path.is_file():
        return "en"
    locale = str(yaml.safe_load(path.read_text(encoding="utf-8")).get("locale", "en"))
    return locale.split("-")[0].lower()


def move_scores(
    truth: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]
) -> list[MoveScore]:
    """Per-move precision, recall and F1 (each move present or not), for the
    moves that occur in the labels; worst F1 first."""
    scores = []
    for move in sorted(set().union(*truth)):
        tp = sum(move in t and move in p for t, p in zip(truth, predicted, strict=True))
        fp = sum(
            move not in t and move in p for t, p in zip(truth, predicted, strict=True)
        )
        fn = sum(
            move in t and move not in p for t, p in zip(truth, predicted, strict=True)
        )
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = (
            2 * precision * recall / (precision + recall) if precision + recall else 0.0
        )
        scores.append(MoveScore(move, precision, recall, f1, tp + fn))
    return sorted(scores, key=lambda s: (s.f1, s.move))


def macro(scores: Iterable[MoveScore]) -> float:
    values = [s.f1 for s in scores]
    return sum(values) / len(values) if values else 0.0


def intent_of(moves: Iterable[str], known: frozenset[str]) -> str | None:
    """The bot's intent naming exactly ``moves`` (in either order), if any."""
    parts = sorted(moves)
    for candidate in (parts, parts[::-1]):
        name = INTENT_SEPARATOR.join(candidate)
        if name in known:
            return name
    return None


def intent_macro_f1(
    truth: Sequence[frozenset[str]],
    predicted: Sequence[frozenset[str]],
    known: frozenset[str],
) -> tuple[float, int]:
    """Intent macro-F1 over the replies whose labelled moves form a known
    intent (a predicted set is compared as the intent it names); and how
    many replies that covers."""
    pairs = [
        (intent_of(t, known), intent_of(p, known) or "other")
        for t, p in zip(truth, predicted, strict=True)
    ]
    kept = [(t, p) for t, p in pairs if t is not None]
    as_sets = [(frozenset([t]), frozenset([p])) for t, p in kept]
    scores = move_scores([t for t, _ in as_sets], [p for _, p in as_sets])
    return macro(scores), len(kept)


def confusions(
    truth: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]]
) -> list[tuple[str, str, int]]:
    """The commonest (labelled -> read) pairs where the two differ."""
    counted: Counter[tuple[str, str]] = Counter(
        ("+".join(sorted(t)), "+".join(sorted(p)))
        for t, p in zip(truth, predicted, strict=True)
        if t != p
    )
    return [(t, p, n) for (t, p), n in counted.most_common(WORST)]


def report(
    name: str,
    replies: Sequence[Labelled],
    predicted: Sequence[frozenset[str]],
    known: frozenset[str],
) -> str:
    truth = [r.moves for r in replies]
    scores = move_scores(truth, predicted)
    intent_f1, covered = intent_macro_f1(truth, predicted, known)
    exact = sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth)
    lines = [
        f"{name}: move macro-F1 {macro(scores):.3f}; intent macro-F1 {intent_f1:.3f} "
        f"(on the {covered} of {len(truth)} replies whose moves form a known "
        f"intent); exact moves {exact:.1%}",
        "  move                   precision  recall     F1  support",
    ]
    lines += [
        f"  {s.move:<22} {s.precision:9.2f} {s.recall:7.2f} {s.f1:6.2f} {s.support:8d}"
        for s in scores
    ]
    lines.append("  commonest misreadings (labelled -> read, count):")
    lines += [f"    {t} -> {p}: {n}" for t, p, n in confusions(truth, predicted)]
    return "\n".join(lines)


def agreement(replies: Sequence[Labelled], folder: Path = AGREEMENT) -> str:
    """How a second, blind labeller's moves compare with the writers' on a
    sample: the ceiling to read the model's figures against."""
    writers = {r.text: r.moves for r in replies}
    second = [
        (writers[item["text"]], frozenset(item["does"]))
        for path in sorted(folder.glob("*.yml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if item["text"] in writers
    ]
    if not second:
        return "no second labeller's sample"
    truth, other = [t for t, _ in second], [o for _, o in second]
    scores = move_scores(truth, other)
    intent_f1, covered = intent_macro_f1(truth, other, known_intents())
    exact = sum(t == o for t, o in second) / len(second)
    return (
        f"a second labeller, blind, on {len(second)} of these replies: move macro-F1 "
        f"{macro(scores):.3f}; intent macro-F1 {intent_f1:.3f} (on {covered}); "
        f"exact moves {exact:.1%}"
    )


def _parser(
    model: Path | None, bot_dir: Path | None
) -> Callable[[str], Mapping[str, Any]]:
    """The trained bot's NLU (by default the model of bot/, trained if need
    be), loaded from its bot folder (its custom components)."""
    from tools.bot_model import ensure_model
    from tools.stack import BOT_DIR

    if model is None:
        model, _ = ensure_model()
    os.chdir(bot_dir or BOT_DIR)
    sys.path.insert(0, str(bot_dir or BOT_DIR))
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # not a debug line per reply
    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    return lambda text: loop.run_until_complete(agent.parse_message(text))


def heard(text: str, nlu_moves: Sequence[str]) -> frozenset[str]:
    """What the customer acts on: the NLU's moves the scorer supports."""
    from trainer_api.scoring import score_reply

    scored = score_reply(text)
    return frozenset(
        confirmed_moves(
            nlu_moves,
            scored.dimensions,
            list(scored.penalties),
            scored.score,
        )
    )


def known_intents() -> frozenset[str]:
    domain = yaml.safe_load((PROJECT_ROOT / "bot" / "domain.yml").read_text())
    return frozenset(str(i) for i in domain["intents"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pools", type=Path, default=POOLS)
    parser.add_argument("--model", type=Path, help="a trained model (default: bot/'s)")
    parser.add_argument("--bot-dir", type=Path, help="the model's bot folder")
    args = parser.parse_args(argv)
    replies = load_pools(args.pools)
    if not replies:
        print(f"no reply pools in {args.pools}")  # noqa: T201
        return 1
    parse = _parser(args.model and args.model.resolve(), args.bot_dir)
    nlu = [frozenset(moves_of_intent(parse(r.text)["intent"]["name"])) for r in replies]
    customer = [heard(r.text, sorted(m)) for r, m in zip(replies, nlu, strict=True)]
    known = known_intents()
    writers = sorted({r.scenario for r in replies})
    print(  # noqa: T201
        f"{len(replies)} replies from the pools of {len(writers)} scenarios "
        f"({', '.join(f'{k} {sum(r.kind == k for r in replies)}' for k in KINDS)})\n"
    )
    for language in sorted({r.language for r in replies}):
        chosen = [i for i, r in enumerate(replies) if r.language == language]
        some = [replies[i] for i in chosen]
        print(f"== {language}: {len(some)} replies ==\n")  # noqa: T201
        print(agreement(some) + "\n")  # noqa: T201
        print(report("NLU", some, [nlu[i] for i in chosen], known) + "\n")  # noqa: T201
        print(  # noqa: T201
            report(
                "heard (NLU confirmed by the scorer)",
                some,
                [customer[i] for i in chosen],
                known,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
