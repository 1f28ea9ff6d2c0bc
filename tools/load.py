"""`make load`: a class practising at once, measured as the learners see it.

Starts the product (action server, Rasa, trainer_api) on free loopback ports,
creates distinct learner accounts, then runs a ramp: at each step that many
learners log in, connect over Socket.IO and open a conversation, then reply on
an open-loop schedule (``load_learners``: think times drawn in advance, mean
``--think`` seconds) for ``--seconds``. Replies come from the reply pools of
``data/customer_eval`` (mostly good, some partial, a few rude), so
conversations resolve, escalate and start again as in a class.

The same ramp then runs against the bare bot: the same learners' replies sent
straight to Rasa's learner channel with the score trainer_api would have sent,
so the product's cost over Rasa is a ratio measured side by side.

Per step it prints the offered and achieved replies/s, p50/p95/p99 latency
(from the moment a reply was due to the customer's answer on screen), lost
replies (no answer within ``--timeout``), refused ones, and the CPU each
process spent per reply; then each target's capacity (the highest offered
rate with p95 under 500 ms and nothing lost or refused) and their ratio. With
``--profile`` each process is sampled by py-spy during each step and the
functions that took the time are printed (``load_profile``). Figures also go
to ``var/load/``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx

from tools.bot_model import ensure_model
from tools.customer_eval_learners import load_pool
from tools.load_learners import (
    BotLearner,
    Conversation,
    ProductLearner,
    Tally,
    practise,
)
from tools.load_profile import Profiler
from tools.load_report import (
    StepFigures,
    capacity,
    cpu_seconds,
    cpu_table,
    difference,
    figures,
    table,
)
from tools.stack import Stack, throwaway_postgres, throwaway_stack
from trainer_api.adapters.rasa_client import RasaClient
from trainer_api.scoring import score_reply
from trainer_api.settings import PROJECT_ROOT
from trainer_api.simulation import load_scenario
from trainer_api.storage import repository
from trainer_api.storage.db import make_engine, make_session_factory
from trainer_api.storage.passwords import TEST_COST
from trainer_api.usecases.practice import empathy_metadata

POOLS = PROJECT_ROOT / "data" / "customer_eval"
OUT_DIR = PROJECT_ROOT / "var" / "load"
PASSWORD = "load-learner-password"
MIX = (("good", 0.8), ("partial", 0.15), ("rude", 0.05))
"""The kinds of reply a learner sends, and how often."""
SATURATED_P95 = 5.0
"""A step whose p95 is over this (seconds) ends its target's ramp."""
LOAD_TOOL = "(load tool)"
"""This process's own CPU, reported beside the product's: the simulated
learners share the machine with what they measure."""
JOINING_AT_ONCE = 8
"""Learners logging in and opening a conversation at the same moment, before
a step's clock starts (logins are not what a step measures)."""


def main(argv: Sequence[str] | None = None) -> int:
    options = _options(argv)
    # stopped with SIGTERM, still stop the stack it started (ExitStack below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    model, _ = ensure_model()
    with ExitStack() as cleanup:
        work = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="load-")))
        database_url, tracker_url = cleanup.enter_context(_databases(options, work))
        stack = throwaway_stack(
            model=model,
            database_url=database_url,
            work_dir=work,
            tracker_url=tracker_url,
        )
        logins = _create_learners(database_url, max(options.learners))
        scenarios = _scenarios(database_url, options.scenarios)
        replies = _replies(options.scenarios)
        _say(
            f"machine: {os.cpu_count()} cores; database {options.database}; "
            f"{len(options.scenarios)} scenarios; think {options.think:g} s; "
            f"{options.seconds:g} s per step"
        )
        stack.start()
        cleanup.callback(stack.stop)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        profiler = Profiler(OUT_DIR / f"profiles-{stamp}") if options.profile else None
        steps = asyncio.run(_ramp(stack, options, logins, scenarios, replies, profiler))
        _report(steps, options, profiler)
    return 0


