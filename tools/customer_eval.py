"""`make eval-customer`: how believable the simulated customer is, end to end.

Starts the action server, the Rasa server (the trained model) and trainer_api
on free loopback ports with a throwaway SQLite database, as ``make bench``
does, then plays simulated learners through trainer_api over Socket.IO, as
real learners talk to it (``customer_eval_play``): ``--conversations`` of each
kind for every published scenario, or for those named with ``--scenario``.
``--scenario-file`` plays any scenario file: it is imported into the stack's
database first, as the seed library is on migrate.

The learners (``customer_eval_learners``) use reply pools from
``data/customer_eval/<scenario_id>.yml``, written apart from the bot's NLU
data (a pool reply that is an NLU example is left out):
- good_random: good replies in random order, never the same twice;
- good_listening: reads the needs panel and picks a good reply that meets
  the first unmet need (its ``does`` has a move of that need's ``met_by``);
- partial: partly good replies 60 % of the time, good ones otherwise;
- rude: rude replies only;
- scripted: the scenario's own ``scripts``, each checked against its ``expect``;
- odd: one-word replies, gibberish and French, mixed.
A scenario without a pool is played by the scripted and odd learners only.

Printed: the figures per scenario and learner kind, the issue's targets met
or not, and examples of each thing counted (``customer_eval_metrics`` says
exactly how each is counted). Every conversation and figure is written to
``var/eval/customer-<UTC time>.json``. The exit status is 0 whether the
targets are met or not (this is a measurement); it is 2 for a usage or input
problem and 1 when the stack fails. ``--seed`` replays the same learners; the
customer's own seed is drawn by trainer_api for each session, as in practice,
so the customer's wording differs between runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from tools.bot_model import TrainingFailed, ensure_model
from tools.customer_eval_learners import (
    Learner,
    ListeningGood,
    Odd,
    PartlyGood,
    PoolError,
    RandomGood,
    ReplyPool,
    Rude,
    Scripted,
    load_pool,
    without_training_data,
)
from tools.customer_eval_metrics import Conversation, LineIndex, findings_of
from tools.customer_eval_play import Plan, play_all
from tools.customer_eval_report import json_document, printed_report
from tools.customer_eval_summary import KINDS, check_targets
from tools.learner_socket import login_cookie
from tools.stack import BOT_DIR, StackError, throwaway_stack
from trainer_api.provisioning import import_scenarios
from trainer_api.settings import PROJECT_ROOT, Settings
from trainer_api.simulation import Scenario, ScenarioError, parse_scenario
from trainer_api.storage import scenarios as scenario_store
from trainer_api.storage.db import make_engine, make_session_factory

POOL_DIR = PROJECT_ROOT / "data" / "customer_eval"
OUT_DIR = PROJECT_ROOT / "var" / "eval"
LEARNER = ("learner", "learner-demo")
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


class UsageError(ValueError):
    """An argument or input file the harness cannot use."""


@dataclass(frozen=True)
class Run:
    """What one run played, against which scenarios, pools and bot model."""

    conversations: list[Conversation]
    scenarios: list[Scenario]
    pools: dict[str, ReplyPool | None]
    model: str


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    began = time.monotonic()
    try:
        files = [_scenario_file(Path(path)) for path in args.scenario_file]
        with tempfile.TemporaryDirectory(prefix="empathy-eval-") as work:
            run = _run(args, files, Path(work))
    except (UsageError, PoolError, ScenarioError) as error:
        sys.stderr.write(f"eval-customer: {error}\n")
        return 2
    except (StackError, TrainingFailed) as error:
        sys.stderr.write(f"eval-customer: the stack failed: {error}\n")
        return 1
    seconds = time.monotonic() - began
    _report(args, run, seconds)
    return 0


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.customer_eval",
        description="Play simulated learners against the customer through the "
        "real stack and count what makes the customer unbelievable.",
    )
    parser.add_argument("--scenario", action="append", default=[], metavar="ID")
    parser.add_argument("--scenario-file", action="append", default=[], metavar="PATH")
    parser.add_argument("--conversations", type=_positive, default=12, metavar="N")
    parser.add_argument("--max-turns", type=_positive, default=14, metavar="N")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--at-once", type=_positive, default=3, metavar="N")
    parser.add_argument("--pool-dir", type=Path, default=POOL_DIR, metavar="DIR")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, metavar="DIR")
    return parser.parse_args(argv)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value


def _scenario_file(path: Path) -> Scenario:
    """Parse a scenario file before anything starts, so a bad one fails fast."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read scenario file {path}: {error}") from error
    return parse_scenario(text, source=str(path))


