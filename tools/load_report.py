"""Figures of ``make load``: latency percentiles, capacity, CPU per turn."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tools.load_learners import Tally

LATENCY_TARGET = 0.5
"""A step is within capacity when its p95 is under this (seconds) and nothing
was lost or refused."""


@dataclass(frozen=True)
class StepFigures:
    """One step of the ramp against one target."""

    target: str
    learners: int
    think: float
    seconds: float
    due: int
    answered: int
    answered_in_window: int
    """Answers that arrived while the step ran (what the server achieved)."""
    lost: int
    errors: int
    p50: float | None
    p95: float | None
    p99: float | None
    starts: int
    start_errors: int
    cpu: Mapping[str, float]
    """CPU seconds each process used during the step."""

    @property
    def offered(self) -> float:
        """Replies per second the learners were due to send."""
        return self.learners / self.think

    @property
    def achieved(self) -> float:
        return self.answered_in_window / self.seconds

    @property
    def within_capacity(self) -> bool:
        return (
            self.p95 is not None
            and self.p95 < LATENCY_TARGET
            and self.lost == 0
            and self.errors == 0
            and self.start_errors == 0
        )

    def cpu_per_turn(self) -> dict[str, float]:
        """CPU milliseconds per answered reply, per process."""
        if not self.answered:
            return {}
        return {name: 1000 * s / self.answered for name, s in self.cpu.items()}

    def as_dict(self) -> dict[str, object]:
        return {
            "target": self.target,
            "learners": self.learners,
            "think_s": self.think,
            "seconds": round(self.seconds, 1),
            "offered_turns_per_s": round(self.offered, 2),
            "achieved_turns_per_s": round(self.achieved, 2),
            "due": self.due,
            "answered": self.answered,
            "lost": self.lost,
            "errors": self.errors,
            "p50_ms": _ms(self.p50),
            "p95_ms": _ms(self.p95),
            "p99_ms": _ms(self.p99),
            "conversations_opened": self.starts,
            "conversations_refused": self.start_errors,
            "cpu_ms_per_turn": {k: round(v, 1) for k, v in self.cpu_per_turn().items()},
        }


def figures(
    target: str,
    learners: int,
    think: float,
    seconds: float,
    tally: Tally,
    cpu: Mapping[str, float],
    timeout: float,
    window: tuple[float, float],
) -> StepFigures:
    """A step's figures; a lost reply counts in the percentiles as waiting
    ``timeout`` (at least), so an overloaded step does not look faster."""
    answered = [s.latency for s in tally.replies if s.latency is not None]
    errors = sum(1 for s in tally.replies if s.error is not None)
    lost = len(tally.replies) - len(answered) - errors
    latencies = sorted([*answered, *[timeout] * lost])
    return StepFigures(
        target=target,
        learners=learners,
        think=think,
        seconds=seconds,
        due=len(tally.replies),
        answered=len(answered),
        answered_in_window=sum(
            1
            for s in tally.replies
            if s.answered is not None and window[0] <= s.answered <= window[1]
        ),
        lost=lost,
        errors=errors,
        p50=percentile(latencies, 50),
        p95=percentile(latencies, 95),
        p99=percentile(latencies, 99),
        starts=len(tally.starts),
        start_errors=len(tally.start_errors),
        cpu=cpu,
    )


def percentile(ordered: Sequence[float], pct: float) -> float | None:
    """The nearest-rank percentile of sorted values (None for none)."""
    if not ordered:
        return None
    rank = max(1, -(-len(ordered) * pct // 100))  # ceil without floats drifting
    return ordered[int(rank) - 1]


def capacity(steps: Iterable[StepFigures]) -> float | None:
    """The highest offered rate (replies/s) of a step within capacity."""
    rates = [s.offered for s in steps if s.within_capacity]
    return max(rates) if rates else None


def table(steps: Sequence[StepFigures]) -> str:
    header = (
        "| target | learners | offered/s | achieved/s | p50 ms | p95 ms | p99 ms "
        "| lost | errors | conversations opened (refused) |"
    )
    lines = [header, "|" + "---|" * 10]
    for s in steps:
        lines.append(
            f"| {s.target} | {s.learners} | {s.offered:.1f} | {s.achieved:.1f} "
            f"| {_cell(s.p50)} | {_cell(s.p95)} | {_cell(s.p99)} | {s.lost} "
            f"| {s.errors} | {s.starts} ({s.start_errors}) |"
        )
    return "\n".join(lines)


def cpu_table(steps: Sequence[StepFigures]) -> str:
    """CPU milliseconds per answered reply, per process and step."""
    names = sorted({name for s in steps for name in s.cpu})
    lines = [
        "| target | learners | " + " | ".join(names) + " |",
        "|" + "---|" * (len(names) + 2),
    ]
    for s in steps:
        per_turn = s.cpu_per_turn()
        cells = " | ".join(
            f"{per_turn[name]:.1f}" if name in per_turn else "-" for name in names
        )
        lines.append(f"| {s.target} | {s.learners} | {cells} |")
    return "\n".join(lines)


def _ms(value: float | None) -> float | None:
    return None if value is None else round(1000 * value, 1)


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{1000 * value:.0f}"


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(leaders: Mapping[str, int]) -> dict[str, float]:
    """CPU seconds used so far by each named process group (every process
    whose group leader is the given pid), user and system time together."""
    used = dict.fromkeys(leaders, 0.0)
    by_group = {pid: name for name, pid in leaders.items()}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # the process ended while we looked
        # fields after the command name (which may hold spaces) in parentheses
        fields = stat[stat.rindex(")") + 2 :].split()
        group = int(fields[2])
        if group in by_group:
            used[by_group[group]] += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return used


def difference(
    after: Mapping[str, float], before: Mapping[str, float]
) -> dict[str, float]:
    return {name: after[name] - before.get(name, 0.0) for name in after}