def _options(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make load", description=__doc__)
    parser.add_argument(
        "--learners",
        type=_counts,
        default=(50, 100, 150, 200, 300, 400),
        help="learners at each step of the ramp, comma-separated "
        "(50,100,150,200,300,400)",
    )
    parser.add_argument(
        "--think", type=float, default=10.0, help="mean seconds between replies (10)"
    )
    parser.add_argument(
        "--seconds", type=float, default=60.0, help="length of each step (60)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconds after which an unanswered reply counts as lost (30)",
    )
    parser.add_argument(
        "--scenarios",
        type=lambda text: tuple(s for s in text.split(",") if s),
        default=tuple(sorted(p.stem for p in POOLS.glob("*.yml"))),
        help="scenario mix, comma-separated (every scenario with a reply pool)",
    )
    parser.add_argument(
        "--target",
        choices=("both", "product", "rasa"),
        default="both",
        help="the product through trainer_api, the bare bot, or both (both)",
    )
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="sqlite as `make run`, or postgresql (TEST_DATABASE_URL's server, "
        "else 127.0.0.1:5432) for trainer_api and Rasa's tracker store",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample every process with py-spy during each step",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    return parser.parse_args(argv)


def _counts(text: str) -> tuple[int, ...]:
    counts = tuple(int(part) for part in text.split(",") if part)
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("give positive learner counts, e.g. 25,50")
    return counts


@contextmanager
def _databases(options: argparse.Namespace, work: Path) -> Iterator[tuple[str, str]]:
    """trainer_api's database and Rasa's tracker store."""
    if options.database == "sqlite":
        yield f"sqlite:///{work / 'trainer.db'}", f"sqlite:///{work / 'tracker.db'}"
        return
    server = os.environ.get(
        "TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
    )
    with throwaway_postgres(server) as trainer, throwaway_postgres(server) as tracker:
        yield trainer, tracker


def _create_learners(database_url: str, count: int) -> list[tuple[str, str]]:
    """Distinct learner accounts (cheap password hashes: logins happen before
    a step's clock starts and are not what it measures)."""
    engine = make_engine(database_url)
    logins = [(f"load-{n:04d}", PASSWORD) for n in range(1, count + 1)]
    try:
        with make_session_factory(engine).begin() as db:
            for username, password in logins:
                repository.create_user(
                    db=db,
                    username=username,
                    display_name=f"Load learner {username[5:]}",
                    role="learner",
                    password=password,
                    cost=TEST_COST,
                )
    finally:
        engine.dispose()
    return logins


def _scenarios(database_url: str, ids: Sequence[str]) -> list[tuple[str, str]]:
    """(id, version) of each scenario, recorded where the action server reads."""
    engine = make_engine(database_url)
    pinned = []
    try:
        with make_session_factory(engine).begin() as db:
            for scenario_id in ids:
                scenario = load_scenario(PROJECT_ROOT / "scenarios", scenario_id)
                repository.record_scenario_version(db=db, scenario=scenario)
                pinned.append((scenario.id, scenario.content_hash))
    finally:
        engine.dispose()
    return pinned


def _replies(ids: Sequence[str]) -> dict[str, dict[str, list[str]]]:
    """Each scenario's pool replies by kind (good, partial, rude)."""
    pools = {}
    for scenario_id in ids:
        pool = load_pool(POOLS / f"{scenario_id}.yml")
        pools[scenario_id] = {
            "good": [r.text for r in pool.good],
            "partial": [r.text for r in pool.partial],
            "rude": [r.text for r in pool.rude],
        }
    return pools


def _script(pool: dict[str, list[str]], rng: random.Random, length: int) -> list[str]:
    kinds = [kind for kind, _ in MIX if pool[kind]]
    weights = [weight for kind, weight in MIX if pool[kind]]
    return [rng.choice(pool[rng.choices(kinds, weights)[0]]) for _ in range(length)]


async def _ramp(
    stack: Stack,
    options: argparse.Namespace,
    logins: list[tuple[str, str]],
    scenarios: list[tuple[str, str]],
    replies: dict[str, dict[str, list[str]]],
    profiler: Profiler | None,
) -> list[StepFigures]:
    targets = ("product", "rasa") if options.target == "both" else (options.target,)
    metadata = await asyncio.to_thread(_scores, replies) if "rasa" in targets else {}
    steps: list[StepFigures] = []
    for target in targets:
        for learners in options.learners:
            if steps and steps[-1].target == target and _saturated(steps[-1]):
                _say(f"{target:>7} {learners:>4} learners: skipped (saturated below)")
                continue
            rng = random.Random(f"{options.seed}-{learners}")
            step = await _step(
                stack, options, target, learners, rng, logins, scenarios, replies,
                metadata, profiler,
            )  # fmt: skip
            _say(
                f"{target:>7} {learners:>4} learners: offered {step.offered:.1f}/s, "
                f"achieved {step.achieved:.1f}/s, p95 "
                f"{'-' if step.p95 is None else f'{1000 * step.p95:.0f} ms'}, "
                f"lost {step.lost}, errors {step.errors}"
            )
            steps.append(step)
    return steps


def _saturated(step: StepFigures) -> bool:
    """Far past capacity: a larger class would only wait longer."""
    return step.p95 is None or step.p95 > SATURATED_P95 or step.lost > 0


def _scores(replies: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, Any]]:
    """The ``empathy`` metadata trainer_api would send with each reply."""
    texts = {t for pool in replies.values() for kind in pool.values() for t in kind}
    return {text: empathy_metadata(score_reply(text)) for text in texts}


