"""Reviewing a hiring round: the ranked table (scores are advisory), each
candidate's transcripts with the evidence behind every score, reviewers'
decisions with their written reasons, exports, and the audit log. Every view,
export and decision is appended to the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer_api.storage.models import (
    AssessmentRound,
    AuditEntry,
    Candidate,
    CandidateObservation,
    Decision,
    PracticeSession,
)
from trainer_api.usecases.assessments import (
    audit,
    round_view,
    staff_label,
    visible_candidate,
    visible_round,
)
from trainer_api.usecases.people import Viewer
from trainer_api.usecases.refusal import Kind, Refused
from trainer_api.usecases.spreadsheet import csv_text

DECISIONS = ("advance", "hold", "reject")
MIN_REASON = 15


def decide(
    db: Session,
    reviewer: Viewer,
    candidate_id: int,
    decision: str,
    reason: str,
) -> Decision:
    """A reviewer's decision, with the reason they write (a score alone never
    decides: the reason is required and is the reviewer's own)."""
    candidate = visible_candidate(db, reviewer, candidate_id)
    clean = " ".join(reason.split())
    if decision not in DECISIONS:
        raise Refused(
            Kind.INVALID,
            "invalid_decision",
            "A decision is one of {decisions}.",
            decisions=", ".join(DECISIONS),
        )
    if len(clean) < MIN_REASON or len(clean) > 4000:
        raise Refused(
            Kind.INVALID,
            "reason_required",
            "Write the reason for your decision ({least} to {most} "
            "characters): what in the conversation led you to it.",
            least=MIN_REASON,
            most=4000,
        )
    made = Decision(
        candidate_id=candidate.id,
        reviewer_id=reviewer.id,
        decision=decision,
        reason=clean,
    )
    db.add(made)
    db.flush()
    audit(
        db,
        staff_label(reviewer),
        "decide",
        round_id=candidate.round_id,
        subject=candidate.pseudonym,
        decision=decision,
    )
    return made


def outcome_of(round_: AssessmentRound, decisions: list[Decision]) -> str:
    """The candidate's standing: pending until enough reviewers (two when the
    round asks for a second review) agree on their latest decisions."""
    latest: dict[int, str] = {}
    for decision in sorted(decisions, key=lambda d: (d.created_at, d.id)):
        latest[decision.reviewer_id] = decision.decision
    needed = 2 if round_.second_review else 1
    if len(latest) < needed:
        return "awaiting_second_review" if latest else "pending"
    values = set(latest.values())
    return values.pop() if len(values) == 1 else "reviewers_disagree"


def _sessions_of(db: Session, candidate: Candidate) -> list[PracticeSession]:
    if candidate.user_id is None:
        return []
    return list(
        db.scalars(
            select(PracticeSession)
            .where(
                PracticeSession.learner_id == candidate.user_id,
                PracticeSession.round_scenario_id.is_not(None),
            )
            .order_by(PracticeSession.started_at)
        )
    )


def _decisions_of(db: Session, candidate: Candidate) -> list[Decision]:
    return list(
        db.scalars(
            select(Decision)
            .where(Decision.candidate_id == candidate.id)
            .order_by(Decision.created_at, Decision.id)
        )
    )


def candidate_row(db: Session, candidate: Candidate) -> dict[str, Any]:
    """One candidate's line of the ranked table (scores are advisory)."""
    from trainer_api.usecases import serializers

    sessions = _sessions_of(db, candidate)
    views = [serializers.session_view(s, reviewer=True) for s in sessions]
    scores = [v["conversation_score"] for v in views if v["conversation_score"]]
    score = round(sum(s["score"] for s in scores) / len(scores)) if scores else None
    dimensions = (
        {
            d: round(sum(s["dimensions"][d] for s in scores) / len(scores))
            for d in scores[0]["dimensions"]
        }
        if scores
        else {}
    )
    taken = sum(
        ((s.ended_at or s.started_at) - s.started_at).total_seconds() for s in sessions
    )
    decisions = _decisions_of(db, candidate)
    return {
        "id": candidate.id,
        "pseudonym": candidate.pseudonym,
        "name": candidate.name,
        "email": candidate.email,
        "consent": candidate.consent,
        "sessions": [v["id"] for v in views],
        "outcomes": [v["status"] for v in views],
        "finished": bool(views) and all(v["status"] != "active" for v in views),
        "score": score,
        "dimensions": dimensions,
        "above_pass_mark": None
        if score is None
        else score >= candidate.round.pass_mark,
        "minutes_taken": round(taken / 60, 1),
        "attempts_allowed": candidate.attempts_allowed,
        "decisions": [
            {
                "reviewer": d.reviewer.username,
                "decision": d.decision,
                "reason": d.reason,
                "at": d.created_at.isoformat(),
            }
            for d in decisions
        ],
        "standing": _standing(candidate, views, decisions),
        "observations": observations_of(db, candidate.id),
    }


