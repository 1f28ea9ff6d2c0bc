"""The report of ``make eval-customer``: the printed figures, targets and
examples, and the JSON record of every conversation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from tools.customer_eval_learners import ReplyPool
from tools.customer_eval_metrics import Conversation, Finding, Findings
from tools.customer_eval_summary import (
    KINDS,
    Summary,
    TargetCheck,
    summarise,
    verdict,
)
from trainer_api.simulation import Scenario

EXAMPLES_PER_COUNT = 3
Played = Sequence[tuple[Conversation, Findings]]
_COLUMNS = (
    ("kind", 15),
    ("convs", 5),
    ("resolved", 8),
    ("median", 6),
    ("p90", 4),
    ("esc/left", 8),
    ("open", 4),
    ("repeats", 8),
    ("restated", 8),
    ("re-asked", 8),
    ("offers", 7),
    ("leaks", 5),
    ("err/lost", 8),
)
COUNTS = (
    ("repeats", "verbatim repeat"),
    ("restated", "line said again as a repeat"),
    ("reasked", "re-asked answered question"),
    ("unmade_offers", "accepted offer never made"),
    ("leaks", "internal leak"),
)


def scenario_table(
    title: str, note: str, played: Sequence[tuple[Conversation, Findings]]
) -> list[str]:
    """A group's figures (one scenario, or all), a row per learner kind."""
    header = _row(name for name, _ in _COLUMNS)
    lines = [f"== {title}", f"   {note}", header]
    for kind in KINDS:
        group = [pair for pair in played if pair[0].kind == kind]
        if group:
            lines.append(_row(_cells(kind, summarise(group))))
    return lines


def pool_note(pool: ReplyPool | None) -> str:
    """What the scenario's reply pool holds, for the table's heading."""
    if pool is None:
        return "no reply pool: only the scripted and odd learners play"
    note = (
        f"reply pool by {pool.writer}: {len(pool.good)} good, "
        f"{len(pool.partial)} partial, {len(pool.rude)} rude"
    )
    if pool.dropped:
        note += f"; {pool.dropped} left out (in the NLU data)"
    if pool.unknown_moves:
        note += f"; unknown moves in does: {', '.join(pool.unknown_moves)}"
    return note


def _cells(kind: str, summary: Summary) -> list[str]:
    return [
        kind,
        str(summary.conversations),
        _percent(summary.resolution_rate),
        _number(summary.median_replies),
        _number(summary.p90_replies),
        _percent(summary.ended_badly_rate),
        str(summary.statuses.get("active", 0)),
        f"{summary.repeat_conversations}/{summary.repeats}",
        str(summary.restated),
        f"{summary.reasked_conversations}/{summary.reasked}",
        f"{summary.offer_conversations}/{summary.unmade_offers}",
        str(summary.leaks),
        f"{summary.errors}/{summary.lost}",
    ]


def _row(cells: Iterable[str]) -> str:
    texts = list(cells)
    return "  ".join(
        str(text).ljust(width) if i == 0 else str(text).rjust(width)
        for i, (text, (_, width)) in enumerate(zip(texts, _COLUMNS, strict=True))
    )


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


LEGEND = (
    "open: still going when the learner stopped (--max-turns, or out of replies); "
    "repeats, re-asked, offers: conversations with any / total count;\n"
    'restated: lines said again framed as a repeat ("As I said: ...");\n'
    "err/lost: refused replies / customer answers that never arrived"
)


def target_lines(checks: Sequence[TargetCheck], passed: bool) -> list[str]:
    """Each target met or not across every scenario, and the verdict."""
    lines = ["== targets (all scenarios; where missed, per scenario)"]
    width = max((len(check.target) for check in checks), default=10)
    for target in dict.fromkeys(check.target for check in checks):
        mine = [check for check in checks if check.target == target]
        overall = next(check for check in mine if check.scope == "all")
        missed = [c for c in mine if c.scope != "all" and c.met is False]
        state = "met" if not missed and overall.met is not False else "NOT MET"
        if overall.met is None:
            state = "no data"
        where = ", ".join(f"{c.scope} {c.shown}" for c in missed)
        lines.append(
            f"  {target.ljust(width)}  {overall.shown:>7}  {state:<7}  {where}"
        )
    lines.append(f"verdict: {'every target met' if passed else 'targets not met'}")
    return lines