async def _step(
    stack: Stack,
    options: argparse.Namespace,
    target: str,
    learners: int,
    rng: random.Random,
    logins: list[tuple[str, str]],
    scenarios: list[tuple[str, str]],
    replies: dict[str, dict[str, list[str]]],
    metadata: dict[str, dict[str, Any]],
    profiler: Profiler | None,
) -> StepFigures:
    rasa = RasaClient(stack.config.rasa_url, timeout=options.timeout)
    web = httpx.AsyncClient(base_url=stack.config.web_url, timeout=options.timeout)
    conversations: list[Conversation] = []
    for index in range(learners):
        scenario = scenarios[index % len(scenarios)]
        if target == "product":
            conversations.append(
                ProductLearner(
                    stack.config.web_url,
                    logins[index],
                    scenario[0],
                    web,
                    options.timeout,
                )  # fmt: skip
            )
        else:
            conversations.append(BotLearner(rasa, scenario, metadata))
    tally = Tally()
    try:
        await _join(conversations)
        leaders = stack.pids()
        if profiler is not None:
            profiler.start(f"{target}-{learners}", leaders, options.seconds)
        cpu_before = cpu_seconds(leaders) | {LOAD_TOOL: time.process_time()}
        start = time.monotonic() + 0.5
        await asyncio.gather(
            *(
                practise(
                    conversation,
                    _script(replies[scenarios[i % len(scenarios)][0]], rng, 200),
                    rng=random.Random(rng.random()),
                    think=options.think,
                    start=start,
                    end=start + options.seconds,
                    timeout=options.timeout,
                    tally=tally,
                )
                for i, conversation in enumerate(conversations)
            )
        )
        used = difference(
            cpu_seconds(leaders) | {LOAD_TOOL: time.process_time()}, cpu_before
        )
        if profiler is not None:
            profiler.finish()
    finally:
        await asyncio.gather(
            *(c.leave() for c in conversations), return_exceptions=True
        )
        await web.aclose()
        await rasa.close()
    return figures(
        target,
        learners,
        options.think,
        options.seconds,
        tally,
        used,
        options.timeout,
        (start, start + options.seconds),
    )


async def _join(conversations: Sequence[Conversation]) -> None:
    gate = asyncio.Semaphore(JOINING_AT_ONCE)

    async def join(conversation: Conversation) -> None:
        async with gate:
            await conversation.join()

    await asyncio.gather(*(join(c) for c in conversations))


def _report(
    steps: list[StepFigures], options: argparse.Namespace, profiler: Profiler | None
) -> None:
    _say("")
    _say(table(steps))
    _say("")
    _say("CPU milliseconds per answered reply, per process:")
    _say(cpu_table(steps))
    product = capacity(s for s in steps if s.target == "product")
    bare = capacity(s for s in steps if s.target == "rasa")
    _say("")
    _say(
        "capacity (highest offered replies/s with p95 < 500 ms, nothing lost): "
        f"product {_rate(product)}, bare Rasa {_rate(bare)}"
        + (f", ratio {product / bare:.2f}" if product and bare else "")
    )
    if profiler is not None:
        _say("")
        _say(profiler.summary())
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    out = OUT_DIR / f"load-{stamp}.json"
    document = {
        "options": {
            k: v for k, v in vars(options).items() if isinstance(v, (int, float, str))
        }
        | {"learners": list(options.learners), "scenarios": list(options.scenarios)},
        "cores": os.cpu_count(),
        "steps": [s.as_dict() for s in steps],
        "capacity": {"product": product, "rasa": bare},
    }
    out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    _say(f"figures written to {out.relative_to(PROJECT_ROOT)}")


def _rate(value: float | None) -> str:
    return "none of the steps" if value is None else f"{value:.1f}/s"


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