def _standing(
    candidate: Candidate, views: list[dict[str, Any]], decisions: list[Decision]
) -> str:
    if decisions:
        return outcome_of(candidate.round, decisions)
    if candidate.consent == "declined":
        return "declined"
    if not views:
        return "not_started"
    if any(v["status"] == "active" for v in views):
        return "in_progress"
    return "pending"


def results(db: Session, hr: Viewer, round_id: int) -> dict[str, Any]:
    """The round's candidates ranked by conversation score (advisory), with
    their sub-scores, outcomes, time taken and reviewers' decisions."""
    round_ = visible_round(db, hr, round_id)
    candidates = db.scalars(select(Candidate).where(Candidate.round_id == round_.id))
    rows = [candidate_row(db, c) for c in candidates]
    rows.sort(key=lambda r: (r["score"] is None, -(r["score"] or 0), r["pseudonym"]))
    audit(db, staff_label(hr), "view_results", round_id=round_.id)
    return {"round": round_view(db, round_), "candidates": rows}


def transcripts(db: Session, hr: Viewer, candidate_id: int) -> dict[str, Any]:
    """A candidate's conversations with the evidence behind every score."""
    from trainer_api.usecases import serializers

    candidate = visible_candidate(db, hr, candidate_id)
    audit(
        db,
        staff_label(hr),
        "view_transcript",
        round_id=candidate.round_id,
        subject=candidate.pseudonym,
    )
    return {
        "candidate": candidate_row(db, candidate),
        "conversations": [
            serializers.transcript_view(s, reviewer=True)
            for s in _sessions_of(db, candidate)
        ],
    }


EXPORT_COLUMNS = (
    "pseudonym",
    "name",
    "email",
    "consent",
    "score",
    "above_pass_mark",
    "emotional_reaction",
    "interpretation",
    "exploration",
    "ownership",
    "resolution",
    "outcomes",
    "minutes_taken",
    "standing",
    "decisions",
)


def export(db: Session, hr: Viewer, round_id: int, fmt: str) -> str:
    """The round's candidates, scores, decisions and reasons as CSV or JSON
    (an empty round gives the headers only)."""
    import json

    table = results(db, hr, round_id)
    audit(db, staff_label(hr), "export", round_id=round_id, format=fmt)
    if fmt == "json":
        return json.dumps(table, ensure_ascii=False, indent=1)
    return csv_text(EXPORT_COLUMNS, (_export_row(r) for r in table["candidates"]))


def _export_row(row: dict[str, Any]) -> list[Any]:
    decisions = "; ".join(
        f"{d['at']} {d['reviewer']}: {d['decision']} ({d['reason']})"
        for d in row["decisions"]
    )
    return [
        row["pseudonym"],
        row["name"],
        row["email"],
        row["consent"],
        row["score"],
        row["above_pass_mark"],
        *(row["dimensions"].get(d) for d in EXPORT_COLUMNS[6:11]),
        " ".join(row["outcomes"]),
        row["minutes_taken"],
        row["standing"],
        decisions,
    ]


def audit_log(db: Session, hr: Viewer, round_id: int) -> list[dict[str, Any]]:
    visible_round(db, hr, round_id)
    entries = db.scalars(
        select(AuditEntry)
        .where(AuditEntry.round_id == round_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [
        {
            "at": e.at.isoformat(),
            "actor": e.actor,
            "action": e.action,
            "subject": e.subject,
            "details": e.details,
        }
        for e in entries
    ]


def observations_of(db: Session, candidate_id: int) -> list[dict[str, Any]]:
    return [
        {"text": o.text, "at": o.created_at.isoformat()}
        for o in db.scalars(
            select(CandidateObservation)
            .where(CandidateObservation.candidate_id == candidate_id)
            .order_by(CandidateObservation.created_at)
        )
    ]