def _run(args: argparse.Namespace, files: Sequence[Scenario], work: Path) -> Run:
    """Start the stack, play every planned conversation, stop the stack."""
    model, _ = ensure_model(log=PROJECT_ROOT / "var" / "log" / "train.log")
    database_url = f"sqlite:///{work / 'eval.db'}"
    stack = throwaway_stack(model=model, database_url=database_url, work_dir=work)
    _import_files(database_url, files, work / "scenario-files")
    scenarios = _chosen(_published(database_url), args.scenario, files)
    pools = {s.id: _pool(args.pool_dir, s.id) for s in scenarios}
    plans = [plan for s in scenarios for plan in _plans(s, pools[s.id], args)]
    _say(f"starting the stack to play {len(plans)} conversations ...", sys.stderr)
    stack.start()
    try:
        played = asyncio.run(_play(stack.config.web_url, plans, args))
    finally:
        stack.stop()
    return Run(played, scenarios, pools, model.name.removesuffix(".tar.gz"))


def _import_files(database_url: str, files: Sequence[Scenario], folder: Path) -> None:
    """Publish scenario files in the stack's database, as migrate does with
    the seed library (``provisioning.import_scenarios``)."""
    if not files:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for scenario in files:
        (folder / f"{scenario.id}.yml").write_text(
            scenario.source_text, encoding="utf-8"
        )
    import_scenarios(
        Settings(environment="test", database_url=database_url, scenarios_dir=folder)
    )


def _published(database_url: str) -> list[Scenario]:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as db:
            return [entry.scenario for entry in scenario_store.published(db)]
    finally:
        engine.dispose()


def _chosen(
    published: Sequence[Scenario], ids: Sequence[str], files: Sequence[Scenario]
) -> list[Scenario]:
    """The scenarios to play: those named (ids, files), else every published one."""
    by_id = {scenario.id: scenario for scenario in published}
    wanted = list(dict.fromkeys([*ids, *(scenario.id for scenario in files)]))
    unknown = [scenario_id for scenario_id in wanted if scenario_id not in by_id]
    if unknown:
        raise UsageError(
            f"no published scenario {', '.join(unknown)}; "
            f"published: {', '.join(sorted(by_id))}"
        )
    return [by_id[scenario_id] for scenario_id in wanted] or sorted(
        published, key=lambda s: s.id
    )


def _pool(pool_dir: Path, scenario_id: str) -> ReplyPool | None:
    path = pool_dir / f"{scenario_id}.yml"
    if not path.is_file():
        return None
    pool = load_pool(path)
    if pool.scenario_id != scenario_id:
        raise PoolError(f"{path}: is for scenario {pool.scenario_id!r}")
    return without_training_data(pool, nlu_examples())