def example_lines(played: Sequence[tuple[Conversation, Findings]]) -> list[str]:
    """A few of each thing counted, to read the customer's words."""
    lines = []
    for attribute, label in COUNTS:
        found = [
            (conversation, finding)
            for conversation, findings in played
            for finding in getattr(findings, attribute)
        ]
        if not found:
            continue
        lines.append(f"== examples: {label} ({len(found)})")
        distinct: dict[str, tuple[Conversation, Finding]] = {}
        for conversation, finding in found:
            distinct.setdefault(finding.text, (conversation, finding))
        for conversation, finding in list(distinct.values())[:EXAMPLES_PER_COUNT]:
            lines.append(_example(conversation, finding))
    return lines


def _example(conversation: Conversation, finding: Finding) -> str:
    where = f"{conversation.scenario_id}/{conversation.kind} turn {finding.turn}"
    reply = ""
    if finding.turn > 0:
        reply = f" after {conversation.exchanges[finding.turn - 1].reply!r}"
    detail = f" [{finding.detail}]" if finding.detail else ""
    return f"  {where}{reply}: {finding.text!r}{detail}"


def script_lines(played: Sequence[tuple[Conversation, Findings]]) -> list[str]:
    """Scripts that did not end as they expect."""
    return [
        f"  script {c.scenario_id}/{c.script}: expected {c.expect}, ended {c.status}"
        for c, _ in played
        if c.expect is not None and c.status != c.expect
    ]


def printed_report(
    played: Played,
    scenarios: Sequence[Scenario],
    pools: Mapping[str, ReplyPool | None],
    checks: Sequence[TargetCheck],
) -> list[str]:
    """Every scenario's table, all scenarios together, targets and examples."""
    lines: list[str] = []
    for scenario in scenarios:
        mine = [pair for pair in played if pair[0].scenario_id == scenario.id]
        note = pool_note(pools[scenario.id])
        lines += [*scenario_table(scenario.id, note, mine), ""]
    every = f"{len(scenarios)} scenario(s) together"
    lines += [*scenario_table("all scenarios", every, played), LEGEND, ""]
    lines += [*script_lines(played), *target_lines(checks, verdict(checks)), ""]
    return lines + example_lines(played)


def json_document(
    *,
    settings: Mapping[str, Any],
    played: Played,
    scenarios: Sequence[Scenario],
    pools: Mapping[str, ReplyPool | None],
    checks: Sequence[TargetCheck],
    finished_at: datetime,
    seconds: float,
) -> dict[str, Any]:
    """Everything measured, every conversation included, as JSON data."""
    return {
        "finished_at": finished_at.isoformat(),
        "seconds": round(seconds, 1),
        "settings": dict(settings),
        "scenarios": {
            s.id: {
                "version": s.content_hash,
                "title": s.title,
                "pool": _pool_view(pools[s.id]),
            }
            for s in scenarios
        },
        "figures": _figures(played, [s.id for s in scenarios]),
        "targets": [{**asdict(check), "shown": check.shown} for check in checks],
        "every_target_met": verdict(checks),
        "conversations": [_conversation_view(c, f) for c, f in played],
    }


def _pool_view(pool: ReplyPool | None) -> dict[str, Any] | None:
    if pool is None:
        return None
    return {
        "writer": pool.writer,
        "good": len(pool.good),
        "partial": len(pool.partial),
        "rude": len(pool.rude),
        "left_out_as_nlu_examples": pool.dropped,
        "unknown_moves": list(pool.unknown_moves),
    }


def _figures(played: Played, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Each scenario's (and all scenarios') figures by learner kind."""
    figures: dict[str, dict[str, Any]] = {}
    for scope in (*ids, "all"):
        for kind in KINDS:
            group = [
                (c, f)
                for c, f in played
                if c.kind == kind and scope in ("all", c.scenario_id)
            ]
            if group:
                figures.setdefault(scope, {})[kind] = summarise(group).to_dict()
    return figures


def _conversation_view(
    conversation: Conversation, findings: Findings
) -> dict[str, Any]:
    return {
        **asdict(conversation),
        "needs_met_at": conversation.needs_met_at(),
        "findings": asdict(findings),
    }
