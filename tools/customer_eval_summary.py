"""Figures and targets of ``make eval-customer``, from recorded conversations.

Pure: :func:`summarise` turns conversations and their findings
(``customer_eval_metrics``) into the figures of one group (a scenario and a
learner kind, or any other grouping), and :func:`check_targets` holds them
against the targets of the issue that asked for the harness.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from tools.customer_eval_metrics import Conversation, Findings

GOOD_KINDS = ("good_random", "good_listening")
KINDS = (*GOOD_KINDS, "partial", "rude", "scripted", "odd")
ENDED_BADLY = ("escalated", "abandoned")
RESOLVE_TARGET = 0.9
MEDIAN_REPLIES_TARGET = 6
RUDE_TARGET = 0.9


@dataclass(frozen=True)
class Summary:
    """The figures of one group of conversations."""

    conversations: int
    resolved: int
    replies_to_resolution: tuple[int, ...]
    ended_badly: int
    statuses: Mapping[str, int]
    repeat_conversations: int
    repeats: int
    restated: int
    reasked_conversations: int
    reasked: int
    offer_conversations: int
    unmade_offers: int
    leaks: int
    errors: int
    lost: int
    out_of_replies: int
    scripts_as_expected: int
    scripts: int

    @property
    def resolution_rate(self) -> float | None:
        return _rate(self.resolved, self.conversations)

    @property
    def ended_badly_rate(self) -> float | None:
        return _rate(self.ended_badly, self.conversations)

    @property
    def median_replies(self) -> float | None:
        replies = self.replies_to_resolution
        return statistics.median(replies) if replies else None

    @property
    def p90_replies(self) -> int | None:
        return nearest_rank(self.replies_to_resolution, 0.9)

    def to_dict(self) -> dict[str, Any]:
        figures = asdict(self)
        figures.update(
            resolution_rate=self.resolution_rate,
            ended_badly_rate=self.ended_badly_rate,
            median_replies_to_resolution=self.median_replies,
            p90_replies_to_resolution=self.p90_replies,
        )
        return figures


def _rate(count: int, total: int) -> float | None:
    return count / total if total else None


def nearest_rank(values: Sequence[int], fraction: float) -> int | None:
    """The nearest-rank percentile: the smallest value at or above ``fraction``
    of the sorted values (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summarise(played: Sequence[tuple[Conversation, Findings]]) -> Summary:
    """The figures of a group of conversations and what was found in each."""
    conversations = [conversation for conversation, _ in played]
    resolved = [c for c in conversations if c.status == "resolved"]
    scripted = [c for c in conversations if c.expect is not None]
    return Summary(
        conversations=len(conversations),
        resolved=len(resolved),
        replies_to_resolution=tuple(sorted(c.replies for c in resolved)),
        ended_badly=sum(c.status in ENDED_BADLY for c in conversations),
        statuses=dict(Counter(c.status for c in conversations)),
        repeat_conversations=sum(bool(f.repeats) for _, f in played),
        repeats=sum(len(f.repeats) for _, f in played),
        restated=sum(len(f.restated) for _, f in played),
        reasked_conversations=sum(bool(f.reasked) for _, f in played),
        reasked=sum(len(f.reasked) for _, f in played),
        offer_conversations=sum(bool(f.unmade_offers) for _, f in played),
        unmade_offers=sum(len(f.unmade_offers) for _, f in played),
        leaks=sum(len(f.leaks) for _, f in played),
        errors=sum(c.errors for c in conversations),
        lost=sum(c.lost for c in conversations),
        out_of_replies=sum(c.out_of_replies for c in conversations),
        scripts_as_expected=sum(c.status == c.expect for c in scripted),
        scripts=len(scripted),
    )


@dataclass(frozen=True)
class Target:
    """A target of the issue: which learners it is about and how it is met."""

    name: str
    kinds: tuple[str, ...]
    measure: Callable[[Summary], float | None]
    met: Callable[[float], bool]
    unit: str = ""


TARGETS: tuple[Target, ...] = (
    *(
        Target(
            f"{kind}: resolved >= 90 %",
            (kind,),
            lambda s: s.resolution_rate,
            lambda v: v >= RESOLVE_TARGET,
            "%",
        )
        for kind in GOOD_KINDS
    ),
    *(
        Target(
            f"{kind}: median replies to resolution <= {MEDIAN_REPLIES_TARGET}",
            (kind,),
            lambda s: s.median_replies,
            lambda v: v <= MEDIAN_REPLIES_TARGET,
        )
        for kind in GOOD_KINDS
    ),
    Target(
        "rude: escalated or left >= 90 %",
        ("rude",),
        lambda s: s.ended_badly_rate,
        lambda v: v >= RUDE_TARGET,
        "%",
    ),
    Target("no verbatim repeats", KINDS, lambda s: s.repeats, lambda v: v == 0),
    Target(
        "no re-asked answered questions", KINDS, lambda s: s.reasked, lambda v: v == 0
    ),
    Target(
        "no accepted offers never made",
        KINDS,
        lambda s: s.unmade_offers,
        lambda v: v == 0,
    ),
    Target("nothing internal shown", KINDS, lambda s: s.leaks, lambda v: v == 0),
    Target(
        "scripts end as expected",
        ("scripted",),
        lambda s: s.scripts - s.scripts_as_expected if s.scripts else None,
        lambda v: v == 0,
    ),
    Target(
        "no errors or lost turns",
        KINDS,
        lambda s: s.errors + s.lost,
        lambda v: v == 0,
    ),
)


@dataclass(frozen=True)
class TargetCheck:
    """One target in one scope (a scenario id, or ``all``)."""

    target: str
    scope: str
    value: float | None
    met: bool | None
    """None when the scope has no conversation the target is about."""
    unit: str = ""

    @property
    def shown(self) -> str:
        """The value as the table shows it, marked when the target is missed."""
        if self.value is None:
            return "-" if self.met is None else "none x"
        if self.unit == "%":
            text = f"{self.value:.0%}"
        elif float(self.value).is_integer():
            text = str(int(self.value))
        else:
            text = f"{self.value:.1f}"
        return text if self.met else f"{text} x"


def check_targets(
    played: Sequence[tuple[Conversation, Findings]], scopes: Sequence[str]
) -> list[TargetCheck]:
    """Every target, for each scenario in ``scopes`` and for all together."""
    checks = []
    for target in TARGETS:
        for scope in (*scopes, "all"):
            group = [
                pair
                for pair in played
                if pair[0].kind in target.kinds
                and (scope == "all" or pair[0].scenario_id == scope)
            ]
            value = target.measure(summarise(group)) if group else None
            met = None if value is None else target.met(value)
            if group and value is None:
                met = False  # e.g. good learners who never resolved
            checks.append(TargetCheck(target.name, scope, value, met, target.unit))
    return checks


def verdict(checks: Sequence[TargetCheck]) -> bool:
    """True when every target that has conversations to judge is met."""
    return all(check.met is not False for check in checks)