def nlu_examples(data_dir: Path = BOT_DIR / "data") -> list[str]:
    """The bot's NLU training examples (every file of ``data_dir`` with an
    ``nlu`` part), entity annotations taken out."""
    examples = []
    for path in sorted(data_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("nlu") or []:
            if "intent" not in item:
                continue
            for line in str(item.get("examples", "")).splitlines():
                text = line.strip().removeprefix("- ")
                examples.append(_ANNOTATION.sub(r"\1", text))
    return examples


def slot_names(domain_file: Path = BOT_DIR / "domain.yml") -> list[str]:
    """The bot's slot names, none of which a learner should ever see."""
    domain = yaml.safe_load(domain_file.read_text(encoding="utf-8"))
    return sorted(domain.get("slots") or {})


def _plans(
    scenario: Scenario, pool: ReplyPool | None, args: argparse.Namespace
) -> list[Plan]:
    """``--conversations`` of each learner kind that can play ``scenario``."""
    needs = [(need.id, need.description) for need in scenario.needs]
    plans = []
    for kind in KINDS:
        for number in range(args.conversations):
            rng = random.Random(f"{args.seed}:{scenario.id}:{kind}:{number}")
            learner = _learner(kind, rng, scenario, pool, number)
            if learner is None:
                continue
            script = learner.script if isinstance(learner, Scripted) else None
            plans.append(
                Plan(
                    scenario.id,
                    learner,
                    needs,
                    script=script.name if script else None,
                    expect=script.expect if script else None,
                )
            )
    return plans


def _learner(
    kind: str,
    rng: random.Random,
    scenario: Scenario,
    pool: ReplyPool | None,
    number: int,
) -> Learner | None:
    """The ``number``-th learner of ``kind``; None if it has nothing to say."""
    if kind == "scripted":
        scripts = scenario.scripts
        return Scripted(rng, scripts[number % len(scripts)]) if scripts else None
    if kind == "odd":
        return Odd(rng)
    if pool is None:
        return None
    if kind == "good_listening":
        met_by = {need.id: need.met_by for need in scenario.needs}
        return ListeningGood(rng, pool, met_by)
    if kind == "partial":
        return PartlyGood(rng, pool)
    return Rude(rng, pool) if kind == "rude" else RandomGood(rng, pool)


async def _play(
    base_url: str, plans: Sequence[Plan], args: argparse.Namespace
) -> list[Conversation]:
    cookie = await login_cookie(base_url, *LEARNER)
    progress = _Progress(len(plans))
    return await play_all(
        base_url,
        cookie,
        plans,
        max_turns=args.max_turns,
        at_once=args.at_once,
        done=progress.tick,
    )


class _Progress:
    """A line on stderr every tenth of the conversations."""

    def __init__(self, total: int) -> None:
        self.total, self.finished = total, 0
        self.began = time.monotonic()

    def tick(self, conversation: Conversation) -> None:
        self.finished += 1
        step = max(1, self.total // 10)
        if self.finished % step == 0 or self.finished == self.total:
            seconds = time.monotonic() - self.began
            done = f"{self.finished}/{self.total}"
            _say(f"  played {done} conversations ({seconds:.0f} s)", sys.stderr)


def _report(args: argparse.Namespace, run: Run, seconds: float) -> None:
    """Count, print the report and write the JSON record."""
    indexes = {scenario.id: LineIndex.of(scenario) for scenario in run.scenarios}
    slots = slot_names()
    played = [
        (c, findings_of(c, indexes[c.scenario_id], slots)) for c in run.conversations
    ]
    checks = check_targets(played, [scenario.id for scenario in run.scenarios])
    now = datetime.now(timezone.utc)
    document = json_document(
        settings={
            "seed": args.seed,
            "conversations_per_kind": args.conversations,
            "max_turns": args.max_turns,
            "at_once": args.at_once,
            "bot_model": run.model,
        },
        played=played,
        scenarios=run.scenarios,
        pools=run.pools,
        checks=checks,
        finished_at=now,
        seconds=seconds,
    )
    args.out_dir.mkdir(parents=True, exist_ok=True)
    path = args.out_dir / f"customer-{now:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    lines = [
        f"customer bot model {run.model}, seed {args.seed}, "
        f"{args.conversations} conversations per learner kind and scenario",
        "",
        *printed_report(played, run.scenarios, run.pools, checks),
        "",
        f"figures and conversations: {path}",
        f"took {seconds:.0f} s",
    ]
    _say("\n".join(lines))


def _say(text: str, stream: Any = None) -> None:
    out = stream or sys.stdout
    out.write(text + "\n")
    out.flush()


if __name__ == "__main__":
    sys.exit(main())
